package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The samples of mul's entry in core's gradient-check registry (PointwiseOpInfos.binary), rerun
 * here with the chapter's own seed so the program can show what each one costs: the registry
 * lives in core's tests, out of a program's reach. The registry's two samples with a constant
 * operand are left out; they differ only in which columns the Jacobian has.
 */
final class MulSamples {
    static final long SEED = 3;

    /** One way of calling mul: the leaves' shapes, and the views built from them inside the function. */
    record Sample(String name, Function<List<Tensor>, Tensor> fn, int[]... shapes) {
    }

    /** What checking one sample took, and how the two checks ended ("passed" or the error). */
    record Result(Sample sample, int[] outputShape, int columns, int evaluations, String gradcheck,
                  String gradgradcheck) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("plain [3, 4] and [3, 4]", in -> in.get(0).mul(in.get(1)), new int[]{3, 4}, new int[]{3, 4}),
            new Sample("broadcast [3, 1] and [4]", in -> in.get(0).mul(in.get(1)), new int[]{3, 1}, new int[]{4}),
            new Sample("broadcast [] and [2, 3]", in -> in.get(0).mul(in.get(1)), new int[]{}, new int[]{2, 3}),
            new Sample("transposed [4, 3].t() and narrowed [3, 6].narrow(1, 1, 4)",
                    in -> in.get(0).t().mul(in.get(1).narrow(1, 1, 4)), new int[]{4, 3}, new int[]{3, 6}),
            new Sample("expanded [4] to [3, 4] and permuted [4, 3].permute(1, 0)",
                    in -> in.get(0).expand(3, 4).mul(in.get(1).permute(1, 0)), new int[]{4}, new int[]{4, 3}),
            new Sample("one leaf as both operands, [3, 4]", in -> in.get(0).mul(in.get(0)), new int[]{3, 4}));

    private MulSamples() {
    }

    /** Fresh float64 leaves for a sample, uniform in (-1, 1) like the registry's Domain.standard(). */
    static Tensor[] inputs(Sample sample, Generator gen) {
        return Arrays.stream(sample.shapes())
                .map(shape -> Tensor.uniform(gen, DType.FLOAT64, -1, 1, shape).requiresGrad(true))
                .toArray(Tensor[]::new);
    }

    static List<Result> checkAll() {
        Generator gen = new Generator(SEED);
        return SAMPLES.stream().map(s -> check(s, inputs(s, gen))).toList();
    }

    private static Result check(Sample sample, Tensor[] inputs) {
        int[] evaluations = {0};
        Function<List<Tensor>, Tensor> counted = in -> {
            evaluations[0]++;
            return sample.fn().apply(in);
        };
        String first = Outcome.of(() -> GradCheck.gradcheck(counted, inputs));
        int firstEvaluations = evaluations[0];
        String second = Outcome.of(() -> GradCheck.gradgradcheck(sample.fn(), inputs));
        int[] outputShape = sample.fn().apply(Arrays.asList(inputs)).shape();
        int columns = Arrays.stream(inputs).mapToInt(Tensor::numel).sum();
        return new Result(sample, outputShape, columns, firstEvaluations, first, second);
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%-58s %-7s %3d x %-3d %5d  %-9s %s", r.sample().name(),
                Shape.format(r.outputShape()), Shape.numel(r.outputShape()), r.columns(), r.evaluations(),
                r.gradcheck(), r.gradgradcheck());
    }
}
