package dev.jgan.gan.metrics;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.RunConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report on the digits with stand-in generators whose order is known: real images blurred
 * by noise (between), and uniform noise (far worse than any trained model).
 */
class MetricReportTest {
    private static MetricReport report;

    @BeforeAll
    static void computeOnce() throws Exception {
        RealImages real = RealImages.split(DataChoice.load("digits", RunConfig.DATA_IMAGE_SIZE).images(), 300, 0);
        Tensor noise = Tensor.uniform(new Generator(1), DType.FLOAT32, -1, 1, 300, 1, 8, 8);
        Tensor noisyReal = real.heldOut().add(Tensor.normal(new Generator(2), DType.FLOAT32, 0, 0.3, 300, 1, 8, 8))
                .clamp(-1, 1);
        report = MetricReport.compute("digits", new PixelFeatures(), real, noise, noisyReal, 0);
    }

    @Test
    void everyDistanceOrdersFloorThenModelThenCeiling() {
        MetricReport.Scores f = report.floor();
        MetricReport.Scores m = report.model();
        MetricReport.Scores c = report.ceiling();
        assertTrue(f.frechetDistance() < m.frechetDistance() && m.frechetDistance() < c.frechetDistance(), report.table());
        assertTrue(f.kernelDistance() < m.kernelDistance() && m.kernelDistance() < c.kernelDistance(), report.table());
        assertTrue(f.parzenLogLikelihood() > c.parzenLogLikelihood(), report.table());
        assertTrue(f.nearestReferenceDistance() < c.nearestReferenceDistance(), report.table());
    }

    @Test
    void theFloorIsRealVersusReal() {
        MetricReport.Scores f = report.floor();
        assertTrue(Math.abs(f.kernelDistance()) < 3 * f.kernelDistanceStd() + 1e-3, report.table());
        assertTrue(f.precision() > 0.7 && f.recall() > 0.7, report.table());
        assertEquals(0.0, report.ceiling().precision(), 0.05, "uniform noise is no digit: " + report.table());
        assertEquals(150, report.kernelSubsetSize(), "subsets of half the set");
    }

    @Test
    void theTableNamesTheFeaturesAndTheColumns() {
        String table = report.table();
        assertTrue(table.contains("pixels features (not Inception's"), table);
        assertTrue(table.contains("floor (held-out)") && table.contains("ceiling (untrained)"), table);
        assertEquals(11, table.lines().count(), table);
    }

    @Test
    void theTableSaysWhereTheFloorComesFrom() {
        assertTrue(report.table().contains("floor: 300 held-out training images against the 300 reference training"
                + " images, as 'digits' has no test split; a generator that copies its training set can match it"),
                report.table());
        MetricReport test = new MetricReport(report.data(), report.features(), report.samples(), report.kernelSubsets(),
                report.kernelSubsetSize(), report.precisionRecallK(), RealImages.FloorSource.TEST, report.floor(),
                report.ceiling(), report.model(), null, null);
        assertTrue(test.table().contains("floor (real test)"), test.table());
        assertTrue(test.table().contains("floor: 300 test images of 'digits' against the 300 reference training images"),
                test.table());
    }

    @Test
    void jsonReadsBackToTheSameReport(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("m.json");
        report.writeJson(file);
        MetricReport back = MetricReport.readJson(file);
        assertEquals(report, back);
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains("\"frechetDistance\""), text);
        assertTrue(text.contains("\"floorSource\" : \"held-out training\""), text);
    }

    @Test
    void aConditionalModelsClassAgreementIsPrintedAndReadsBackFromJson(@TempDir Path tmp) throws Exception {
        ClassAgreement agreement = ClassAgreement.of("digits-cnn", new int[]{0, 0, 1, 1}, new int[]{0, 1, 1, 1}, 2);
        MetricReport conditional = report.withAskedClasses(agreement);
        assertTrue(conditional.table().contains("asked-for class drawn (digits-cnn's prediction, 4 samples): 75.0 %"),
                conditional.table());
        assertEquals(12, conditional.table().lines().count(), conditional.table());
        Path file = tmp.resolve("m.json");
        conditional.writeJson(file);
        MetricReport back = MetricReport.readJson(file);
        assertArrayEquals(agreement.confusion(), back.askedClasses().confusion());
        assertEquals("digits-cnn", back.askedClasses().classifier());
        assertNull(MetricReport.readJson(writeWithout(tmp, "askedClasses")).askedClasses(),
                "a report written before the field existed reads back without it");
    }

    private Path writeWithout(Path tmp, String field) throws Exception {
        Path file = tmp.resolve("old.json");
        report.writeJson(file);
        String text = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, text.replaceAll(",\\s*\"" + field + "\" : null", ""));
        assertFalse(java.nio.file.Files.readString(file).contains(field));
        return file;
    }
}
