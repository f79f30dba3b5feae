package io.qdranthybrid.harness.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class against the whole hybrid cloud in one JVM: a simulated control plane and a Kubernetes cluster
 * (simulated, or k3s where Docker exists) started once for the class, and for every test a fresh namespace with its
 * own environment, operator and agent, so tests never see each other's objects. Test and lifecycle methods declare
 * what they need as parameters:
 *
 * <ul>
 *   <li>per test: {@link io.qdranthybrid.harness.stack.HybridEnvironment} (the environment end to end),
 *       {@link io.qdranthybrid.harness.stack.Faults}, {@link io.qdranthybrid.harness.timeline.Timeline},
 *       {@link io.qdranthybrid.harness.stack.HybridStack};</li>
 *   <li>per class: {@link io.qdranthybrid.harness.controlplane.SimulatedControlPlane},
 *       {@link io.qdranthybrid.harness.stack.StackCluster},
 *       {@link io.qdranthybrid.harness.cluster.ClusterUnderTest},
 *       {@link io.qdranthybrid.harness.cluster.SimulatedCluster} (simulated only),
 *       {@link io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController}.</li>
 * </ul>
 *
 * <pre>{@code
 * @HybridCloudTest
 * class ScaleTest {
 *     @Test
 *     void scalesUp(HybridEnvironment env) {
 *         env.createCluster(NewCluster.of("orders", 3, "v1.12.3"));
 *         env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
 *     }
 * }
 * }</pre>
 *
 * Each test's timeline is written to {@code target/hybrid-timelines/<TestClass>/<method>.json} when it ends.
 * Write a scenario once in an abstract class and annotate two subclasses, one with {@code cluster = K3S}, to run it
 * on both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HybridCloudExtension.class)
public @interface HybridCloudTest {

    /** The cluster to run on; K3S skips the class where Docker is not available. */
    ClusterKind cluster() default ClusterKind.SIMULATED;

    /** Factor on the simulated kubelet's probe periods and delays: 0.1 runs them ten times faster. */
    double probeTimeScale() default 0.1;

    /** How many simulated Kubernetes nodes (4 CPUs, 16 GiB each). */
    int nodes() default 3;

    /**
     * Onboard each test's environment before the test (bootstrap, agent started, environment READY). Turn off to
     * watch or disturb the onboarding itself: the test then calls {@code HybridEnvironment.onboard()}.
     */
    boolean onboard() default true;

    /** How long onboarding may take before the test fails. */
    int onboardTimeoutSeconds() default 60;

    /**
     * How long an agent may be silent before its environment, clusters and backups read UNKNOWN (the hosted product's
     * ~5 min): shorten it to watch staleness and forced deletes in seconds.
     */
    int stalenessWindowSeconds() default 300;
}
