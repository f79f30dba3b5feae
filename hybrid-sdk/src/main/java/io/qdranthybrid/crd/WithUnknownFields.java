package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the fields of a manifest that this model does not know, so that reading and writing back an
 * object written for the real Qdrant operator (or a newer version of ours) loses nothing.
 */
public abstract class WithUnknownFields {

    @JsonIgnore
    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    /** Fields present in the manifest but not modelled here, in the order they were read. */
    @JsonAnyGetter
    @JsonIgnore
    public Map<String, Object> getUnknownFields() {
        return unknownFields;
    }

    @JsonAnySetter
    public void setUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    protected boolean unknownFieldsEqual(WithUnknownFields other) {
        return Objects.equals(unknownFields, other.unknownFields);
    }
}
