package io.qdranthybrid.harness.kube;

import io.qdranthybrid.harness.runtime.ContainerLog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET /api/v1/namespaces/{ns}/pods/{name}/log} (core/v1 PodLogOptions), validated as the API
 * server does, and the rule that turns a container's log lines into the response body as the kubelet reads it.
 *
 * @param sinceTime null when not asked; {@code sinceSeconds} is turned into one at parse time
 * @param tailLines null for every line
 * @param limitBytes null for no limit
 */
record PodLogOptions(String container, boolean previous, boolean timestamps, Instant sinceTime, Long tailLines,
                     Long limitBytes) {

    /** RFC 3339 with nanoseconds, the format {@code timestamps=true} prefixes each line with (kubelet logs.go). */
    static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * Parses and validates like {@code ValidatePodLogOptions} (pkg/apis/core/validation/validation.go): a failure is
     * 422 Invalid for kind PodLogOptions, as pkg/registry/core/pod/rest/log.go returns it. {@code follow=true} is
     * refused with 400: this simulation serves a log once and does not stream it.
     */
    static PodLogOptions parse(String pod, Map<String, String> query, Instant now) {
        if (flag(query, "follow")) {
            throw ApiException.badRequest("follow=true is not supported by the simulated API server; read the log "
                    + "again instead of following it");
        }
        List<String> errors = new ArrayList<>();
        Long tailLines = number(query, "tailLines", errors);
        Long limitBytes = number(query, "limitBytes", errors);
        Long sinceSeconds = number(query, "sinceSeconds", errors);
        Instant sinceTime = null;
        String sinceTimeText = query.get("sinceTime");
        if (sinceTimeText != null && !sinceTimeText.isEmpty()) {
            try {
                sinceTime = Instant.parse(sinceTimeText);
            } catch (DateTimeParseException e) {
                errors.add("sinceTime: Invalid value: \"" + sinceTimeText + "\": must be an RFC 3339 time");
            }
        }
        if (tailLines != null && tailLines < 0) {
            errors.add("tailLines: Invalid value: " + tailLines + ": must be greater than or equal to 0");
        }
        if (limitBytes != null && limitBytes < 1) {
            errors.add("limitBytes: Invalid value: " + limitBytes + ": must be greater than 0");
        }
        if (sinceSeconds != null && sinceTimeText != null && !sinceTimeText.isEmpty()) {
            errors.add("sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified");
        } else if (sinceSeconds != null && sinceSeconds < 1) {
            errors.add("sinceSeconds: Invalid value: " + sinceSeconds + ": must be greater than 0");
        } else if (sinceSeconds != null) {
            sinceTime = now.minusSeconds(sinceSeconds);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "Invalid", "PodLogOptions \"" + pod + "\" is invalid: " + String.join(", ", errors),
                    null, null, null);
        }
        String container = query.get("container");
        return new PodLogOptions(container == null || container.isEmpty() ? null : container, flag(query, "previous"),
                flag(query, "timestamps"), sinceTime, tailLines, limitBytes);
    }

    /**
     * The body the kubelet writes for these lines (pkg/kubelet/kuberuntime/logs/logs.go ReadLogs): lines since
     * {@code sinceTime}, then the last {@code tailLines} of them, each optionally prefixed with its timestamp, the
     * whole cut after {@code limitBytes} bytes.
     */
    String render(List<ContainerLog.Line> lines) {
        List<ContainerLog.Line> selected = sinceTime == null ? lines
                : lines.stream().filter(line -> !line.at().isBefore(sinceTime)).toList();
        if (tailLines != null && selected.size() > tailLines) {
            selected = selected.subList(selected.size() - tailLines.intValue(), selected.size());
        }
        StringBuilder body = new StringBuilder();
        for (ContainerLog.Line line : selected) {
            if (timestamps) {
                body.append(RFC3339_NANO.format(line.at())).append(' ');
            }
            body.append(line.text()).append('\n');
        }
        return limitBytes == null ? body.toString() : cutAfterBytes(body.toString(), limitBytes);
    }

    /** The longest prefix of at most {@code limit} UTF-8 bytes that does not split a character. */
    static String cutAfterBytes(String text, long limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= limit) {
            return text;
        }
        int end = (int) limit;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // a continuation byte: the character started earlier
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean flag(Map<String, String> query, String name) {
        String value = query.get(name);
        return "true".equals(value) || "1".equals(value);
    }

    private static Long number(Map<String, String> query, String name, List<String> errors) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            errors.add(name + ": Invalid value: \"" + value + "\": must be an integer");
            return null;
        }
    }
}
