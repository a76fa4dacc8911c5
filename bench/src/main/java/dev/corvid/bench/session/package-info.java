/**
 * The idle-sessions load client: {@link dev.corvid.bench.session.SessionLoad} holds many established, idle iBGP
 * sessions (built on the corvid codec and Netty) against one BGP speaker and measures the speaker's bring-up time,
 * steady-state CPU and memory from {@code /proc}. {@code bench/session-load.sh} runs it against corvid, BIRD, FRR
 * and GoBGP.
 */
package dev.corvid.bench.session;
