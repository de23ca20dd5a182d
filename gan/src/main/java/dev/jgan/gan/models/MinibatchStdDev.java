package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.Module;

import java.util.List;

/**
 * The minibatch standard deviation of Karras et al. (2018, "Progressive growing of GANs"): one
 * more feature for every row, the same for all rows of the batch, saying how much the batch
 * varies. Rows [n, d] become [n, d + 1]: the standard deviation of each of the d features over
 * the n rows (population form, with {@value #EPS} under the root so that its gradient stays
 * finite for a batch of identical rows), averaged over the features.
 *
 * <p>A discriminator sees one sample at a time and so cannot tell a generator that draws the
 * same few digits over and over from one that draws them all: each sample alone looks real. With
 * this feature it sees the batch's spread, and a collapsed generator's batches are far less
 * spread than real ones. PacGAN's {@link PacGanPacking} gives D the same information through m
 * samples side by side; this costs one number per row instead of m times the first layer.
 */
public final class MinibatchStdDev extends Module {
    static final double EPS = 1e-8;

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 2 || input.size(0) < 2) {
            throw new IllegalArgumentException("MinibatchStdDev: input must be [n, d] with n >= 2 (a spread needs two"
                    + " rows), got " + Shape.format(input.shape()));
        }
        Tensor spread = input.var(new int[]{0}, 0, false).add(EPS).sqrt().mean();
        Tensor column = spread.reshape(1, 1).expand(input.size(0), 1);
        return Tensor.concat(List.of(input, column), 1);
    }
}
