package io.qdranthybrid.harness.kube.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string formats a CRD schema may declare and the real server checks (the {@code supportedFormats} of
 * k8s.io/apiextensions-apiserver/pkg/apiserver/validation/formats.go, checked by kube-openapi's strfmt registry).
 * Any other format, {@code int32}, {@code int64}, {@code float}, {@code double} and {@code int-or-string} among
 * them, is stripped from the schema there and so accepts anything here too.
 */
final class Formats {

  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID3 = Pattern.compile(
      "^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID4 = Pattern.compile(
      "^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID5 = Pattern.compile(
      "^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
  private static final Pattern IPV4 = Pattern.compile(
      "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");
  private static final Pattern HOSTNAME = Pattern.compile(
      "^([a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*\\.?$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern MAC = Pattern.compile(
      "^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$|^([0-9a-fA-F]{2}[:-]){7}[0-9a-fA-F]{2}$");
  private static final Pattern HEXCOLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGBCOLOR = Pattern.compile(
      "^rgb\\(\\s*\\d{1,3}%?\\s*,\\s*\\d{1,3}%?\\s*,\\s*\\d{1,3}%?\\s*\\)$");
  private static final Pattern DURATION = Pattern.compile(
      "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h|d|w))+$|^0$");
  private static final Pattern BSON_OBJECT_ID = Pattern.compile("^[0-9a-fA-F]{24}$");
  private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");

  private static final Map<String, Predicate<String>> CHECKS = Map.ofEntries(
      Map.entry("date-time", Formats::isDateTime),
      Map.entry("datetime", Formats::isDateTime),
      Map.entry("date", Formats::isDate),
      Map.entry("byte", Formats::isBase64),
      Map.entry("uuid", s -> UUID.matcher(s).matches()),
      Map.entry("uuid3", s -> UUID3.matcher(s).matches()),
      Map.entry("uuid4", s -> UUID4.matcher(s).matches()),
      Map.entry("uuid5", s -> UUID5.matcher(s).matches()),
      Map.entry("ipv4", s -> IPV4.matcher(s).matches()),
      Map.entry("ipv6", Formats::isIpv6),
      Map.entry("cidr", Formats::isCidr),
      Map.entry("hostname", s -> s.length() <= 255 && HOSTNAME.matcher(s).matches()),
      Map.entry("email", s -> EMAIL.matcher(s).matches()),
      Map.entry("uri", Formats::isUri),
      Map.entry("mac", s -> MAC.matcher(s).matches()),
      Map.entry("hexcolor", s -> HEXCOLOR.matcher(s).matches()),
      Map.entry("rgbcolor", s -> RGBCOLOR.matcher(s).matches()),
      Map.entry("duration", s -> DURATION.matcher(s).matches()),
      Map.entry("bsonobjectid", s -> BSON_OBJECT_ID.matcher(s).matches()),
      Map.entry("ssn", s -> SSN.matcher(s).matches()),
      Map.entry("password", s -> true));

  private Formats() {
  }

  /** Whether the format is one the real server checks. */
  static boolean checked(String format) {
    return CHECKS.containsKey(format);
  }

  /** Whether the string is valid for the format; unknown formats accept anything. */
  static boolean valid(String format, String value) {
    Predicate<String> check = CHECKS.get(format);
    return check == null || check.test(value);
  }

  private static boolean isDateTime(String value) {
    try {
      OffsetDateTime.parse(value.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isBase64(String value) {
    try {
      Base64.getDecoder().decode(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isIpv6(String value) {
    if (!IPV6.matcher(value).matches()) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = value.substring(0, slash);
    int bits;
    try {
      bits = Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (IPV4.matcher(address).matches()) {
      return bits >= 0 && bits <= 32;
    }
    return isIpv6(address) && bits >= 0 && bits <= 128;
  }

  private static boolean isUri(String value) {
    try {
      return new URI(value).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
