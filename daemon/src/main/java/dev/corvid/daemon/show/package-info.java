/**
 * {@code corvid show ...}: the commands that ask the running daemon over its control socket and print its answer
 * as aligned text or, with {@code --json}, as the daemon's JSON. They load no configuration and no Netty, so that
 * each answers in a fraction of a second.
 */
package dev.corvid.daemon.show;
