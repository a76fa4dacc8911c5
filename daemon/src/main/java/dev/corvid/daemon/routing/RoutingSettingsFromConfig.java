package dev.corvid.daemon.routing;

import dev.corvid.config.CorvidConfig;
import dev.corvid.config.Policy;
import dev.corvid.config.PrefixRule;
import dev.corvid.config.SessionOptions;
import dev.corvid.reflector.PeerRole;
import dev.corvid.reflector.PeerSettings;
import dev.corvid.reflector.Speaker;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The configuration as {@link RoutingSettings}: the config's roles and policies mapped to the reflector's own types.
 * The config always holds a policy (it writes the RFC 8212 default for a peer without one), so every peer here has
 * an explicit import and export policy.
 *
 * <p>Our address on a session is the configured {@code local-address}, else the router id: the transport does not
 * (yet) report the address a connection actually uses, so a peer reached from another address needs
 * {@code local-address} for the next hop to be right.
 */
public final class RoutingSettingsFromConfig {
    private RoutingSettingsFromConfig() {}

    public static RoutingSettings of(CorvidConfig config) {
        Speaker speaker = new Speaker(config.asn(), config.routerId(), config.clusterId().orElse(config.routerId()));
        return new RoutingSettings(speaker, config.maximumPaths(), config.originate(), address -> peer(config, address),
                config.peers().stream().map(p -> p.address()).toList());
    }

    static Optional<RoutingSettings.Peer> peer(CorvidConfig config, InetAddress address) {
        var configured = config.peer(address);
        if (configured.isPresent()) {
            var p = configured.get();
            return Optional.of(peer(address, p.asn(), p.role(), p.nextHopSelf(), p.allowLocalAs(), p.importPolicy(),
                    p.exportPolicy(),
                    p.session()));
        }
        return config.range(address).map(r -> peer(address, r.asn(), r.role(), r.nextHopSelf(), r.allowLocalAs(),
                r.importPolicy(),
                r.exportPolicy(), r.session()));
    }

    private static RoutingSettings.Peer peer(InetAddress address, long asn, dev.corvid.config.PeerRole role,
                                             boolean nextHopSelf, int allowLocalAs, Policy importPolicy,
                                             Policy exportPolicy,
                                             SessionOptions session) {
        PeerSettings settings = new PeerSettings(address, asn, role(role), nextHopSelf, allowLocalAs,
                Optional.of(policy(importPolicy)), Optional.of(policy(exportPolicy)));
        Optional<RoutingSettings.PrefixLimit> limit = session.maxPrefixes().isPresent()
                ? Optional.of(new RoutingSettings.PrefixLimit(session.maxPrefixes().getAsLong(), session.maxPrefixesRestart()))
                : Optional.empty();
        return new RoutingSettings.Peer(settings, limit);
    }

    static PeerRole role(dev.corvid.config.PeerRole role) {
        return switch (role) {
            case MESH -> PeerRole.MESH;
            case RR_CLIENT -> PeerRole.RR_CLIENT;
            case NON_CLIENT -> PeerRole.NON_CLIENT;
            case EBGP -> PeerRole.EBGP;
        };
    }

    static dev.corvid.reflector.Policy policy(Policy policy) {
        return switch (policy) {
            case Policy.Accept _ -> new dev.corvid.reflector.Policy.Accept();
            case Policy.Reject _ -> new dev.corvid.reflector.Policy.Reject();
            case Policy.Originated _ -> new dev.corvid.reflector.Policy.Originated();
            case Policy.PrefixList list -> new dev.corvid.reflector.Policy.PrefixList(
                    list.rules().stream().map(RoutingSettingsFromConfig::rule).toList());
        };
    }

    private static dev.corvid.reflector.PrefixRule rule(PrefixRule rule) {
        return new dev.corvid.reflector.PrefixRule(rule.prefix(), rule.ge(), rule.le(),
                rule.accept() ? dev.corvid.reflector.PrefixRule.Action.ACCEPT
                        : dev.corvid.reflector.PrefixRule.Action.REJECT);
    }
}
