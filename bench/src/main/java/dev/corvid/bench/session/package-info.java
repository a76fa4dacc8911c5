/**
 * The session load client: {@link dev.corvid.bench.session.SessionLoad} holds many iBGP sessions (built on the corvid
 * codec and Netty) against one BGP speaker and measures the speaker from {@code /proc}. Idle, the sessions measure
 * bring-up time and steady-state CPU and memory ({@code bench/session-load.sh}); with {@code --announce} they take
 * Calico's shape against a route reflector, each announcing one pod block and counting the others' it receives,
 * until every session holds all of them ({@code bench/reflector-load.sh calico}).
 */
package dev.corvid.bench.session;
