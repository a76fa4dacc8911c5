package dev.corvid.it.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What crossed a lab host's {@code eth0} on TCP port 179: {@code tcpdump -U --immediate-mode -w FILE} in the
 * host's namespace, read back at any time (the file is written packet by packet, as each arrives), each TCP stream
 * reassembled by sequence number and cut into BGP messages, decoded with {@code dev.corvid.codec}. For what a daemon
 * receives but does not show (FRR prints no unknown attributes). Only plain Ethernet frames with IPv4 or IPv6 (no
 * extension headers) are read: that is all the lab's veths carry.
 */
public final class Capture {

    private static final int ETHERNET = 1;
    private static final int TCP = 6;
    private static final int SYN = 0x02;

    private final Path file;

    private Capture(Path file) {
        this.file = file;
    }

    /** Starts tcpdump in {@code host} and returns once it is listening. */
    public static Capture start(Lab lab, Host host) {
        LabRequirements.requireTool("/usr/bin/tcpdump", "tcpdump");
        Path file = lab.directory("capture-" + host.name()).resolve("bgp.pcap");
        LabProcess tcpdump = lab.process("tcpdump-" + host.name(), List.of("ip", "netns", "exec", host.namespace(),
                "tcpdump", "-U", "--immediate-mode", "-n", "-Z", "root", "-i", "eth0", "-w", file.toString(),
                "tcp", "port", "179"))
                .start();
        Await.condition(Duration.ofSeconds(10), "tcpdump in " + host.name() + " to listen", () -> {
            if (!tcpdump.alive()) {
                throw new Await.Hopeless("tcpdump exited:\n" + tcpdump.logTail(10));
            }
            return tcpdump.logText().contains("listening on");
        });
        return new Capture(file);
    }

    /**
     * The BGP messages captured so far from {@code from} to {@code to} (addresses as the lab writes them), over every
     * connection between the two, each connection's messages in order; a message that does not decode is left out.
     */
    public List<BgpMessage> messages(String from, String to) {
        InetAddress source = address(from);
        InetAddress destination = address(to);
        Map<String, TcpStream> streams = new LinkedHashMap<>();
        for (Segment segment : segments()) {
            if (segment.source().equals(source) && segment.destination().equals(destination)) {
                streams.computeIfAbsent(segment.ports(), p -> new TcpStream()).add(segment);
            }
        }
        List<BgpMessage> messages = new ArrayList<>();
        streams.values().forEach(stream -> messages.addAll(decode(stream.bytes())));
        return messages;
    }

    /** One TCP segment: addresses, ports, sequence number, SYN, payload. */
    private record Segment(InetAddress source, InetAddress destination, String ports, long sequence, boolean syn,
            byte[] payload) {
    }

    /** One direction of one TCP connection: its payload by sequence number, from the SYN on when it was captured. */
    private static final class TcpStream {
        private final TreeMap<Long, byte[]> payloads = new TreeMap<>();
        private Long initial;

        void add(Segment segment) {
            if (segment.syn()) {
                initial = segment.sequence() + 1;
            } else if (segment.payload().length > 0) {
                payloads.putIfAbsent(segment.sequence(), segment.payload());
            }
        }

        /** The contiguous bytes from the start of the stream (or of the capture) up to the first gap. */
        byte[] bytes() {
            if (payloads.isEmpty()) {
                return new byte[0];
            }
            long base = initial != null ? initial : payloads.firstKey();
            TreeMap<Long, byte[]> relative = new TreeMap<>();
            payloads.forEach((sequence, payload) -> relative.putIfAbsent((sequence - base) & 0xffffffffL, payload));
            var out = new ByteArrayOutputStream();
            long cursor = 0;
            for (var entry : relative.entrySet()) {
                long start = entry.getKey();
                byte[] payload = entry.getValue();
                if (start > cursor) {
                    break;
                }
                int skip = (int) (cursor - start);
                if (skip < payload.length) {
                    out.write(payload, skip, payload.length - skip);
                    cursor = start + payload.length;
                }
            }
            return out.toByteArray();
        }
    }

