package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.harness.cluster.ClusterCrds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VolumeSnapshot CRD's validation rules as kubernetes-csi/external-snapshotter ships them
 * (client/config/crd/snapshot.storage.k8s.io_volumesnapshots.yaml): a source field once set stays set, and a
 * snapshot class name is never empty, each refused with 422 at the field the rule sits on.
 */
class SnapshotCrdRulesConformanceTest {

  private static final String SNAPSHOTS = "/apis/snapshot.storage.k8s.io/v1/namespaces/test/volumesnapshots";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(ClusterCrds.volumeSnapshots());

  private RawHttp.Reply create(String name, String spec) {
    return fixture.http().send("POST", SNAPSHOTS, "application/json", "{\"apiVersion\":\"snapshot.storage.k8s.io/v1\","
        + "\"kind\":\"VolumeSnapshot\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}");
  }

  private static List<String> causes(JsonNode status) {
    List<String> causes = new ArrayList<>();
    status.path("details").path("causes").forEach(c -> causes.add(c.path("field").asText() + "|"
        + c.path("message").asText()));
    return causes;
  }

  @Test
  void anEmptySnapshotClassNameIsRefusedAtThatField() {
    RawHttp.Reply reply = create("s", "{\"volumeSnapshotClassName\":\"\",\"source\":{\"persistentVolumeClaimName\":"
        + "\"data\"}}");

    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.body().path("message").asText()).isEqualTo("VolumeSnapshot.snapshot.storage.k8s.io \"s\" is "
        + "invalid: spec.volumeSnapshotClassName: Invalid value: \"string\": volumeSnapshotClassName must not be the "
        + "empty string when set");
  }

  @Test
  void aSourceOnceSetCannotBeSwappedForTheOther() {
    assertThat(create("s", "{\"source\":{\"persistentVolumeClaimName\":\"data\"}}").code()).isEqualTo(201);

    RawHttp.Reply swapped = fixture.http().send("PATCH", SNAPSHOTS + "/s", "application/json-patch+json",
        "[{\"op\":\"remove\",\"path\":\"/spec/source/persistentVolumeClaimName\"},"
            + "{\"op\":\"add\",\"path\":\"/spec/source/volumeSnapshotContentName\",\"value\":\"c\"}]");

    assertThat(swapped.code()).isEqualTo(422);
    assertThat(causes(swapped.body()))
        .containsExactly("spec.source|Invalid value: \"object\": persistentVolumeClaimName is required once set");
  }
}
