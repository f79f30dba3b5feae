package io.qdranthybrid.threads;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdkThreadsTest {

    @Test
    void aSingleThreadCarriesExactlyItsNameAndDoesNotKeepTheJvmAlive() {
        Thread thread = SdkThreads.named("qdrant-agent-apply").newThread(() -> { });

        assertThat(thread.getName()).isEqualTo("qdrant-agent-apply");
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void poolThreadsAreNumberedInTheOrderTheyStart() {
        ThreadFactory factory = SdkThreads.pool("qdrantcluster-worker");

        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("qdrantcluster-worker-1");
        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("qdrantcluster-worker-2");
    }

    @Test
    void anExceptionEscapingAThreadGoesToTheSdkHandlerNotTheJvmDefault() throws InterruptedException {
        Thread thread = SdkThreads.named("failing").newThread(() -> {
            throw new IllegalStateException("boom");
        });

        // The handler is the thread's own, so the JVM's default (stderr only) is not consulted.
        assertThat(thread.getUncaughtExceptionHandler()).isNotSameAs(thread.getThreadGroup());
        thread.start();
        thread.join();
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aThreadWithoutANameIsRefused() {
        assertThatThrownBy(() -> SdkThreads.named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
