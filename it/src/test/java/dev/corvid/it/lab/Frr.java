package dev.corvid.it.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * FRR in one lab host: bgpd in the foreground with its own path space ({@code -N}), and zebra beside it when the
 * sessions use IPv6 (without zebra, FRR 8.4 resets an IPv6 session whose peer sends a link-local next hop).
 * Asked through {@code vtysh -N NAME}.
 */
public final class Frr {

    private final Host host;
    private final String instance;
    private final LabProcess bgpd;

    private Frr(Host host, String instance, LabProcess bgpd) {
        this.host = host;
        this.instance = instance;
        this.bgpd = bgpd;
    }

    /**
     * Writes {@code bgpd.conf} ({@code routerBgp} is the {@code router bgp ...} block and anything else bgpd reads)
     * and starts bgpd, with zebra first when {@code zebra} is set; returns once vtysh reaches bgpd.
     */
    public static Frr start(Lab lab, Host host, String routerBgp, boolean zebra) {
        String instance = lab.prefix() + host.name();
        Path dir = lab.directory("frr-" + host.name());
        Path run = lab.frrRunDirectory(instance);
        if (zebra) {
            Path zebraConfig = dir.resolve("zebra.conf");
            Lab.writeFile(zebraConfig, "hostname %s\nlog file %s informational\n"
                    .formatted(host.name(), dir.resolve("zebra.log")));
            lab.process("zebra-" + host.name(), List.of("ip", "netns", "exec", host.namespace(),
                    "/usr/lib/frr/zebra", "-N", instance, "-f", zebraConfig.toString(),
                    "-i", dir.resolve("zebra.pid").toString(), "-u", "frr", "-g", "frr", "-P", "0")).start();
            Await.condition(Duration.ofSeconds(20), "zebra in " + host.name() + " to open zserv.api",
                    () -> run.resolve("zserv.api").toFile().exists());
        }
        Path config = dir.resolve("bgpd.conf");
        Lab.writeFile(config, """
                frr defaults traditional
                hostname %s
                log file %s informational
                !
                %s
                """.formatted(host.name(), dir.resolve("bgpd.log"), routerBgp));
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(),
                "/usr/lib/frr/bgpd", "-N", instance, "-f", config.toString(), "-i", dir.resolve("bgpd.pid").toString(),
                "-u", "frr", "-g", "frr", "-P", "0"));
        if (!zebra) {
            argv.add("-Z");
        }
        LabProcess bgpd = lab.process("bgpd-" + host.name(), argv).start();
        Frr frr = new Frr(host, instance, bgpd);
        Await.condition(Duration.ofSeconds(20), "bgpd in " + host.name() + " to answer vtysh", () -> {
            if (!bgpd.alive()) {
                throw new Await.Hopeless("bgpd exited:\n" + bgpd.logTail(20));
            }
            return frr.vtysh("show bgp summary json").ok();
        });
        return frr;
    }

    /**
     * A neighbor with the lab's short timers: keepalive 1 s, hold 3 s, connect retry 2 s; {@code extra} lines are
     * added under it (each starting with {@code neighbor ADDRESS}).
     */
    public static String neighbor(String address, long asn, String... extra) {
        var text = new StringBuilder();
        text.append(" neighbor ").append(address).append(" remote-as ").append(asn).append('\n');
        text.append(" neighbor ").append(address).append(" timers 1 3\n");
        text.append(" neighbor ").append(address).append(" timers connect 2\n");
        for (String line : extra) {
            text.append(" neighbor ").append(address).append(' ').append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * The {@code router bgp} block of a speaker in AS {@code asn} that originates {@code block} (a {@code network}
     * statement, no IGP check) to {@code neighbors}, all in AS {@code neighborAs}, on the family of the block.
     */
    public static String originating(long asn, String routerId, String block, long neighborAs, String... neighbors) {
        var text = new StringBuilder("router bgp " + asn + "\n bgp router-id " + routerId
                + "\n no bgp default ipv4-unicast\n no bgp network import-check\n");
        for (String n : neighbors) text.append(neighbor(n, neighborAs));
        text.append(" !\n address-family ").append(block.contains(":") ? "ipv6" : "ipv4").append(" unicast\n")
                .append("  network ").append(block).append('\n');
        for (String n : neighbors) text.append("  neighbor ").append(n).append(" activate\n");
        return text.append(" exit-address-family\n").toString();
    }

    public Command.Result vtysh(String command) {
        return new Command(List.of("ip", "netns", "exec", host.namespace(), "vtysh", "-N", instance, "-c", command),
                Duration.ofSeconds(10)).run();
    }

    /** {@code show bgp neighbors ADDRESS json}: the neighbor's object (bgpState, connectionsEstablished, ...). */
    public Optional<JsonNode> neighbor(String address) {
        JsonNode all = Json.parse(vtysh("show bgp neighbors json").orThrow());
        return Optional.ofNullable(all.get(address));
    }

    /**
     * {@code show bgp ipv4|ipv6 unicast json}: its {@code routes} object, prefix → the paths (each with
     * {@code valid}, {@code bestpath}, {@code nexthops}, {@code path}, ...).
     */
    public JsonNode routes(String afi) {
        return Json.parse(vtysh("show bgp " + afi + " unicast json")).path("routes");
    }

    /**
     * {@code show bgp ipv4|ipv6 unicast PREFIX json}: the {@code paths} of one prefix in detail ({@code aspath},
     * {@code originatorId}, {@code clusterList}, {@code community}, {@code largeCommunity}, {@code extendedCommunity},
     * {@code metric}, {@code nexthops}, ...); an empty array when FRR holds none.
     */
    public JsonNode paths(String prefix) {
        String afi = prefix.contains(":") ? "ipv6" : "ipv4";
        return Json.parse(vtysh("show bgp " + afi + " unicast " + prefix + " json")).path("paths");
    }

    public boolean established(String address) {
        return neighbor(address).map(n -> "Established".equals(n.path("bgpState").asText())).orElse(false);
    }

    public LabProcess bgpd() {
        return bgpd;
    }

    public Host host() {
        return host;
    }
}
