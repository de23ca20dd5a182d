package dev.jgan.gan.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A metrics JSON object as a table for the run report. It reads the shapes evaluation tools
 * write, without knowing their metric names:
 * <ul>
 *   <li>flat, {@code {name: number}}: one row per name, one column "value";</li>
 *   <li>per metric, {@code {name: {value, floor, ceiling}}}: one row per name, the inner keys
 *       as columns (recognised by an inner key "value");</li>
 *   <li>per candidate set, {@code {floor: {name: number}, model: {...}, ceiling: {...}}}: one
 *       row per inner name, one column per set (what {@code gan eval} writes). An object that
 *       shares no name with the largest of them is not a candidate set (gan eval's class
 *       histogram and class agreement beside the sets) and becomes a note.</li>
 * </ul>
 * Top-level scalars beside objects (the data set's name, the sample count) become {@code notes}.
 * Anything nested deeper is shown as its JSON text rather than dropped.
 *
 * @param notes   top-level scalars, when the table itself comes from nested objects
 * @param columns the column headings after the name column
 * @param rows    one per metric, each with one cell per column ("" where a value is absent)
 */
record MetricTable(Map<String, String> notes, List<String> columns, List<Row> rows) {

    record Row(String name, List<String> cells) {
    }

    /** @throws IllegalArgumentException when {@code root} is not a JSON object */
    static MetricTable of(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of metrics, found " + kind(root));
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                objects.put(e.getKey(), e.getValue());
            } else {
                scalars.put(e.getKey(), cell(e.getValue()));
            }
        });
        if (objects.isEmpty()) {
            List<Row> rows = new ArrayList<>();
            scalars.forEach((name, value) -> rows.add(new Row(name, List.of(value))));
            return new MetricTable(Map.of(), List.of("value"), rows);
        }
        Set<String> innerKeys = new LinkedHashSet<>();
        objects.values().forEach(o -> o.fieldNames().forEachRemaining(innerKeys::add));
        List<Row> rows = new ArrayList<>();
        if (innerKeys.contains("value")) {
            objects.forEach((name, o) -> rows.add(new Row(name, innerKeys.stream().map(k -> cellOrEmpty(o.get(k))).toList())));
            return new MetricTable(scalars, List.copyOf(innerKeys), rows);
        }
        Map<String, JsonNode> sets = candidateSets(objects);
        objects.forEach((name, o) -> {
            if (!sets.containsKey(name)) {
                scalars.put(name, cell(o));
            }
        });
        Set<String> setKeys = new LinkedHashSet<>();
        sets.values().forEach(o -> o.fieldNames().forEachRemaining(setKeys::add));
        for (String name : setKeys) {
            rows.add(new Row(name, sets.values().stream().map(o -> cellOrEmpty(o.get(name))).toList()));
        }
        return new MetricTable(scalars, List.copyOf(sets.keySet()), rows);
    }

    /** The objects that share a name with the one of most names (itself included), in order. */
    private static Map<String, JsonNode> candidateSets(Map<String, JsonNode> objects) {
        JsonNode largest = objects.values().stream().max(Comparator.comparingInt(JsonNode::size)).orElseThrow();
        Set<String> names = new LinkedHashSet<>();
        largest.fieldNames().forEachRemaining(names::add);
        Map<String, JsonNode> sets = new LinkedHashMap<>();
        objects.forEach((name, o) -> {
            boolean shares = false;
            for (Iterator<String> it = o.fieldNames(); it.hasNext() && !shares; ) {
                shares = names.contains(it.next());
            }
            if (shares) {
                sets.put(name, o);
            }
        });
        return sets;
    }

    private static String cellOrEmpty(JsonNode node) {
        return node == null ? "" : cell(node);
    }

    /** Integers as written, other numbers to four significant digits, everything else as text. */
    static String cell(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return String.format(Locale.ROOT, "%.4g", node.doubleValue());
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : "a single " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
