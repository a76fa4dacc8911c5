/**
 * BGP messages (RFC 4271 §4) as records, the 19-octet header, and {@link dev.corvid.codec.message.MessageCodec},
 * the one entry point that turns a framed message into a {@link dev.corvid.codec.message.DecodeResult} and back.
 */
package dev.corvid.codec.message;
