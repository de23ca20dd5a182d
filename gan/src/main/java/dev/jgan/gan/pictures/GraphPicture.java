package dev.jgan.gan.pictures;

import dev.jgan.core.autograd.RecordedGraph;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws an autograd graph ({@link RecordedGraph}) without Graphviz, in the layered style of
 * {@code dot -Grankdir=LR}: the output on the right, each vertex one column left of the
 * furthest-left vertex it feeds, so every edge points right. Ops are boxes, leaves ellipses
 * (orange when they want a gradient, grey when they are constants).
 */
public final class GraphPicture {
    static final Color OP = new Color(0xCF, 0xE2, 0xF3);
    static final Color PARAMETER = new Color(0xFC, 0xE5, 0xCD);
    static final Color CONSTANT = new Color(0xE6, 0xE6, 0xE6);
    private static final int MARGIN = 20;
    private static final int COLUMN_GAP = 50;
    private static final int ROW_GAP = 22;
    private static final int TEXT_PADDING = 26;
    private static final int LEGEND = 30;

    /** Where vertex {@code vertex} is drawn: its column (0 = the output) and its bounding box. */
    public record Placement(int vertex, int column, double x, double y, double width, double height) {
        double centreX() {
            return x + width / 2;
        }

        double centreY() {
            return y + height / 2;
        }
    }

    /** Every vertex's place, in vertex order, and the canvas they fit on. */
    public record Layout(List<Placement> placements, int width, int height) {
        /** How many columns the vertices take: the longest path from a leaf to the output, plus one. */
        public int columns() {
            return placements.stream().mapToInt(Placement::column).max().orElse(-1) + 1;
        }
    }

    private GraphPicture() {
    }

    public static Layout layout(RecordedGraph graph) {
        int n = graph.vertices().size();
        int[] column = columns(graph);
        int columns = 0;
        for (int c : column) {
            columns = Math.max(columns, c + 1);
        }
        // Box sizes from the longest label, measured in the font the picture is drawn in.
        Drawing probe = Drawing.blank(1, 1);
        int boxWidth = 0;
        int lines = 1;
        for (RecordedGraph.Vertex v : graph.vertices()) {
            for (String line : v.label()) {
                boxWidth = Math.max(boxWidth, probe.textWidth(line));
            }
            lines = Math.max(lines, v.label().size());
        }
        boxWidth += TEXT_PADDING;
        int boxHeight = lines * probe.lineHeight() + 14;

        // Rows: the output alone, then each column ordered by the mean height of what its vertices feed,
        // which keeps edges short and mostly uncrossed (the barycentre heuristic).
        double[] rowCentre = new double[n];
        List<List<Integer>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            byColumn.get(column[v]).add(v);
        }
        double[] barycentre = new double[n];
        int tallest = 0;
        for (int c = 0; c < columns; c++) {
            List<Integer> col = byColumn.get(c);
            for (int v : col) {
                double sum = 0;
                int count = 0;
                for (RecordedGraph.Edge e : graph.edges()) {
                    if (e.from() == v) {
                        sum += rowCentre[e.to()];
                        count++;
                    }
                }
                barycentre[v] = count == 0 ? 0 : sum / count;
            }
            col.sort(Comparator.<Integer>comparingDouble(v -> barycentre[v]).thenComparingInt(v -> v));
            for (int i = 0; i < col.size(); i++) {
                rowCentre[col.get(i)] = i - (col.size() - 1) / 2.0;
            }
            tallest = Math.max(tallest, col.size());
        }
        int height = 2 * MARGIN + tallest * boxHeight + (tallest - 1) * ROW_GAP + LEGEND;
        int width = Math.max(2 * MARGIN + columns * boxWidth + (columns - 1) * COLUMN_GAP, 560);
        double middle = MARGIN + (tallest * boxHeight + (tallest - 1) * ROW_GAP) / 2.0;
        List<Placement> placements = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            double x = MARGIN + (columns - 1 - column[v]) * (boxWidth + COLUMN_GAP);
            double y = middle + rowCentre[v] * (boxHeight + ROW_GAP) - boxHeight / 2.0;
            placements.add(new Placement(v, column[v], x, y, boxWidth, boxHeight));
        }
        return new Layout(placements, width, height);
    }

    public static BufferedImage render(RecordedGraph graph) {
        Layout layout = layout(graph);
        Drawing d = Drawing.blank(layout.width(), layout.height());
        for (RecordedGraph.Edge e : graph.edges()) {
            Placement from = layout.placements().get(e.from());
            Placement to = layout.placements().get(e.to());
            d.arrow(from.x() + from.width(), from.centreY(), to.x(), to.centreY());
        }
        for (Placement p : layout.placements()) {
            RecordedGraph.Vertex v = graph.vertices().get(p.vertex());
            String[] label = v.label().toArray(new String[0]);
            if (v.isOp()) {
                d.box(p.x(), p.y(), p.width(), p.height(), OP, label);
            } else {
                d.ellipse(p.x(), p.y(), p.width(), p.height(), fill(v), label);
            }
        }
        d.text(MARGIN, layout.height() - MARGIN / 2.0 - 4,
                "box: an op and its output shape;  orange: a leaf that wants a gradient;  grey: a constant");
        return d.image();
    }

    public static void writePng(RecordedGraph graph, Path file) throws IOException {
        Png.write(render(graph), file);
    }

    static Color fill(RecordedGraph.Vertex v) {
        if (v.isOp()) {
            return OP;
        }
        return v.label().contains("requires_grad") ? PARAMETER : CONSTANT;
    }

    /** Each vertex's column: the longest path from it to the output, so that every edge points right. */
    static int[] columns(RecordedGraph graph) {
        int[] column = new int[graph.vertices().size()];
        // At most one pass per vertex: a longest path in a DAG has fewer edges than the DAG has vertices.
        for (int pass = 0; pass < column.length; pass++) {
            boolean changed = false;
            for (RecordedGraph.Edge e : graph.edges()) {
                if (column[e.from()] < column[e.to()] + 1) {
                    column[e.from()] = column[e.to()] + 1;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return column;
    }
}
