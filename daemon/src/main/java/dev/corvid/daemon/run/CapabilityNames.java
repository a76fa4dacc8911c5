package dev.corvid.daemon.run;

import dev.corvid.codec.Family;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.BgpRole;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.CiscoRouteRefresh;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.ExtendedNextHop;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Fqdn;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.LongLivedGracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.capability.UnknownCapability;
import java.util.List;
import java.util.stream.Collectors;

/** A capability of a peer's OPEN as operators read it in {@code show neighbors ADDRESS}: its name and its value. */
final class CapabilityNames {
    private CapabilityNames() {}

    static String name(Capability capability) {
        return switch (capability) {
            case Multiprotocol m -> "multiprotocol " + m.family();
            case RouteRefreshCapability r -> "route-refresh";
            case CiscoRouteRefresh r -> "route-refresh (cisco, code 128)";
            case EnhancedRouteRefresh r -> "enhanced-route-refresh";
            case FourOctetAs f -> "four-octet-as " + f.asn();
            case GracefulRestart g -> "graceful-restart (restart time " + g.restartTime() + " s"
                    + (g.restartState() ? ", restarting" : "")
                    + (g.families().isEmpty() ? "" : ", " + families(g.families().stream().map(GracefulRestart.Tuple::family).toList()))
                    + ")";
            case LongLivedGracefulRestart l ->
                    "long-lived-graceful-restart " + families(l.families().stream().map(LongLivedGracefulRestart.Tuple::family).toList());
            case AddPath a -> "add-path " + a.families().stream().map(CapabilityNames::addPath).collect(Collectors.joining(", "));
            case ExtendedNextHop e -> "extended-next-hop " + e.tuples().stream()
                    .map(t -> t.family() + " over " + afi(t.nextHopAfi())).collect(Collectors.joining(", "));
            case ExtendedMessage e -> "extended-message";
            case BgpRole r -> "role " + r.role().map(BgpRole.Role::label).orElse("unknown value " + r.value());
            case Fqdn f -> "fqdn " + f.hostname() + (f.domainName().isEmpty() ? "" : "." + f.domainName());
            case UnknownCapability u -> "unknown capability " + u.code();
        };
    }

    /** RFC 7911 §4 Send/Receive: 1 receive, 2 send, 3 both. */
    private static String addPath(AddPath.Tuple t) {
        String direction = t.send() && t.receive() ? "send-receive" : t.send() ? "send" : t.receive() ? "receive"
                : "send/receive value " + t.sendReceive();
        return t.family() + " " + direction;
    }

    private static String families(List<Family> families) {
        return families.stream().map(Family::toString).collect(Collectors.joining(", "));
    }

    private static String afi(int afi) {
        return switch (afi) {
            case 1 -> "ipv4";
            case 2 -> "ipv6";
            default -> "afi " + afi;
        };
    }
}
