package io.qdranthybrid.platform.session;

/**
 * Text from a peer made fit for one log line: control characters (line breaks included) become '?', and anything past
 * {@value #MAX_CHARS} characters (or a given length) is cut, with the original length noted. Log injection and megabyte log lines need
 * nothing more than a Hello.
 */
final class LogSafe {

    static final int MAX_CHARS = 80;

    private LogSafe() {
    }

    static String shortForm(String text) {
        return shortForm(text, MAX_CHARS);
    }

    static String shortForm(String text, int maxChars) {
        if (text == null) {
            return "(none)";
        }
        int keep = Math.min(text.length(), maxChars);
        StringBuilder out = new StringBuilder(keep + 24);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        if (text.length() > keep) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
