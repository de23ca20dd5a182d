package dev.jgan.core.gradcheck;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks analytical gradients against central finite differences, as torch.autograd.gradcheck
 * does, with its defaults: eps 1e-6, atol 1e-5, rtol 1e-3.
 *
 * <p>The function maps a list of float64 leaf tensors to one output tensor. For every output
 * element j the analytical row of the Jacobian comes from one backward pass with a one-hot
 * output gradient; for every input element i the numerical column comes from
 * (f(x + eps e_i) - f(x - eps e_i)) / (2 eps). The whole Jacobian is compared, so keep inputs
 * small. Inputs are perturbed through their storage, so pass contiguous leaves and build
 * non-contiguous or broadcast views inside the function.
 */
public final class GradCheck {
    private final double eps;
    private final double atol;
    private final double rtol;

    public GradCheck(double eps, double atol, double rtol) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /** PyTorch's defaults. */
    public static GradCheck defaults() {
        return new GradCheck(1e-6, 1e-5, 1e-3);
    }

    /** Checks first derivatives with the default tolerances; throws {@link GradCheckError} on mismatch. */
    public static void gradcheck(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        defaults().check(f, inputs);
    }

    /** Checks second derivatives with the default tolerances (see {@link #checkSecondOrder}). */
    public static void gradgradcheck(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        defaults().checkSecondOrder(f, inputs);
    }

    public void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> xs = validate(inputs);
        Tensor out = f.apply(xs);
        if (out.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradcheck: the function returned " + out.dtype()
                    + "; finite differences need float64 throughout");
        }
        double[][][] analytical = analyticalJacobian(out, xs);
        for (int k = 0; k < xs.size(); k++) {
            Tensor x = xs.get(k);
            if (!x.requiresGrad()) {
                continue;
            }
            double[] data = x.toDoubleArray();
            for (int i = 0; i < data.length; i++) {
                double[] column = numericalColumn(f, xs, x, data, i);
                for (int j = 0; j < column.length; j++) {
                    double a = analytical[k][j][i];
                    double n = column[j];
                    if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
                        throw new GradCheckError("gradcheck: Jacobian mismatch for input " + k + " (shape "
                                + Shape.format(x.shape()) + ") element " + i + ", output element " + j
                                + ": analytical " + a + ", numerical " + n + " (atol " + atol + ", rtol " + rtol + ")");
                    }
                }
            }
        }
    }

    /**
     * Second derivatives: builds g(x, v) = vᵀ ∂f/∂x with create_graph, for a fixed random v, and
     * gradchecks g with respect to x. This exercises the backward formulas as differentiable
     * functions, which gradient penalties rely on.
     */
    public void checkSecondOrder(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> xs = validate(inputs);
        Tensor probe;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            probe = f.apply(xs);
        }
        Tensor v = Tensor.normal(new Generator(12345), DType.FLOAT64, 0.0, 1.0, probe.shape());
        List<Tensor> wanted = xs.stream().filter(Tensor::requiresGrad).toList();
        Function<List<Tensor>, Tensor> vjp = args -> {
            Tensor out = f.apply(args);
            List<Tensor> targets = args.stream().filter(Tensor::requiresGrad).toList();
            List<Tensor> grads = Autograd.grad(List.of(out), targets, List.of(v), true, true, true);
            List<Tensor> flat = new ArrayList<>();
            for (int i = 0; i < grads.size(); i++) {
                Tensor g = grads.get(i);
                flat.add((g == null ? Tensor.zerosLike(targets.get(i)) : g).reshape(-1));
            }
            return Tensor.concat(flat, 0);
        };
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("gradgradcheck: no input requires grad");
        }
        check(vjp, inputs);
    }

    private static List<Tensor> validate(Tensor[] inputs) {
        List<Tensor> xs = Arrays.asList(inputs);
        boolean any = false;
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            if (x.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + k + " is " + x.dtype()
                        + "; use float64 inputs (x.to(DType.FLOAT64)), float32 is too coarse for finite differences");
            }
            if (!x.isLeaf() || !x.isContiguous() || x.offset() != 0 || x.storage().size() != x.numel()) {
                throw new IllegalArgumentException("gradcheck: input " + k + " must be a contiguous leaf that owns its"
                        + " storage; build views inside the function instead");
            }
            any |= x.requiresGrad();
        }
        if (!any) {
            throw new IllegalArgumentException("gradcheck: no input requires grad");
        }
        return xs;
    }

    /** analytical[k][j][i] = d out_j / d (input k)_i, from one backward pass per output element. */
    private static double[][][] analyticalJacobian(Tensor out, List<Tensor> xs) {
        int outputs = out.numel();
        double[][][] jac = new double[xs.size()][outputs][];
        List<Tensor> targets = xs.stream().filter(Tensor::requiresGrad).toList();
        for (int j = 0; j < outputs; j++) {
            double[] oneHot = new double[outputs];
            oneHot[j] = 1.0;
            Tensor seed = Tensor.fromArray(oneHot, out.shape());
            List<Tensor> grads = out.requiresGrad()
                    ? Autograd.grad(List.of(out), targets, List.of(seed), true, false, true)
                    : targets.stream().map(t -> (Tensor) null).toList();
            int t = 0;
            for (int k = 0; k < xs.size(); k++) {
                Tensor x = xs.get(k);
                if (!x.requiresGrad()) {
                    continue;
                }
                Tensor g = grads.get(t++);
                jac[k][j] = g == null ? new double[x.numel()] : g.toDoubleArray();
            }
        }
        return jac;
    }

    private double[] numericalColumn(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor x, double[] data, int i) {
        double original = data[i];
        double[] plus = evaluateWith(f, xs, x, i, original + eps);
        double[] minus = evaluateWith(f, xs, x, i, original - eps);
        setElement(x, i, original);
        double[] column = new double[plus.length];
        for (int j = 0; j < column.length; j++) {
            column[j] = (plus[j] - minus[j]) / (2 * eps);
        }
        return column;
    }

    private static double[] evaluateWith(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor x, int i, double value) {
        setElement(x, i, value);
        // Grad mode stays on: a second-order check's function itself runs a backward pass.
        return f.apply(xs).toDoubleArray();
    }

    private static void setElement(Tensor x, int i, double value) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor.asStrided(x, new int[0], new int[0], i).fill_(value);
        }
    }

    /** A gradient that disagrees with finite differences; the message names input and element. */
    public static final class GradCheckError extends AssertionError {
        public GradCheckError(String message) {
            super(message);
        }
    }
}
