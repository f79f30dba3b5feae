package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** User, group and fsGroup the Qdrant container runs as. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantSecurityContext extends WithUnknownFields {

    @JsonPropertyDescription("runAsUser.")
    private Long user;

    @JsonPropertyDescription("runAsGroup.")
    private Long group;

    @JsonPropertyDescription("fsGroup of the pod.")
    private Long fsGroup;

    public Long getUser() {
        return user;
    }

    public void setUser(Long user) {
        this.user = user;
    }

    public Long getGroup() {
        return group;
    }

    public void setGroup(Long group) {
        this.group = group;
    }

    public Long getFsGroup() {
        return fsGroup;
    }

    public void setFsGroup(Long fsGroup) {
        this.fsGroup = fsGroup;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantSecurityContext that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(user, that.user)
                && Objects.equals(group, that.group)
                && Objects.equals(fsGroup, that.fsGroup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, group, fsGroup, getUnknownFields());
    }
}
