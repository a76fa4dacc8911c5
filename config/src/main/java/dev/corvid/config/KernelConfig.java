package dev.corvid.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code kernel { ... }} block: how best routes reach the Linux FIB and which kernel routes are announced.
 *
 * @param export        install the best routes learned from peers
 * @param table         the routing table id (254 = main)
 * @param protocol      the rtm_protocol that marks corvid's own routes (5..255)
 * @param metric        the metric (RTA_PRIORITY) of corvid's routes; a route of another program to the same prefix with
 *                      a lower metric wins, and one with another metric is never replaced
 * @param tunnelDevice  the device used for {@link Encapsulation#IPIP} / {@link Encapsulation#CROSS_SUBNET} routes
 * @param mtu           0: routes carry no MTU; otherwise the MTU of the path, which tunnelled routes get lowered by
 *                      {@code tunnelOverhead}
 * @param tunnelOverhead the octets an encapsulation adds (IPIP 20, VXLAN 50 over IPv4 and 70 over IPv6)
 * @param learn         kernel routes to announce; a route matching any rule is announced
 */
public record KernelConfig(boolean export, int table, int protocol, int metric, Encapsulation encapsulation,
        String tunnelDevice, int mtu, int tunnelOverhead, List<KernelLearnRule> learn) {

    public KernelConfig {
        Objects.requireNonNull(encapsulation, "encapsulation");
        Objects.requireNonNull(tunnelDevice, "tunnelDevice");
        learn = List.copyOf(learn);
    }
}
