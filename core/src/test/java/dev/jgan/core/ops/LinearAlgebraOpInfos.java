package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;

import java.util.List;

import static dev.jgan.core.ops.Values.mat;
import static dev.jgan.core.ops.Values.of;
import static dev.jgan.core.ops.Values.scalar;
import static dev.jgan.core.ops.Values.shape;
import static dev.jgan.core.ops.Values.vec;

/**
 * Registry entries for {@link LinearAlgebra}: matmul in all of torch.matmul's shape cases, and the
 * batch of products summed over the batch that convolution weight gradients use.
 */
final class LinearAlgebraOpInfos {
    private static final Domain D = Domain.standard();

    private LinearAlgebraOpInfos() {
    }

    static List<OpInfo> all() {
        return List.of(OpInfo.op("matmul", Op.MATMUL)
                .sample("1-D @ 1-D: [3] @ [3]", LinearAlgebraOpInfos::product, Arg.of(D, 3), Arg.of(D, 3))
                .sample("1-D @ 2-D: [3] @ [3, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 3), Arg.of(D, 3, 2))
                .sample("2-D @ 1-D: [2, 3] @ [3]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 3), Arg.of(D, 3))
                .sample("2-D @ 2-D: [2, 3] @ [3, 4]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 3), Arg.of(D, 3, 4))
                .sample("batched: [2, 2, 3] @ [2, 3, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 2, 3),
                        Arg.of(D, 2, 3, 2))
                .sample("broadcast batch: [2, 1, 2, 2] @ [3, 2, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 1, 2, 2),
                        Arg.of(D, 3, 2, 2))
                .sample("batched @ 2-D: [2, 2, 3] @ [3, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 2, 3),
                        Arg.of(D, 3, 2))
                .sample("1-D @ batched: [3] @ [2, 3, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 3), Arg.of(D, 2, 3, 2))
                .sample("transposed: [3, 2].t() @ [4, 3].t()", in -> in.get(0).t().matmul(in.get(1).t()),
                        Arg.of(D, 3, 2), Arg.of(D, 4, 3))
                .sample("narrowed [3, 6].narrow(1, 1, 3) @ expanded [3, 1] to [3, 2]",
                        in -> in.get(0).narrow(1, 1, 3).matmul(in.get(1).expand(3, 2)), Arg.of(D, 3, 6), Arg.of(D, 3, 1))
                .sample("constant right operand: [2, 3] @ [3, 2]", LinearAlgebraOpInfos::product, Arg.of(D, 2, 3),
                        Arg.constant(D, 3, 2))
                .example("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]", LinearAlgebraOpInfos::product,
                        mat(2, 19, 22, 43, 50), mat(2, 1, 2, 3, 4), mat(2, 5, 6, 7, 8))
                .example("[1, 2, 3] @ [4, 5, 6] = 32 (0-dim)", LinearAlgebraOpInfos::product,
                        scalar(32), vec(1, 2, 3), vec(4, 5, 6))
                .example("[1, 2] @ [[1, 2, 3], [4, 5, 6]] = [9, 12, 15]", LinearAlgebraOpInfos::product,
                        vec(9, 12, 15), vec(1, 2), mat(2, 1, 2, 3, 4, 5, 6))
                .example("[[1, 2, 3], [4, 5, 6]] @ [1, 0, -1] = [-2, -2]", LinearAlgebraOpInfos::product,
                        vec(-2, -2), mat(2, 1, 2, 3, 4, 5, 6), vec(1, 0, -1))
                .example("[[[1, 2]], [[3, 4]]] @ [[1], [1]] = [[[3]], [[7]]] (batch broadcast)",
                        LinearAlgebraOpInfos::product, of(shape(2, 1, 1), 3, 7), of(shape(2, 1, 2), 1, 2, 3, 4), mat(2, 1, 1))
                .build(),
                OpInfo.op("matmul_summed_over_batch", Op.MATMUL_SUMMED_OVER_BATCH)
                        .sample("[3, 2, 4] @ [3, 4, 2], summed over 3", LinearAlgebraOpInfos::summed,
                                Arg.of(D, 3, 2, 4), Arg.of(D, 3, 4, 2))
                        .sample("groups: [2, 2, 3, 2] @ [2, 2, 2, 3]", LinearAlgebraOpInfos::summed,
                                Arg.of(D, 2, 2, 3, 2), Arg.of(D, 2, 2, 2, 3))
                        .sample("columns seen transposed: [2, 3, 4] @ [2, 5, 4].transpose(-1, -2)",
                                in -> LinearAlgebra.matmulSummedOverBatch(in.get(0), in.get(1).transpose(-1, -2)),
                                Arg.of(D, 2, 3, 4), Arg.of(D, 2, 5, 4))
                        .sample("constant right operand: [2, 2, 3] @ [2, 3, 2]", LinearAlgebraOpInfos::summed,
                                Arg.of(D, 2, 2, 3), Arg.constant(D, 2, 3, 2))
                        .example("[[[1, 2]], [[3, 4]]] @ [[[1], [1]], [[2], [0]]] = [[3 + 6]]", LinearAlgebraOpInfos::summed,
                                mat(1, 9), of(shape(2, 1, 2), 1, 2, 3, 4), of(shape(2, 2, 1), 1, 1, 2, 0))
                        .build());
    }

    private static Tensor summed(List<Tensor> in) {
        return LinearAlgebra.matmulSummedOverBatch(in.get(0), in.get(1));
    }

    private static Tensor product(List<Tensor> in) {
        return in.get(0).matmul(in.get(1));
    }
}
