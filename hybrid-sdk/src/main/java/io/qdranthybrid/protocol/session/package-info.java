/**
 * Session rules as pure, clock- and random-injectable pieces: version negotiation, reconnect backoff, heartbeats.
 */
package io.qdranthybrid.protocol.session;
