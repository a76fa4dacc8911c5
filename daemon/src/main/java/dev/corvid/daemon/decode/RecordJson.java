package dev.corvid.daemon.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Ipv6Text;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Any codec record as JSON, by its components: names in snake_case, octets as hex, addresses and prefixes as
 * text, enums in lower case. Records inside lists (capabilities, optional parameters) name their kind, so a
 * reader can tell {@code four_octet_as} from {@code add_path}.
 */
final class RecordJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordJson() {}

    static void fill(Record r, ObjectNode node) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
            }
            JsonNode j = value(v);
            if (j != null) node.set(snake(c.getName()), j);
        }
    }

    static JsonNode value(Object v) {
        return switch (v) {
            case null -> null;
            case Optional<?> o -> o.map(RecordJson::value).orElse(null);
            case Bytes b -> JSON.textNode(b.hex());
            case Inet6Address a -> JSON.textNode(Ipv6Text.format(a.getAddress()));
            case InetAddress a -> JSON.textNode(a.getHostAddress());
            case Family f -> JSON.textNode(f.toString());
            case Enum<?> e -> JSON.textNode(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            case Boolean b -> JSON.booleanNode(b);
            case Integer i -> JSON.numberNode(i);
            case Long l -> JSON.numberNode(l);
            case Short s -> JSON.numberNode(s);
            case Byte b -> JSON.numberNode(b & 0xFF);
            case String s -> JSON.textNode(s);
            case Collection<?> list -> {
                ArrayNode a = JSON.arrayNode();
                for (Object e : list) {
                    JsonNode j = value(e);
                    if (j instanceof ObjectNode o && e instanceof Record rec) {
                        ObjectNode tagged = JSON.objectNode();
                        tagged.put("kind", snake(rec.getClass().getSimpleName()));
                        tagged.setAll(o);
                        j = tagged;
                    }
                    a.add(j == null ? JSON.nullNode() : j);
                }
                yield a;
            }
            case Map<?, ?> map -> {
                ObjectNode o = JSON.objectNode();
                map.forEach((k, e) -> o.set(String.valueOf(k), value(e)));
                yield o;
            }
            case Record r -> {
                ObjectNode o = JSON.objectNode();
                fill(r, o);
                yield o;
            }
            default -> JSON.textNode(v.toString());
        };
    }

    /** {@code fourOctetAs} → {@code four_octet_as}; {@code BgpIdentifier} → {@code bgp_identifier}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (i > 0 && (prevLower || nextLower)) sb.append('_');
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
