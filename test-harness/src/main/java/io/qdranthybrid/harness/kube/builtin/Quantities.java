package io.qdranthybrid.harness.kube.builtin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical form the real API server serialises a resource quantity in
 * (k8s.io/apimachinery/pkg/api/resource/quantity.go, {@code Quantity.String()} and {@code CanonicalizeBytes}):
 * the suffix family the value was written with (decimal SI, binary SI, decimal exponent) is kept; the value is
 * rounded up to milli precision; a binary-SI value that is not a whole number of bytes, or is within ±1024, is
 * written in decimal SI; then the largest suffix that keeps the mantissa a whole number is chosen. So
 * {@code 1000m} becomes {@code 1}, {@code 0.5} becomes {@code 500m}, {@code 1024Mi} becomes {@code 1Gi}.
 * fabric8's {@code Quantity} keeps the text it was given, hence this class.
 */
public final class Quantities {

  private static final Pattern QUANTITY = Pattern.compile("^([+-]?(?:\\d+\\.?\\d*|\\.\\d+))([a-zA-Z]*|[eE][+-]?\\d+)$");
  private static final Map<String, Integer> DECIMAL = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6,
      "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50,
      "Ei", 60);
  private static final String[] DECIMAL_SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  private Quantities() {
  }

  private record Parsed(BigDecimal value, Format format) {
  }

  /**
   * The value of a quantity at the API server's milli precision, e.g. 0.5 for {@code 500m}; throws
   * {@link IllegalArgumentException} when the text is not a quantity.
   */
  public static BigDecimal value(String text) {
    return parse(text).value();
  }

  private static Parsed parse(String text) {
    Matcher m = QUANTITY.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    BigDecimal value;
    Format format;
    if (BINARY.containsKey(suffix)) {
      value = number.multiply(new BigDecimal(BigInteger.TWO.pow(BINARY.get(suffix))));
      format = Format.BINARY_SI;
    } else if (DECIMAL.containsKey(suffix)) {
      value = number.scaleByPowerOfTen(DECIMAL.get(suffix));
      format = Format.DECIMAL_SI;
    } else if (suffix.startsWith("e") || suffix.startsWith("E")) {
      value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
      format = Format.DECIMAL_EXPONENT;
    } else {
      throw new IllegalArgumentException("unable to parse quantity's suffix");
    }
    // Quantities keep milli precision, rounding up (quantity.go: "rounded up to the nearest milli").
    return new Parsed(value.setScale(3, RoundingMode.CEILING), format);
  }

  /** The canonical text of a quantity; throws {@link IllegalArgumentException} when it is not one. */
  public static String canonical(String text) {
    Parsed parsed = parse(text);
    BigDecimal value = parsed.value();
    Format format = parsed.format();
    if (format == Format.BINARY_SI) {
      boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
      boolean whole = value.stripTrailingZeros().scale() <= 0;
      if (small || !whole) {
        format = Format.DECIMAL_SI;
      }
    }
    if (value.signum() == 0) {
      return "0";
    }
    return switch (format) {
      case BINARY_SI -> binary(value.toBigIntegerExact());
      case DECIMAL_SI -> decimal(value, false);
      case DECIMAL_EXPONENT -> decimal(value, true);
    };
  }

  private static String binary(BigInteger bytes) {
    BigInteger mantissa = bytes;
    int step = 0;
    BigInteger k = BigInteger.valueOf(1024);
    while (step < BINARY_SUFFIXES.length - 1 && mantissa.mod(k).signum() == 0) {
      mantissa = mantissa.divide(k);
      step++;
    }
    return mantissa + BINARY_SUFFIXES[step];
  }

  private static String decimal(BigDecimal value, boolean exponent) {
    int power = -3;
    BigDecimal mantissa = value.scaleByPowerOfTen(3);
    while (power < 18 && mantissa.remainder(BigDecimal.valueOf(1000)).signum() == 0) {
      mantissa = mantissa.divide(BigDecimal.valueOf(1000));
      power += 3;
    }
    String digits = mantissa.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
    if (exponent) {
      return power == 0 ? digits : digits + "e" + power;
    }
    return digits + DECIMAL_SUFFIXES[power / 3 + 1];
  }
}
