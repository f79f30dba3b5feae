package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.reconcile.DesiredStateMatch;

/** Pod templates compared the way the applier compares objects: what we set must be there, defaults don't count. */
final class PodTemplates {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PodTemplates() {
    }

    static JsonNode asJson(PodTemplateSpec template) {
        return template == null ? null : SERIALIZATION.convertValue(template, JsonNode.class);
    }

    /** Whether applying {@code desired} would leave the live template as it is (so no pod needs a restart). */
    static boolean unchanged(PodTemplateSpec desired, JsonNode live) {
        return unchanged(asJson(desired), live);
    }

    /** Like {@link #unchanged(PodTemplateSpec, JsonNode)} with the desired template already as JSON. */
    static boolean unchanged(JsonNode desired, JsonNode live) {
        return live == null || DesiredStateMatch.isSatisfiedBy(desired, live);
    }
}
