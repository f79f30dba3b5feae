package io.qdranthybrid.harness.kube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code Warning} headers of the request being served on this thread (each request is dispatched on one
 * thread), so a write deep in {@link ObjectWrites} can warn without changing every signature on the way back.
 * Rendered as the real server does: {@code 299 - "<text>"} (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters,
 * RFC 7234 warn-code 299).
 */
final class ResponseWarnings {

  private static final ThreadLocal<Set<String>> CURRENT = ThreadLocal.withInitial(LinkedHashSet::new);

  private ResponseWarnings() {
  }

  /** Adds warnings for the current request; the same text is sent once. */
  static void add(List<String> texts) {
    CURRENT.get().addAll(texts);
  }

  /** Forgets warnings of an earlier request on this thread. */
  static void reset() {
    CURRENT.get().clear();
  }

  /** The header values for the current request, and forgets them. */
  static List<String> drain() {
    Set<String> texts = CURRENT.get();
    List<String> headers = new ArrayList<>(texts.size());
    for (String text : texts) {
      headers.add("299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    texts.clear();
    return headers;
  }
}
