package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** Settings used with the NginxIngress provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NginxIngressConfig extends WithUnknownFields {

    @JsonPropertyDescription("CIDRs allowed to reach the cluster.")
    private List<String> allowedSourceRanges;

    @JsonPropertyDescription("Host name for gRPC traffic.")
    private String grpcHost;

    public List<String> getAllowedSourceRanges() {
        return allowedSourceRanges;
    }

    public void setAllowedSourceRanges(List<String> allowedSourceRanges) {
        this.allowedSourceRanges = allowedSourceRanges;
    }

    public String getGrpcHost() {
        return grpcHost;
    }

    public void setGrpcHost(String grpcHost) {
        this.grpcHost = grpcHost;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NginxIngressConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(allowedSourceRanges, that.allowedSourceRanges)
                && Objects.equals(grpcHost, that.grpcHost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedSourceRanges, grpcHost, getUnknownFields());
    }
}
