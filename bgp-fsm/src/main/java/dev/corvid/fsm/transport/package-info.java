/**
 * The Netty transport of BGP sessions: {@link dev.corvid.fsm.transport.BgpSpeaker} owns the listening sockets
 * and one channel handler per connection that runs the pure {@link dev.corvid.fsm.SessionFsm} on the peer's
 * event loop — framing, timers, RFC 4271 §6.8 collision detection, TCP-MD5 (RFC 2385) and TTL security
 * (RFC 5082). All of a peer's state is confined to its event loop.
 */
package dev.corvid.fsm.transport;
