package io.qdranthybrid.harness.kube;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One chunk of a paginated list ({@code limit} and {@code continue}). The continue token carries the
 * resourceVersion of the first chunk and the last key returned; once history is compacted past that
 * resourceVersion the token expires with 410, as with the real API server.
 *
 * @param items          the objects of this chunk
 * @param continueToken  token for the next chunk, null on the last one
 * @param remaining      objects after this chunk
 * @param resourceVersion resourceVersion the list reports (that of the first chunk)
 */
record ListPage(List<StoredObject> items, String continueToken, int remaining, long resourceVersion) {

  static final String EXPIRED_MESSAGE = "The provided continue parameter is too old to display a consistent list "
      + "result. You can start a new list without the continue parameter.";

  /** Where a chunk ended: first chunk's resourceVersion plus the namespace and name of the last item. */
  record ContinueToken(long resourceVersion, String namespace, String name) {

    String encode() {
      String raw = resourceVersion + "/" + namespace + "/" + name;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", 3);
        return new ContinueToken(Long.parseLong(parts[0]), parts[1], parts[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw ApiException.badRequest("continue token \"" + token + "\" is not valid: " + e.getMessage());
      }
    }

    boolean isBefore(StoredObject object) {
      int byNamespace = namespace.compareTo(object.namespace());
      return byNamespace < 0 || byNamespace == 0 && name.compareTo(object.name()) < 0;
    }
  }

  /** Cuts the sorted listing into the chunk the request asks for; limit 0 means everything. */
  static ListPage of(ObjectStore.Listing listing, int limit, ContinueToken after) {
    List<StoredObject> all = listing.items();
    int start = 0;
    if (after != null) {
      while (start < all.size() && !after.isBefore(all.get(start))) {
        start++;
      }
    }
    long resourceVersion = after != null ? after.resourceVersion() : listing.resourceVersion();
    int end = limit > 0 ? Math.min(all.size(), start + limit) : all.size();
    List<StoredObject> chunk = all.subList(start, end);
    String token = null;
    if (end < all.size() && !chunk.isEmpty()) {
      StoredObject last = chunk.get(chunk.size() - 1);
      token = new ContinueToken(resourceVersion, last.namespace(), last.name()).encode();
    }
    return new ListPage(chunk, token, all.size() - end, resourceVersion);
  }
}
