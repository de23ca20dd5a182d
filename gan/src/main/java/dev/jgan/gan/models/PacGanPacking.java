package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.Module;

/**
 * PacGAN's packing (Lin, Khetan, Fanti and Oh 2018): the discriminator judges {@code m} samples
 * at once, concatenated, instead of one. Rows [n, d] become [n / m, m d], consecutive rows
 * together. A generator that puts all its mass on one mode makes packs of near-identical
 * samples, which real packs almost never are, so a packed discriminator sees the collapse that a
 * one-sample discriminator cannot: one sample from a collapsed G looks exactly like a real one.
 */
public final class PacGanPacking extends Module {
    private final int m;

    public PacGanPacking(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("PacGanPacking: pack size must be >= 1, got " + m);
        }
        this.m = m;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 2 || input.size(0) % m != 0) {
            throw new IllegalArgumentException("PacGanPacking: input must be [n, d] with n a multiple of the pack size "
                    + m + ", got " + Shape.format(input.shape()));
        }
        return input.reshape(input.size(0) / m, m * input.size(1));
    }

    public int packSize() {
        return m;
    }

    @Override
    protected String extraRepr() {
        return "m=" + m;
    }
}
