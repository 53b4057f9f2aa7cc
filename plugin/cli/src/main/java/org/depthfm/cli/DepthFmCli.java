package org.depthfm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code depthfm}: DepthFM monocular depth estimation from the command line. Errors print one
 * line naming the problem and the fix; {@code --debug} adds the stack trace.
 */
@Command(name = "depthfm", mixinStandardHelpOptions = true, versionProvider = DepthFmCli.Version.class,
        description = "DepthFM monocular depth estimation (flow matching, AAAI 2025), in Java.",
        subcommands = {EstimateCommand.class, SparkCommand.class, EvalCommand.class, CompleteCommand.class, Export3dCommand.class, ModelsCommand.class, InfoCommand.class, KeysCommand.class, SelftestCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        scope = ScopeType.INHERIT)
public final class DepthFmCli {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams (tests call this). While it runs, what
     * libraries print to {@code System.out} (ImageJ's messages and the stack traces of files it
     * cannot read) goes to standard error with {@code --debug} and nowhere without: standard
     * output carries the command's own results only.
     *
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        PrintStream stdout = System.out;
        System.setOut(Arrays.asList(args).contains("--debug") ? System.err
                : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return execute(args, out, err);
        } finally {
            System.setOut(stdout);
        }
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new DepthFmCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("depthfm: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = parsed.originalArgs().contains("--debug");
            c.getErr().println("depthfm: " + Errors.oneLine(ex));
            if (debug) {
                ex.printStackTrace(c.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** The version from the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"depthfm " + version()};
        }
    }

    /** @return the version of this build */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = DepthFmCli.class.getResourceAsStream("/org/depthfm/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is informational; an unreadable resource leaves it unknown
        }
        return p.getProperty("version", "unknown");
    }
}
