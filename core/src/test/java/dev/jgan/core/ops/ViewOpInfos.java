package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.gradcheck.GradCheck;

import java.util.List;

import static dev.jgan.core.ops.Values.mat;
import static dev.jgan.core.ops.Values.of;
import static dev.jgan.core.ops.Values.scalar;
import static dev.jgan.core.ops.Values.shape;
import static dev.jgan.core.ops.Values.vec;

/** Registry entries for views, copies and joins ({@link Views}, {@link Joins}). */
final class ViewOpInfos {
    private static final Domain D = Domain.standard();

    private ViewOpInfos() {
    }

    static List<OpInfo> all() {
        return List.of(reshape(), permute(), narrow(), sliceBackward(), expand(), squeeze(), unsqueeze(), contiguous(),
                toDType(), concat(), stack());
    }

    private static OpInfo reshape() {
        return OpInfo.op("reshape / view", Op.RESHAPE)
                .sample("reshape [3, 4] to [2, 6]", in -> in.get(0).reshape(2, 6), Arg.of(D, 3, 4))
                .sample("reshape [2, 3, 2] to [-1]", in -> in.get(0).reshape(-1), Arg.of(D, 2, 3, 2))
                .sample("view [2, 3, 2] as [6, 2]", in -> in.get(0).view(6, 2), Arg.of(D, 2, 3, 2))
                .sample("flatten [3, 4]", in -> in.get(0).flatten(), Arg.of(D, 3, 4))
                .sample("reshape [1, 1] to 0-dim []", in -> in.get(0).reshape(), Arg.of(D, 1, 1))
                .sample("view narrowed rows [3, 4].narrow(0, 1, 2) as [8] (offset view)",
                        in -> in.get(0).narrow(0, 1, 2).view(8), Arg.of(D, 3, 4))
                .sample("reshape transposed [4, 3].t() to [12] (copies)", in -> in.get(0).t().reshape(12), Arg.of(D, 4, 3))
                .sample("reshape expanded [3, 1] to [3, 4] as [2, 6] (copies)", in -> in.get(0).expand(3, 4).reshape(2, 6),
                        Arg.of(D, 3, 1))
                .example("reshape [1..6] to [2, 3] keeps row-major order", in -> in.get(0).reshape(2, 3),
                        mat(2, 1, 2, 3, 4, 5, 6), vec(1, 2, 3, 4, 5, 6))
                .example("reshape [[1, 2], [3, 4]].t() to [-1] = [1, 3, 2, 4]", in -> in.get(0).t().reshape(-1),
                        vec(1, 3, 2, 4), mat(2, 1, 2, 3, 4))
                .example("view [1..6] as [3, -1] = [[1, 2], [3, 4], [5, 6]]", in -> in.get(0).view(3, -1),
                        mat(3, 1, 2, 3, 4, 5, 6), vec(1, 2, 3, 4, 5, 6))
                .build();
    }

    private static OpInfo permute() {
        return OpInfo.op("permute / transpose", Op.PERMUTE)
                .sample("permute [2, 3, 2] by (2, 0, 1)", in -> in.get(0).permute(2, 0, 1), Arg.of(D, 2, 3, 2))
                .sample("permute [2, 3, 2] by (-1, -3, -2)", in -> in.get(0).permute(-1, -3, -2), Arg.of(D, 2, 3, 2))
                .sample("transpose(0, -1) of [2, 3, 2]", in -> in.get(0).transpose(0, -1), Arg.of(D, 2, 3, 2))
                .sample("t() of narrowed [3, 6].narrow(1, 1, 4)", in -> in.get(0).narrow(1, 1, 4).t(), Arg.of(D, 3, 6))
                .sample("t() of expanded [3, 1] to [3, 4]", in -> in.get(0).expand(3, 4).t(), Arg.of(D, 3, 1))
                .example("[[1, 2, 3], [4, 5, 6]].t() = [[1, 4], [2, 5], [3, 6]]", in -> in.get(0).t(),
                        mat(3, 1, 4, 2, 5, 3, 6), mat(2, 1, 2, 3, 4, 5, 6))
                .example("permute(2, 0, 1) of [1, 2, 2] [[[1, 2], [3, 4]]] = [[[1, 3]], [[2, 4]]]",
                        in -> in.get(0).permute(2, 0, 1), of(shape(2, 1, 2), 1, 3, 2, 4), of(shape(1, 2, 2), 1, 2, 3, 4))
                .build();
    }

