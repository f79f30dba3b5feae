package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Default;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;

import java.util.Objects;

/** Audit logging (Qdrant 1.17 and later); files are written to the database volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuditConfig extends WithUnknownFields {

    @JsonPropertyDescription("Enable audit logging.")
    @Default("false")
    private Boolean enabled;

    @JsonPropertyDescription("Directory of the audit files; ./storage/audit by default.")
    private String dir;

    @JsonPropertyDescription("Rotation period; daily by default.")
    @JsonProperty("rotation")
    @SchemaFrom(type = AuditRotation.class)
    @Default("daily")
    private String rotation;

    @JsonPropertyDescription("Number of files kept; 7 by default.")
    @Min(1)
    @JsonProperty("max_log_files")
    @Default("7")
    private Long maxLogFiles;

    @JsonPropertyDescription("Take the client address from X-Forwarded-For.")
    @JsonProperty("trust_forwarded_headers")
    private Boolean trustForwardedHeaders;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    /** The rotation; null when absent or a value this version does not know (see {@link #rawRotation()}). */
    @JsonIgnore
    public AuditRotation getRotation() {
        return WireEnum.fromWire(AuditRotation.class, rotation);
    }

    /** The rotation as written in the manifest, also when this version does not know the value. */
    public String rawRotation() {
        return rotation;
    }

    @JsonIgnore
    public void setRotation(AuditRotation rotation) {
        this.rotation = WireEnum.toWire(rotation);
    }

    @JsonProperty("max_log_files")
    public Long getMaxLogFiles() {
        return maxLogFiles;
    }

    @JsonProperty("max_log_files")
    public void setMaxLogFiles(Long maxLogFiles) {
        this.maxLogFiles = maxLogFiles;
    }

    @JsonProperty("trust_forwarded_headers")
    public Boolean getTrustForwardedHeaders() {
        return trustForwardedHeaders;
    }

    @JsonProperty("trust_forwarded_headers")
    public void setTrustForwardedHeaders(Boolean trustForwardedHeaders) {
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuditConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(enabled, that.enabled)
                && Objects.equals(dir, that.dir)
                && Objects.equals(rotation, that.rotation)
                && Objects.equals(maxLogFiles, that.maxLogFiles)
                && Objects.equals(trustForwardedHeaders, that.trustForwardedHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, dir, rotation, maxLogFiles, trustForwardedHeaders, getUnknownFields());
    }
}
