package dev.corvid.daemon.show;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code corvid show ...}: questions to the running daemon over its control socket. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Ask the running daemon (over its control socket) about its state.",
        subcommands = {ShowStatusCommand.class, ShowNeighborsCommand.class, ShowRouteCommand.class, ShowKernelCommand.class})
public final class ShowCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
