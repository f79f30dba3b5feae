package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

import java.util.Objects;

/** A reference to a key of a Secret in the cluster's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantSecretKeyRef extends WithUnknownFields {

    @JsonPropertyDescription("The Secret name and key.")
    private SecretKeySelector secretKeyRef;

    public SecretKeySelector getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantSecretKeyRef that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(secretKeyRef, that.secretKeyRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretKeyRef, getUnknownFields());
    }
}
