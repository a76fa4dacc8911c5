/**
 * One BGP session as the RFC 4271 §8 finite state machine: a pure function from (session, event) to the next
 * session and the actions the transport must carry out. No I/O, no threads, no sleeping: timers are actions
 * ({@link dev.corvid.fsm.Action.StartTimer}) and their expiry comes back as events; the clock and the randomness
 * for jitter are injected.
 */
package dev.corvid.fsm;
