package dev.corvid.daemon.run;

import dev.corvid.config.CorvidConfig;
import dev.corvid.config.PeerConfig;
import dev.corvid.config.PeerRangeConfig;
import dev.corvid.config.SessionOptions;
import dev.corvid.fsm.transport.PeerSettings;
import dev.corvid.fsm.transport.RangeSettings;
import dev.corvid.fsm.transport.SpeakerSettings;
import java.util.List;

/**
 * The validated configuration as the transport's settings. {@code add-paths} names the families on which ADD-PATH
 * is offered in both directions (RFC 7911 §4 Send/Receive = 3).
 */
public final class SessionSettingsFromConfig {
    private SessionSettingsFromConfig() {}

    public static SpeakerSettings speaker(CorvidConfig config) {
        return new SpeakerSettings(config.asn(), config.routerId(), config.listen());
    }

    public static List<PeerSettings> peers(CorvidConfig config) {
        return config.peers().stream().map(SessionSettingsFromConfig::peer).toList();
    }

    public static List<RangeSettings> ranges(CorvidConfig config) {
        return config.peerRanges().stream().map(SessionSettingsFromConfig::range).toList();
    }

    static PeerSettings peer(PeerConfig peer) {
        SessionOptions s = peer.session();
        return new PeerSettings(peer.address(), s.port(), peer.asn(), s.localAddress(), s.passive(), s.holdTime(),
                s.connectRetryTime(), s.password(), s.ttlSecurity(), s.families(), s.addPaths(), s.addPaths(),
                peer.role().label(), s.gracefulRestart());
    }

    static RangeSettings range(PeerRangeConfig range) {
        SessionOptions s = range.session();
        return new RangeSettings(range.prefix(), range.asn(), s.holdTime(), s.password(), s.ttlSecurity(),
                s.families(), s.addPaths(), s.addPaths(), range.role().label(), s.gracefulRestart());
    }
}
