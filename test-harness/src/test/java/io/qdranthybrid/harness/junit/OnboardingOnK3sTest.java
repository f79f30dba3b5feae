package io.qdranthybrid.harness.junit;

/** The same scenario on a real k3s; skipped where Docker is not available. */
@HybridCloudTest(cluster = ClusterKind.K3S, onboard = false)
class OnboardingOnK3sTest extends OnboardingScenario {
}
