package dev.jgan.core.ops;

import java.util.List;
import java.util.stream.Stream;

/**
 * The gradient-check registry: one {@link OpInfo} per user-facing op. Adding an op to the engine
 * means adding its entry here; the coverage test fails for any {@link dev.jgan.core.autograd.Op}
 * that no entry's graph records, and docs/ops.md is generated from this list.
 */
final class OpInfos {
    private static final List<OpInfo> ALL = Stream.of(PointwiseOpInfos.all(), ReductionOpInfos.all(),
            LinearAlgebraOpInfos.all(), ViewOpInfos.all(), LossOpInfos.all(), ConvOpInfos.all())
            .flatMap(List::stream).toList();

    private OpInfos() {
    }

    static List<OpInfo> all() {
        return ALL;
    }
}
