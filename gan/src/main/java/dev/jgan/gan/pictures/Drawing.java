package dev.jgan.gan.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A white canvas for the tutorials' diagrams (an autograd graph, Algorithm 1, im2col): labelled
 * boxes and ellipses, arrows and text, drawn with Java2D and written as PNG. Headless, so it
 * runs in CI without a display or Graphviz.
 */
public final class Drawing {
    /** The outline and text colour. */
    public static final Color INK = new Color(0x20, 0x20, 0x20);
    private static final float LINE_WIDTH = 1.5f;
    private static final double ARROW_HEAD = 9;

    private final BufferedImage image;
    private final Graphics2D g;

    private Drawing(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Drawing: the canvas must be at least 1x1 pixels, got " + width + "x"
                    + height);
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setStroke(new BasicStroke(LINE_WIDTH));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    }

    public static Drawing blank(int width, int height) {
        return new Drawing(width, height);
    }

    /** The width in pixels of {@code text} in the current font: what a caller sizes boxes with. */
    public int textWidth(String text) {
        return g.getFontMetrics().stringWidth(text);
    }

    /** The font for what is drawn next; {@code bold} for titles. */
    public Drawing font(int size, boolean bold) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
        return this;
    }

    /** A filled rectangle with an outline and its lines of text centred inside. */
    public Drawing box(double x, double y, double w, double h, Color fill, String... lines) {
        return shape(new Rectangle2D.Double(x, y, w, h), fill, lines);
    }

    /** A box with rounded corners: a step of an algorithm rather than a value. */
    public Drawing roundBox(double x, double y, double w, double h, Color fill, String... lines) {
        return shape(new RoundRectangle2D.Double(x, y, w, h, 14, 14), fill, lines);
    }

    /** An ellipse inscribed in the rectangle, for leaves of a graph (as Graphviz draws them). */
    public Drawing ellipse(double x, double y, double w, double h, Color fill, String... lines) {
        return shape(new Ellipse2D.Double(x, y, w, h), fill, lines);
    }

    /** A filled rectangle without outline or text: a cell of a colour-coded matrix. */
    public Drawing fill(double x, double y, double w, double h, Color fill) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, w, h));
        return this;
    }

    /** An outline only, in {@code color} and {@code width} pixels wide, to mark a region. */
    public Drawing outline(double x, double y, double w, double h, Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        g.setStroke(new BasicStroke(LINE_WIDTH));
        return this;
    }

    /** A line from (x1, y1) to (x2, y2) with an arrow head at the end. */
    public Drawing arrow(double x1, double y1, double x2, double y2) {
        g.setColor(INK);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
        double angle = Math.atan2(y2 - y1, x2 - x1);
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - ARROW_HEAD * Math.cos(angle - 0.4), y2 - ARROW_HEAD * Math.sin(angle - 0.4));
        head.lineTo(x2 - ARROW_HEAD * Math.cos(angle + 0.4), y2 - ARROW_HEAD * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
        return this;
    }

    /** A line through the points, with an arrow head at the last one: an arrow that goes around something. */
    public Drawing polyArrow(double... xy) {
        if (xy.length < 4 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("Drawing.polyArrow: needs x, y pairs of at least two points, got "
                    + xy.length + " numbers");
        }
        g.setColor(INK);
        for (int i = 0; i + 5 < xy.length; i += 2) {
            g.draw(new Line2D.Double(xy[i], xy[i + 1], xy[i + 2], xy[i + 3]));
        }
        int n = xy.length;
        return arrow(xy[n - 4], xy[n - 3], xy[n - 2], xy[n - 1]);
    }

    /** Text whose baseline starts at (x, y). */
    public Drawing text(double x, double y, String text) {
        return text(x, y, text, INK);
    }

    public Drawing text(double x, double y, String text, Color color) {
        g.setColor(color);
        g.drawString(text, (float) x, (float) y);
        return this;
    }

    /** Text centred horizontally on x, with its baseline at y. */
    public Drawing centredText(double x, double y, String text) {
        g.setColor(INK);
        g.drawString(text, (float) (x - textWidth(text) / 2.0), (float) y);
        return this;
    }

    /** Another picture (an image grid, say) with its top-left corner at (x, y). */
    public Drawing image(BufferedImage picture, int x, int y) {
        g.drawImage(picture, x, y, null);
        return this;
    }

    public BufferedImage image() {
        return image;
    }

    public void writePng(Path file) throws IOException {
        Png.write(image, file);
    }

    private Drawing shape(java.awt.Shape shape, Color fill, String... lines) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(INK);
        g.draw(shape);
        Rectangle2D r = shape.getBounds2D();
        FontMetrics fm = g.getFontMetrics();
        double lineHeight = fm.getHeight();
        double top = r.getCenterY() - lines.length * lineHeight / 2 + fm.getAscent();
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], (float) (r.getCenterX() - fm.stringWidth(lines[i]) / 2.0),
                    (float) (top + i * lineHeight));
        }
        return this;
    }

    /** The height of one line of text in the current font. */
    public int lineHeight() {
        return g.getFontMetrics().getHeight();
    }
}
