package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.List;
import java.util.Objects;

/** How traffic is routed to a Qdrant cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterRoutingSpec extends WithUnknownFields {

    @JsonPropertyDescription("Source CIDRs allowed to reach the cluster.")
    private List<String> allowedSourceRanges;

    @JsonPropertyDescription("Id of the routed cluster.")
    @Required
    private String clusterId;

    @JsonPropertyDescription("Route through a dedicated proxy.")
    private Boolean dedicated;

    @JsonPropertyDescription("Write access logs.")
    private Boolean enableAccessLog;

    @JsonPropertyDescription("Whether the route is active.")
    @Default("true")
    private Boolean enabled;

    @JsonPropertyDescription("Fully qualified domain name of the cluster.")
    @Required
    private String fqdn;

    @JsonPropertyDescription("Zone-aware load balancing.")
    @Default("false")
    @JsonProperty("multiAZ")
    private Boolean multiAZ;

    @JsonPropertyDescription("Nodes reachable individually.")
    private List<Integer> nodeIndexes;

    @JsonPropertyDescription("Route to each node individually.")
    @Default("true")
    private Boolean servicePerNode;

    @JsonPropertyDescription("Route through the shared proxy.")
    private Boolean shared;

    @JsonPropertyDescription("Terminate TLS.")
    private Boolean tls;

    public List<String> getAllowedSourceRanges() {
        return allowedSourceRanges;
    }

    public void setAllowedSourceRanges(List<String> allowedSourceRanges) {
        this.allowedSourceRanges = allowedSourceRanges;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public Boolean getDedicated() {
        return dedicated;
    }

    public void setDedicated(Boolean dedicated) {
        this.dedicated = dedicated;
    }

    public Boolean getEnableAccessLog() {
        return enableAccessLog;
    }

    public void setEnableAccessLog(Boolean enableAccessLog) {
        this.enableAccessLog = enableAccessLog;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getFqdn() {
        return fqdn;
    }

    public void setFqdn(String fqdn) {
        this.fqdn = fqdn;
    }

    public Boolean getMultiAZ() {
        return multiAZ;
    }

    public void setMultiAZ(Boolean multiAZ) {
        this.multiAZ = multiAZ;
    }

    public List<Integer> getNodeIndexes() {
        return nodeIndexes;
    }

    public void setNodeIndexes(List<Integer> nodeIndexes) {
        this.nodeIndexes = nodeIndexes;
    }

    public Boolean getServicePerNode() {
        return servicePerNode;
    }

    public void setServicePerNode(Boolean servicePerNode) {
        this.servicePerNode = servicePerNode;
    }

    public Boolean getShared() {
        return shared;
    }

    public void setShared(Boolean shared) {
        this.shared = shared;
    }

    public Boolean getTls() {
        return tls;
    }

    public void setTls(Boolean tls) {
        this.tls = tls;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterRoutingSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(allowedSourceRanges, that.allowedSourceRanges)
                && Objects.equals(clusterId, that.clusterId)
                && Objects.equals(dedicated, that.dedicated)
                && Objects.equals(enableAccessLog, that.enableAccessLog)
                && Objects.equals(enabled, that.enabled)
                && Objects.equals(fqdn, that.fqdn)
                && Objects.equals(multiAZ, that.multiAZ)
                && Objects.equals(nodeIndexes, that.nodeIndexes)
                && Objects.equals(servicePerNode, that.servicePerNode)
                && Objects.equals(shared, that.shared)
                && Objects.equals(tls, that.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedSourceRanges, clusterId, dedicated, enableAccessLog, enabled, fqdn, multiAZ, nodeIndexes, servicePerNode, shared, tls, getUnknownFields());
    }
}
