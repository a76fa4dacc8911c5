package dev.corvid.codec.attribute;

import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** PLACEHOLDER: replaced by the attribute codec. */
public final class AttributeCodec {
    private AttributeCodec() {}

    public static AttributeResult decode(ByteBuf field, WireContext ctx) {
        throw new UnsupportedOperationException("todo");
    }

    public static void encode(List<PathAttribute> attributes, WireContext ctx, ByteBuf out) {
        throw new UnsupportedOperationException("todo");
    }
}
