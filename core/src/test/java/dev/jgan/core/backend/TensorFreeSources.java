package dev.jgan.core.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule that keeps kernels on their own floor: a backend's sources refer neither to the
 * user-facing {@code dev.jgan.core.Tensor} nor to anything in {@code dev.jgan.core.autograd}.
 * Kernels take {@link Operand}s; the tensor, with its autograd state, stays above them.
 *
 * <p>Read from the sources, line by line, so that a failure names the file and the line. What
 * counts as a reference: an import (a wildcard import of {@code dev.jgan.core.*} included, since
 * it brings the tensor in), a fully qualified name anywhere (code or comment), and a Javadoc
 * {@code @link}, {@code @linkplain} or {@code @see} to {@code Tensor}, which needs the import
 * too. A mention of a tensor method in {@code @code} prose is not a reference.
 *
 * <p>Every module with a backend checks its own sources with it (core's backend packages, the
 * CUDA module's main sources); it sits in core's test jar for them.
 */
public final class TensorFreeSources {
    private static final List<Rule> RULES = List.of(
            new Rule("refers to dev.jgan.core.Tensor", Pattern.compile("\\bdev\\.jgan\\.core\\.Tensor\\b")),
            new Rule("refers to the autograd package", Pattern.compile("\\bdev\\.jgan\\.core\\.autograd\\b")),
            new Rule("imports all of dev.jgan.core, Tensor included",
                    Pattern.compile("^\\s*import\\s+dev\\.jgan\\.core\\.\\*\\s*;")),
            new Rule("links to Tensor in Javadoc", Pattern.compile("\\{@link(plain)?\\s+Tensor\\b|@see\\s+Tensor\\b")));

    private TensorFreeSources() {
    }

    /** One reference found: where, and which rule it breaks. */
    public record Violation(String file, int line, String text, String rule) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule + ": " + text.strip();
        }
    }

    private record Rule(String description, Pattern pattern) {
    }

    /** The violations in every {@code .java} file under {@code root}, in file and line order. */
    public static List<Violation> check(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("tensor-free sources: " + root.toAbsolutePath()
                    + " is not a directory; run from the module's folder");
        }
        List<Violation> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(check(file.toString(), Files.readAllLines(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The violations in one file's lines (numbered from 1). */
    public static List<Violation> check(String file, List<String> lines) {
        List<Violation> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(lines.get(i)).find()) {
                    found.add(new Violation(file, i + 1, lines.get(i), rule.description()));
                }
            }
        }
        return found;
    }

    /**
     * Fails, listing every violation by file and line, unless the sources under {@code root} keep
     * the rule; also fails when fewer than {@code leastFiles} sources were read, since a check that
     * read nothing (a moved folder) proves nothing.
     */
    public static void assertTensorFree(Path root, int leastFiles) {
        long read;
        try (Stream<Path> files = Files.walk(root)) {
            read = files.filter(f -> f.toString().endsWith(".java")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(read >= leastFiles, "expected at least " + leastFiles + " backend sources under "
                + root.toAbsolutePath() + ", read " + read);
        List<Violation> found = check(root);
        assertTrue(found.isEmpty(), "kernels take dev.jgan.core.backend.Operand, never the Tensor; found:\n"
                + found.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
