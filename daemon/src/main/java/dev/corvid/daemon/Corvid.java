package dev.corvid.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** PLACEHOLDER: the corvid command. */
@Command(name = "corvid", mixinStandardHelpOptions = true, version = "corvid 0.1.0",
        description = "BGP speaker and route reflector for Kubernetes pod networks.")
public final class Corvid implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Corvid()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
