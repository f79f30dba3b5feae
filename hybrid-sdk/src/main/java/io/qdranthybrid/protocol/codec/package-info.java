/**
 * JSON encoding of {@link io.qdranthybrid.protocol.message.Envelope}s with a size limit. Decoding never throws on bad
 * input: it returns a {@link io.qdranthybrid.protocol.codec.DecodeResult}.
 */
package io.qdranthybrid.protocol.codec;
