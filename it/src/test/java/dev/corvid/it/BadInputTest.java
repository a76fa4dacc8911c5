package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Bad input from a raw TCP socket opened in a probe namespace (each case from its own address, a configured passive
 * peer of corvid, so that one case's back-off does not affect the next): corvid answers with the NOTIFICATION RFC
 * 4271 §6 names, and the established session with BIRD is not disturbed.
 */
class BadInputTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("bad-input");

    private static final HexFormat HEX = HexFormat.of();
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";
    private static final long PROBE_AS = 65009;

    private static Host c;
    private static Host b;
    private static Host probe;
    private static Bird bird;
    private static CorvidProcess corvid;
    private static String birdSince;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        probe = lab.host("probe");
        bird = Bird.start(lab, b, Bird.session("corvid", b.ipv4(), 65002, c.ipv4(), 64512, ""));
        corvid = CorvidProcess.start(lab, c, 64512, List.of(
                CorvidProcess.peer(b.ipv4(), 65002),
                CorvidProcess.peer(probe.ipv4(0), PROBE_AS, "passive = true"),
                CorvidProcess.peer(probe.ipv4(1), PROBE_AS, "passive = true"),
                CorvidProcess.peer(probe.ipv4(2), PROBE_AS, "passive = true"),
                CorvidProcess.peer(probe.ipv4(3), PROBE_AS, "passive = true")));
        Await.condition(Duration.ofSeconds(60), "the session with BIRD Established on both sides",
                () -> corvid.established(b.ipv4()) && bird.established("corvid"));
        birdSince = bird.protocol("corvid").since();
    }

    @AfterAll
    static void birdSessionWasNeverDisturbed() {
        if (bird == null) {
            return;
        }
        assertThat(bird.protocol("corvid").since()).as("BIRD's session came up once and stayed up").isEqualTo(birdSince);
        assertThat(corvid.neighborDetail(b.ipv4()).path("established_transitions").asLong()).isEqualTo(1);
    }

    /** RFC 4271 §6.1: a header whose marker is not all ones is Connection Not Synchronized (1/1). */
    @Test
    void garbageGetsConnectionNotSynchronized() throws IOException {
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0x5a);
        Notification notification = exchange(probe.ipv4(0), garbage);
        assertThat(notification.codeSubcode()).isEqualTo("1/1");
        assertThat(corvid.neighbor(probe.ipv4(0)).orElseThrow().path("state").asText()).isNotEqualTo("Established");
    }

    /** RFC 4271 §6.2: an OPEN of version 3 is Unsupported Version Number (2/1), data = the version we support (4). */
    @Test
    void openOfVersionThreeGetsUnsupportedVersionNumber() throws IOException {
        Notification notification = exchange(probe.ipv4(1),
                HEX.parseHex(MARKER + "001d" + "01" + "03" + "fde9" + "0003" + "0a4d0003" + "00"));
        assertThat(notification.codeSubcode()).isEqualTo("2/1");
        assertThat(notification.data()).isEqualTo("0004");
    }

    /** RFC 4271 §6.1: a length above 4096 is Bad Message Length (1/2), data = the erroneous length. */
    @Test
    void tooLongMessageGetsBadMessageLength() throws IOException {
        Notification notification = exchange(probe.ipv4(2), HEX.parseHex(MARKER + "1388" + "01" + "00".repeat(40)));
        assertThat(notification.codeSubcode()).isEqualTo("1/2");
        assertThat(notification.data()).isEqualTo("1388");
    }

    /** RFC 5492 §5: a capability the speaker does not know is ignored; the session comes up. */
    @Test
    void unknownCapabilityIsIgnoredAndTheSessionComesUp() throws IOException {
        String routerId = HEX.formatHex(java.net.InetAddress.getByName(probe.ipv4(3)).getAddress());
        // Optional parameters 2 (capabilities): MP IPv4 unicast (code 1: AFI 1, SAFI 1) and the unknown code 0xee.
        String capabilities = "0206" + "010400010001" + "0204" + "ee02beef";
        String body = "04" + "%04x".formatted(PROBE_AS) + "0003" + routerId + "%02x".formatted(capabilities.length() / 2) + capabilities;
        String open = MARKER + "%04x".formatted(19 + body.length() / 2) + "01" + body;
        String keepalive = MARKER + "0013" + "04";
        try (Socket socket = probe.connect(probe.ipv4(3), new InetSocketAddress(c.ipv4(), 179))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(HEX.parseHex(open + keepalive));
            out.flush();
            var in = new DataInputStream(socket.getInputStream());
            // corvid sends its OPEN and then a KEEPALIVE (RFC 4271 §8.2.2, OpenSent → OpenConfirm).
            assertThat(nextMessageType(in)).as("corvid's first message").isEqualTo(1);
            assertThat(nextMessageType(in)).as("corvid's second message").isEqualTo(4);
            Await.condition(Duration.ofSeconds(10), "corvid to show the probe Established", () -> {
                try {
                    out.write(HEX.parseHex(keepalive));
                } catch (IOException e) {
                    throw new IllegalStateException("corvid closed the session: " + e.getMessage(), e);
                }
                return corvid.established(probe.ipv4(3));
            });
        }
    }

    private record Notification(int code, int subcode, String data) {
        String codeSubcode() {
            return code + "/" + subcode;
        }
    }

    /** Connects from {@code local}, sends {@code bytes}, and reads corvid's messages until its NOTIFICATION. */
    private static Notification exchange(String local, byte[] bytes) throws IOException {
        try (Socket socket = probe.connect(local, new InetSocketAddress(c.ipv4(), 179))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            var in = new DataInputStream(socket.getInputStream());
            while (true) {
                byte[] header = new byte[19];
                in.readFully(header);
                int length = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
                byte[] body = new byte[length - 19];
                in.readFully(body);
                if (header[18] == 3) {
                    return new Notification(body[0] & 0xff, body[1] & 0xff,
                            HEX.formatHex(Arrays.copyOfRange(body, 2, body.length)));
                }
            }
        }
    }

    private static int nextMessageType(DataInputStream in) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        in.readFully(new byte[length - 19]);
        return header[18];
    }
}
