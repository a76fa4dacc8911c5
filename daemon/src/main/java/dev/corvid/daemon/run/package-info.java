/**
 * {@code corvid run}: the configuration mapped to the transport's settings, the BGP speaker and the control
 * socket started together, their answers to {@code show}, one-line logging to standard error, and the graceful stop
 * on SIGTERM (RFC 8203 Administrative Shutdown to every peer).
 */
package dev.corvid.daemon.run;
