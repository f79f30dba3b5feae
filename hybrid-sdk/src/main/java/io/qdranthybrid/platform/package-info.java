/**
 * The platform SDK: what a custom control plane embeds to manage hybrid environments and talk to their agents.
 * <ul>
 *   <li>{@code environment}: the environment registry (SPI, in-memory default), configuration, and the status roll-up
 *       READY / NOT_READY / FAILED_TO_SYNC / UNKNOWN.</li>
 *   <li>{@code access}: access keys {@code <uuid>|<secret>}: issued, stored as hashes, verified, rotated.</li>
 *   <li>{@code desired}: a revisioned desired-state store per environment with deltas and snapshots, persisted through
 *   a {@code DesiredStateRepository} (in memory by default, or one file per environment) so revisions survive a
 *   restart.</li>
 *   <li>{@code sink}: where reported statuses, rejections and telemetry go (SPIs, in-memory defaults).</li>
 *   <li>{@code session}: {@link io.qdranthybrid.platform.session.AgentGateway} and the transport-agnostic
 *       {@link io.qdranthybrid.platform.session.AgentSession}, plus an OkHttp WebSocket adapter.</li>
 *   <li>{@code bootstrap}: the install commands, which mint a new access key each time.</li>
 * </ul>
 * Wiring:
 * <pre>{@code
 * EnvironmentRegistry registry = new InMemoryEnvironmentRegistry(clock);
 * AccessKeys keys = new AccessKeys(new InMemoryAccessKeyStore(), clock);
 * DesiredStateStores stores = new DesiredStateStores(registry);
 * AgentGateway gateway = AgentGateway.builder(registry, keys, stores).build();
 * gateway.start();
 * Environment env = registry.create("prod-eu", "qdrant", EnvironmentConfiguration.defaults());
 * String script = new BootstrapCommandGenerator(registry, keys, bootstrapSettings).generate(env.id()).script();
 * stores.forEnvironment(env.id()).put(ResourceKind.CLUSTER, "c1", manifest);   // pushed to the agent
 * EnvironmentHealth health = new EnvironmentStatusRollup(clock).rollUp(registry.require(env.id()));
 * }</pre>
 */
package io.qdranthybrid.platform;
