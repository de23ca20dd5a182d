package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.RunConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scorer against a fixed reference: the reference scored against itself is the best any
 * set can do (distance zero, every point inside both manifolds), scoring is repeatable, and a
 * set of the wrong shape is refused with both shapes named.
 */
class MetricScorerTest {
    private static RealImages real;
    private static MetricScorer scorer;

    @BeforeAll
    static void build() throws Exception {
        real = RealImages.split(DataChoice.load("digits", RunConfig.DATA_IMAGE_SIZE).images(), 120, 0);
        scorer = new MetricScorer(new PixelFeatures(), real.reference(), 0);
    }

    @Test
    void theReferenceAgainstItselfScoresPerfectly() {
        MetricReport.Scores s = scorer.score(real.reference());
        assertEquals(0.0, s.frechetDistance(), 1e-6);
        assertEquals(1.0, s.precision());
        assertEquals(1.0, s.recall());
        assertEquals(0.0, s.nearestReferenceDistance(), 1e-6);
        assertEquals(60, scorer.kernelSubsetSize(), "subsets of half the set");
    }

    @Test
    void scoringIsRepeatableAndMatchesTheReport() {
        MetricReport.Scores a = scorer.score(real.heldOut());
        assertEquals(a, scorer.score(real.heldOut()));
        MetricReport report = MetricReport.compute("digits", new PixelFeatures(), real, real.heldOut(), real.heldOut(), 0);
        assertEquals(a, report.floor());
        assertTrue(a.frechetDistance() > 0, "two different real sets are not at distance 0");
    }

    @Test
    void aSetOfAnotherShapeIsRefusedNamingBothShapes() {
        Tensor small = real.heldOut().narrow(0, 0, 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(small));
        assertTrue(e.getMessage().contains("[50, 1, 8, 8]") && e.getMessage().contains("[120, 1, 8, 8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new MetricScorer(new PixelFeatures(), real.reference().narrow(0, 0, 5), 0));
    }
}
