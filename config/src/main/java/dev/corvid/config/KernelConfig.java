package dev.corvid.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code kernel { ... }} block: how best routes reach the Linux FIB and which kernel routes are announced.
 *
 * @param export        install the best routes learned from peers
 * @param table         the routing table id (254 = main)
 * @param protocol      the rtm_protocol that marks corvid's own routes (5..255)
 * @param tunnelDevice  the device used for {@link Encapsulation#IPIP} / {@link Encapsulation#CROSS_SUBNET} routes
 * @param learn         kernel routes to announce; a route matching any rule is announced
 */
public record KernelConfig(boolean export, int table, int protocol, Encapsulation encapsulation, String tunnelDevice,
        List<KernelLearnRule> learn) {

    public KernelConfig {
        Objects.requireNonNull(encapsulation, "encapsulation");
        Objects.requireNonNull(tunnelDevice, "tunnelDevice");
        learn = List.copyOf(learn);
    }
}
