package dev.corvid.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command-line end of the control socket: sends one request line, reads one response line. Kept small (no
 * Netty, no configuration) because every {@code corvid show} starts a JVM just to run it.
 */
public final class ControlClient {
    /** Where {@code corvid run} puts the socket unless the config or {@code --socket} says otherwise. */
    public static final String DEFAULT_SOCKET = "/run/corvid/corvid.sock";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlClient() {}

    /**
     * Sends {@code request} to the daemon at {@code socket} and returns its response ({@code {"result": ...}} or
     * {@code {"error": ...}}).
     *
     * @throws DaemonUnreachable when nothing answers at {@code socket}, or not within {@code timeout}
     */
    public static JsonNode exchange(Path socket, ObjectNode request, Duration timeout) throws DaemonUnreachable {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw unreachable(socket, reason(e));
        }
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw unreachable(socket, reason(e));
            }
            // Blocking Unix channels have no read timeout: the exchange runs on its own thread, waited for with one.
            FutureTask<JsonNode> task = new FutureTask<>(() -> send(channel, request));
            Thread.ofPlatform().name("corvid-control-client").daemon().start(task);
            try {
                return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new DaemonUnreachable("the daemon at " + socket + " did not answer within "
                        + timeout.toSeconds() + " s; it may be overloaded or stuck (its log says more)");
            } catch (ExecutionException e) {
                throw new DaemonUnreachable("the daemon at " + socket + " closed the connection without answering: "
                        + reason(e.getCause()) + " (its log says more)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DaemonUnreachable("interrupted while waiting for the daemon at " + socket);
            }
        } catch (IOException closeFailed) {
            throw unreachable(socket, reason(closeFailed));
        }
    }

    private static JsonNode send(SocketChannel channel, ObjectNode request) throws IOException {
        OutputStream out = Channels.newOutputStream(channel);
        out.write(JSON.writeValueAsBytes(request));
        out.write('\n');
        out.flush();
        channel.shutdownOutput();
        JsonNode response = JSON.readTree(Channels.newInputStream(channel));
        if (response == null || response.isMissingNode()) throw new IOException("empty response");
        return response;
    }

    private static DaemonUnreachable unreachable(Path socket, String reason) {
        return new DaemonUnreachable("cannot reach the daemon at " + socket + ": " + reason
                + " (is 'corvid run' running? use --socket to choose another)");
    }

    /** An I/O failure as the few words an operator knows: "connection refused", "no such file or directory". */
    static String reason(Throwable e) {
        String message = switch (e) {
            case NoSuchFileException f -> "no such file or directory";
            case AccessDeniedException f -> "permission denied";
            default -> e.getMessage();
        };
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** Nothing answers at the control socket; the message is the one line to show. */
    public static final class DaemonUnreachable extends Exception {
        public DaemonUnreachable(String message) {
            super(message);
        }
    }
}
