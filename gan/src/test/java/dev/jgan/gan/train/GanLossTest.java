package dev.jgan.gan.train;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanLossTest {

    private static double sigmoid(double l) {
        return 1 / (1 + Math.exp(-l));
    }

    @Test
    void lossesEqualTheValueFunctionTerms() {
        double lr = 1.3;
        double lf = -0.7;
        Tensor real = Tensor.fromArray(new double[]{lr}, 1);
        Tensor fake = Tensor.fromArray(new double[]{lf}, 1);
        double v = Math.log(sigmoid(lr)) + Math.log(1 - sigmoid(lf));
        assertEquals(-v, GanLoss.discriminatorLoss(real, fake).item(), 1e-12);
        assertEquals(Math.log(1 - sigmoid(lf)), GanLoss.MINIMAX.generatorLoss(fake).item(), 1e-12);
        assertEquals(-Math.log(sigmoid(lf)), GanLoss.NON_SATURATING.generatorLoss(fake).item(), 1e-12);
    }

    /** The reason the non-saturating loss exists: its gradient does not vanish when D rejects G. */
    @Test
    void minimaxGradientVanishesWhereNonSaturatingDoesNot() {
        double confidentReject = -8.0; // D(G(z)) = sigmoid(-8) = 0.00034
        Tensor l1 = Tensor.fromArray(new double[]{confidentReject}, 1).requiresGrad(true);
        GanLoss.MINIMAX.generatorLoss(l1).backward();
        Tensor l2 = Tensor.fromArray(new double[]{confidentReject}, 1).requiresGrad(true);
        GanLoss.NON_SATURATING.generatorLoss(l2).backward();
        double minimax = Math.abs(l1.grad().item());
        double nonSaturating = Math.abs(l2.grad().item());
        assertEquals(sigmoid(confidentReject), minimax, 1e-12);
        assertEquals(1 - sigmoid(confidentReject), nonSaturating, 1e-12);
        assertTrue(nonSaturating > 1000 * minimax);
    }

    @Test
    void stableForExtremeLogits() {
        Tensor fake = Tensor.fromArray(new float[]{-200f, 200f}, 2);
        assertTrue(Double.isFinite(GanLoss.NON_SATURATING.generatorLoss(fake).item()));
        assertTrue(Double.isFinite(GanLoss.MINIMAX.generatorLoss(fake).item()));
        assertTrue(Double.isFinite(GanLoss.discriminatorLoss(fake, fake).item()));
        assertEquals(DType.FLOAT32, GanLoss.MINIMAX.generatorLoss(fake).dtype());
    }

    @Test
    void parsesCommandLineSpellings() {
        assertEquals(GanLoss.NON_SATURATING, GanLoss.parse("non-saturating"));
        assertEquals(GanLoss.MINIMAX, GanLoss.parse("MINIMAX"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanLoss.parse("wgan"));
        assertTrue(e.getMessage().contains("'wgan'"));
    }

    /** One-sided label smoothing: real images are labelled 0.9, fakes stay at 0. */
    @Test
    void aSmoothedRealLabelIsTheCrossEntropyAgainstThatLabel() {
        Tensor real = Tensor.fromArray(new double[]{1.3, -0.2}, 2);
        Tensor fake = Tensor.fromArray(new double[]{-0.7, 0.4}, 2);
        double expected = 0;
        for (double l : new double[]{1.3, -0.2}) {
            expected -= (0.9 * Math.log(sigmoid(l)) + 0.1 * Math.log(1 - sigmoid(l))) / 2;
        }
        for (double l : new double[]{-0.7, 0.4}) {
            expected -= Math.log(1 - sigmoid(l)) / 2;
        }
        assertEquals(expected, GanLoss.discriminatorLoss(real, fake, 0.9).item(), 1e-12);
        assertEquals(GanLoss.discriminatorLoss(real, fake).item(), GanLoss.discriminatorLoss(real, fake, 1.0).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GanLoss.discriminatorLoss(real, fake, 0.4));
        assertTrue(e.getMessage().contains("real label must be in (0.5, 1], got 0.4"), e.getMessage());
    }
}
