package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

/**
 * Two ways of spoiling real images that a generator's failures resemble: blur (a generator that
 * averages what it has seen, as a model trained with a pixel loss does) and noise (one that
 * draws the right shapes with speckle on top).
 */
final class ImageDamage {
    /** The binomial kernel [1, 2, 1] / 4 in each direction: a 3x3 Gaussian-like blur. */
    private static final float[] TAPS = {0.25f, 0.5f, 0.25f};

    private ImageDamage() {
    }

    /**
     * Images [N, C, H, W] blurred {@code passes} times with the 3x3 binomial kernel. Outside the
     * image counts as the background, -1 (black), as the digits' own border is.
     */
    static Tensor blur(Tensor images, int passes) {
        int[] s = images.shape();
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        float[] x = images.contiguous().toFloatArray();
        for (int pass = 0; pass < passes; pass++) {
            float[] y = new float[x.length];
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        float sum = 0;
                        for (int di = -1; di <= 1; di++) {
                            for (int dj = -1; dj <= 1; dj++) {
                                int r = i + di;
                                int c = j + dj;
                                float v = r < 0 || r >= h || c < 0 || c >= w ? -1f : x[base + r * w + c];
                                sum += TAPS[di + 1] * TAPS[dj + 1] * v;
                            }
                        }
                        y[base + i * w + j] = sum;
                    }
                }
            }
            x = y;
        }
        return Tensor.fromArray(x, s);
    }

    /** Images plus N(0, sigma^2) noise per pixel, clamped back to the [-1, 1] of real images. */
    static Tensor noisy(Tensor images, double sigma, Generator gen) {
        return images.add(Tensor.randn(gen, images.shape()).mul(sigma)).clamp(-1, 1);
    }
}