    private static OpInfo narrow() {
        return OpInfo.op("narrow", Op.NARROW)
                .sample("rows 1..2 of [3, 4]", in -> in.get(0).narrow(0, 1, 2), Arg.of(D, 3, 4))
                .sample("dim -1 of [3, 4] from 2, length 2", in -> in.get(0).narrow(-1, 2, 2), Arg.of(D, 3, 4))
                .sample("middle dim of [2, 3, 2] from 1, length 1", in -> in.get(0).narrow(1, 1, 1), Arg.of(D, 2, 3, 2))
                .sample("twice: [4, 3].narrow(0, 1, 2).narrow(1, 0, 2)", in -> in.get(0).narrow(0, 1, 2).narrow(1, 0, 2),
                        Arg.of(D, 4, 3))
                .sample("of transposed [4, 3].t()", in -> in.get(0).t().narrow(1, 1, 2), Arg.of(D, 4, 3))
                .sample("of expanded [3, 1] to [3, 4]", in -> in.get(0).expand(3, 4).narrow(1, 1, 2), Arg.of(D, 3, 1))
                .example("[1, 2, 3, 4, 5].narrow(0, 1, 3) = [2, 3, 4]", in -> in.get(0).narrow(0, 1, 3),
                        vec(2, 3, 4), vec(1, 2, 3, 4, 5))
                .example("[[1, 2, 3], [4, 5, 6]].narrow(-1, 1, 1) = [[2], [5]]", in -> in.get(0).narrow(-1, 1, 1),
                        mat(2, 2, 5), mat(2, 1, 2, 3, 4, 5, 6))
                .build();
    }

    /**
     * narrow's backward pastes the gradient into zeros; it is a node of its own so that second
     * derivatives through narrow work, and it is checked here directly.
     */
    private static OpInfo sliceBackward() {
        return OpInfo.op("narrow backward (Views.sliceBackward)", Op.SLICE_BACKWARD)
                .sample("[2, 3] into [4, 3] at dim 0 from 1", in -> Views.sliceBackward(in.get(0), shape(4, 3), 0, 1),
                        Arg.of(D, 2, 3))
                .sample("[3, 2] into [3, 5] at dim 1 from 3", in -> Views.sliceBackward(in.get(0), shape(3, 5), 1, 3),
                        Arg.of(D, 3, 2))
                .sample("transposed [2, 3].t() into [3, 4] at dim 1 from 1",
                        in -> Views.sliceBackward(in.get(0).t(), shape(3, 4), 1, 1), Arg.of(D, 2, 3))
                .sample("expanded [3, 1] to [3, 2] into [4, 2] at dim 0 from 0",
                        in -> Views.sliceBackward(in.get(0).expand(3, 2), shape(4, 2), 0, 0), Arg.of(D, 3, 1))
                .example("[1, 2] into [4] from 1 = [0, 1, 2, 0]", in -> Views.sliceBackward(in.get(0), shape(4), 0, 1),
                        vec(0, 1, 2, 0), vec(1, 2))
                .example("[[1], [2]] into [2, 3] at dim 1 from 2 = [[0, 0, 1], [0, 0, 2]]",
                        in -> Views.sliceBackward(in.get(0), shape(2, 3), 1, 2), mat(2, 0, 0, 1, 0, 0, 2), mat(2, 1, 2))
                .build();
    }

    private static OpInfo expand() {
        return OpInfo.op("expand", Op.EXPAND)
                .sample("[3, 1] to [3, 4]", in -> in.get(0).expand(3, 4), Arg.of(D, 3, 1))
                .sample("[2] to [2, 3, 2] (new leading dims)", in -> in.get(0).expand(2, 3, 2), Arg.of(D, 2))
                .sample("[1, 3] to [2, -1] (-1 keeps a size)", in -> in.get(0).expand(2, -1), Arg.of(D, 1, 3))
                .sample("0-dim [] to [2, 3]", in -> in.get(0).expand(2, 3), Arg.of(D))
                .sample("narrowed [3, 6].narrow(1, 2, 1) to [3, 4]", in -> in.get(0).narrow(1, 2, 1).expand(3, 4),
                        Arg.of(D, 3, 6))
                .sample("broadcastTo of transposed [1, 3].t() to [3, 4]", in -> in.get(0).t().broadcastTo(3, 4),
                        Arg.of(D, 1, 3))
                .example("[1, 2].expand(2, 2) = [[1, 2], [1, 2]]", in -> in.get(0).expand(2, 2),
                        mat(2, 1, 2, 1, 2), vec(1, 2))
                .example("[[1], [2]].expand(-1, 3) = [[1, 1, 1], [2, 2, 2]]", in -> in.get(0).expand(-1, 3),
                        mat(2, 1, 1, 1, 2, 2, 2), mat(2, 1, 2))
                .build();
    }

