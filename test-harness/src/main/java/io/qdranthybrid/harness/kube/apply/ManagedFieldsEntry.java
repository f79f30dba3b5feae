package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of {@code metadata.managedFields}: the fields a manager owns through one operation on one
 * subresource (k8s.io/apimachinery/pkg/apis/meta/v1/types.go ManagedFieldsEntry). {@code subresource} is empty for
 * the main resource.
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time,
                                 String subresource, FieldSet fields) {

  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  /** Entries are identified by manager, operation and subresource: one entry each. */
  public boolean sameOwner(String otherManager, String otherOperation, String otherSubresource) {
    return manager.equals(otherManager) && operation.equals(otherOperation) && subresource.equals(otherSubresource);
  }

  public ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, newFields);
  }

  /** How conflict messages name the owner (k8s.io/apiserver/.../fieldmanager/internal/conflict.go printManager). */
  public String describe() {
    String name = "\"" + manager + "\"" + (subresource.isEmpty() ? "" : " with subresource \"" + subresource + "\"");
    if (operation.equals(UPDATE)) {
      return name + " using " + apiVersion + (time.isEmpty() ? "" : " at " + time);
    }
    return name;
  }

  /** Reads {@code metadata.managedFields}; throws {@link IllegalArgumentException} when an entry is malformed. */
  public static List<ManagedFieldsEntry> read(JsonNode managedFields) {
    return read(managedFields, false);
  }

  /**
   * Reads {@code metadata.managedFields} of an object as this server stored it: the entries' field sets are decoded
   * only when a write needs them (most writes touch one manager's entry and leave the others as they are).
   */
  public static List<ManagedFieldsEntry> readStored(JsonNode managedFields) {
    return read(managedFields, true);
  }

  private static List<ManagedFieldsEntry> read(JsonNode managedFields, boolean stored) {
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (managedFields == null || managedFields.isNull() || managedFields.isMissingNode()) {
      return entries;
    }
    if (!managedFields.isArray()) {
      throw new IllegalArgumentException("metadata.managedFields must be a list");
    }
    for (JsonNode entry : managedFields) {
      String operation = entry.path("operation").asText("");
      if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
        throw new IllegalArgumentException("managedFields operation \"" + operation + "\" is neither Apply nor Update");
      }
      String fieldsType = entry.path("fieldsType").asText("FieldsV1");
      if (!fieldsType.equals("FieldsV1")) {
        throw new IllegalArgumentException("managedFields fieldsType \"" + fieldsType + "\" is not FieldsV1");
      }
      entries.add(new ManagedFieldsEntry(entry.path("manager").asText(""), operation,
          entry.path("apiVersion").asText(""), entry.path("time").asText(""), entry.path("subresource").asText(""),
          stored ? FieldSet.fromStoredFieldsV1(entry.get("fieldsV1")) : FieldSet.fromFieldsV1(entry.get("fieldsV1"))));
    }
    return entries;
  }

  /** Renders entries as the real server orders them: Apply before Update, then oldest first, then by manager. */
  public static ArrayNode render(List<ManagedFieldsEntry> entries) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    entries.stream().filter(e -> !e.fields().isEmpty())
        .sorted(Comparator.comparing(ManagedFieldsEntry::operation).thenComparing(ManagedFieldsEntry::time)
            .thenComparing(ManagedFieldsEntry::manager))
        .forEach(e -> {
          ObjectNode node = out.addObject().put("manager", e.manager()).put("operation", e.operation())
              .put("apiVersion", e.apiVersion());
          if (!e.time().isEmpty()) {
            node.put("time", e.time());
          }
          node.put("fieldsType", "FieldsV1").set("fieldsV1", e.fields().toFieldsV1());
          if (!e.subresource().isEmpty()) {
            node.put("subresource", e.subresource());
          }
        });
    return out;
  }
}
