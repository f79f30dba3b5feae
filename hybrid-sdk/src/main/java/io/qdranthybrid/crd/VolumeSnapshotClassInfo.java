package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A VolumeSnapshotClass of the region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotClassInfo extends WithUnknownFields {

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("CSI driver.")
    @Required
    private String driver;

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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VolumeSnapshotClassInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(driver, that.driver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, getUnknownFields());
    }
}
