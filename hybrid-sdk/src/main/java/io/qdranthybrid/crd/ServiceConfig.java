package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Qdrant's service section: API keys, JWT RBAC, TLS and request limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceConfig extends WithUnknownFields {

    @JsonPropertyDescription("Secret holding the full-access API key.")
    @JsonProperty("api_key")
    private QdrantSecretKeyRef apiKey;

    @JsonPropertyDescription("Secret holding the read-only API key.")
    @JsonProperty("read_only_api_key")
    private QdrantSecretKeyRef readOnlyApiKey;

    @JsonPropertyDescription("Enable JWT-based role access control.")
    @JsonProperty("jwt_rbac")
    private Boolean jwtRbac;

    @JsonPropertyDescription("Hide the JWT section of the dashboard.")
    @JsonProperty("hide_jwt_dashboard")
    private Boolean hideJwtDashboard;

    @JsonPropertyDescription("Serve REST and gRPC over TLS.")
    @JsonProperty("enable_tls")
    private Boolean enableTls;

    @JsonPropertyDescription("Maximum request size in MB; 32 by default.")
    @JsonProperty("max_request_size_mb")
    private Long maxRequestSizeMb;

    @JsonProperty("api_key")
    public QdrantSecretKeyRef getApiKey() {
        return apiKey;
    }

    @JsonProperty("api_key")
    public void setApiKey(QdrantSecretKeyRef apiKey) {
        this.apiKey = apiKey;
    }

    @JsonProperty("read_only_api_key")
    public QdrantSecretKeyRef getReadOnlyApiKey() {
        return readOnlyApiKey;
    }

    @JsonProperty("read_only_api_key")
    public void setReadOnlyApiKey(QdrantSecretKeyRef readOnlyApiKey) {
        this.readOnlyApiKey = readOnlyApiKey;
    }

    @JsonProperty("jwt_rbac")
    public Boolean getJwtRbac() {
        return jwtRbac;
    }

    @JsonProperty("jwt_rbac")
    public void setJwtRbac(Boolean jwtRbac) {
        this.jwtRbac = jwtRbac;
    }

    @JsonProperty("hide_jwt_dashboard")
    public Boolean getHideJwtDashboard() {
        return hideJwtDashboard;
    }

    @JsonProperty("hide_jwt_dashboard")
    public void setHideJwtDashboard(Boolean hideJwtDashboard) {
        this.hideJwtDashboard = hideJwtDashboard;
    }

    @JsonProperty("enable_tls")
    public Boolean getEnableTls() {
        return enableTls;
    }

    @JsonProperty("enable_tls")
    public void setEnableTls(Boolean enableTls) {
        this.enableTls = enableTls;
    }

    @JsonProperty("max_request_size_mb")
    public Long getMaxRequestSizeMb() {
        return maxRequestSizeMb;
    }

    @JsonProperty("max_request_size_mb")
    public void setMaxRequestSizeMb(Long maxRequestSizeMb) {
        this.maxRequestSizeMb = maxRequestSizeMb;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ServiceConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(apiKey, that.apiKey)
                && Objects.equals(readOnlyApiKey, that.readOnlyApiKey)
                && Objects.equals(jwtRbac, that.jwtRbac)
                && Objects.equals(hideJwtDashboard, that.hideJwtDashboard)
                && Objects.equals(enableTls, that.enableTls)
                && Objects.equals(maxRequestSizeMb, that.maxRequestSizeMb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKey, readOnlyApiKey, jwtRbac, hideJwtDashboard, enableTls, maxRequestSizeMb, getUnknownFields());
    }
}
