package dev.corvid.daemon.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code corvid decode HEX|-}: frames the octets into BGP messages, decodes each with the codec, prints JSON
 * (one object, or an array when there are several). A message that frames but is malformed prints its RFC 7606
 * outcome; octets that cannot be framed exit 1 with a one-line reason.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode BGP messages (header included) from hex and print them as JSON.",
                "Whitespace, ':' and '#' comments in the hex are ignored; several messages may follow each other."})
public final class DecodeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HEX", arity = "1..*", description = "the message octets in hex, or '-' to read them from standard input")
    List<String> hex;

    @Option(names = "--two-octet-as", description = "decode as on a session without the RFC 6793 4-octet AS capability")
    boolean twoOctetAs;

    @Option(names = "--add-path", split = ",", paramLabel = "FAMILY",
            description = "families whose NLRI carry RFC 7911 path identifiers: ipv4, ipv6")
    List<String> addPath = List.of();

    @Option(names = "--extended-message", description = "allow RFC 8654 messages of up to 65535 octets")
    boolean extendedMessage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = hex.size() == 1 && hex.getFirst().equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.US_ASCII)
                : String.join(" ", hex);
        Set<Family> families = new HashSet<>();
        for (String f : addPath) {
            switch (f.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "ipv4", "ipv4-unicast" -> families.add(Family.IPV4_UNICAST);
                case "ipv6", "ipv6-unicast" -> families.add(Family.IPV6_UNICAST);
                default -> {
                    err.println("corvid decode: --add-path: '" + f + "' is not a family (ipv4, ipv6)");
                    return 2;
                }
            }
        }
        WireContext ctx = new WireContext(!twoOctetAs, families, families, extendedMessage);
        Bytes octets;
        try {
            octets = Bytes.fromHex(text);
        } catch (IllegalArgumentException e) {
            err.println("corvid decode: not hex: " + e.getMessage());
            return 1;
        }
        List<JsonNode> messages = new ArrayList<>();
        String frameError = decodeAll(octets, ctx, messages);
        if (frameError != null) {
            err.println("corvid decode: " + frameError);
            return 1;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode result = messages.size() == 1 ? messages.getFirst() : arrayOf(mapper, messages);
        out.println(mapper.writeValueAsString(result));
        out.flush();
        return 0;
    }

    /** Decodes every framed message into {@code out}; returns why the octets cannot be framed, or null. */
    static String decodeAll(Bytes octets, WireContext ctx, List<JsonNode> out) {
        if (octets.length() == 0) return "no octets given";
        ByteBuf buf = Unpooled.wrappedBuffer(octets.toArray());
        try {
            int index = 0;
            while (buf.isReadable()) {
                int offset = buf.readerIndex();
                int length = MessageCodec.frameLength(buf);
                if (length < 0) {
                    return "message " + (index + 1) + " at octet " + offset + ": only " + buf.readableBytes()
                            + " octets left, a BGP header needs 19";
                }
                if (length < MessageCodec.HEADER_LENGTH) {
                    return "message " + (index + 1) + " at octet " + offset + ": length field " + length
                            + " is below the 19-octet minimum, so the message cannot be framed";
                }
                if (length > buf.readableBytes()) {
                    return "message " + (index + 1) + " at octet " + offset + ": length field says " + length
                            + " octets but only " + buf.readableBytes() + " are left (truncated input?)";
                }
                ByteBuf frame = buf.readSlice(length);
                DecodeResult result = MessageCodec.decode(frame, ctx);
                out.add(MessageJson.of(result, length));
                index++;
            }
            return null;
        } finally {
            buf.release();
        }
    }

    private static ArrayNode arrayOf(ObjectMapper mapper, List<JsonNode> nodes) {
        ArrayNode a = mapper.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }
}
