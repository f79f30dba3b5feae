/**
 * The agent end of the protocol on an OkHttp WebSocket: {@link io.qdranthybrid.protocol.client.AgentConnection} dials
 * out (TLS with an optional custom CA, HTTP proxy with {@code no_proxy}), performs the handshake, heartbeats,
 * reconnects with backoff and replays buffered statuses, and hands control-plane messages to a
 * {@link io.qdranthybrid.protocol.client.ControlPlaneHandler}.
 */
package io.qdranthybrid.protocol.client;
