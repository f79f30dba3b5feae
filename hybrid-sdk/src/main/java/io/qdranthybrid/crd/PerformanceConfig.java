package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Storage performance tuning. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PerformanceConfig extends WithUnknownFields {

    @JsonPropertyDescription("CPUs for optimizers: 0 auto, negative subtracts from the available CPUs, positive is exact.")
    @JsonProperty("optimizer_cpu_budget")
    private Long optimizerCpuBudget;

    @JsonPropertyDescription("Use io_uring based async scoring.")
    @JsonProperty("async_scorer")
    private Boolean asyncScorer;

    @JsonProperty("optimizer_cpu_budget")
    public Long getOptimizerCpuBudget() {
        return optimizerCpuBudget;
    }

    @JsonProperty("optimizer_cpu_budget")
    public void setOptimizerCpuBudget(Long optimizerCpuBudget) {
        this.optimizerCpuBudget = optimizerCpuBudget;
    }

    @JsonProperty("async_scorer")
    public Boolean getAsyncScorer() {
        return asyncScorer;
    }

    @JsonProperty("async_scorer")
    public void setAsyncScorer(Boolean asyncScorer) {
        this.asyncScorer = asyncScorer;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PerformanceConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(optimizerCpuBudget, that.optimizerCpuBudget)
                && Objects.equals(asyncScorer, that.asyncScorer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizerCpuBudget, asyncScorer, getUnknownFields());
    }
}
