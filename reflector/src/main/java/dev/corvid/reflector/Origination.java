package dev.corvid.reflector;

import dev.corvid.codec.Afi;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.rib.PathAttributes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The attributes of a route this node originates (its pod blocks), to be stored with {@code PathSource.LOCAL}.
 * RFC 4271 §5.1.1: ORIGIN IGP, "Network Layer Reachability Information is interior to the originating AS";
 * §5.1.2 a: "When a given BGP speaker advertises the route to an internal peer, the advertising speaker SHALL NOT
 * modify the AS_PATH attribute", so an originated route has an empty AS_PATH (our AS is prepended on eBGP). The
 * next hop is the unspecified address: {@link ExportRules} replaces it with our address on each session.
 */
public final class Origination {
    private static final PathAttributes IPV4 = of(new byte[4]);
    private static final PathAttributes IPV6 = of(new byte[16]);

    private Origination() {
    }

    /** The attributes of an originated route of {@code afi}. */
    public static PathAttributes attributes(Afi afi) {
        return afi == Afi.IPV4 ? IPV4 : IPV6;
    }

    private static PathAttributes of(byte[] unspecified) {
        try {
            List<PathAttribute> attributes = List.of(Origin.IGP, AsPath.EMPTY);
            return PathAttributes.of(attributes, InetAddress.getByAddress(unspecified), Optional.empty());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
