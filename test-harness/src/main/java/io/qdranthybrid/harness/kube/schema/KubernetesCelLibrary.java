package io.qdranthybrid.harness.kube.schema;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.qdranthybrid.harness.kube.builtin.Quantities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Kubernetes CEL libraries that cel-java lacks, as kube-apiserver offers them to {@code x-kubernetes-validations}
 * (k8s.io/apiserver/pkg/cel/library: lists.go, regex.go, urls.go, quantity.go; the "Kubernetes CEL libraries"
 * section of the CRD validation-rules docs): list {@code isSorted}, {@code sum}, {@code min}, {@code max},
 * {@code indexOf}, {@code lastIndexOf}; string {@code find}, {@code findAll}; {@code isURL}, {@code url} and its
 * getters; {@code isQuantity}, {@code quantity} and its arithmetic and comparisons. Strings, sets, math and optional
 * come from cel-java's own extensions. Not here: IP, CIDR, format, semver, authz.
 */
final class KubernetesCelLibrary {

  private static final CelType DYN_LIST = ListType.create(SimpleType.DYN);
  private static final CelType STRING_LIST = ListType.create(SimpleType.STRING);
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  /** A parsed {@code url(...)}: Go's url.URL fields the getters read. */
  record Url(URI uri) {
  }

  /** A {@code quantity(...)} at the API server's milli precision; equal when the amounts are. */
  record Quantity(BigDecimal amount) {
    Quantity {
      amount = amount.stripTrailingZeros();
    }
  }

  private KubernetesCelLibrary() {
  }

  static List<CelFunctionDecl> declarations() {
    return List.of(
        member("isSorted", SimpleType.BOOL, DYN_LIST),
        member("sum", SimpleType.DYN, DYN_LIST),
        member("min", SimpleType.DYN, DYN_LIST),
        member("max", SimpleType.DYN, DYN_LIST),
        member("indexOf", SimpleType.INT, DYN_LIST, SimpleType.DYN),
        member("lastIndexOf", SimpleType.INT, DYN_LIST, SimpleType.DYN),
        member("find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING),
        CelFunctionDecl.newFunctionDeclaration("findAll",
            CelOverloadDecl.newMemberOverload("string_find_all", STRING_LIST, SimpleType.STRING, SimpleType.STRING),
            CelOverloadDecl.newMemberOverload("string_find_all_n", STRING_LIST, SimpleType.STRING, SimpleType.STRING,
                SimpleType.INT)),
        global("isURL", SimpleType.BOOL, SimpleType.STRING),
        global("url", URL, SimpleType.STRING),
        member("getScheme", SimpleType.STRING, URL),
        member("getHost", SimpleType.STRING, URL),
        member("getHostname", SimpleType.STRING, URL),
        member("getPort", SimpleType.STRING, URL),
        member("getEscapedPath", SimpleType.STRING, URL),
        member("getQuery", MapType.create(SimpleType.STRING, STRING_LIST), URL),
        global("isQuantity", SimpleType.BOOL, SimpleType.STRING),
        global("quantity", QUANTITY, SimpleType.STRING),
        member("isInteger", SimpleType.BOOL, QUANTITY),
        member("asInteger", SimpleType.INT, QUANTITY),
        member("asApproximateFloat", SimpleType.DOUBLE, QUANTITY),
        member("sign", SimpleType.INT, QUANTITY),
        member("compareTo", SimpleType.INT, QUANTITY, QUANTITY),
        member("isGreaterThan", SimpleType.BOOL, QUANTITY, QUANTITY),
        member("isLessThan", SimpleType.BOOL, QUANTITY, QUANTITY),
        CelFunctionDecl.newFunctionDeclaration("add",
            CelOverloadDecl.newMemberOverload("quantity_add", QUANTITY, QUANTITY, QUANTITY),
            CelOverloadDecl.newMemberOverload("quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT)),
        CelFunctionDecl.newFunctionDeclaration("sub",
            CelOverloadDecl.newMemberOverload("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
            CelOverloadDecl.newMemberOverload("quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("list_isSorted", List.class, KubernetesCelLibrary::isSorted),
        CelFunctionBinding.from("list_sum", List.class, KubernetesCelLibrary::sum),
        CelFunctionBinding.from("list_min", List.class, list -> extreme(list, -1, "min")),
        CelFunctionBinding.from("list_max", List.class, list -> extreme(list, 1, "max")),
        CelFunctionBinding.from("list_indexOf", List.class, Object.class, (list, x) -> (long) indexOf(list, x)),
        CelFunctionBinding.from("list_lastIndexOf", List.class, Object.class,
            (list, x) -> (long) lastIndexOf(list, x)),
        CelFunctionBinding.from("string_find", String.class, String.class, (s, regex) -> {
          Matcher m = regex(regex).matcher(s);
          return m.find() ? m.group() : "";
        }),
        CelFunctionBinding.from("string_find_all", String.class, String.class, (s, regex) -> findAll(s, regex, -1)),
        CelFunctionBinding.from("string_find_all_n", List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])),
        CelFunctionBinding.from("global_isURL", String.class, s -> parseUrl(s) != null),
        CelFunctionBinding.from("global_url", String.class, KubernetesCelLibrary::url),
        CelFunctionBinding.from("URL_getScheme", Url.class, u -> nonNull(u.uri().getScheme())),
        CelFunctionBinding.from("URL_getHost", Url.class, u -> nonNull(u.uri().getRawAuthority())
            .replaceFirst("^[^@]*@", "")),
        CelFunctionBinding.from("URL_getHostname", Url.class, u -> nonNull(u.uri().getHost())
            .replaceAll("^\\[|]$", "")),
        CelFunctionBinding.from("URL_getPort", Url.class, u -> u.uri().getPort() < 0 ? ""
            : Integer.toString(u.uri().getPort())),
        CelFunctionBinding.from("URL_getEscapedPath", Url.class, u -> nonNull(u.uri().getRawPath())),
        CelFunctionBinding.from("URL_getQuery", Url.class, KubernetesCelLibrary::query),
        CelFunctionBinding.from("global_isQuantity", String.class, s -> parseQuantity(s) != null),
        CelFunctionBinding.from("global_quantity", String.class, KubernetesCelLibrary::quantity),
        CelFunctionBinding.from("Quantity_isInteger", Quantity.class, q -> isInteger(q)),
        CelFunctionBinding.from("Quantity_asInteger", Quantity.class, KubernetesCelLibrary::asInteger),
        CelFunctionBinding.from("Quantity_asApproximateFloat", Quantity.class, q -> q.amount().doubleValue()),
        CelFunctionBinding.from("Quantity_sign", Quantity.class, q -> (long) q.amount().signum()),
        CelFunctionBinding.from("Quantity_compareTo", Quantity.class, Quantity.class,
            (a, b) -> (long) Integer.signum(a.amount().compareTo(b.amount()))),
        CelFunctionBinding.from("Quantity_isGreaterThan", Quantity.class, Quantity.class,
            (a, b) -> a.amount().compareTo(b.amount()) > 0),
        CelFunctionBinding.from("Quantity_isLessThan", Quantity.class, Quantity.class,
            (a, b) -> a.amount().compareTo(b.amount()) < 0),
        CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class,
            (a, b) -> new Quantity(a.amount().add(b.amount()))),
        CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class,
            (a, b) -> new Quantity(a.amount().add(BigDecimal.valueOf(b)))),
        CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class,
            (a, b) -> new Quantity(a.amount().subtract(b.amount()))),
        CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class,
            (a, b) -> new Quantity(a.amount().subtract(BigDecimal.valueOf(b)))));
  }

