package dev.corvid.daemon.routing;

/**
 * Where the RFC 4724 §4.2 restart of one peer stands, as {@code show neighbors} shows it: the peer is away and its
 * paths are retained, or it is back and some of its paths are still stale, waiting for its End-of-RIB.
 *
 * @param away        its session is down and its paths are kept as stale
 * @param secondsLeft until its stale paths are removed at the latest: while away, what is left of the Restart Time
 *                    of its last OPEN; once back, of the wait for End-of-RIB
 * @param stalePaths  its paths still marked stale
 */
public record PeerRestart(boolean away, long secondsLeft, int stalePaths) {

    /** {@code restarting} while away, {@code waiting-for-end-of-rib} once back. */
    public String state() {
        return away ? "restarting" : "waiting-for-end-of-rib";
    }
}
