package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side printing: what kube-apiserver answers when a client (kubectl get) asks for
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. Custom kinds get a Name column and their CRD's
 * {@code additionalPrinterColumns} (apiextensions-apiserver pkg/registry/customresource/tableconvertor), or Name and
 * Age when it declares none; built-in kinds get Name and Age (a reduction of their real printers).
 */
final class TableView {

  private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
      + "resources, although some resources may allow a client to request the generation of an appropriate name "
      + "automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be "
      + "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  private static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when "
      + "this object was created.";

  /** One column: its definition as sent, and where its cells come from. */
  private record Column(String name, String type, String format, String description, int priority,
                        PrinterColumnPath path) {
  }

  private final List<Column> columns;
  private final Clock clock;

  private TableView(List<Column> columns, Clock clock) {
    this.columns = columns;
    this.clock = clock;
  }

  /** Whether an Accept header asks for a Table (kubectl get sends it with a plain JSON fallback). */
  static boolean requested(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static TableView of(ResourceTypes types, ResourceType type) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", "name", NAME_DESCRIPTION, 0, PrinterColumnPath.parse(".metadata.name")));
    JsonNode printerColumns = types.crdVersion(type).map(v -> v.path("additionalPrinterColumns")).orElse(null);
    if (printerColumns != null && printerColumns.isArray() && !printerColumns.isEmpty()) {
      for (JsonNode c : printerColumns) {
        columns.add(new Column(c.path("name").asText(), c.path("type").asText("string"), c.path("format").asText(""),
            c.path("description").asText(""), c.path("priority").asInt(0), PrinterColumnPath.parse(c.path("jsonPath")
                .asText())));
      }
    } else {
      columns.add(new Column("Age", "date", "", AGE_DESCRIPTION, 0,
          PrinterColumnPath.parse(".metadata.creationTimestamp")));
    }
    return new TableView(List.copyOf(columns), Clock.systemUTC());
  }

  /**
   * A {@code meta.k8s.io/v1} Table of {@code objects}; {@code withColumns} false leaves out the column definitions
   * (watch events after the first); {@code includeObject} is the request's parameter (None, Object or the default
   * PartialObjectMetadata).
   */
  ObjectNode table(ObjectMapper mapper, List<JsonNode> objects, String resourceVersion, String continueToken,
                   boolean withColumns, String includeObject) {
    ObjectNode table = mapper.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null) {
      metadata.put("continue", continueToken);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    if (withColumns) {
      for (Column c : columns) {
        definitions.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
            .put("description", c.description()).put("priority", c.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        cells.add(cell(c, object));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", object);
      } else if (!"None".equals(includeObject)) {
        ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
            .put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
      }
    }
    return table;
  }

  private JsonNode cell(Column column, JsonNode object) {
    List<JsonNode> found = column.path().find(object);
    if (found.isEmpty()) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    JsonNode value = found.get(0);
    return switch (column.type()) {
      case "date" -> com.fasterxml.jackson.databind.node.TextNode.valueOf(age(value.asText()));
      case "integer", "number", "boolean" -> value;
      default -> com.fasterxml.jackson.databind.node.TextNode.valueOf(value.isValueNode() ? value.asText()
          : value.toString());
    };
  }

  private String age(String timestamp) {
    try {
      return HumanDuration.of(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
