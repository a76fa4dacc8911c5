/**
 * The OPEN exchange of one session: {@link dev.corvid.fsm.open.OpenCheck} validates the peer's OPEN against ours
 * (RFC 4271 §6.2, RFC 6286, RFC 6793) and settles the capabilities both sides have into
 * {@link dev.corvid.fsm.open.Negotiated}, which gives the codec its {@link dev.corvid.codec.WireContext}.
 */
package dev.corvid.fsm.open;
