package dev.corvid.daemon.run;

import dev.corvid.config.ConfigDiff;
import dev.corvid.config.ConfigError;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import dev.corvid.config.PeerConfig;
import dev.corvid.daemon.routing.RoutingEngine;
import dev.corvid.daemon.routing.RoutingSettingsFromConfig;
import dev.corvid.fsm.transport.BgpSpeaker;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code corvid reload} and SIGHUP: the config file is read again and only what changed is touched
 * ({@link ConfigDiff}). A bad file, or a change that needs a restart, is refused as a whole: the daemon keeps running
 * on the config it has, and the answer says why. Otherwise the RIB thread gets the new routing settings first (so a
 * new peer's session finds its settings), then the speaker adds, removes and resets the sessions that changed.
 */
final class Reloader {
    private static final System.Logger LOG = System.getLogger("corvid.daemon");

    /** What a reload did, or why it did nothing; one line each. */
    record Outcome(boolean applied, List<String> lines) {}

    private final Optional<Path> file;
    private final BgpSpeaker speaker;
    private final RoutingEngine routing;
    private volatile CorvidConfig current;

    Reloader(Optional<Path> file, CorvidConfig config, BgpSpeaker speaker, RoutingEngine routing) {
        this.file = file;
        this.current = config;
        this.speaker = speaker;
        this.routing = routing;
    }

    /** The config the daemon runs on now. */
    CorvidConfig current() {
        return current;
    }

    synchronized Outcome reload() {
        if (file.isEmpty()) {
            return refused(List.of("corvid runs on its embedded default config (started without -c FILE): there is"
                    + " no file to read again"));
        }
        CorvidConfig next;
        switch (ConfigLoader.load(file.get())) {
            case ConfigResult.Loaded loaded -> next = OwnAddresses.withoutSelf(loaded.config());
            case ConfigResult.Invalid invalid -> {
                return refused(invalid.errors().stream().map(ConfigError::toString).toList());
            }
        }
        ConfigDiff diff = ConfigDiff.of(current, next);
        if (!diff.needsRestart().isEmpty()) {
            List<String> lines = new ArrayList<>();
            diff.needsRestart().forEach(change -> lines.add(change + " (this needs a restart of corvid)"));
            return refused(lines);
        }
        if (diff.isEmpty()) return new Outcome(true, List.of("no changes"));
        routing.reconfigure(RoutingSettingsFromConfig.of(next));
        for (PeerConfig p : diff.peersRemoved()) speaker.removePeer(p.address());
        for (PeerConfig p : diff.peersReset()) speaker.addPeer(SessionSettingsFromConfig.peer(p)); // replaces it
        for (PeerConfig p : diff.peersAdded()) speaker.addPeer(SessionSettingsFromConfig.peer(p));
        diff.rangesAdded().forEach(r -> speaker.addRange(SessionSettingsFromConfig.range(r)));
        current = next;
        List<String> lines = diff.describe();
        LOG.log(Level.INFO, "reloaded " + file.get() + ": " + String.join("; ", lines));
        return new Outcome(true, lines);
    }

    private Outcome refused(List<String> why) {
        LOG.log(Level.WARNING, "reload refused; corvid keeps running on its current config: " + String.join("; ", why));
        return new Outcome(false, why);
    }
}
