package dev.jgan.cuda.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command line: {@code --name value} pairs over defaults; an unknown name is an error. */
final class Options {
    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!defaults.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected options " + defaults.keySet() + " each with a value, got "
                        + Arrays.toString(args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** "1024,2048" as {1024, 2048}. */
    static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
