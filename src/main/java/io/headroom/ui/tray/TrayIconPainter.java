package io.headroom.ui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Draws the tray icon with Java2D at the tray's own size: a dark disc in the level's colour, a
 * ring filled clockwise from twelve o'clock by the 5-hour percentage, and the percentage in
 * bold white, as large as fits inside the ring. Works headless (no display needed).
 */
public final class TrayIconPainter {

    /** How the text was placed, for tests: font size and the text's pixel bounds in the icon. */
    public record Layout(int fontSize, Rectangle textBounds, Rectangle inner) {
    }

    private TrayIconPainter() {
    }

    /**
     * The icon for a tray slot of {@code width} x {@code height}: the tray draws the image 1:1 from
     * its top-left corner, so a square smaller than the slot would sit off-centre. The disc is as
     * large as the shorter side and centred; the rest stays transparent.
     */
    public static BufferedImage paint(TrayState state, int width, int height) {
        int size = Math.max(1, Math.min(width, height));
        if (width == height) {
            return paint(state, size);
        }
        BufferedImage slot = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = slot.createGraphics();
        try {
            g.drawImage(paint(state, size), (width - size) / 2, (height - size) / 2, null);
        } finally {
            g.dispose();
        }
        return slot;
    }

    public static BufferedImage paint(TrayState state, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float ring = ring(size);
            g.setColor(fill(state.level()));
            g.fill(new Ellipse2D.Float(0, 0, size, size));
            float inset = ring / 2;
            float d = size - ring;
            g.setStroke(new BasicStroke(ring, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(0, 0, 0, 110)); // the unfilled part of the ring, darker than the disc
            g.draw(new Ellipse2D.Float(inset, inset, d, d));
            if (state.fraction() > 0) {
                g.setColor(arc(state.level()));
                g.draw(new Arc2D.Float(inset, inset, d, d, 90, (float) (-360 * state.fraction()), Arc2D.OPEN));
            }
            Layout layout = layout(g, state.iconText(), size);
            g.setFont(font(layout.fontSize()));
            Rectangle b = layout.textBounds();
            g.setColor(Color.WHITE);
            // textBounds are the glyphs' visual bounds; drawString wants the baseline origin
            java.awt.font.GlyphVector gv = g.getFont().createGlyphVector(g.getFontRenderContext(), state.iconText());
            Rectangle vb = gv.getPixelBounds(g.getFontRenderContext(), 0, 0);
            g.drawGlyphVector(gv, b.x - vb.x, b.y - vb.y);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Where the text goes at {@code size}, without drawing. */
    public static Layout layout(String text, int size) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return layout(g, text, size);
        } finally {
            g.dispose();
        }
    }

    /** The largest bold font whose glyphs fit the square inside the ring, centred on the icon's pixel grid. */
    private static Layout layout(Graphics2D g, String text, int size) {
        int r = (int) Math.ceil(ring(size));
        // the text may reach a little past the circle's inscribed square: digits are short and the disc is round
        int margin = Math.max(r, Math.round(size * 0.14f));
        Rectangle inner = new Rectangle(margin, margin, size - 2 * margin, size - 2 * margin);
        // sized for two digits whatever the text, so 7% and 62% read alike
        String widest = text.length() > 2 ? text : "88";
        for (int fs = size; fs >= 5; fs--) {
            Font f = font(fs);
            Rectangle fit = f.createGlyphVector(g.getFontRenderContext(), widest).getPixelBounds(g.getFontRenderContext(), 0, 0);
            Rectangle vb = f.createGlyphVector(g.getFontRenderContext(), text).getPixelBounds(g.getFontRenderContext(), 0, 0);
            if (fit.width <= inner.width && fit.height <= inner.height) {
                int x = (size - vb.width) / 2;
                int y = (size - vb.height) / 2;
                return new Layout(fs, new Rectangle(x, y, vb.width, vb.height), inner);
            }
        }
        return new Layout(5, new Rectangle(size / 2, size / 2, 0, 0), inner);
    }

    private static Font font(int size) {
        return new Font(Font.SANS_SERIF, Font.BOLD, size);
    }

    private static float ring(int size) {
        return Math.max(2f, size / 8f);
    }

    /** Dark enough under white text for 4.5:1 or better (the theme's -hr-*-text colours). */
    static Color fill(TrayState.Level level) {
        return switch (level) {
            case OK -> new Color(0x1b6e4e);
            case WARN -> new Color(0x8a4b0f);
            case HIGH -> new Color(0x9b1c1c);
            case NONE -> new Color(0x3e4c59);
        };
    }

    /** The ring's bright colour on the dark disc. */
    static Color arc(TrayState.Level level) {
        return switch (level) {
            case OK -> new Color(0x5fe3a9);
            case WARN -> new Color(0xffb866);
            case HIGH -> new Color(0xff8080);
            case NONE -> new Color(0xb8c2cc);
        };
    }
}