    private static OpInfo squeeze() {
        return OpInfo.op("squeeze", Op.SQUEEZE)
                .sample("squeeze() of [1, 3, 1, 4]", in -> in.get(0).squeeze(), Arg.of(D, 1, 3, 1, 4))
                .sample("squeeze(-2) of [3, 1, 4]", in -> in.get(0).squeeze(-2), Arg.of(D, 3, 1, 4))
                .sample("squeeze(0) of [3, 4] (size 3: nothing removed)", in -> in.get(0).squeeze(0), Arg.of(D, 3, 4))
                .sample("squeeze() of [1, 1] to 0-dim []", in -> in.get(0).squeeze(), Arg.of(D, 1, 1))
                .sample("squeeze(1) of permuted [4, 1, 3].permute(2, 1, 0)", in -> in.get(0).permute(2, 1, 0).squeeze(1),
                        Arg.of(D, 4, 1, 3))
                .example("squeeze() of [1, 2, 1] [[[1], [2]]] = [1, 2]", in -> in.get(0).squeeze(),
                        vec(1, 2), of(shape(1, 2, 1), 1, 2))
                .example("squeeze(0) of [[1], [2]] keeps shape [2, 1]", in -> in.get(0).squeeze(0),
                        mat(2, 1, 2), mat(2, 1, 2))
                .build();
    }

    private static OpInfo unsqueeze() {
        return OpInfo.op("unsqueeze", Op.UNSQUEEZE)
                .sample("unsqueeze(0) of [3, 4]", in -> in.get(0).unsqueeze(0), Arg.of(D, 3, 4))
                .sample("unsqueeze(1) of [3, 4]", in -> in.get(0).unsqueeze(1), Arg.of(D, 3, 4))
                .sample("unsqueeze(-1) of [3, 4] (appends)", in -> in.get(0).unsqueeze(-1), Arg.of(D, 3, 4))
                .sample("unsqueeze(0) of 0-dim []", in -> in.get(0).unsqueeze(0), Arg.of(D))
                .sample("unsqueeze(1) of transposed [4, 3].t()", in -> in.get(0).t().unsqueeze(1), Arg.of(D, 4, 3))
                .sample("unsqueeze(0) of narrowed [3, 6].narrow(1, 1, 4)", in -> in.get(0).narrow(1, 1, 4).unsqueeze(0),
                        Arg.of(D, 3, 6))
                .example("[1, 2].unsqueeze(0) = [[1, 2]]", in -> in.get(0).unsqueeze(0), mat(1, 1, 2), vec(1, 2))
                .example("[1, 2].unsqueeze(-1) = [[1], [2]]", in -> in.get(0).unsqueeze(-1), mat(2, 1, 2), vec(1, 2))
                .build();
    }

    private static OpInfo contiguous() {
        return OpInfo.op("contiguous", Op.CONTIGUOUS)
                .sample("of transposed [4, 3].t()", in -> in.get(0).t().contiguous(), Arg.of(D, 4, 3))
                .sample("of narrowed [3, 6].narrow(1, 1, 4)", in -> in.get(0).narrow(1, 1, 4).contiguous(), Arg.of(D, 3, 6))
                .sample("of expanded [3, 1] to [3, 4]", in -> in.get(0).expand(3, 4).contiguous(), Arg.of(D, 3, 1))
                .sample("of permuted [2, 3, 2].permute(2, 0, 1)", in -> in.get(0).permute(2, 0, 1).contiguous(),
                        Arg.of(D, 2, 3, 2))
                .example("[[1, 2], [3, 4]].t().contiguous() = [[1, 3], [2, 4]]", in -> in.get(0).t().contiguous(),
                        mat(2, 1, 3, 2, 4), mat(2, 1, 2, 3, 4))
                .example("[1, 2].expand(2, 2).contiguous() = [[1, 2], [1, 2]]", in -> in.get(0).expand(2, 2).contiguous(),
                        mat(2, 1, 2, 1, 2), vec(1, 2))
                .build();
    }

