package dev.corvid.rib;

/** One outcome of the decision process: {@code winner} was preferred over {@code loser} because of {@code reason}. */
public record Comparison(Path winner, Path loser, Reason reason) {
    @Override
    public String toString() {
        return winner.source() + " over " + loser.source() + ": " + reason.label();
    }
}
