package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.train.GanLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much gradient a generator loss sends back to G, for one batch of noise, with G and D as
 * they are: the measurement behind the saturation argument of Goodfellow et al. (2014, sec. 3).
 * Nothing is updated and no {@code .grad} is touched.
 *
 * @param meanDFake      the mean of D(G(z)) over the batch
 * @param sampleGradient the mean over samples of |d loss_i / d G(z_i)| (the L1 norm for several
 *                       dimensions): how hard each generated point is pushed
 * @param parameterNorm  the Euclidean norm of the gradient of the batch loss over all of G's parameters
 */
public record GeneratorGradient(double meanDFake, double sampleGradient, double parameterNorm) {

    public static GeneratorGradient measure(Gan gan, GanLoss loss, Tensor z) {
        Tensor fake = gan.generator().forward(z);
        Tensor logits = gan.discriminator().forward(fake);
        Tensor batchLoss = loss.generatorLoss(logits);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(fake);
        inputs.addAll(gan.generator().parameters());
        List<Tensor> grads = Autograd.grad(List.of(batchLoss), inputs, null, false, false, false);

        // The batch loss is the mean of n per-sample losses, so sample i's own loss has n times
        // the batch gradient at G(z_i): the mean over i of n |g_i| is the sum of |g_i|.
        double sample = grads.get(0).abs().sum().item();
        double squares = 0;
        for (Tensor g : grads.subList(1, grads.size())) {
            squares += g.mul(g).sum().item();
        }
        return new GeneratorGradient(logits.detach().sigmoid().mean().item(), sample, Math.sqrt(squares));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "D(G(z)) %.4f, |dL/dG(z)| %.4f, |dL/dtheta_G| %.4f", meanDFake,
                sampleGradient, parameterNorm);
    }
}
