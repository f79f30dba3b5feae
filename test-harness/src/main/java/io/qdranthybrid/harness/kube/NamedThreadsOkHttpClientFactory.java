package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;
import okhttp3.Dispatcher;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's OkHttp factory with the dispatcher's threads named {@code prefix-http-N}, so the CPU a client spends
 * on requests can be told apart from other clients'. OkHttp renames a thread to {@code OkHttp <url>} while it
 * serves a call, and a watch keeps that name for as long as it is open.
 */
final class NamedThreadsOkHttpClientFactory extends OkHttpClientFactory {

    private final String prefix;

    NamedThreadsOkHttpClientFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    protected Dispatcher initDispatcher() {
        Dispatcher limits = super.initDispatcher();
        // The same unbounded, idle-timeout pool OkHttp builds by default, with our thread names.
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), NamedDaemonThreads.named(prefix + "-http")));
        dispatcher.setMaxRequests(limits.getMaxRequests());
        dispatcher.setMaxRequestsPerHost(limits.getMaxRequestsPerHost());
        return dispatcher;
    }
}
