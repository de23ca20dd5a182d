package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;

/**
 * Spectral normalization (Miyato et al. 2018) of a layer's weight: the wrapped layer computes with
 * W / sigma(W), where sigma(W) is W's largest singular value, so the layer cannot stretch any input
 * by more than a factor of one. A discriminator built of such layers (and 1-Lipschitz
 * nonlinearities such as LeakyReLU) is itself 1-Lipschitz, which keeps it from growing sharp
 * enough to hand G useless gradients.
 *
 * <p>sigma is estimated as PyTorch's {@code torch.nn.utils.spectral_norm} does, with one power
 * iteration per forward pass in training mode: with W viewed as a matrix [rows, cols] (rows: the
 * output channels; for ConvTranspose2d, whose weight is [in, out, kh, kw], dims 0 and 1 swap
 * first), v = normalize(W^T u), u = normalize(W v), both kept as buffers ({@code weight_u},
 * {@code weight_v}) so the estimate improves from step to step; then sigma = u . W v, a function
 * of W through which gradients flow, with u and v held constant. In eval mode the stored u and v
 * are used without an iteration. u and v start as normalized standard normal vectors drawn from
 * the generator given, u first.
 *
 * <p>The state dict holds the layer's own tensors under {@code layer.} (its weight is the
 * unnormalized W, PyTorch's {@code weight_orig}) beside {@code weight_u} and {@code weight_v}.
 */
public final class SpectralNorm extends Module {
    /** PyTorch's: the smallest norm a vector is divided by when normalized. */
    public static final double DEFAULT_EPS = 1e-12;

    private final WeightedLayer layer;
    private final boolean outputsFirst;
    private final Buffer u;
    private final Buffer v;
    private final double eps;

    public SpectralNorm(Module layer, Generator gen) {
        this(layer, DEFAULT_EPS, gen);
    }

    public SpectralNorm(Module layer, double eps, Generator gen) {
        if (!(layer instanceof WeightedLayer weighted)) {
            throw new IllegalArgumentException("SpectralNorm: " + layer.getClass().getSimpleName() + " has no weight to"
                    + " normalize; wrap a Linear, Conv2d or ConvTranspose2d");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("SpectralNorm: eps must be > 0, got " + eps);
        }
        this.layer = weighted;
        this.outputsFirst = !(layer instanceof ConvTranspose2d);
        this.eps = eps;
        registerModule("layer", layer);
        Tensor matrix = matrix(weighted.weight());
        this.u = registerBuffer("weight_u", normalize(Tensor.normal(gen, matrix.dtype(), 0, 1, matrix.size(0))));
        this.v = registerBuffer("weight_v", normalize(Tensor.normal(gen, matrix.dtype(), 0, 1, matrix.size(1))));
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor weight = layer.weight();
        Tensor matrix = matrix(weight);
        if (isTraining()) {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                Tensor w = matrix.detach();
                v.get().copy_(normalize(column(w.t(), u.get())));
                u.get().copy_(normalize(column(w, v.get())));
            }
        }
        // Copies: the buffers change in place at the next forward, which may come before this
        // pass's backward (D sees the real and the fake batch before its loss is differentiated).
        Tensor uNow = u.get().contiguousCopy();
        Tensor vNow = v.get().contiguousCopy();
        Tensor sigma = column(matrix, vNow).mul(uNow).sum();
        return layer.forwardWith(input, weight.div(sigma));
    }

    /** The current estimate of the wrapped weight's largest singular value (no graph). */
    public double sigma() {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return column(matrix(layer.weight()), v.get()).mul(u.get()).sum().item();
        }
    }

    /** W as [rows, cols], rows being the output channels. */
    private Tensor matrix(Tensor weight) {
        Tensor outputsInFront = outputsFirst ? weight : weight.transpose(0, 1);
        return outputsInFront.contiguous().reshape(outputsInFront.size(0), -1);
    }

    /** matrix [r, c] times the vector [c], as a vector [r]. */
    private static Tensor column(Tensor matrix, Tensor vector) {
        return matrix.matmul(vector.reshape(vector.size(0), 1)).reshape(matrix.size(0));
    }

    private Tensor normalize(Tensor vector) {
        return vector.div(vector.mul(vector).sum().sqrt().clampMin(eps));
    }

    @Override
    protected String extraRepr() {
        return "eps=" + eps;
    }
}
