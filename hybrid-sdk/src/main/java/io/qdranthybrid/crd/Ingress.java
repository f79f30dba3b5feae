package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;
import java.util.Objects;

/** Ingress of the cluster; the provider comes from the operator's configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Ingress extends WithUnknownFields {

    @JsonPropertyDescription("Create an Ingress.")
    private Boolean enabled;

    @JsonPropertyDescription("Annotations of the Ingress.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("IngressClass to use.")
    private String ingressClassName;

    @JsonPropertyDescription("Host name.")
    private String host;

    @JsonPropertyDescription("Terminate TLS at the ingress.")
    private Boolean tls;

    @JsonPropertyDescription("Secret with the ingress certificate.")
    private String tlsSecretName;

    @JsonPropertyDescription("Nginx settings.")
    private NginxIngressConfig nginx;

    @JsonPropertyDescription("Traefik settings.")
    private TraefikIngressConfig traefik;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public String getIngressClassName() {
        return ingressClassName;
    }

    public void setIngressClassName(String ingressClassName) {
        this.ingressClassName = ingressClassName;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Boolean getTls() {
        return tls;
    }

    public void setTls(Boolean tls) {
        this.tls = tls;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }

    public NginxIngressConfig getNginx() {
        return nginx;
    }

    public void setNginx(NginxIngressConfig nginx) {
        this.nginx = nginx;
    }

    public TraefikIngressConfig getTraefik() {
        return traefik;
    }

    public void setTraefik(TraefikIngressConfig traefik) {
        this.traefik = traefik;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Ingress that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(enabled, that.enabled)
                && Objects.equals(annotations, that.annotations)
                && Objects.equals(ingressClassName, that.ingressClassName)
                && Objects.equals(host, that.host)
                && Objects.equals(tls, that.tls)
                && Objects.equals(tlsSecretName, that.tlsSecretName)
                && Objects.equals(nginx, that.nginx)
                && Objects.equals(traefik, that.traefik);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, annotations, ingressClassName, host, tls, tlsSecretName, nginx, traefik, getUnknownFields());
    }
}
