package io.qdranthybrid.harness.junit;

@HybridCloudTest(onboard = false)
class OnboardingOnSimulatedClusterTest extends OnboardingScenario {
}
