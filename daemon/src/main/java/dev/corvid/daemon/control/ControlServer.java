package dev.corvid.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon's end of the control socket: a Unix domain socket on which each connection carries one JSON request
 * line and gets one JSON response line, e.g. {@code {"command":"show-neighbors","address":"10.0.0.2"}}. A response
 * is {@code {"result": ...}} or {@code {"error": "sentence"}}.
 *
 * <p>{@link #claim} binds the socket before the BGP speaker starts, so that a second daemon pointed at the same path
 * stops before it touches any session; {@link #serve} starts answering once the speaker exists. Connections are
 * accepted on one small thread and answered on virtual threads — never on a session event loop.
 */
public final class ControlServer implements AutoCloseable {
    /** The longest request line accepted; requests are a few dozen octets. */
    static final int MAX_REQUEST = 64 * 1024;

    private static final System.Logger LOG = System.getLogger("corvid.control");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers one request; runs on a virtual thread of this server, and may block for a bounded time. */
    @FunctionalInterface
    public interface Responder {
        ObjectNode answer(JsonNode request);
    }

    private final Path path;
    private final ServerSocketChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ControlServer(Path path, ServerSocketChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Binds the control socket at {@code path}, creating its directory. A socket file that nobody answers on is
     * left over from a daemon that did not stop cleanly and is replaced; one that a running daemon answers on is
     * never taken.
     *
     * @throws ControlSocketUnavailable with a sentence saying what is wrong and what to do
     */
    public static ControlServer claim(Path path) throws ControlSocketUnavailable {
        Path parent = path.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ControlSocketUnavailable("cannot create the directory " + parent + " for the control socket: "
                    + ControlClient.reason(e) + "; run as root or choose another path with --socket");
        }
        removeIfStale(path);
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                server.close();
                throw e;
            }
            // Owner and group only: the socket will also carry commands that change the daemon (reload).
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            return new ControlServer(path, server);
        } catch (IOException e) {
            throw new ControlSocketUnavailable("cannot create the control socket " + path + ": "
                    + ControlClient.reason(e) + "; choose another path with --socket");
        }
    }

    private static void removeIfStale(Path path) throws ControlSocketUnavailable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return;
        }
        if (!attributes.isOther()) {
            throw new ControlSocketUnavailable(path + " exists and is not a socket; remove it or choose another"
                    + " path for the control socket with --socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new ControlSocketUnavailable("another corvid daemon is running with the control socket " + path
                    + "; stop it first, or give this one its own socket with --socket (or control-socket in the"
                    + " config)");
        } catch (IOException nobodyAnswers) {
            try {
                Files.deleteIfExists(path);
                LOG.log(Level.INFO, "replaced the stale control socket " + path
                        + " (a daemon that did not stop cleanly left it)");
            } catch (IOException e) {
                throw new ControlSocketUnavailable("cannot remove the stale control socket " + path + ": "
                        + ControlClient.reason(e) + "; remove it by hand or choose another path with --socket");
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Starts accepting connections on a thread of its own; each request is answered by {@code responder}. */
    public void serve(Responder responder) {
        Thread.ofPlatform().name("corvid-control").daemon().start(() -> acceptLoop(responder));
    }

    private void acceptLoop(Responder responder) {
        while (!closed.get()) {
            SocketChannel connection;
            try {
                connection = channel.accept();
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) return;
                LOG.log(Level.WARNING, "control socket " + path + ": cannot accept a connection: "
                        + ControlClient.reason(e));
                continue;
            }
            Thread.ofVirtual().name("corvid-control-request").start(() -> answer(connection, responder));
        }
    }

    private void answer(SocketChannel connection, Responder responder) {
        try (connection) {
            byte[] line = readLine(new BufferedInputStream(Channels.newInputStream(connection)));
            if (line.length == 0) return; // a probe (another daemon checking whether we are alive): nothing to say
            ObjectNode response;
            try {
                response = responder.answer(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                response = error("the request is not one line of JSON: " + e.getOriginalMessage());
            }
            OutputStream out = Channels.newOutputStream(connection);
            out.write(JSON.writeValueAsBytes(response));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "control socket " + path + ": a client went away: " + ControlClient.reason(e));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "control socket " + path + ": a request failed", e);
        }
    }

    /** The octets up to the first newline (or the end of the stream), at most {@link #MAX_REQUEST}. */
    private static byte[] readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        int length = 0;
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (length == MAX_REQUEST) throw new IOException("request longer than " + MAX_REQUEST + " octets");
            if (length == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
            buffer[length++] = (byte) b;
        }
        return Arrays.copyOf(buffer, length);
    }

    public static ObjectNode error(String sentence) {
        return JSON.createObjectNode().put("error", sentence);
    }

    public static ObjectNode result(JsonNode result) {
        ObjectNode node = JSON.createObjectNode();
        node.set("result", result);
        return node;
    }

    /** Stops accepting and removes the socket file; requests being answered finish on their own. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "control socket " + path + ": cannot close it: " + ControlClient.reason(e));
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove the control socket " + path + ": " + ControlClient.reason(e));
        }
    }

    /** The control socket cannot be used; the message says why and what to do. */
    public static final class ControlSocketUnavailable extends Exception {
        public ControlSocketUnavailable(String message) {
            super(message);
        }
    }
}
