package io.qdranthybrid.harness.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request URL of the Kubernetes API, split into what it addresses and its query parameters. */
sealed interface ApiPath {

  Map<String, String> query();

  default String param(String name) {
    return query().get(name);
  }

  default boolean flag(String name) {
    String value = query().get(name);
    return "true".equals(value) || "1".equals(value);
  }

  /** {@code /}, {@code /version}, {@code /api}, {@code /apis}, {@code /apis/group[/version]}, {@code /api/v1}. */
  record Discovery(String path, Map<String, String> query) implements ApiPath {
  }

  /** A collection, an object or one of its subresources. Namespace, name, subresource may be null. */
  record Resource(String group, String version, String plural, String namespace, String name, String subresource,
                  Map<String, String> query) implements ApiPath {
  }

  static ApiPath parse(String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : parseQuery(rawPath.substring(q + 1));
    String[] s = path.replaceAll("^/+|/+$", "").split("/");
    int base;
    String group;
    String version;
    if (s.length >= 2 && s[0].equals("api")) {
      group = "";
      version = s[1];
      base = 2;
    } else if (s.length >= 3 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      base = 3;
    } else {
      return new Discovery(path, query);
    }
    int rest = s.length - base;
    if (rest == 0) {
      return new Discovery(path, query);
    }
    // namespaces/{ns}/{plural}/... addresses namespaced objects; namespaces/{name}[/status] the namespace itself.
    if (s[base].equals("namespaces") && rest >= 3 && !isNamespaceSubresource(s, base, rest)) {
      return new Resource(group, version, s[base + 2], s[base + 1], rest >= 4 ? s[base + 3] : null,
          rest >= 5 ? s[base + 4] : null, query);
    }
    return new Resource(group, version, s[base], null, rest >= 2 ? s[base + 1] : null, rest >= 3 ? s[base + 2] : null,
        query);
  }

  private static boolean isNamespaceSubresource(String[] s, int base, int rest) {
    return rest == 3 && (s[base + 2].equals("status") || s[base + 2].equals("finalize"));
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> query = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(key, value);
    }
    return query;
  }
}
