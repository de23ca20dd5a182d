package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.MetricScorer;
import dev.jgan.gan.metrics.NearestNeighbours;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A case's metrics: the distribution metrics of a {@link MetricScorer}, and the memorization
 * check that none of them performs, the distance from each image to its nearest training image
 * (as a mean, and as the share of images that are exact copies).
 */
record CaseScores(String name, MetricReport.Scores scores, double nearestTrainingDistance, double copiedShare) {
    /** A pixel distance this small between [-1, 1] images is a copy, not a coincidence. */
    static final double COPY_DISTANCE = 1e-6;

    static CaseScores of(Case c, MetricScorer scorer, Tensor trainingImages) {
        NearestNeighbours nearest = NearestNeighbours.find(c.images(), trainingImages, 1);
        int copies = 0;
        for (double[] d : nearest.distances()) {
            if (d[0] < COPY_DISTANCE) {
                copies++;
            }
        }
        return new CaseScores(c.name(), scorer.score(c.images()), nearest.meanNearestDistance(),
                (double) copies / nearest.distances().length);
    }

    /** The table the chapter quotes: a row per case, a column per metric. */
    static void printTable(PrintStream out, String features, List<CaseScores> rows) {
        printHeader(out, features);
        rows.forEach(r -> r.printRow(out));
    }

    static void printHeader(PrintStream out, String features) {
        out.printf(Locale.ROOT, "== metrics on %s features (Fréchet distance, KID estimator, precision and recall);"
                + " Parzen and nearest training image on pixels%n", features);
        out.printf(Locale.ROOT, "%-22s %10s %10s %9s %7s %12s %9s %7s%n", "case", "Fréchet", "KID", "precision",
                "recall", "Parzen LL", "nearest", "copies");
    }

    void printRow(PrintStream out) {
        out.printf(Locale.ROOT, "%-22s %10.4g %10.4g %9.3f %7.3f %12.2f %9.3f %6.0f%%%n", name, scores.frechetDistance(),
                scores.kernelDistance(), scores.precision(), scores.recall(), scores.parzenLogLikelihood(),
                nearestTrainingDistance, 100 * copiedShare);
    }
}
