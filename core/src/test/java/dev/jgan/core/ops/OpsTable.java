package dev.jgan.core.ops;

import dev.jgan.core.autograd.Op;

import java.util.List;
import java.util.stream.Collectors;

/** Renders the registry as the markdown table in docs/ops.md. */
final class OpsTable {
    static final String REGENERATE = "mvn -q -pl core test -Dtest=OpsTableTest -Djgan.regenerateDocs=true";

    private OpsTable() {
    }

    static String markdown(List<OpInfo> infos) {
        StringBuilder md = new StringBuilder();
        md.append("# Differentiable ops and how each is checked\n\n");
        md.append("Generated from the gradient-check registry in `core/src/test/java/dev/jgan/core/ops/`"
                + " (`OpInfos` and the `*OpInfos` families) by `OpsTableTest`; do not edit by hand. After"
                + " changing the registry, regenerate it with\n\n");
        md.append("    ").append(REGENERATE).append("\n\n");
        md.append("- **forward test**: hand-computed values checked by `OpForwardTest`.\n");
        md.append("- **gradcheck variants**: the samples `OpGradCheckTest` runs `GradCheck.gradcheck` on: the whole"
                + " Jacobian against central differences in float64 (eps 1e-6, atol 1e-5, rtol 1e-3 unless the"
                + " entry says otherwise), inputs seeded, views built inside the checked function.\n");
        md.append("- **gradgradcheck**: `GradCheck.gradgradcheck` of f(x) * w on the same samples, w a random"
                + " variable, so second derivatives are checked both in x and in the incoming gradient.\n");
        md.append("- **graph node(s)**: the `dev.jgan.core.autograd.Op` values the op records; `OpCoverageTest`"
                + " fails if any `Op` is recorded by no passing check.\n\n");
        md.append("| op | graph node(s) | forward test | gradcheck variants | gradgradcheck |\n");
        md.append("|---|---|---|---|---|\n");
        for (OpInfo info : infos) {
            md.append("| ").append(info.name())
                    .append(" | ").append(info.nodes().stream().map(op -> "`" + op.displayName() + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(info.examples().stream().map(ForwardExample::description)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ").append(info.samples().stream().map(OpSample::name).collect(Collectors.joining("<br>")))
                    .append(" | ").append(info.checksSecondOrder()
                            ? "all " + info.samples().size() + " variants"
                            : "exempt: " + info.gradGradExemption())
                    .append(" |\n");
        }
        md.append("\n").append(infos.stream().mapToInt(i -> i.samples().size()).sum()).append(" samples over ")
                .append(infos.size()).append(" ops; `OpCoverageTest` requires a passing check for each of the ")
                .append(Op.values().length).append(" node kinds.\n");
        md.append("\n## Where a gradient is a convention\n\n");
        md.append("Where a function has no derivative, or an infinite one, the value returned is a choice. Ours,"
                + " beside PyTorch 1.13's:\n\n");
        md.append("- **maxPool2d, ties**: the gradient of a window whose maximum is held by several elements is"
                + " shared evenly among them (a window [1, 1] sends 0.5 to each). PyTorch gives all of it to the"
                + " first maximum in row-major order (1 and 0). Both are valid subgradients and their sums agree;"
                + " compare sums per window, not elements, with PyTorch where inputs tie (chapter 8, section 8).\n");
        md.append("- **max, min, maximum, minimum, ties**: shared evenly, as PyTorch's amax, amin, maximum and"
                + " minimum do.\n");
        md.append("- **pow(a, b) at a = ±0**: d/db = g * (a^b * log a), except that it is 0 where b >= 0 (PyTorch's"
                + " rule). With b < 0 it is infinite: -inf at +0, and at -0 +inf where a^b = -inf (odd negative"
                + " integer b), -inf otherwise; NaN where the incoming gradient is 0. d/da is 0 where b = 0.\n");
        md.append("- **var with no more elements than the correction** (one element, correction 1): the value is"
                + " NaN as in PyTorch; the gradient is NaN, where PyTorch gives inf.\n");
        md.append("- **A 0-d tensor and dims**: as in PyTorch it has one wrappable dim, so dim 0 and -1 name it in"
                + " sum, mean, max, min, var, softmax, logSoftmax, transpose and squeeze; size(0) and narrow refuse"
                + " it.\n");
        return md.toString();
    }
}
