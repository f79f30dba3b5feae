package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Default;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** A Qdrant version offered to clusters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantReleaseSpec extends WithUnknownFields {

    @JsonPropertyDescription("Semantic version, e.g. v1.10.1.")
    private String version;

    @JsonPropertyDescription("The default version; only one release may be default.")
    @JsonProperty("default")
    @Default("false")
    private Boolean defaultRelease;

    @JsonPropertyDescription("Full image; derived from the version and qdrant/qdrant when unset.")
    private String image;

    @JsonPropertyDescription("Not offered for new clusters.")
    @Default("false")
    private Boolean unavailable;

    @JsonPropertyDescription("No longer supported.")
    @Default("false")
    private Boolean endOfLife;

    @JsonPropertyDescription("Accounts the release is limited to.")
    private List<String> accountIds;

    @JsonPropertyDescription("Privileges required to use it.")
    private List<String> accountPrivileges;

    @JsonPropertyDescription("Remarks.")
    private String remarks;

    @JsonPropertyDescription("Release notes.")
    private String releaseNotesURL;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    @JsonProperty("default")
    public Boolean getDefaultRelease() {
        return defaultRelease;
    }

    @JsonProperty("default")
    public void setDefaultRelease(Boolean defaultRelease) {
        this.defaultRelease = defaultRelease;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Boolean getUnavailable() {
        return unavailable;
    }

    public void setUnavailable(Boolean unavailable) {
        this.unavailable = unavailable;
    }

    public Boolean getEndOfLife() {
        return endOfLife;
    }

    public void setEndOfLife(Boolean endOfLife) {
        this.endOfLife = endOfLife;
    }

    public List<String> getAccountIds() {
        return accountIds;
    }

    public void setAccountIds(List<String> accountIds) {
        this.accountIds = accountIds;
    }

    public List<String> getAccountPrivileges() {
        return accountPrivileges;
    }

    public void setAccountPrivileges(List<String> accountPrivileges) {
        this.accountPrivileges = accountPrivileges;
    }

    public String getRemarks() {
        return remarks;
    }

    public void setRemarks(String remarks) {
        this.remarks = remarks;
    }

    public String getReleaseNotesURL() {
        return releaseNotesURL;
    }

    public void setReleaseNotesURL(String releaseNotesURL) {
        this.releaseNotesURL = releaseNotesURL;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantReleaseSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(version, that.version)
                && Objects.equals(defaultRelease, that.defaultRelease)
                && Objects.equals(image, that.image)
                && Objects.equals(unavailable, that.unavailable)
                && Objects.equals(endOfLife, that.endOfLife)
                && Objects.equals(accountIds, that.accountIds)
                && Objects.equals(accountPrivileges, that.accountPrivileges)
                && Objects.equals(remarks, that.remarks)
                && Objects.equals(releaseNotesURL, that.releaseNotesURL);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, defaultRelease, image, unavailable, endOfLife, accountIds, accountPrivileges, remarks, releaseNotesURL, getUnknownFields());
    }
}
