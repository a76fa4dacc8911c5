package dev.corvid.codec.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.message.UpdatePacker;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.NlriCodec;
import dev.corvid.codec.testing.Allocators;
import dev.corvid.codec.testing.LeakCheck;
import dev.corvid.codec.testing.UpdateGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UpdatePacker} on random prefix lists and sessions: every message fits, decodes without error, is exactly
 * what {@link MessageCodec} writes for the decoded UPDATE, is full (the next prefix would not have fit), and the
 * prefixes of all messages are the input, in order.
 */
@ExtendWith(LeakCheck.class)
class UpdatePackerPropertyTest {
    static final int RUNS_PER_SEED = 40;

    @ParameterizedTest(name = "seed block {0}")
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void packsEveryPrefixIntoFullMessagesThatDecode(long block) {
        for (int run = 0; run < RUNS_PER_SEED; run++) {
            long seed = block * 1000 + run;
            UpdateGenerator gen = new UpdateGenerator(seed);
            Random random = gen.random();
            WireContext ctx = gen.context();
            Family family = random.nextBoolean() ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
            boolean ipv4 = family.equals(Family.IPV4_UNICAST);
            int count = random.nextInt(random.nextBoolean() ? 50 : 6000);
            List<Nlri> prefixes = ipv4 ? gen.ipv4Nlri(count, ctx) : gen.ipv6Nlri(count, ctx);
            boolean announce = random.nextInt(3) != 0;
            List<PathAttribute> attributes = announce ? gen.pathAttributes(ctx, ipv4, List.of()) : List.of();
            Bytes nextHop = ipv4 ? null : gen.ipv6NextHop();

            List<ByteBuf> messages = new ArrayList<>();
            var alloc = Allocators.sampled(run);
            try {
                int n = announce
                        ? UpdatePacker.announce(family, attributes, nextHop, prefixes, ctx, alloc, messages::add)
                        : UpdatePacker.withdraw(family, prefixes, ctx, alloc, messages::add);
                assertThat(n).isEqualTo(messages.size());
                List<Nlri> seen = new ArrayList<>();
                for (int i = 0; i < messages.size(); i++) {
                    ByteBuf m = messages.get(i);
                    String where = "seed " + seed + ", message " + i + " of " + messages.size() + ": "
                            + ByteBufUtil.hexDump(m);
                    assertThat(m.readableBytes()).as(where).isLessThanOrEqualTo(ctx.maxMessageLength());
                    byte[] sent = ByteBufUtil.getBytes(m);
                    DecodeResult result = MessageCodec.decode(m.duplicate(), ctx.mirrored());
                    assertThat(result).as(where).isInstanceOf(DecodeResult.Decoded.class);
                    assertThat(((DecodeResult.Decoded) result).errors()).as(where).isEmpty();
                    Update update = (Update) ((DecodeResult.Decoded) result).message();
                    List<Nlri> carried = announce ? update.allReachable(family) : update.allWithdrawn(family);
                    seen.addAll(carried);
                    assertThat(withoutMp(update.attributes())).as(where).isEqualTo(attributes);
                    ByteBuf again = MessageCodec.encode(update, ctx, Allocators.UNTRACKED);
                    try {
                        assertThat(ByteBufUtil.getBytes(again)).as(where).isEqualTo(sent);
                    } finally {
                        again.release();
                    }
                    if (i < messages.size() - 1) {
                        Nlri next = prefixes.get(seen.size());
                        assertThat(m.readableBytes() + NlriCodec.encodedLength(next, ctx.addPathSend(family)))
                                .as(where + ": the next prefix would have fit").isGreaterThan(ctx.maxMessageLength() - 1);
                    }
                }
                assertThat(seen).as("seed %d", seed).isEqualTo(prefixes);
            } finally {
                messages.forEach(ByteBuf::release);
            }
        }
    }

    private static List<PathAttribute> withoutMp(List<PathAttribute> attributes) {
        return attributes.stream().filter(a -> !(a instanceof MpReach) && !(a instanceof MpUnreach)).toList();
    }
}
