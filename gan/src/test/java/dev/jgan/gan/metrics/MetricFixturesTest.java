package dev.jgan.gan.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The metrics against numpy/scipy on the same 50 x 5 feature sets: the reference formulas as the
 * published code writes them (pytorch-fid's sqrtm of S1 S2, Binkowski's MMD, Kynkäänniemi's
 * balls). Values from make_metric_fixtures.py beside the fixture.
 */
class MetricFixturesTest {
    private static JsonNode fixture;
    private static FeatureMatrix x;
    private static FeatureMatrix y;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = MetricFixturesTest.class.getResourceAsStream("metric_fixtures.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        x = matrix(fixture.get("x"));
        y = matrix(fixture.get("y"));
    }

    @Test
    void frechetDistanceMatchesScipySqrtm() {
        assertEquals(fixture.get("frechetDistance").asDouble(), FrechetDistance.between(x, y), 1e-9);
    }

    @Test
    void kernelDistanceMatchesNumpy() {
        KernelDistance kd = KernelDistance.estimate(x, y, 3, 50, 0);
        assertEquals(fixture.get("kernelDistance").asDouble(), kd.mean(), 1e-10);
    }

    @Test
    void precisionAndRecallMatchNumpy() {
        PrecisionRecall pr = PrecisionRecall.of(x, y, 3);
        assertEquals(fixture.get("precision").asDouble(), pr.precision());
        assertEquals(fixture.get("recall").asDouble(), pr.recall());
    }

    @Test
    void parzenLogLikelihoodMatchesScipyLogsumexp() {
        double sigma = fixture.get("parzenSigma").asDouble();
        double[] ll = ParzenWindow.logLikelihoods(y, x, new double[]{sigma})[0];
        double mean = 0;
        for (double v : ll) {
            mean += v / ll.length;
        }
        assertEquals(fixture.get("parzenMeanLogLikelihood").asDouble(), mean, 1e-10);
    }

    private static FeatureMatrix matrix(JsonNode rows) {
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            values[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                values[i][j] = row.get(j).asDouble();
            }
        }
        return FeatureMatrix.of(values);
    }
}
