package dev.corvid.codec.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.testing.Allocators;
import dev.corvid.codec.testing.LeakCheck;
import dev.corvid.codec.testing.UpdateGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code decode(encode(m)) == m} for thousands of generated UPDATEs under each kind of session. */
@ExtendWith(LeakCheck.class)
class UpdateRoundTripPropertyTest {
    static final int MESSAGES_PER_CONTEXT = 1000;
    static final Set<Family> BOTH = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    static Stream<Arguments> contexts() {
        return Stream.of(
                Arguments.of("2-octet AS", WireContext.DEFAULT),
                Arguments.of("4-octet AS", WireContext.FOUR_OCTET_AS),
                Arguments.of("ADD-PATH IPv4+IPv6, 4-octet AS", WireContext.FOUR_OCTET_AS.withAddPath(BOTH)),
                Arguments.of("ADD-PATH IPv4+IPv6, 2-octet AS", WireContext.DEFAULT.withAddPath(BOTH)),
                Arguments.of("ADD-PATH sent for IPv4 only", new WireContext(true, Set.of(), Set.of(Family.IPV4_UNICAST), false)),
                Arguments.of("extended message", WireContext.FOUR_OCTET_AS.withExtendedMessage(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contexts")
    void decodesWhatItEncodes(String name, WireContext ctx) {
        for (long seed = 0; seed < MESSAGES_PER_CONTEXT; seed++) {
            Update update = new UpdateGenerator(seed).update(ctx);
            ByteBuf wire = MessageCodec.encode(update, ctx, Allocators.sampled(seed));
            String hex = ByteBufUtil.hexDump(wire);
            try {
                // The receiver's context is the sender's, mirrored (its ADD-PATH receive set is our send set).
                DecodeResult result = MessageCodec.decode(wire, ctx.mirrored());
                assertThat(result).as("seed %d under %s, wire %s", seed, name, hex)
                        .isEqualTo(new DecodeResult.Decoded(update));
            } finally {
                wire.release();
            }
        }
    }
}
