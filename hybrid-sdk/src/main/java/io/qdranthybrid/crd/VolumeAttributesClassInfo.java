package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;
import java.util.Objects;

/** A VolumeAttributesClass of the region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeAttributesClassInfo extends WithUnknownFields {

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("CSI driver.")
    @Required
    private String driver;

    @JsonPropertyDescription("Parameters.")
    private Map<String, String> parameters;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VolumeAttributesClassInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(driver, that.driver)
                && Objects.equals(parameters, that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, parameters, getUnknownFields());
    }
}
