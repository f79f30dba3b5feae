package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.Objects;

/** A backup schedule of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterScheduledSnapshotSpec extends WithUnknownFields {

    /** What the API server accepts as {@code spec.schedule}: cron with 5 to 7 fields, {@code @every}, or a macro. */
    public static final String SCHEDULE_PATTERN = "^(@(annually|yearly|monthly|weekly|daily|hourly|reboot))"
            + "|(@every (\\d+(ns|us|µs|ms|s|m|h))+)|((((\\d+,)+\\d+|([\\d\\*]+(\\/|-)\\d+)|\\d+|\\*) ?){5,7})$";
    private static final java.util.regex.Pattern SCHEDULE = java.util.regex.Pattern.compile(SCHEDULE_PATTERN);

    /**
     * Whether the API server accepts {@code schedule} as {@code spec.schedule}: Go's regexp MatchString, which
     * kube-openapi's pattern validation uses, finds the pattern anywhere in the value.
     */
    public static boolean scheduleAccepted(String schedule) {
        return schedule != null && SCHEDULE.matcher(schedule).find();
    }

    @JsonPropertyDescription("Id of the cluster to back up.")
    @Required
    @JsonProperty("cluster-id")
    private String clusterId;

    @JsonPropertyDescription("Short id copied into each snapshot.")
    @Required
    @Size(max = 8)
    private String scheduleShortId;

    @JsonPropertyDescription("Cron schedule in UTC (5 to 7 fields, @hourly style or @every <duration>).")
    @Required
    // The real CRD's pattern, verbatim (its anchors bind only the first and last alternatives, as there).
    @Pattern(SCHEDULE_PATTERN)
    private String schedule;

    @JsonPropertyDescription("How long each snapshot is kept, in hours (e.g. 72h).")
    @Required
    @Pattern("^[0-9]+h$")
    private String retention;

    @JsonProperty("cluster-id")
    public String getClusterId() {
        return clusterId;
    }

    @JsonProperty("cluster-id")
    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getScheduleShortId() {
        return scheduleShortId;
    }

    public void setScheduleShortId(String scheduleShortId) {
        this.scheduleShortId = scheduleShortId;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getRetention() {
        return retention;
    }

    public void setRetention(String retention) {
        this.retention = retention;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterScheduledSnapshotSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(clusterId, that.clusterId)
                && Objects.equals(scheduleShortId, that.scheduleShortId)
                && Objects.equals(schedule, that.schedule)
                && Objects.equals(retention, that.retention);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, scheduleShortId, schedule, retention, getUnknownFields());
    }
}
