package io.qdranthybrid.harness.kube;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What strictness costs: the CPU time the simulated API server spends handling requests (dispatch: access control,
 * admission, storage, rendering the response; not the HTTP framing around it) and, within that, in the
 * structural-schema admission of custom resources (pruning, defaulting, validation, CEL). Measured per request
 * with the handling thread's CPU clock, so other threads' work on a busy machine does not count.
 */
public final class ApiServerCpu {

  /** Counts since the server started; subtract an earlier snapshot for a window. */
  public record Snapshot(long requests, long requestCpuNanos, long admissions, long admissionCpuNanos) {

    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(requests - earlier.requests, requestCpuNanos - earlier.requestCpuNanos,
          admissions - earlier.admissions, admissionCpuNanos - earlier.admissionCpuNanos);
    }

    /** Admission's share of the request handling CPU, 0 to 1. */
    public double admissionShare() {
      return requestCpuNanos == 0 ? 0 : admissionCpuNanos / (double) requestCpuNanos;
    }

    /** Mean admission CPU per admitted custom resource write, in microseconds. */
    public double admissionMicrosPerWrite() {
      return admissions == 0 ? 0 : admissionCpuNanos / 1e3 / admissions;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final boolean measured = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  private final LongAdder requests = new LongAdder();
  private final LongAdder requestCpu = new LongAdder();
  private final LongAdder admissions = new LongAdder();
  private final LongAdder admissionCpu = new LongAdder();

  /** The calling thread's CPU clock, 0 where the JVM offers none. */
  long now() {
    return measured ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  void requestHandled(long startedAt) {
    requests.increment();
    requestCpu.add(now() - startedAt);
  }

  void admitted(long startedAt) {
    admissions.increment();
    admissionCpu.add(now() - startedAt);
  }

  public Snapshot snapshot() {
    return new Snapshot(requests.sum(), requestCpu.sum(), admissions.sum(), admissionCpu.sum());
  }
}
