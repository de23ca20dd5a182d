package dev.jgan.core.ops;

import dev.jgan.core.autograd.Op;
import dev.jgan.core.ops.CheckLedger.Order;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every node kind the engine can record must have been differentiated by a passing check: a
 * new {@link Op} without a registry entry (or with failing samples) fails here by name.
 */
class OpCoverageTest {

    @Test
    void everyOpIsExercisedByAPassingGradcheck() {
        Set<Op> missing = EnumSet.allOf(Op.class);
        missing.removeAll(CheckLedger.exercised(Order.GRADCHECK));
        assertEquals(Set.of(), missing, "no passing gradcheck differentiated a graph containing these ops;"
                + " add an entry or sample to OpInfos whose graph records them");
    }

    @Test
    void everyOpIsExercisedByAPassingGradgradcheckUnlessExempt() {
        Set<Op> missing = EnumSet.allOf(Op.class);
        missing.removeAll(CheckLedger.exercised(Order.GRADGRADCHECK));
        Map<Op, String> exempt = new TreeMap<>();
        for (OpInfo info : OpInfos.all()) {
            if (!info.checksSecondOrder()) {
                info.nodes().forEach(op -> exempt.put(op, info.gradGradExemption()));
            }
        }
        missing.removeAll(exempt.keySet());
        assertEquals(Set.of(), missing, "no passing gradgradcheck differentiated a graph containing these ops,"
                + " and no entry exempts them with a reason (OpInfo.Builder.noGradGrad); exempt so far: " + exempt);
    }
}
