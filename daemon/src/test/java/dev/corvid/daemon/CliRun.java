package dev.corvid.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One {@code corvid ARGS} run in this JVM, as a user would type it: its exit code and what it printed.
 *
 * @param exit the exit code
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CliRun corvid(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Corvid.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Standard output as JSON (after {@code --json}). */
    public JsonNode json() throws Exception {
        return JSON.readTree(out);
    }
}
