package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Qdrant configuration rendered into the node's production.yaml. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantConfiguration extends WithUnknownFields {

    @JsonPropertyDescription("Defaults for new collections.")
    private CollectionConfig collection;

    @JsonPropertyDescription("Qdrant log level, e.g. INFO or DEBUG.")
    @JsonProperty("log_level")
    private String logLevel;

    @JsonPropertyDescription("Service settings: API keys, JWT, TLS.")
    private ServiceConfig service;

    @JsonPropertyDescription("TLS certificates.")
    private TlsConfig tls;

    @JsonPropertyDescription("Storage settings.")
    private StorageConfig storage;

    @JsonPropertyDescription("Inference settings.")
    private InferenceConfig inference;

    @JsonPropertyDescription("Audit logging.")
    private AuditConfig audit;

    public CollectionConfig getCollection() {
        return collection;
    }

    public void setCollection(CollectionConfig collection) {
        this.collection = collection;
    }

    @JsonProperty("log_level")
    public String getLogLevel() {
        return logLevel;
    }

    @JsonProperty("log_level")
    public void setLogLevel(String logLevel) {
        this.logLevel = logLevel;
    }

    public ServiceConfig getService() {
        return service;
    }

    public void setService(ServiceConfig service) {
        this.service = service;
    }

    public TlsConfig getTls() {
        return tls;
    }

    public void setTls(TlsConfig tls) {
        this.tls = tls;
    }

    public StorageConfig getStorage() {
        return storage;
    }

    public void setStorage(StorageConfig storage) {
        this.storage = storage;
    }

    public InferenceConfig getInference() {
        return inference;
    }

    public void setInference(InferenceConfig inference) {
        this.inference = inference;
    }

    public AuditConfig getAudit() {
        return audit;
    }

    public void setAudit(AuditConfig audit) {
        this.audit = audit;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantConfiguration that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(collection, that.collection)
                && Objects.equals(logLevel, that.logLevel)
                && Objects.equals(service, that.service)
                && Objects.equals(tls, that.tls)
                && Objects.equals(storage, that.storage)
                && Objects.equals(inference, that.inference)
                && Objects.equals(audit, that.audit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, logLevel, service, tls, storage, inference, audit, getUnknownFields());
    }
}
