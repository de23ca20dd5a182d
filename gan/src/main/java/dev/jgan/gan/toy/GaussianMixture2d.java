package dev.jgan.gan.toy;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * A mixture of equally weighted isotropic 2-D Gaussians: the standard test of mode collapse.
 * {@link #ring} is the 8 Gaussians on a circle and {@link #grid} the 5x5 grid used by the
 * VEEGAN and PacGAN papers.
 */
public final class GaussianMixture2d {
    private final double[][] modes;
    private final double sigma;
    private final String name;

    public GaussianMixture2d(String name, double[][] modes, double sigma) {
        if (modes.length == 0 || sigma <= 0) {
            throw new IllegalArgumentException("GaussianMixture2d: needs at least one mode and sigma > 0, got "
                    + modes.length + " modes and sigma " + sigma);
        }
        this.name = name;
        this.modes = modes;
        this.sigma = sigma;
    }

    /** {@code count} modes evenly spaced on a circle of {@code radius}. */
    public static GaussianMixture2d ring(int count, double radius, double sigma) {
        double[][] modes = new double[count][];
        for (int i = 0; i < count; i++) {
            double angle = 2 * Math.PI * i / count;
            modes[i] = new double[]{radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return new GaussianMixture2d("ring of " + count, modes, sigma);
    }

    /** A side x side grid of modes at integer spacing, centred on 0 (5x5: -4, -2, 0, 2, 4 with spacing 2). */
    public static GaussianMixture2d grid(int side, double spacing, double sigma) {
        List<double[]> modes = new ArrayList<>();
        double start = -spacing * (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                modes.add(new double[]{start + i * spacing, start + j * spacing});
            }
        }
        return new GaussianMixture2d(side + "x" + side + " grid", modes.toArray(new double[0][]), sigma);
    }

    public String name() {
        return name;
    }

    public double sigma() {
        return sigma;
    }

    public int modeCount() {
        return modes.length;
    }

    public double[] mode(int i) {
        return modes[i].clone();
    }

    /** {@code n} samples as an [n, 2] float32 tensor: a uniformly chosen mode plus N(0, sigma^2 I). */
    public Tensor sample(Generator gen, int n) {
        float[] choice = Tensor.rand(gen, n).toFloatArray();
        float[] noise = Tensor.randn(gen, n, 2).toFloatArray();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int m = Math.min((int) (choice[i] * modes.length), modes.length - 1);
            out[2 * i] = (float) (modes[m][0] + sigma * noise[2 * i]);
            out[2 * i + 1] = (float) (modes[m][1] + sigma * noise[2 * i + 1]);
        }
        return Tensor.fromArray(out, n, 2);
    }

    /** The modes as an [modes, 2] float64 tensor. */
    public Tensor modesTensor() {
        double[] flat = new double[modes.length * 2];
        for (int i = 0; i < modes.length; i++) {
            flat[2 * i] = modes[i][0];
            flat[2 * i + 1] = modes[i][1];
        }
        return Tensor.fromArray(flat, modes.length, 2).to(DType.FLOAT64);
    }
}
