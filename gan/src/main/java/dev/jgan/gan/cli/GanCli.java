package dev.jgan.gan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code gan} command: {@code gan train ...}, {@code gan sample ...}, {@code gan eval ...}. Bad flags, a missing
 * data path or an unknown model print one line and exit with code 2; a bad or unwritable file, or a run
 * that fails while training (NaN), prints one line and exits with 1.
 */
@Command(name = "gan", mixinStandardHelpOptions = true, version = "jgan 0.1.0",
        description = "Train generative adversarial networks and sample from them.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class GanCli {
    public static final int USAGE_ERROR = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (the entry point tests use). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new GanCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gan: " + e.getMessage() + " (see gan " + commandName(e.getCommandLine()) + " --help)");
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.nio.file.NoSuchFileException
                    || e instanceof java.nio.file.AccessDeniedException) {
                err.println("gan: " + oneLine(e));
                return USAGE_ERROR;
            }
            // A file's problem (truncated, malformed, a full disk) is an IOException whose message
            // starts with the file's name; the class name would add nothing.
            err.println("gan: " + (e instanceof java.io.IOException ? "" : e.getClass().getSimpleName() + ": ")
                    + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String commandName(CommandLine c) {
        return c.getCommandName().equals("gan") ? "" : c.getCommandName();
    }

    private static String oneLine(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException nsf) {
            return "no such file: " + nsf.getFile() + (nsf.getReason() == null ? "" : " (" + nsf.getReason() + ")");
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "cannot read or write " + denied.getFile() + ": permission denied";
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
