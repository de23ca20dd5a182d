package dev.jgan.tutorials.mlpgan;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * The chapter's numbers come from its recorded runs: every ```text block of the README must
 * appear verbatim in one of the outputs kept in results/ (the program writes them there), every
 * line of a ```java block must be in the chapter's sources or the gan library's, and every
 * picture the README shows must be in images/.
 */
class ChapterTextTest {
    private static final List<Path> RESULTS = List.of(Path.of("results", "digits.txt"),
            Path.of("results", "fashion-mnist.txt"), Path.of("results", "mnist.txt"));
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInARecordedRun() {
        ChapterText.readme().assertQuotesAreFromRecordedRuns(RESULTS, 6, 3);
    }


    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrTheLibrary() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 4);
    }

    @Test
    void everyPictureTheReadmeShowsIsInTheChapter() {
        ChapterText.readme().assertPicturesExist(6);
    }
}
