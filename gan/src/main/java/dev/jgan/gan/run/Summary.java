package dev.jgan.gan.run;

import java.util.List;

/**
 * The end of a run in a few numbers: the last epoch's mean losses and discriminator outputs,
 * steps taken, and wall time per epoch on this machine.
 */
public record Summary(long steps, int epochsRun, double secondsPerEpoch, double lastEpochDLoss, double lastEpochGLoss,
                      double lastEpochDReal, double lastEpochDFake) {

    static Summary of(List<MetricsLog.Row> rows, int stepsPerEpoch, int epochsRun, double seconds) {
        List<MetricsLog.Row> last = rows.subList(Math.max(0, rows.size() - stepsPerEpoch), rows.size());
        return new Summary(rows.isEmpty() ? 0 : rows.get(rows.size() - 1).step() + 1, epochsRun,
                epochsRun == 0 ? 0 : seconds / epochsRun,
                mean(last.stream().mapToDouble(MetricsLog.Row::dLoss).toArray()),
                mean(last.stream().mapToDouble(MetricsLog.Row::gLoss).filter(v -> !Double.isNaN(v)).toArray()),
                mean(last.stream().mapToDouble(MetricsLog.Row::dReal).toArray()),
                mean(last.stream().mapToDouble(MetricsLog.Row::dFake).toArray()));
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }
}
