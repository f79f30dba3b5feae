package io.qdranthybrid.protocol.message;

import java.util.regex.Pattern;

/**
 * What an environment id may look like on the wire: 1 to 128 letters, digits, '.', '_' and '-', starting with a letter
 * or digit (a UUID fits). An id arrives in the Hello before anything is authenticated, so its shape is checked where it
 * is read; it can then name a file or a log line without escaping.
 */
public final class EnvironmentIds {

    public static final int MAX_LENGTH = 128;
    public static final String RULE = "1-" + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private EnvironmentIds() {
    }

    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    /** @throws IllegalArgumentException without echoing the id (it may be megabytes of anything) */
    public static String require(String id, String field) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(field + " must be " + RULE);
        }
        return id;
    }
}
