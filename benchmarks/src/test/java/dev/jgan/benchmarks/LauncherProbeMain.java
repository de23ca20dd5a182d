package dev.jgan.benchmarks;

/**
 * A stand-in for the gan command line, packed alone into a jar by {@link LauncherClassArchiveTest}:
 * bin/gan starts it as it starts the real one. It prints its arguments and exits with status 3
 * when they end in {@code fail}, like a run that failed.
 */
public final class LauncherProbeMain {
    private LauncherProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println("probe: " + String.join(" ", args));
        if (args.length > 0 && args[args.length - 1].equals("fail")) {
            System.exit(3);
        }
    }
}
