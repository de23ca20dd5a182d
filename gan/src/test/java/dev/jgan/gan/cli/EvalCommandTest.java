package dev.jgan.gan.cli;

import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.run.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    @TempDir
    static Path tmp;
    private static Path checkpoint;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** One epoch of three steps: enough for a checkpoint, not for good samples. */
    @BeforeAll
    static void trainTinyRun() {
        Path dir = tmp.resolve("run");
        int code = GanCli.execute(new String[]{"train", "--epochs", "1", "--batch-size", "512", "--out", dir.toString(),
                "--no-progress"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        checkpoint = dir.resolve(TrainingRun.CHECKPOINT);
    }

    private int run(String... args) {
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsTheTableAndWritesJsonAndTheNeighbourPicture() throws Exception {
        Path json = tmp.resolve("eval").resolve("m.json");
        assertEquals(0, run("eval", "--checkpoint", checkpoint.toString(), "--n", "200", "--out", json.toString()),
                err.toString());
        String text = out.toString();
        assertTrue(text.contains("digits, 200 images per set") && text.contains("Fréchet distance"), text);
        MetricReport report = MetricReport.readJson(json);
        assertEquals(200, report.samples());
        assertEquals("pixels", report.features());
        assertTrue(report.floor().frechetDistance() < report.ceiling().frechetDistance(), text);
        BufferedImage picture = ImageIO.read(tmp.resolve("eval").resolve("m_neighbours.png").toFile());
        assertEquals(6 * 66 + 2, picture.getWidth(), "a sample and 5 neighbours per row");
        assertEquals(8 * 66 + 2, picture.getHeight(), "8 rows");
    }

    @Test
    void helpListsEvalAndItsOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("eval"), out.toString());
        assertEquals(0, run("eval", "--help"));
        assertTrue(out.toString().contains("--features") && out.toString().contains("--checkpoint"), out.toString());
    }

    @Test
    void randomProjectionFeaturesAreNamedInTheReport() throws Exception {
        Path json = tmp.resolve("random.json");
        assertEquals(0, run("eval", "--checkpoint", checkpoint.toString(), "--n", "100", "--features", "random",
                "--out", json.toString()), err.toString());
        assertEquals("random projection to 64 dims (seed 0)", MetricReport.readJson(json).features());
    }

    @Test
    void unknownFeaturesAreAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--features", "inception"));
        assertTrue(err.toString().contains("unknown features 'inception'"), err.toString());
    }

    @Test
    void tooManyImagesForTheFloorIsAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--n", "1000", "--out",
                tmp.resolve("x.json").toString()));
        assertTrue(err.toString().contains("--n 1000: the floor needs two disjoint sets of n training images; 'digits' has 1797, so --n must be in 2..898"), err.toString());
    }

    @Test
    void outputMustBeJson() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--out", tmp.resolve("m.txt").toString()));
        assertTrue(err.toString().contains("must end in .json"), err.toString());
    }
}
