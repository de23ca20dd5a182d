package dev.jgan.gan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricTableTest {
    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void flatNamesToNumbersAreOneValueColumn() throws Exception {
        MetricTable t = MetricTable.of(json("{\"fid\": 12.345678, \"samples\": 500}"));
        assertEquals(List.of("value"), t.columns());
        assertEquals(List.of(new MetricTable.Row("fid", List.of("12.35")), new MetricTable.Row("samples", List.of("500"))),
                t.rows());
        assertEquals(Map.of(), t.notes());
    }

    @Test
    void perMetricObjectsPutTheirKeysInColumnsAndLeaveAbsentCellsEmpty() throws Exception {
        MetricTable t = MetricTable.of(json("""
                {"data": "digits", "fid": {"value": 3.0, "floor": 1.0, "ceiling": 90.5}, "recall": {"value": 0.25}}"""));
        assertEquals(List.of("value", "floor", "ceiling"), t.columns());
        assertEquals(List.of(new MetricTable.Row("fid", List.of("3.000", "1.000", "90.50")),
                new MetricTable.Row("recall", List.of("0.2500", "", ""))), t.rows());
        assertEquals(Map.of("data", "digits"), t.notes());
    }

    @Test
    void perCandidateSetObjectsAsGanEvalWritesThemBecomeColumns() throws Exception {
        MetricTable t = MetricTable.of(json("""
                {"data": "digits", "samples": 500, "floorSource": "test",
                 "floor": {"frechetDistance": 1.5, "parzenSigmaAtGridEdge": false},
                 "ceiling": {"frechetDistance": 80.0, "parzenSigmaAtGridEdge": true},
                 "model": {"frechetDistance": 9.25, "parzenSigmaAtGridEdge": false}}"""));
        assertEquals(List.of("floor", "ceiling", "model"), t.columns());
        assertEquals(List.of(new MetricTable.Row("frechetDistance", List.of("1.500", "80.00", "9.250")),
                new MetricTable.Row("parzenSigmaAtGridEdge", List.of("false", "true", "false"))), t.rows());
        assertEquals(List.of("data", "samples", "floorSource"), List.copyOf(t.notes().keySet()));
        assertEquals("test", t.notes().get("floorSource"), "the report says where the floor's images come from");
    }

    /** gan eval's class histogram and class agreement sit beside the candidate sets: notes, not columns. */
    @Test
    void objectsThatAreNotCandidateSetsBecomeNotes() throws Exception {
        MetricTable t = MetricTable.of(json("""
                {"data": "digits",
                 "floor": {"frechetDistance": 1.5, "precision": 0.8},
                 "model": {"frechetDistance": 9.25, "precision": 0.7},
                 "classes": {"classifier": "cnn", "counts": [3, 4]},
                 "askedClasses": {"classifier": "cnn", "confusion": [[3, 0], [1, 3]]}}"""));
        assertEquals(List.of("floor", "model"), t.columns());
        assertEquals(List.of("frechetDistance", "precision"), t.rows().stream().map(MetricTable.Row::name).toList());
        assertEquals(List.of("data", "classes", "askedClasses"), List.copyOf(t.notes().keySet()));
        assertEquals("{\"classifier\":\"cnn\",\"confusion\":[[3,0],[1,3]]}", t.notes().get("askedClasses"));
    }

    @Test
    void deeperNestingIsShownAsJsonNotDropped() throws Exception {
        MetricTable t = MetricTable.of(json("{\"model\": {\"histogram\": [1, 2, 3], \"inner\": {\"a\": 1}}}"));
        assertEquals(List.of(new MetricTable.Row("histogram", List.of("[1,2,3]")),
                new MetricTable.Row("inner", List.of("{\"a\":1}"))), t.rows());
    }

    @Test
    void aRootThatIsNotAnObjectIsRefusedByKind() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricTable.of(json("[1, 2]")));
        assertTrue(e.getMessage().contains("an array"), e.getMessage());
    }
}
