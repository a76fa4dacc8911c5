/**
 * The BGP wire format: pure functions from {@code (ByteBuf, WireContext)} to immutable records and back.
 *
 * <p>No I/O and no threads live here. Malformed input never throws out of a decoder: RFC 7606 outcomes
 * are values ({@link dev.corvid.codec.Severity}), and a session-reset outcome carries the RFC 4271 §6
 * NOTIFICATION to send.
 */
package dev.corvid.codec;
