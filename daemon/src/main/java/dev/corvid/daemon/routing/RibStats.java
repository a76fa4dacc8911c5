package dev.corvid.daemon.routing;

/**
 * The RIB's size and work, for the metrics.
 *
 * @param locRibIpv4     IPv4 routes in the Loc-RIB
 * @param locRibIpv6     IPv6 routes in the Loc-RIB
 * @param adjRibInPaths  paths held in the Adj-RIBs-In of the established peers
 * @param turns          turns of the RIB thread (a batch of events, decision, export)
 * @param locRibChanges  Loc-RIB changes the decision process made (a prefix's route added, changed or removed)
 */
public record RibStats(int locRibIpv4, int locRibIpv6, long adjRibInPaths, long turns, long locRibChanges) {}
