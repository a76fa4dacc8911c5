package dev.corvid.codec.attribute;

import java.net.Inet4Address;
import java.util.List;

/** RFC 4456 §8 CLUSTER_LIST: the CLUSTER_IDs the route has passed, most recent first. */
public record ClusterList(List<Inet4Address> ids) implements PathAttribute {
    public ClusterList {
        ids = List.copyOf(ids);
    }

    @Override
    public int typeCode() {
        return CLUSTER_LIST;
    }
}
