package io.qdranthybrid.crd.validation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 8Gi}, {@code 1e3}, {@code 1E}) with the
 * API server's grammar, so that a value it would reject is reported before it reaches a StatefulSet. Never
 * throws: whatever the text, the answer is a value or empty, because callers validate user input with it.
 */
public final class KubernetesQuantity {

    /** Number, then either an SI suffix (group 2) or a decimal exponent (group 3); a bare {@code E} is exa. */
    private static final Pattern GRAMMAR = Pattern.compile(
            "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$");

    /**
     * Largest decimal exponent accepted. No real quantity is near it, and a value like {@code 1e999999999} would
     * make later arithmetic on it (e.g. {@code toBigInteger}) allocate gigabytes.
     */
    static final int MAX_EXPONENT = 1000;

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1024L)),
            Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024)),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private KubernetesQuantity() {
    }

    /** The quantity in base units (cores, bytes); empty when the text is not a valid quantity. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = GRAMMAR.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix != null) {
            return Optional.of(number.multiply(SUFFIXES.get(suffix)));
        }
        String exponent = m.group(3);
        if (exponent == null) {
            return Optional.of(number);
        }
        return decimalExponent(exponent).map(number::scaleByPowerOfTen);
    }

    private static Optional<Integer> decimalExponent(String text) {
        try {
            int exponent = Integer.parseInt(text);
            return Math.abs((long) exponent) <= MAX_EXPONENT ? Optional.of(exponent) : Optional.empty();
        } catch (NumberFormatException tooManyDigits) {
            return Optional.empty();
        }
    }
}
