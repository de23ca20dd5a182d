package dev.jgan.gan.pictures;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.RecordedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphPictureTest {

    /** mean((x * w + b - y)^2), the loss of chapter 2's line fit: 5 ops, 4 leaves. */
    private static RecordedGraph lineFit() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3}, 3);
        Tensor y = Tensor.fromArray(new double[]{2, 4, 6}, 3);
        Tensor w = Tensor.fromArray(new double[]{0.5}).requiresGrad(true);
        Tensor b = Tensor.fromArray(new double[]{0.1}).requiresGrad(true);
        return RecordedGraph.of(x.mul(w).add(b).sub(y).pow(2.0).mean());
    }

    @Test
    void columnsAreTheLongestPathToTheOutput() {
        RecordedGraph g = lineFit();
        assertEquals(9, g.vertices().size());
        // mean 0, pow 1, sub 2, add 3, y 3, mul 4, b 4, x 5, w 5: y feeds sub directly, b feeds add.
        assertArrayEquals(new int[]{0, 1, 2, 3, 3, 4, 4, 5, 5}, GraphPicture.columns(g));
    }

    @Test
    void everyEdgePointsRightAndNoTwoVerticesOverlap() {
        RecordedGraph g = lineFit();
        GraphPicture.Layout layout = GraphPicture.layout(g);
        List<GraphPicture.Placement> p = layout.placements();
        assertEquals(g.vertices().size(), p.size());
        for (RecordedGraph.Edge e : g.edges()) {
            assertTrue(p.get(e.from()).x() + p.get(e.from()).width() < p.get(e.to()).x(), e.toString());
        }
        for (int i = 0; i < p.size(); i++) {
            GraphPicture.Placement a = p.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= layout.width()
                    && a.y() + a.height() <= layout.height(), "vertex " + i + " is on the canvas: " + a);
            for (int j = i + 1; j < p.size(); j++) {
                GraphPicture.Placement b = p.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertTrue(apart, "vertices " + i + " and " + j + " overlap: " + a + ", " + b);
            }
        }
    }

    @Test
    void everyVertexIsDrawnInItsColourAndEveryEdgeAsALine() {
        RecordedGraph g = lineFit();
        BufferedImage img = GraphPicture.render(g);
        GraphPicture.Layout layout = GraphPicture.layout(g);
        assertEquals(layout.width(), img.getWidth());
        assertEquals(layout.height(), img.getHeight());
        for (GraphPicture.Placement p : layout.placements()) {
            RecordedGraph.Vertex v = g.vertices().get(p.vertex());
            // Just inside the top edge, above the text: the vertex's fill colour.
            int rgb = img.getRGB((int) p.centreX(), (int) p.y() + 4) & 0xFFFFFF;
            assertEquals(GraphPicture.fill(v).getRGB() & 0xFFFFFF, rgb, "fill of vertex " + p.vertex() + " " + v);
            // Its label is written in dark ink inside it.
            assertTrue(darkest(img, (int) p.x() + 8, (int) p.y() + 6, (int) p.width() - 16, (int) p.height() - 12) < 100,
                    "label of vertex " + p.vertex());
        }
        for (RecordedGraph.Edge e : g.edges()) {
            GraphPicture.Placement from = layout.placements().get(e.from());
            GraphPicture.Placement to = layout.placements().get(e.to());
            if (from.column() == to.column() + 1) {
                int mx = (int) ((from.x() + from.width() + to.x()) / 2);
                int my = (int) ((from.centreY() + to.centreY()) / 2);
                assertTrue(darkest(img, mx - 1, my - 1, 3, 3) < 160, "edge " + e + " is drawn at " + mx + "," + my);
            }
        }
    }

    @Test
    void aValueUsedTwiceIsOneVertexWithTwoEdges() {
        Tensor a = Tensor.fromArray(new double[]{2}, 1).requiresGrad(true);
        Tensor b = Tensor.fromArray(new double[]{3, 4}, 2).requiresGrad(true);
        RecordedGraph g = RecordedGraph.of(a.mul(b).add(a));
        assertEquals(4, g.vertices().size(), "add, mul, a, b: " + g);
        int vertexOfA = -1;
        for (int v = 0; v < g.vertices().size(); v++) {
            if (g.vertices().get(v).label().equals(List.of("[1]", "requires_grad"))) {
                vertexOfA = v;
            }
        }
        int from = vertexOfA;
        assertEquals(2, g.edges().stream().filter(e -> e.from() == from).count(), g.toString());
        assertEquals(4, g.edges().size());
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.png");
        GraphPicture.writePng(lineFit(), file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(GraphPicture.layout(lineFit()).width(), back.getWidth());
    }

    private static int darkest(BufferedImage img, int x0, int y0, int w, int h) {
        int min = 255;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                min = Math.min(min, img.getRGB(x, y) & 0xFF);
            }
        }
        return min;
    }
}
