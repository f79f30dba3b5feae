package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.List;
import java.util.Objects;

/** Observed state of an EnvoyBootstrapConfig. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvoyBootstrapConfigStatus extends WithUnknownFields {

    @JsonPropertyDescription("Conditions of the configuration.")
    private List<Condition> conditions;

    @JsonPropertyDescription("ConfigMap holding the bootstrap configuration.")
    private String configMapName;

    @JsonPropertyDescription("Whether the configuration is ready.")
    private Boolean ready;

    @JsonPropertyDescription("Secret holding the bootstrap credentials.")
    private String secretName;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getConfigMapName() {
        return configMapName;
    }

    public void setConfigMapName(String configMapName) {
        this.configMapName = configMapName;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnvoyBootstrapConfigStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(configMapName, that.configMapName)
                && Objects.equals(ready, that.ready)
                && Objects.equals(secretName, that.secretName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, configMapName, ready, secretName, getUnknownFields());
    }
}
