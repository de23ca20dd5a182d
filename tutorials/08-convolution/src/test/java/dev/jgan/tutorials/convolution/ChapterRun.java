package dev.jgan.tutorials.convolution;

import dev.jgan.tutorials.text.Printed;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One run of the chapter's program, shared by the test classes: the slow part is the timing, so
 * it runs with no warm-up and one timed run each, which changes only the timing lines, and those
 * the text quotes as machine-dependent.
 */
final class ChapterRun {
    static final int WARMUPS = 0;
    static final int REPEATS = 1;
    /** The pictures go to the build folder, not over the committed ones. */
    static final Path IMAGES = Path.of("target", "test-images");
    /** Chapter 9's picture, from this module's folder. */
    static final Path SAMPLES = Path.of("..", "09-dcgan", "images", "fashion-ngf16-step200.png");
    static final Supplier<Printed.Captured<ConvolutionChapter.Findings>> RUN =
            Printed.once(out -> ConvolutionChapter.run(out, WARMUPS, REPEATS, IMAGES, SAMPLES));

    private ChapterRun() {
    }
}
