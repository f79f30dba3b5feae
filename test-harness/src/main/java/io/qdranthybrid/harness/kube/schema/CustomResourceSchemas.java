package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled schemas by CRD name, recompiled only when the CRD's spec changes (its uid or generation), never per
 * request: a CRD's schema and CEL programs are compiled once and reused by every write.
 */
public final class CustomResourceSchemas {

  private record Entry(String key, CustomResourceSchema schema) {
  }

  private final Map<String, Entry> byName = new ConcurrentHashMap<>();

  /** The compiled form of this CRD (as stored, JSON), compiling it when it is new or has changed. */
  public CustomResourceSchema of(JsonNode crd) {
    JsonNode metadata = crd.path("metadata");
    String name = metadata.path("name").asText();
    String key = metadata.path("uid").asText() + "/" + metadata.path("generation").asText();
    Entry entry = byName.get(name);
    if (entry == null || !entry.key().equals(key)) {
      entry = new Entry(key, CustomResourceSchema.compile(crd));
      byName.put(name, entry);
    }
    return entry.schema();
  }
}
