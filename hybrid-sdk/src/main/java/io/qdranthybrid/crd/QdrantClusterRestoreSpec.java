package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Objects;

/** A restore of a backup into an existing or a new cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterRestoreSpec extends WithUnknownFields {

    @JsonPropertyDescription("The backup.")
    @Required
    private RestoreSource source;

    @JsonPropertyDescription("The destination.")
    @Required
    private RestoreDestination destination;

    public RestoreSource getSource() {
        return source;
    }

    public void setSource(RestoreSource source) {
        this.source = source;
    }

    public RestoreDestination getDestination() {
        return destination;
    }

    public void setDestination(RestoreDestination destination) {
        this.destination = destination;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterRestoreSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(source, that.source)
                && Objects.equals(destination, that.destination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, getUnknownFields());
    }
}
