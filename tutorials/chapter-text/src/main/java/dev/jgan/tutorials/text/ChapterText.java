package dev.jgan.tutorials.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chapter's README read as a claim about its program: the output it quotes in ```text blocks
 * must be printed by the program, and every line of code it quotes in ```java blocks must be a
 * line of the sources it names. Each chapter's {@code ChapterTextTest} runs these checks, so the
 * text cannot drift from the code and the numbers the code prints.
 *
 * <p>Timings change from run to run, so a chapter quotes them in ```text machine-dependent
 * blocks, whose lines are compared with printed lines after every number is blanked out.
 */
public final class ChapterText {
    /** The fence info string of quoted program output. */
    public static final String OUTPUT = "text";
    /** The fence info string of quoted output whose numbers vary between machines and runs. */
    public static final String MACHINE_DEPENDENT = "text machine-dependent";
    /** The fence info string of quoted code. */
    public static final String CODE = "java";

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private final Path readme;
    private final String text;

    private ChapterText(Path readme, String text) {
        this.readme = readme;
        this.text = text;
    }

    /** The chapter README in the module's working directory, where Maven runs its tests. */
    public static ChapterText readme() {
        return of(Path.of("README.md"));
    }

    public static ChapterText of(Path readme) {
        try {
            return new ChapterText(readme, Files.readString(readme));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chapter text " + readme.toAbsolutePath(), e);
        }
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** The contents of the fenced blocks whose info string is exactly {@code info}. */
    public List<String> blocks(String info) {
        Matcher m = Pattern.compile("```" + Pattern.quote(info) + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /**
     * Every ```text block appears verbatim in {@code printed}, and there are at least
     * {@code atLeast} of them (so that a README whose fences were renamed cannot pass by quoting
     * nothing).
     */
    public void assertQuotedOutputIsPrinted(String printed, int atLeast) {
        List<String> blocks = blocks(OUTPUT);
        assertTrue(blocks.size() >= atLeast, readme + ": expected at least " + atLeast + " quoted outputs, found "
                + blocks.size());
        for (String block : blocks) {
            assertTrue(printed.contains(block), readme + " quotes output the program does not print:\n" + block
                    + "\n--- the program printed:\n" + printed);
        }
    }

    /**
     * Every line of every ```text machine-dependent block is, numbers aside, a line of
     * {@code printed}; there are exactly {@code expectedBlocks} such blocks.
     */
    public void assertMachineDependentLinesArePrinted(String printed, int expectedBlocks) {
        List<String> blocks = blocks(MACHINE_DEPENDENT);
        assertTrue(blocks.size() == expectedBlocks, readme + ": expected " + expectedBlocks
                + " machine-dependent blocks, found " + blocks.size());
        Set<String> printedShapes = new HashSet<>();
        for (String line : printed.split("\n")) {
            printedShapes.add(blankNumbers(line));
        }
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(printedShapes.contains(blankNumbers(line)), readme
                        + " quotes a machine-dependent line the program does not print, numbers aside: " + line);
            }
        }
    }

    /**
     * Every non-blank line of every ```java block is, stripped, a line of some .java file under
     * {@code sourceRoots}; there are at least {@code atLeast} such blocks.
     */
    public void assertQuotedCodeIsIn(List<Path> sourceRoots, int atLeast) {
        assertQuotedCodeIsIn(CODE, sourceRoots, List.of(".java"), atLeast);
    }

    /**
     * The same for the code of another language: every non-blank line of every block whose info
     * string is {@code info} (e.g. "cuda") is, stripped, a line of some file under
     * {@code sourceRoots} whose name ends with one of {@code extensions}.
     */
    public void assertQuotedCodeIsIn(String info, List<Path> sourceRoots, List<String> extensions, int atLeast) {
        Set<String> sourceLines = sourceLines(sourceRoots, extensions);
        List<String> blocks = blocks(info);
        assertTrue(blocks.size() >= atLeast, readme + ": expected at least " + atLeast + " quoted ```" + info
                + " blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        readme + " quotes code that is in none of " + sourceRoots + ": " + line);
            }
        }
    }

    /** The line with every number replaced by # and runs of spaces collapsed. */
    public static String blankNumbers(String line) {
        return NUMBER.matcher(line).replaceAll("#").replaceAll(" +", " ").strip();
    }

    /** Every line, stripped, of every file under the roots whose name has one of the extensions. */
    static Set<String> sourceLines(List<Path> roots, List<String> extensions) {
        Set<String> lines = new HashSet<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> extensions.stream().anyMatch(f.toString()::endsWith)).toList()) {
                    Files.readAllLines(file).forEach(line -> lines.add(line.strip()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sources under " + root.toAbsolutePath(), e);
            }
        }
        return lines;
    }
}
