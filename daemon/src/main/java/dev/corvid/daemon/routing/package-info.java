/**
 * The routing of a running daemon: the one RIB thread ({@link dev.corvid.daemon.routing.RoutingEngine}) that owns
 * the {@code rib} and applies the {@code reflector}'s rules, fed by the session event loops through a queue, and
 * sending what changed to the peers; plus the answers of {@code show route}, computed on that thread.
 */
package dev.corvid.daemon.routing;
