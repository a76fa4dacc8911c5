package dev.corvid.bench.session;

import dev.corvid.codec.nlri.Ipv4Prefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The command line of {@link SessionLoad}.
 *
 * @param target             where the BGP speaker under test listens
 * @param sessions           how many sessions to open, each from its own source address
 * @param firstSource        the source address of the first session; the others count up from it
 * @param asn                our AS (iBGP when the target has the same one)
 * @param holdTime           the Hold Time we offer in our OPEN (RFC 4271 §4.2; 0 or at least 3)
 * @param connectParallelism how many sessions are being set up (connect to Established) at once
 * @param upTimeoutSeconds   how long to wait for every session to come up
 * @param settleSeconds      pause between the last Established and the steady-state window
 * @param measureSeconds     length of the steady-state window; 0 for none
 * @param pid                the process of the target whose CPU and memory are sampled, if any
 * @param announce           the pod block of the first session, if the sessions announce one each (Calico's shape)
 * @param convergeSeconds    how long, from the first connect, to wait for every session to hold every other's block
 */
record LoadOptions(InetSocketAddress target, int sessions, Inet4Address firstSource, long asn, int holdTime,
                   int connectParallelism, int upTimeoutSeconds, int settleSeconds, int measureSeconds,
                   OptionalLong pid, Optional<Ipv4Prefix> announce, int convergeSeconds) {

    static final String USAGE = """
            usage: SessionLoad --target HOST:PORT [--sessions N] [--source FIRST_ADDRESS] [--asn AS] [--hold SECONDS]
                               [--connect-parallelism N] [--up-timeout SECONDS] [--settle SECONDS]
                               [--measure SECONDS] [--pid PID] [--announce FIRST_BLOCK] [--converge-timeout SECONDS]
              --target               the BGP speaker under test (required), e.g. 127.0.0.1:1790
              --sessions             sessions to open (default 1000)
              --source               source address of the first session, counting up (default 127.1.0.1)
              --asn                  our AS number (default 64512)
              --hold                 Hold Time offered in our OPEN (default 90; keepalives every hold/3)
              --connect-parallelism  sessions being set up at once (default 200)
              --up-timeout           seconds to wait for all sessions to be Established (default 120)
              --settle               seconds between the last Established and the measurement (default 5)
              --measure              seconds of steady state to measure (default 30; 0 = none)
              --pid                  process of the target to sample from /proc (CPU, VmRSS, VmHWM)
              --announce             each session announces one block once Established, the first this one
                                     (e.g. 10.0.0.0/26), the others counting up (10.0.0.64/26, ...); the client
                                     then waits until every session holds the blocks of all the others
              --converge-timeout     seconds from the first connect to wait for that (default 240)""";

    /** Thrown for a command line that cannot be used; the message says which argument and why. */
    static final class BadArguments extends Exception {
        BadArguments(String message) {
            super(message);
        }
    }

    static LoadOptions parse(String[] args) throws BadArguments {
        InetSocketAddress target = null;
        int sessions = 1000;
        Inet4Address source = ipv4("--source", "127.1.0.1");
        long asn = 64512;
        int hold = 90;
        int parallelism = 200;
        int upTimeout = 120;
        int settle = 5;
        int measure = 30;
        OptionalLong pid = OptionalLong.empty();
        Optional<Ipv4Prefix> announce = Optional.empty();
        int converge = 240;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) throw new BadArguments(name + " needs a value");
            String value = args[++i];
            switch (name) {
                case "--target" -> target = hostPort(value);
                case "--sessions" -> sessions = (int) number(name, value, 1, 60_000);
                case "--source" -> source = ipv4(name, value);
                case "--asn" -> asn = number(name, value, 1, 0xFFFF_FFFFL);
                case "--hold" -> hold = (int) number(name, value, 0, 0xFFFF);
                case "--connect-parallelism" -> parallelism = (int) number(name, value, 1, 60_000);
                case "--up-timeout" -> upTimeout = (int) number(name, value, 1, 86_400);
                case "--settle" -> settle = (int) number(name, value, 0, 86_400);
                case "--measure" -> measure = (int) number(name, value, 0, 86_400);
                case "--pid" -> pid = OptionalLong.of(number(name, value, 1, Integer.MAX_VALUE));
                case "--announce" -> announce = Optional.of(block(name, value));
                case "--converge-timeout" -> converge = (int) number(name, value, 1, 86_400);
                default -> throw new BadArguments("unknown option " + name);
            }
        }
        if (target == null) throw new BadArguments("--target HOST:PORT is required");
        // RFC 4271 §4.2: "The Hold Time MUST be either zero or at least three seconds."
        if (hold == 1 || hold == 2) throw new BadArguments("--hold must be 0 or at least 3 seconds (RFC 4271 §4.2)");
        if (announce.isPresent()) {
            try {
                new PodBlocks(announce.get(), sessions);
            } catch (IllegalArgumentException e) {
                throw new BadArguments("--announce: " + e.getMessage());
            }
        }
        return new LoadOptions(target, sessions, source, asn, hold, parallelism, upTimeout, settle, measure, pid,
                announce, converge);
    }

    /** The pod blocks the sessions announce, one each, if they announce any. */
    Optional<PodBlocks> blocks() {
        return announce.map(first -> new PodBlocks(first, sessions));
    }

    /** The source address of session {@code index} (0-based): the first source plus {@code index}. */
    Inet4Address source(int index) {
        int base = ByteBuffer.wrap(firstSource.getAddress()).getInt();
        byte[] octets = ByteBuffer.allocate(4).putInt(base + index).array();
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    private static InetSocketAddress hostPort(String value) throws BadArguments {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) throw new BadArguments("--target " + value + ": expected HOST:PORT, e.g. 127.0.0.1:1790");
        int port = (int) number("--target", value.substring(colon + 1), 1, 65535);
        try {
            return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)), port);
        } catch (UnknownHostException e) {
            throw new BadArguments("--target " + value + ": unknown host " + value.substring(0, colon));
        }
    }

    private static Inet4Address ipv4(String name, String value) throws BadArguments {
        try {
            if (InetAddress.getByName(value) instanceof Inet4Address v4 && value.chars().allMatch(
                    c -> c == '.' || Character.isDigit(c))) {
                return v4;
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new BadArguments(name + " " + value + " is not an IPv4 address like 127.1.0.1");
    }

    private static Ipv4Prefix block(String name, String value) throws BadArguments {
        try {
            Ipv4Prefix p = Ipv4Prefix.parse(value);
            if (p.toString().equals(value)) return p;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadArguments(name + " " + value + " is not an IPv4 prefix with its host bits clear, like 10.0.0.0/26");
    }

    private static long number(String name, String value, long min, long max) throws BadArguments {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadArguments(name + " " + value + " is not a number in " + min + ".." + max);
    }
}
