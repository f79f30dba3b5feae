/**
 * Delivery guarantees on top of at-least-once transport: the {@link io.qdranthybrid.protocol.delivery.ApplyLedger}
 * applies nothing twice, the {@link io.qdranthybrid.protocol.delivery.OutboundBuffer} loses no latest status while
 * disconnected. Pure and thread-safe; no I/O.
 */
package io.qdranthybrid.protocol.delivery;
