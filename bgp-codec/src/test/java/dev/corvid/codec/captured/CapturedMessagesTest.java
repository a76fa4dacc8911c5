package dev.corvid.codec.captured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real messages sent by BIRD 2, FRR and GoBGP (captured by {@code lab/capture/capture.sh}, stored in
 * {@code src/test/resources/captured/}): every one decodes without findings under the context its receiver
 * negotiated, and encoding the decoded message gives back the captured octets — except for the differences the
 * RFCs allow, listed file by file in {@link #DIFFERENCES}.
 */
@ExtendWith(LeakCheck.class)
class CapturedMessagesTest {

    /** A missing or shrunken capture fails here rather than silently testing less. */
    private static final Map<String, Integer> MINIMUM_MESSAGES_PER_SENDER = Map.of("bird", 40, "frr", 50, "gobgp", 30);
    /** Files from each sender (its sessions with the other two programs, see lab/capture/README.md). */
    private static final Map<String, Integer> MINIMUM_FILES_PER_SENDER = Map.of("bird", 6, "frr", 4, "gobgp", 4);

    private static final Pattern CONTEXT = Pattern.compile(
            "^# context: four-octet-as=(true|false) add-path-receive=(\\S+) extended-message=(true|false)$",
            Pattern.MULTILINE);
    private static final Pattern MESSAGE = Pattern.compile("^# message (\\d+): (.*)$", Pattern.MULTILINE);

    /** One captured message: where it came from, the context to decode it with, its octets. */
    record Captured(String file, String sender, int number, String title, WireContext context, Bytes octets) {
        String name() {
            return file + " #" + number + ": " + title;
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesEveryCapturedMessageAndEncodesItBackToTheSameOctets() {
        return load().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> roundTrip(m)));
    }

    @Test
    void holdsEnoughMessagesFromEverySender() {
        List<Captured> all = load();
        Map<String, Set<String>> files = new TreeMap<>();
        Map<String, Integer> messages = new TreeMap<>();
        Map<String, Integer> byTitle = new TreeMap<>();
        for (Captured m : all) {
            files.computeIfAbsent(m.sender(), s -> new LinkedHashSet<>()).add(m.file());
            messages.merge(m.sender(), 1, Integer::sum);
            byTitle.merge(m.sender() + " " + m.title().replaceFirst(" .*", ""), 1, Integer::sum);
        }
        System.out.println("captured messages: " + all.size() + " in "
                + files.values().stream().mapToInt(Set::size).sum() + " files");
        files.forEach((sender, names) -> System.out.println("  " + sender + ": " + messages.get(sender)
                + " messages in " + names.size() + " files; " + byTitle.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(sender + " "))
                        .map(e -> e.getKey().substring(sender.length() + 1) + " " + e.getValue())
                        .collect(Collectors.joining(", "))));

        MINIMUM_MESSAGES_PER_SENDER.forEach((sender, minimum) ->
                assertThat(messages.getOrDefault(sender, 0)).as("messages sent by " + sender).isGreaterThanOrEqualTo(minimum));
        MINIMUM_FILES_PER_SENDER.forEach((sender, minimum) ->
                assertThat(files.getOrDefault(sender, Set.of())).as("files of messages sent by " + sender).hasSizeGreaterThanOrEqualTo(minimum));
        for (String kind : List.of("OPEN", "UPDATE", "KEEPALIVE", "NOTIFICATION", "ROUTE-REFRESH")) {
            assertThat(all).as("captured " + kind + " messages").anyMatch(m -> m.title().startsWith(kind));
        }
    }

    private static void roundTrip(Captured m) {
        ByteBuf frame = Unpooled.wrappedBuffer(m.octets().toArray());
        DecodeResult result;
        try {
            result = MessageCodec.decode(frame, m.context());
            assertThat(frame.readableBytes()).as("octets left unread by the decoder").isZero();
        } finally {
            frame.release();
        }
        assertThat(frame.refCnt()).isZero();
        assertThat(result).as("decoding %s", m.name()).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        assertThat(decoded.errors()).as("RFC 7606 findings in %s", m.name()).isEmpty();

        ByteBuf encoded = MessageCodec.encode(decoded.message(), m.context(), UnpooledByteBufAllocator.DEFAULT);
        Bytes actual;
        try {
            actual = Bytes.of(ByteBufUtil.getBytes(encoded));
        } finally {
            encoded.release();
        }
        Bytes expected = expectedEncoding(m);
        assertThat(actual.hex()).as("encoding of the decoded %s", m.name()).isEqualTo(expected.hex());
    }

    /** Where corvid's encoding may differ from what a speaker sent, because the RFCs leave the choice open. */
    enum Difference {
        /**
         * RFC 4271 §4.3: the Extended Length bit says whether the length is one or two octets, and a sender may set
         * it on any attribute (FRR does on AS_PATH, AS4_PATH and MP_(UN)REACH_NLRI, BIRD on MP_(UN)REACH_NLRI);
         * corvid sets it only when the value is longer than 255 octets.
         */
        EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE,
        /**
         * RFC 6793 §4.2.2 does not say where AS4_PATH goes; BIRD and FRR write it after MULTI_EXIT_DISC/AGGREGATOR,
         * corvid (which merges AS4_PATH into AS_PATH on decode, §4.2.3) writes it right after AS_PATH.
         */
        AS4_PATH_RIGHT_AFTER_AS_PATH,
        /**
         * RFC 4271 §5: an unrecognized optional non-transitive attribute "MUST be quietly ignored and not passed
         * along"; GoBGP sends AIGP (type 26, RFC 7311), which corvid does not implement, so the decoder drops it.
         */
        UNRECOGNIZED_NON_TRANSITIVE_DROPPED
    }

    /** The differences allowed in each file; every entry must change at least one message of its file. */
    private static final Map<String, Set<Difference>> DIFFERENCES = Map.of(
            "bird-to-frr-ebgp-as2.hex", EnumSet.of(Difference.AS4_PATH_RIGHT_AFTER_AS_PATH),
            "bird-to-frr-ebgp-ipv6-role.hex", EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE),
            "bird-to-gobgp-ebgp-ipv6.hex", EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE),
            "frr-to-bird-ebgp-as2.hex",
            EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE, Difference.AS4_PATH_RIGHT_AFTER_AS_PATH),
            "frr-to-bird-ebgp-ipv6-role.hex", EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE),
            "frr-to-bird-ibgp-rr.hex", EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE),
            "frr-to-gobgp-ibgp-rr.hex", EnumSet.of(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE),
            "gobgp-to-bird-ebgp-addpath.hex", EnumSet.of(Difference.UNRECOGNIZED_NON_TRANSITIVE_DROPPED),
            "gobgp-to-frr-ibgp-rr.hex", EnumSet.of(Difference.UNRECOGNIZED_NON_TRANSITIVE_DROPPED));

    @Test
    void everyAllowedDifferenceOccursInItsFile() {
        Map<String, List<Captured>> byFile = load().stream().collect(Collectors.groupingBy(Captured::file));
        DIFFERENCES.forEach((file, differences) -> {
            assertThat(byFile).as("captured files").containsKey(file);
            for (Difference d : differences) {
                assertThat(byFile.get(file)).as("%s changes a message of %s", d, file)
                        .anyMatch(m -> !CapturedUpdate.normalise(m.octets(), EnumSet.of(d)).equals(m.octets()));
            }
        });
    }

    private static Bytes expectedEncoding(Captured m) {
        Set<Difference> allowed = DIFFERENCES.getOrDefault(m.file(), Set.of());
        return allowed.isEmpty() ? m.octets() : CapturedUpdate.normalise(m.octets(), allowed);
    }

    /** The captured octets of an UPDATE rewritten as corvid encodes them, for the allowed differences only. */
    static final class CapturedUpdate {
        /** Type codes corvid decodes (PathAttribute's records); any other is unrecognized. */
        private static final Set<Integer> RECOGNIZED = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 25, 32, 35);

        private record Attribute(int flags, int type, byte[] value) {}

        private CapturedUpdate() {}

        static Bytes normalise(Bytes message, Set<Difference> allowed) {
            ByteBuf in = Unpooled.wrappedBuffer(message.toArray());
            if (in.getUnsignedByte(MessageCodec.HEADER_LENGTH - 1) != 2) return message;
            in.skipBytes(MessageCodec.HEADER_LENGTH);
            ByteBuf withdrawn = in.readSlice(in.readUnsignedShort());
            ByteBuf attributes = in.readSlice(in.readUnsignedShort());
            List<Attribute> list = new ArrayList<>();
            while (attributes.isReadable()) {
                int flags = attributes.readUnsignedByte();
                int type = attributes.readUnsignedByte();
                int length = (flags & 0x10) != 0 ? attributes.readUnsignedShort() : attributes.readUnsignedByte();
                byte[] value = new byte[length];
                attributes.readBytes(value);
                boolean optionalNonTransitive = (flags & 0xC0) == 0x80;
                if (allowed.contains(Difference.UNRECOGNIZED_NON_TRANSITIVE_DROPPED) && optionalNonTransitive
                        && !RECOGNIZED.contains(type)) {
                    continue;
                }
                if (allowed.contains(Difference.EXTENDED_LENGTH_ON_SHORT_ATTRIBUTE) && length < 256) {
                    flags &= ~0x10;
                }
                list.add(new Attribute(flags, type, value));
            }
            if (allowed.contains(Difference.AS4_PATH_RIGHT_AFTER_AS_PATH)) {
                Attribute as4Path = list.stream().filter(a -> a.type() == 17).findFirst().orElse(null);
                int asPath = indexOf(list, 2);
                if (as4Path != null && asPath >= 0) {
                    list.remove(as4Path);
                    list.add(indexOf(list, 2) + 1, as4Path);
                }
            }
            ByteBuf out = Unpooled.buffer(message.length());
            out.writeBytes(message.toArray(), 0, MessageCodec.HEADER_LENGTH);
            out.writeShort(withdrawn.readableBytes()).writeBytes(withdrawn);
            int attributesLength = out.writerIndex();
            out.writeShort(0);
            for (Attribute a : list) {
                out.writeByte(a.flags()).writeByte(a.type());
                if ((a.flags() & 0x10) != 0) out.writeShort(a.value().length);
                else out.writeByte(a.value().length);
                out.writeBytes(a.value());
            }
            out.setShort(attributesLength, out.writerIndex() - attributesLength - 2);
            out.writeBytes(in);
            out.setShort(MessageCodec.MARKER_LENGTH, out.writerIndex());
            Bytes normalised = Bytes.of(ByteBufUtil.getBytes(out));
            out.release();
            in.release();
            return normalised;
        }

        private static int indexOf(List<Attribute> list, int type) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).type() == type) return i;
            }
            return -1;
        }
    }

    static List<Captured> load() {
        Path dir = capturedDirectory();
        List<Captured> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                out.addAll(parse(file.getFileName().toString(), Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Path capturedDirectory() {
        URL url = CapturedMessagesTest.class.getResource("/captured");
        assertThat(url).as("test resource folder captured/").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <sender>-to-<receiver>-<scenario>.hex}: a header with the context, then {@code # message N: ...} blocks. */
    static List<Captured> parse(String file, String text) {
        Matcher context = CONTEXT.matcher(text);
        assertThat(context.find()).as(file + " has a '# context:' line").isTrue();
        Set<Family> addPath = new LinkedHashSet<>();
        if (!context.group(2).equals("none")) {
            for (String family : context.group(2).split(",")) {
                addPath.add(switch (family) {
                    case "ipv4-unicast" -> Family.IPV4_UNICAST;
                    case "ipv6-unicast" -> Family.IPV6_UNICAST;
                    default -> throw new IllegalArgumentException(file + ": unknown family " + family);
                });
            }
        }
        // The sender's ADD-PATH send set equals the receiver's receive set, so re-encoding uses the same families.
        WireContext ctx = new WireContext(Boolean.parseBoolean(context.group(1)), addPath, addPath,
                Boolean.parseBoolean(context.group(3)));
        String sender = file.substring(0, file.indexOf("-to-"));

        List<Captured> out = new ArrayList<>();
        Matcher message = MESSAGE.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (message.find()) {
            starts.add(new int[] {message.start(), message.end(), Integer.parseInt(message.group(1))});
            titles.add(message.group(2));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            Bytes octets = Bytes.fromHex(text.substring(starts.get(i)[1], end));
            out.add(new Captured(file, sender, starts.get(i)[2], titles.get(i), ctx, octets));
        }
        assertThat(out).as(file + " holds messages").isNotEmpty();
        return out;
    }
}
