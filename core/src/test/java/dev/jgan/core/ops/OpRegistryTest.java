package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Keeps the registry honest: what docs/ops.md says about each entry must be true of its samples. */
class OpRegistryTest {

    @Test
    void everySampleRecordsTheNodesItsEntryDeclares() {
        for (OpInfo info : OpInfos.all()) {
            for (OpSample sample : info.samples()) {
                Tensor out = sample.fn().apply(Arrays.asList(sample.inputs(info.name())));
                Set<Op> recorded = GraphOps.of(out);
                if (!recorded.containsAll(info.nodes())) {
                    Set<Op> absent = EnumSet.copyOf(info.nodes());
                    absent.removeAll(recorded);
                    fail(info.name() + " [" + sample.name() + "] declares nodes " + info.nodes()
                            + " but its graph lacks " + absent + " (it records " + recorded + ")");
                }
            }
        }
    }

    @Test
    void everyEntryHasSeveralSamplesAndAHandComputedExample() {
        for (OpInfo info : OpInfos.all()) {
            assertTrue(info.samples().size() >= 3, info.name() + " has " + info.samples().size()
                    + " samples; give it at least plain, broadcast or 0-dim, and non-contiguous ones");
            assertTrue(!info.examples().isEmpty(), info.name() + " has no hand-computed forward example");
            assertTrue(!info.nodes().isEmpty(), info.name() + " declares no graph node");
        }
    }

    @Test
    void namesAreUnique() {
        Set<String> ops = new HashSet<>();
        for (OpInfo info : OpInfos.all()) {
            assertTrue(ops.add(info.name()), "two entries are named " + info.name());
            List<String> names = info.samples().stream().map(OpSample::name).toList();
            assertTrue(new HashSet<>(names).size() == names.size(), info.name() + " repeats a sample name: " + names);
        }
    }
}
