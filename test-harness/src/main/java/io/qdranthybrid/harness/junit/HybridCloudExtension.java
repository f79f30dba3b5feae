package io.qdranthybrid.harness.junit;

import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.cluster.K3sCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.HybridStack;
import io.qdranthybrid.harness.stack.NamespaceTeardown;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs {@link HybridCloudTest} classes: starts the control plane and the cluster before the class, an environment in
 * a fresh namespace before each test, and tears each down after, in reverse order. Registered by the annotation.
 */
public final class HybridCloudExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(HybridCloudExtension.class);
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(HybridCloudExtension.class);
    private static final String CLOUD = "cloud";
    private static final String ENVIRONMENT = "environment";
    private static final Duration TEARDOWN = Duration.ofSeconds(60);

    /** Per-test handles, each derived from the test's environment. */
    private static final List<Handle<?>> TEST_HANDLES = List.of(
            new Handle<>(HybridEnvironment.class, e -> e),
            new Handle<>(HybridStack.class, HybridEnvironment::stack),
            new Handle<>(Faults.class, HybridEnvironment::faults),
            new Handle<>(Timeline.class, HybridEnvironment::timeline));

    private record Handle<T>(Class<T> type, Function<HybridEnvironment, T> from) {
    }

    /** Per-class handles. */
    private static final List<Class<?>> CLASS_HANDLES = List.of(SimulatedControlPlane.class, StackCluster.class,
            ClusterUnderTest.class, SimulatedCluster.class, SimulatedHelmController.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<HybridCloudTest> settings = settings(context);
        if (settings.isPresent() && settings.get().cluster() == ClusterKind.K3S && !K3sCluster.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("k3s runs in Docker, which is not available here; the same "
                    + "scenarios run on the simulated cluster");
        }
        return ConditionEvaluationResult.enabled("the hybrid cloud can start");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(STORE).get(CLOUD, HybridCloud.class) != null) {
            return; // a @Nested class shares its enclosing class's cloud
        }
        HybridCloudTest settings = requiredSettings(context);
        HybridCloud cloud = HybridCloud.start(settings);
        context.getStore(STORE).put(CLOUD, cloud);
        LOG.info("Hybrid cloud for {} on {}, control plane on port {}", context.getDisplayName(),
                cloud.cluster().description(), cloud.controlPlane().port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Removes only this class's own cloud, never an enclosing class's.
        HybridCloud cloud = context.getStore(STORE).remove(CLOUD, HybridCloud.class);
        if (cloud != null) {
            cloud.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        HybridCloud cloud = cloud(context);
        HybridCloudTest settings = requiredSettings(context);
        String name = TimelineFiles.timelineName(context);
        Timeline timeline = new Timeline(name);
        StackCluster cluster = cloud.cluster();
        String namespace = cluster.cluster().createNamespace(TimelineFiles.namespacePrefix(context));
        HybridEnvironment environment;
        try {
            // The namespace is unique and a valid environment name too.
            environment = HybridEnvironment.create(cloud.controlPlane(), cluster, namespace, namespace,
                    cluster.defaultSettings(), timeline);
        } catch (RuntimeException e) {
            NamespaceTeardown.deleteEverything(cluster.cluster(), namespace, TEARDOWN);
            throw e;
        }
        context.getStore(STORE).put(ENVIRONMENT, environment);
        if (settings.onboard()) {
            environment.onboard();
            environment.awaitReady(Duration.ofSeconds(settings.onboardTimeoutSeconds()));
            timeline.mark("onboarded");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        HybridEnvironment environment = context.getStore(STORE).remove(ENVIRONMENT, HybridEnvironment.class);
        if (environment == null) {
            return;
        }
        Timeline timeline = environment.timeline();
        timeline.mark(context.getExecutionException().map(e -> "test failed: " + e).orElse("test passed"));
        try {
            environment.close();
        } finally {
            Path file = TimelineFiles.fileFor(context);
            try {
                timeline.writeJson(file);
            } catch (RuntimeException e) {
                LOG.warn("Could not write the timeline of {}: {}", timeline.name(), e.toString());
            }
            if (!NamespaceTeardown.deleteEverything(environment.cluster().cluster(), environment.namespace(),
                    TEARDOWN)) {
                LOG.warn("Namespace {} of {} was not emptied within {}", environment.namespace(), timeline.name(),
                        TEARDOWN);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return TEST_HANDLES.stream().anyMatch(h -> h.type().equals(type)) || CLASS_HANDLES.contains(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        for (Handle<?> handle : TEST_HANDLES) {
            if (handle.type().equals(type)) {
                HybridEnvironment environment = context.getStore(STORE).get(ENVIRONMENT, HybridEnvironment.class);
                if (environment == null) {
                    throw new ParameterResolutionException(type.getSimpleName() + " exists per test: declare it on a "
                            + "test method or a @BeforeEach/@AfterEach method, not on " + parameter.getDeclaringExecutable());
                }
                return handle.from().apply(environment);
            }
        }
        HybridCloud cloud = cloud(context);
        if (type.equals(SimulatedControlPlane.class)) {
            return cloud.controlPlane();
        }
        if (type.equals(StackCluster.class)) {
            return cloud.cluster();
        }
        if (type.equals(ClusterUnderTest.class)) {
            return cloud.cluster().cluster();
        }
        if (type.equals(SimulatedHelmController.class)) {
            return cloud.cluster().helm();
        }
        return cloud.cluster().simulated().orElseThrow(() -> new ParameterResolutionException(
                "SimulatedCluster was asked for but this class runs on " + cloud.cluster().description()
                        + "; ask for ClusterUnderTest to run on both"));
    }

    private static HybridCloud cloud(ExtensionContext context) {
        HybridCloud cloud = context.getStore(STORE).get(CLOUD, HybridCloud.class);
        if (cloud == null) {
            throw new ParameterResolutionException("the hybrid cloud of " + context.getDisplayName()
                    + " is not started: is the class annotated with @HybridCloudTest?");
        }
        return cloud;
    }

    private static Optional<HybridCloudTest> settings(ExtensionContext context) {
        Optional<ExtensionContext> current = Optional.of(context);
        // The nearest class annotated wins, so an enclosing class's settings apply to its @Nested classes.
        while (current.isPresent()) {
            Optional<HybridCloudTest> found = current.get().getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, HybridCloudTest.class));
            if (found.isPresent()) {
                return found;
            }
            current = current.get().getParent();
        }
        return Optional.empty();
    }

    private static HybridCloudTest requiredSettings(ExtensionContext context) {
        return settings(context).orElseThrow(() -> new IllegalStateException(
                "HybridCloudExtension needs @HybridCloudTest on " + context.getDisplayName()));
    }
}
