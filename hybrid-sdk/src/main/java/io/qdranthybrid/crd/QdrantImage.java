package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Overrides of the Qdrant container image. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantImage extends WithUnknownFields {

    @JsonPropertyDescription("Image repository; defaults to the operator's, else qdrant/qdrant.")
    private String repository;

    @JsonPropertyDescription("Image pull policy; defaults to IfNotPresent.")
    @JsonProperty("pullPolicy")
    private String pullPolicy;

    @JsonPropertyDescription("Name of an image pull Secret in the cluster's namespace.")
    private String pullSecretName;

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    /** The pullPolicy; null when absent or a value this version does not know (see {@link #rawPullPolicy()}). */
    @JsonIgnore
    public PullPolicy getPullPolicy() {
        return WireEnum.fromWire(PullPolicy.class, pullPolicy);
    }

    /** The pullPolicy as written in the manifest, also when this version does not know the value. */
    public String rawPullPolicy() {
        return pullPolicy;
    }

    @JsonIgnore
    public void setPullPolicy(PullPolicy pullPolicy) {
        this.pullPolicy = WireEnum.toWire(pullPolicy);
    }

    public String getPullSecretName() {
        return pullSecretName;
    }

    public void setPullSecretName(String pullSecretName) {
        this.pullSecretName = pullSecretName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantImage that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(repository, that.repository)
                && Objects.equals(pullPolicy, that.pullPolicy)
                && Objects.equals(pullSecretName, that.pullSecretName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, pullPolicy, pullSecretName, getUnknownFields());
    }
}
