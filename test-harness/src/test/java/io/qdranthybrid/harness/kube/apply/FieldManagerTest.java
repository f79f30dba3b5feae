package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Apply of custom resources follows their CRD schema's {@code x-kubernetes-list-type} and
 * {@code x-kubernetes-map-type} (https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy).
 */
class FieldManagerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MergeRules RULES = new SchemaMergeRules(json("""
      {"type":"object","properties":{"spec":{"type":"object","properties":{
        "peers":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                 "items":{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"}}}},
        "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
        "args":{"type":"array","items":{"type":"string"}},
        "selector":{"type":"object","x-kubernetes-map-type":"atomic",
                    "additionalProperties":{"type":"string"}}}}}}
      """));

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ObjectNode apply(ObjectNode live, String config, String manager, boolean force) {
    return FieldManager.apply(live, json(config), new FieldManager.Request(manager, "", FieldManager.Scope.MAIN,
        "example.com/v1", "2026-01-01T00:00:00Z"), force, RULES);
  }

  private static JsonNode fieldsOf(ObjectNode object, String manager) {
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager)) {
        return entry.path("fieldsV1");
      }
    }
    return null;
  }

  @Test
  void mapListItemsOfTwoManagersAreMergedByKey() {
    ObjectNode first = apply(null, "{'spec':{'peers':[{'name':'a','size':1}]}}", "one", false);

    ObjectNode both = apply(first, "{'spec':{'peers':[{'name':'b','size':2}]}}", "two", false);

    assertThat(both.path("spec").path("peers")).hasSize(2);
    assertThat(fieldsOf(both, "one")).isEqualTo(json(
        "{'f:spec':{'f:peers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:name':{},'f:size':{}}}}}".replace("\\'", "\\\"")));
  }

  @Test
  void anAtomicListIsOneFieldThatConflictsAsAWhole() {
    ObjectNode first = apply(null, "{'spec':{'args':['x']}}", "one", false);

    assertThatThrownBy(() -> apply(first, "{'spec':{'args':['y']}}", "two", false))
        .isInstanceOf(ApplyConflictException.class)
        .hasMessage("Apply failed with 1 conflict: conflict with \"one\": .spec.args");
  }

  @Test
  void setItemsAreOwnedByValue() {
    ObjectNode first = apply(null, "{'spec':{'tags':['x']}}", "one", false);

    ObjectNode both = apply(first, "{'spec':{'tags':['y']}}", "two", false);

    assertThat(both.path("spec").path("tags")).hasSize(2);
    assertThat(fieldsOf(both, "two").path("f:spec").path("f:tags").has("v:\"y\"")).isTrue();
  }

  @Test
  void anAtomicMapIsReplacedAsAWhole() {
    ObjectNode first = apply(null, "{'spec':{'selector':{'a':'1','b':'2'}}}", "one", false);

    ObjectNode replaced = apply(first, "{'spec':{'selector':{'c':'3'}}}", "one", false);

    assertThat(replaced.path("spec").path("selector")).isEqualTo(json("{'c':'3'}"));
  }

  @Test
  void anItemTheManagerNoLongerAppliesIsRemoved() {
    ObjectNode first = apply(null, "{'spec':{'peers':[{'name':'a'},{'name':'b'}]}}", "one", false);

    ObjectNode next = apply(first, "{'spec':{'peers':[{'name':'a'}]}}", "one", false);

    assertThat(next.path("spec").path("peers")).hasSize(1);
  }

  @Test
  void anUpdateTakesOnlyTheFieldsItChangedFromTheirOwner() {
    ObjectNode created = json("{'metadata':{'name':'x','labels':{'app':'q','tier':'db'}},'spec':{"
        + "'peers':[{'name':'a','size':1},{'name':'b','size':2}],'tags':['t'],'selector':{'k':'v'}}}");
    FieldManager.recordUpdate(null, created, update("one"), RULES);
    ObjectNode updated = created.deepCopy();
    ((ObjectNode) updated.at("/spec/peers/1")).put("size", 3);
    ((ObjectNode) updated.at("/metadata/labels")).remove("tier");
    ((com.fasterxml.jackson.databind.node.ArrayNode) updated.at("/spec/tags")).add("u");

    FieldManager.recordUpdate(created, updated, update("two"), RULES);

    assertThat(fieldsOf(updated, "two")).isEqualTo(json(("{'f:spec':{'f:peers':{'k:{\\'name\\':\\'b\\'}':"
        + "{'f:size':{}}},'f:tags':{'v:\\'u\\'':{}}}}").replace("\\'", "\\\"")));
    // An Update owns the containers it created too ("."), as the real server records them.
    assertThat(fieldsOf(updated, "one")).isEqualTo(json(("{'f:metadata':{'.':{},'f:labels':{'.':{},'f:app':{}}},"
        + "'f:spec':{'.':{},'f:peers':{'.':{},'k:{\\'name\\':\\'a\\'}':{'.':{},'f:name':{},'f:size':{}},"
        + "'k:{\\'name\\':\\'b\\'}':{'.':{},'f:name':{}}},'f:selector':{},'f:tags':{'.':{},'v:\\'t\\'':{}}}}")
        .replace("\\'", "\\\"")));
  }

  private static FieldManager.Request update(String manager) {
    return new FieldManager.Request(manager, "", FieldManager.Scope.MAIN, "example.com/v1", "2026-01-01T00:00:00Z");
  }

  @Test
  void fieldsV1RoundTrips() {
    JsonNode fields = json("{'f:data':{'.':{},'f:a':{}},'f:spec':{'f:peers':{'k:{\\\"name\\\":\\\"a\\\"}':{'.':{},"
        + "'f:size':{}}}}}");

    assertThat(FieldSet.fromFieldsV1(fields).toFieldsV1()).isEqualTo(fields);
  }

  @Test
  void aStoredFieldSetReadOnDemandAnswersAsOneReadAtOnce() {
    JsonNode fields = json("{'f:data':{'.':{},'f:a':{}},'f:spec':{'f:peers':{'k:{\\\"name\\\":\\\"a\\\"}':{'.':{},"
        + "'f:size':{}}}}}");
    FieldSet eager = FieldSet.fromFieldsV1(fields);
    FieldSet onDemand = FieldSet.fromStoredFieldsV1(fields);
    FieldSet data = new FieldSet(java.util.List.of(FieldPath.of("data")));
    FieldSet dataA = new FieldSet(java.util.List.of(FieldPath.of("data", "a")));
    FieldSet unrelated = new FieldSet(java.util.List.of(FieldPath.of("status", "phase"), FieldPath.of("data", "b")));

    for (FieldSet other : java.util.List.of(data, dataA, unrelated, FieldSet.EMPTY, eager)) {
      assertThat(FieldSet.fromStoredFieldsV1(fields).minus(other)).isEqualTo(eager.minus(other));
      assertThat(FieldSet.fromStoredFieldsV1(fields).intersect(other)).isEqualTo(eager.intersect(other));
    }
    assertThat(onDemand.minus(unrelated)).isSameAs(onDemand); // nothing taken: written back as stored
    assertThat(onDemand.contains(FieldPath.of("data"))).isTrue();
    assertThat(onDemand.contains(FieldPath.of("spec"))).isFalse(); // only a parent of owned fields
    assertThat(onDemand.toFieldsV1()).isEqualTo(fields);
    assertThat(onDemand).isEqualTo(eager);
  }
}
