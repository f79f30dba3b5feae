package io.qdranthybrid.harness.kube.controllers.machinery;

/**
 * One simulated control-plane component (StatefulSet controller, scheduler, kubelet, garbage
 * collector, storage provisioner...) running against any Kubernetes API server.
 *
 * <p>Lifecycle: {@link #start()} once, then any number of {@link #pause()}/{@link #resume()} pairs,
 * then {@link #stop()}. While paused a controller keeps watching, so the events it misses are queued
 * and acted on after {@link #resume()}; nothing is changed in the cluster in the meantime. This lets a
 * test freeze one component (e.g. the kubelet) to observe an intermediate state.
 */
public interface SimulatedController extends AutoCloseable {

    /** A short stable name for logs and thread names, e.g. {@code statefulset-controller}. */
    String name();

    /** Starts watching and acting; returns once the informers have synced. Starting twice is an error. */
    void start();

    /** Stops watching and acting and releases threads; idempotent. */
    void stop();

    /** Stops acting on events while still collecting them; idempotent. */
    void pause();

    /** Acts on everything collected while paused, then keeps going; idempotent. */
    void resume();

    boolean isPaused();

    @Override
    default void close() {
        stop();
    }
}
