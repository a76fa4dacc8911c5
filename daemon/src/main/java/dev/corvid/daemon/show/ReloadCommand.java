package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code corvid reload}: the running daemon reads its config file again and touches only what changed (what SIGHUP
 * does). Prints one line per change; a bad file or a change that needs a restart is refused (exit 1) and the daemon
 * keeps running on its current config.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Make the running daemon re-read its config file; only the peers whose settings changed are "
                + "touched.", "A bad config is refused: the daemon keeps its current one and this command says why."})
public final class ReloadCommand implements Callable<Integer> {
    @Mixin
    DaemonRequest daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return daemon.run(spec, DaemonRequest.request("reload"), ReloadCommand::text);
    }

    static String text(JsonNode result) {
        StringBuilder out = new StringBuilder("reloaded\n");
        for (JsonNode change : result.path("changes")) out.append("  ").append(change.asText()).append('\n');
        return out.toString();
    }
}