  /** Member overload ids follow {@code <receiver>_<function>}, as the bindings above name them. */
  private static CelFunctionDecl member(String name, CelType result, CelType receiver, CelType... args) {
    String prefix = receiver instanceof ListType ? "list" : receiver == SimpleType.STRING ? "string"
        : receiver == URL ? "URL" : "Quantity";
    List<CelType> all = new ArrayList<>();
    all.add(receiver);
    all.addAll(List.of(args));
    return CelFunctionDecl.newFunctionDeclaration(name,
        CelOverloadDecl.newMemberOverload(prefix + "_" + name, result, all));
  }

  private static CelFunctionDecl global(String name, CelType result, CelType arg) {
    return CelFunctionDecl.newFunctionDeclaration(name,
        CelOverloadDecl.newGlobalOverload("global_" + name, result, arg));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object isSorted(List list) throws CelEvaluationException {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<?> list) throws CelEvaluationException {
    if (list.isEmpty()) {
      return 0L;
    }
    if (list.stream().allMatch(Long.class::isInstance)) {
      long total = 0;
      for (Object item : list) {
        total = Math.addExact(total, (Long) item);
      }
      return total;
    }
    if (list.stream().allMatch(Double.class::isInstance)) {
      return list.stream().mapToDouble(Double.class::cast).sum();
    }
    throw new CelEvaluationException("sum called on a list that is not all int or all double: " + list);
  }

  private static Object extreme(List<?> list, int sign, String name) throws CelEvaluationException {
    if (list.isEmpty()) {
      throw new CelEvaluationException(name + " called on empty list");
    }
    Object best = list.get(0);
    for (Object item : list) {
      if (sign * compare(item, best) > 0) {
        best = item;
      }
    }
    return best;
  }

  private static int indexOf(List<?> list, Object x) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equals(x)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<?> list, Object x) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).equals(x)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable x && a.getClass().equals(b.getClass())) {
      return x.compareTo(b);
    }
    throw new CelEvaluationException("no such overload: cannot compare " + a + " and " + b);
  }

  private static Pattern regex(String regex) throws CelEvaluationException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException("Regex compilation error: " + e.getDescription());
    }
  }

  private static List<String> findAll(String s, String regex, long limit) throws CelEvaluationException {
    List<String> found = new ArrayList<>();
    Matcher m = regex(regex).matcher(s);
    while ((limit < 0 || found.size() < limit) && m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** Go's url.ParseRequestURI, as isURL uses it: an absolute URL or an absolute path, no fragment. */
  private static URI parseUrl(String s) {
    try {
      URI uri = new URI(s);
      boolean absolute = uri.getScheme() != null || s.startsWith("/");
      return absolute && uri.getRawFragment() == null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static Url url(String s) throws CelEvaluationException {
    URI uri = parseUrl(s);
    if (uri == null) {
      throw new CelEvaluationException("URL parse error during conversion from string: " + s);
    }
    return new Url(uri);
  }

  private static Map<String, List<String>> query(Url url) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = url.uri().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static BigDecimal parseQuantity(String s) {
    try {
      return Quantities.value(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Quantity quantity(String s) throws CelEvaluationException {
    BigDecimal amount = parseQuantity(s);
    if (amount == null) {
      throw new CelEvaluationException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    return new Quantity(amount);
  }

  private static boolean isInteger(Quantity q) {
    return q.amount().stripTrailingZeros().scale() <= 0
        && q.amount().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
  }

  private static long asInteger(Quantity q) throws CelEvaluationException {
    if (!isInteger(q)) {
      throw new CelEvaluationException("cannot convert value to integer");
    }
    return q.amount().setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }
}
