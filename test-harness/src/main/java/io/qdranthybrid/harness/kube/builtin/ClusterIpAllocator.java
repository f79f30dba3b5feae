package io.qdranthybrid.harness.kube.builtin;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out Service cluster IPs from k3s's default service range 10.43.0.0/16 (10.43.0.1 is the
 * {@code kubernetes} Service, 10.43.0.10 is CoreDNS), never twice.
 */
public final class ClusterIpAllocator {

  private final AtomicInteger next = new AtomicInteger(11);

  public String allocate() {
    int n = next.getAndIncrement();
    if (n >= 65_535) {
      throw new BuiltinRuleViolation("spec.clusterIPs: Internal error: failed to allocate a serviceIP: range is full");
    }
    return "10.43." + (n >> 8) + "." + (n & 0xff);
  }
}