    /**
     * float64 -> float32 -> float64. Finite differences cannot see through float32 rounding at
     * eps = 1e-6, so the samples are multiples of 2^-10 in (-1, 1) and eps is 2^-8: every
     * perturbed value is exact in float32, and the difference quotient is exact.
     */
    private static OpInfo toDType() {
        Domain exact = Domain.standard().quantized(0x1p-10);
        GradCheck coarse = new GradCheck(0x1p-8, 1e-5, 1e-3);
        return OpInfo.op("to(dtype) float64 -> float32 -> float64, eps 2^-8", Op.TO_DTYPE)
                .sample("plain [3, 4]", coarse, in -> roundTrip(in.get(0)), Arg.of(exact, 3, 4))
                .sample("0-dim []", coarse, in -> roundTrip(in.get(0)), Arg.of(exact))
                .sample("transposed [4, 3].t()", coarse, in -> roundTrip(in.get(0).t()), Arg.of(exact, 4, 3))
                .sample("expanded [3, 1] to [3, 4]", coarse, in -> roundTrip(in.get(0).expand(3, 4)), Arg.of(exact, 3, 1))
                .example("[0.1, 1/3] to float32 rounds to nearest", in -> in.get(0).to(DType.FLOAT32),
                        vec(0.100000001490116119384765625, 0.3333333432674407958984375), vec(0.1, 1.0 / 3))
                .example("0.5 survives the round trip exactly", in -> roundTrip(in.get(0)), scalar(0.5), scalar(0.5))
                .build();
    }

    private static Tensor roundTrip(Tensor x) {
        return x.to(DType.FLOAT32).to(DType.FLOAT64);
    }

    private static OpInfo concat() {
        return OpInfo.op("concat", Op.CONCAT)
                .sample("dim 0 of [2, 3] and [1, 3]", in -> Tensor.concat(List.of(in.get(0), in.get(1)), 0),
                        Arg.of(D, 2, 3), Arg.of(D, 1, 3))
                .sample("dim -1 of [2, 2] and transposed [3, 2].t()",
                        in -> Tensor.concat(List.of(in.get(0), in.get(1).t()), -1), Arg.of(D, 2, 2), Arg.of(D, 3, 2))
                .sample("dim 1 of [2, 1, 2], [2, 2, 2] and [2, 1, 2]",
                        in -> Tensor.concat(List.of(in.get(0), in.get(1), in.get(2)), 1),
                        Arg.of(D, 2, 1, 2), Arg.of(D, 2, 2, 2), Arg.of(D, 2, 1, 2))
                .sample("1-D [3] and narrowed [5].narrow(0, 1, 2)",
                        in -> Tensor.concat(List.of(in.get(0), in.get(1).narrow(0, 1, 2)), 0), Arg.of(D, 3), Arg.of(D, 5))
                .sample("expanded [1, 3] to [2, 3] and a constant [2, 3]",
                        in -> Tensor.concat(List.of(in.get(0).expand(2, 3), in.get(1)), 0), Arg.of(D, 1, 3),
                        Arg.constant(D, 2, 3))
                .example("concat([1, 2], [3]) = [1, 2, 3]", in -> Tensor.concat(in, 0), vec(1, 2, 3), vec(1, 2), vec(3))
                .example("concat along dim 1 of [[1], [2]] and [[3, 4], [5, 6]] = [[1, 3, 4], [2, 5, 6]]",
                        in -> Tensor.concat(in, 1), mat(2, 1, 3, 4, 2, 5, 6), mat(2, 1, 2), mat(2, 3, 4, 5, 6))
                .build();
    }

    private static OpInfo stack() {
        return OpInfo.op("stack", Op.UNSQUEEZE, Op.CONCAT)
                .sample("two [3] along dim 0", in -> Tensor.stack(List.of(in.get(0), in.get(1)), 0),
                        Arg.of(D, 3), Arg.of(D, 3))
                .sample("two [2, 3] along dim -1 (new last dim)", in -> Tensor.stack(List.of(in.get(0), in.get(1)), -1),
                        Arg.of(D, 2, 3), Arg.of(D, 2, 3))
                .sample("[2, 2], transposed [2, 2].t() and [2, 2] along dim 1",
                        in -> Tensor.stack(List.of(in.get(0), in.get(1).t(), in.get(2)), 1),
                        Arg.of(D, 2, 2), Arg.of(D, 2, 2), Arg.of(D, 2, 2))
                .sample("expanded [3] to [2, 3] and a constant [2, 3] along dim 0",
                        in -> Tensor.stack(List.of(in.get(0).expand(2, 3), in.get(1)), 0), Arg.of(D, 3),
                        Arg.constant(D, 2, 3))
                .example("stack([1, 2], [3, 4]) along dim 0 = [[1, 2], [3, 4]]", in -> Tensor.stack(in, 0),
                        mat(2, 1, 2, 3, 4), vec(1, 2), vec(3, 4))
                .example("stack([1, 2], [3, 4]) along dim 1 = [[1, 3], [2, 4]]", in -> Tensor.stack(in, 1),
                        mat(2, 1, 3, 2, 4), vec(1, 2), vec(3, 4))
                .build();
    }
}
