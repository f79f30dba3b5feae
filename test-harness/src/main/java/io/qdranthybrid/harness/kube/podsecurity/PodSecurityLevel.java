package io.qdranthybrid.harness.kube.podsecurity;

import java.util.Locale;
import java.util.Optional;

/** The Pod Security Standards levels ({@code pod-security-admission/api/constants.go}). */
public enum PodSecurityLevel {
  PRIVILEGED, BASELINE, RESTRICTED;

  /** The namespace label that sets the enforced level. */
  public static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level a label value names; empty for an unknown value (the real admission then uses its default). */
  public static Optional<PodSecurityLevel> parse(String value) {
    for (PodSecurityLevel level : values()) {
      if (level.label().equals(value)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
