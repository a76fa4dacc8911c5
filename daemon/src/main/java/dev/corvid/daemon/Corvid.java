package dev.corvid.daemon;

import dev.corvid.daemon.check.CheckCommand;
import dev.corvid.daemon.decode.DecodeCommand;
import dev.corvid.daemon.run.CorvidLogManager;
import dev.corvid.daemon.run.RunCommand;
import dev.corvid.daemon.show.ReloadCommand;
import dev.corvid.daemon.show.ShowCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code corvid} command: one subcommand per verb of PRODUCT.md. */
@Command(name = "corvid", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "BGP speaker and route reflector for Kubernetes pod networks.",
        subcommands = {RunCommand.class, CheckCommand.class, ShowCommand.class, ReloadCommand.class, DecodeCommand.class})
public final class Corvid implements Runnable {
    public static void main(String[] args) {
        // Before anything logs: corvid's LogManager keeps logging alive while the daemon stops (see CorvidLogManager).
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", CorvidLogManager.class.getName());
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with corvid's error handling: usage errors say what is wrong in one line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Corvid());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("corvid: " + ex.getMessage()
                    + " (see 'corvid " + ex.getCommandLine().getCommandName() + " --help')");
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