    /** The TCP segments of the pcap file (libpcap's format: a 24-octet file header, a 16-octet header per frame). */
    private List<Segment> segments() {
        ByteBuffer pcap;
        try {
            pcap = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Segment> segments = new ArrayList<>();
        if (pcap.remaining() < 24) {
            return segments;
        }
        int magic = pcap.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            pcap.order(ByteOrder.BIG_ENDIAN);
        }
        if (pcap.getInt(20) != ETHERNET) {
            throw new IllegalStateException(file + ": link type " + pcap.getInt(20) + ", expected Ethernet");
        }
        int at = 24;
        while (at + 16 <= pcap.limit()) {
            int captured = pcap.getInt(at + 8);
            if (at + 16 + captured > pcap.limit()) {
                break; // tcpdump is still writing this record
            }
            ByteBuffer frame = pcap.slice(at + 16, captured).order(ByteOrder.BIG_ENDIAN);
            segment(frame).ifPresent(segments::add);
            at += 16 + captured;
        }
        return segments;
    }

    private static Optional<Segment> segment(ByteBuffer frame) {
        if (frame.limit() < 14) {
            return Optional.empty();
        }
        int etherType = frame.getShort(12) & 0xffff;
        int ip = 14;
        byte[] source;
        byte[] destination;
        int tcp;
        int end;
        if (etherType == 0x0800 && frame.limit() >= ip + 20) {
            if ((frame.get(ip + 9) & 0xff) != TCP) {
                return Optional.empty();
            }
            source = bytes(frame, ip + 12, 4);
            destination = bytes(frame, ip + 16, 4);
            tcp = ip + (frame.get(ip) & 0x0f) * 4;
            end = ip + (frame.getShort(ip + 2) & 0xffff); // the IP length: Ethernet may pad short frames
        } else if (etherType == 0x86dd && frame.limit() >= ip + 40) {
            if ((frame.get(ip + 6) & 0xff) != TCP) {
                return Optional.empty();
            }
            source = bytes(frame, ip + 8, 16);
            destination = bytes(frame, ip + 24, 16);
            tcp = ip + 40;
            end = tcp + (frame.getShort(ip + 4) & 0xffff);
        } else {
            return Optional.empty();
        }
        if (end > frame.limit() || tcp + 20 > end) {
            return Optional.empty(); // truncated by the snap length: never with tcpdump's default
        }
        int sourcePort = frame.getShort(tcp) & 0xffff;
        int destinationPort = frame.getShort(tcp + 2) & 0xffff;
        long sequence = frame.getInt(tcp + 4) & 0xffffffffL;
        int payload = tcp + ((frame.get(tcp + 12) & 0xf0) >>> 4) * 4;
        boolean syn = (frame.get(tcp + 13) & SYN) != 0;
        try {
            return Optional.of(new Segment(InetAddress.getByAddress(source),
                    InetAddress.getByAddress(destination), sourcePort + ">" + destinationPort, sequence, syn,
                    bytes(frame, payload, end - payload)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cuts a stream into BGP messages (RFC 4271 §4.1 header) and decodes each, as a 4-octet-AS session. */
    private static List<BgpMessage> decode(byte[] stream) {
        List<BgpMessage> messages = new ArrayList<>();
        ByteBuf buf = Unpooled.wrappedBuffer(stream);
        try {
            while (true) {
                int length = MessageCodec.frameLength(buf);
                if (length < MessageCodec.HEADER_LENGTH || buf.readableBytes() < length) {
                    return messages;
                }
                if (MessageCodec.decode(buf.readSlice(length), WireContext.FOUR_OCTET_AS)
                        instanceof DecodeResult.Decoded decoded) {
                    messages.add(decoded.message());
                }
            }
        } finally {
            buf.release();
        }
    }

    private static byte[] bytes(ByteBuffer frame, int at, int length) {
        byte[] out = new byte[length];
        frame.get(at, out);
        return out;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text + " is not an address", e);
        }
    }
}
