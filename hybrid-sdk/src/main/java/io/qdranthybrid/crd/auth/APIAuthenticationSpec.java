package io.qdranthybrid.crd.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.qdranthybrid.crd.WithUnknownFields;
import io.qdranthybrid.crd.schema.ListType;

import java.util.List;
import java.util.Objects;

/** Which clusters an API key (stored as its SHA-512 hash) may access. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class APIAuthenticationSpec extends WithUnknownFields {

    @JsonPropertyDescription("Ids of the clusters the key is valid for.")
    @Required
    @ListType(ListType.SET)
    @JsonProperty("clusterIDs")
    private List<String> clusterIDs;

    @JsonPropertyDescription("Hex SHA-512 hash of the API key.")
    @Size(min = 128, max = 128)
    private String sha512;

    public List<String> getClusterIDs() {
        return clusterIDs;
    }

    public void setClusterIDs(List<String> clusterIDs) {
        this.clusterIDs = clusterIDs;
    }

    public String getSha512() {
        return sha512;
    }

    public void setSha512(String sha512) {
        this.sha512 = sha512;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof APIAuthenticationSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(clusterIDs, that.clusterIDs)
                && Objects.equals(sha512, that.sha512);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterIDs, sha512, getUnknownFields());
    }
}
