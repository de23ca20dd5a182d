package dev.jgan.tutorials.modes;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and code in ```java blocks.
 * The runs take minutes, so their output is kept in results/: full-run.txt from the {@code full}
 * budget ({@code mvn -q -pl tutorials/06-modes-and-mmd -am compile exec:java}) and best-ring.txt
 * from the {@code best} budget (the same with {@code -Dexec.args=best}); rerun them and copy their
 * output there after a change. Every quoted output must appear verbatim in one of them (the tables
 * with their seconds in dated ```text machine-dependent blocks), and every block of code must be
 * a run of lines of the chapter's sources or the gan library's. {@link ModesChapterTest} checks that
 * the program still prints what best-ring.txt records for the run it repeats.
 */
class ChapterTextTest {
    static final Path README = Path.of("README.md");
    static final Path FULL_RUN = Path.of("results", "full-run.txt");
    static final Path BEST_RUN = Path.of("results", "best-ring.txt");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInARecordedRun() throws IOException {
        assertTrue(Files.readString(FULL_RUN).startsWith("budget: full"), FULL_RUN + " should be the output of the full budget");
        assertTrue(Files.readString(BEST_RUN).startsWith("budget: best"), BEST_RUN + " should be the output of the best budget");
        ChapterText.readme().assertQuotesAreFromRecordedRuns(List.of(FULL_RUN, BEST_RUN), 4, 5);
    }

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 4);
    }

    @Test
    void theReadmeShowsEachCommittedPictureOfTheFullRunOnce() throws IOException {
        Matcher links = Pattern.compile("\\]\\((images/[^)]+\\.png)\\)").matcher(Files.readString(README));
        Set<String> shown = new HashSet<>();
        while (links.find()) {
            Path picture = Path.of(links.group(1));
            assertTrue(Files.exists(picture), "README shows " + picture + ", which is not in the chapter folder");
            assertTrue(shown.add(picture.toString()), "README shows " + picture + " twice");
        }
        try (Stream<Path> files = Files.list(Path.of("images"))) {
            Set<String> committed = new HashSet<>();
            files.forEach(f -> committed.add("images/" + f.getFileName()));
            assertEquals(committed, shown, "the images folder and the pictures the README shows differ");
        }
    }
}
