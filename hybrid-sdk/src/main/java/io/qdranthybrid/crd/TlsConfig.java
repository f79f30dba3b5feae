package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Certificates for TLS, from Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsConfig extends WithUnknownFields {

    @JsonPropertyDescription("Server certificate.")
    private QdrantSecretKeyRef cert;

    @JsonPropertyDescription("Server private key.")
    private QdrantSecretKeyRef key;

    @JsonPropertyDescription("CA certificate for peer-to-peer (inter-node) TLS.")
    private QdrantSecretKeyRef caCert;

    public QdrantSecretKeyRef getCert() {
        return cert;
    }

    public void setCert(QdrantSecretKeyRef cert) {
        this.cert = cert;
    }

    public QdrantSecretKeyRef getKey() {
        return key;
    }

    public void setKey(QdrantSecretKeyRef key) {
        this.key = key;
    }

    public QdrantSecretKeyRef getCaCert() {
        return caCert;
    }

    public void setCaCert(QdrantSecretKeyRef caCert) {
        this.caCert = caCert;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(cert, that.cert)
                && Objects.equals(key, that.key)
                && Objects.equals(caCert, that.caCert);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cert, key, caCert, getUnknownFields());
    }
}
