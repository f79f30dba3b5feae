package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.qdranthybrid.agent.CloudAgent;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the SDK's cloud agent from the settings, starts it once the HTTP server is up, and stops it gracefully. */
@Context
@Requires(notEnv = DoctorCommand.ENVIRONMENT)
public class AgentRuntime implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    /** Scrapes per cluster kept besides the latest while the control plane is away: ten minutes at 30 s. */
    private static final int METRICS_BACKLOG = 20;

    private final CloudAgent agent;

    AgentRuntime(KubernetesClient client, AgentSettings settings, ComponentReleaseSettings releases,
                 AgentMetrics metrics) {
        CloudAgent.Builder builder = CloudAgent.builder(client, client.getNamespace(),
                        settings.connectionSettings(version()))
                .expectedComponents(settings.expectedComponentsOrNone())
                .environmentIntervals(settings.environmentPollInterval(), settings.environmentReportInterval())
                .shutdownTimeout(settings.shutdownTimeout())
                .allowEmptySnapshot(settings.allowEmptyDesiredState())
                .componentReleasePolicy(releases.toPolicy())
                .applyLatencyObserver(metrics::recordApply)
                .metricsScrape(settings.metricsScrapeInterval(), METRICS_BACKLOG);
        if (!settings.scrapesOperator()) {
            builder.noOperatorMetrics();
        } else if (settings.operatorMetrics() != null) {
            builder.operatorMetrics(settings.operatorMetrics());
        }
        this.agent = builder.build();
        metrics.bind(agent);
        LOG.info("Configured: {}", settings);
    }

    /** The jar's version, "dev" when run from classes. */
    static String version() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        agent.start();
    }

    public CloudAgent agent() {
        return agent;
    }

    /** Flushes buffered statuses to the control plane before the process exits. */
    @PreDestroy
    void stop() {
        agent.close();
    }
}
