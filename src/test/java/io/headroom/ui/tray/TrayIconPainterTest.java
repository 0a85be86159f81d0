package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The icon drawn headless at tray sizes; the PNGs (scaled up, nearest neighbour) are for a reviewer. */
class TrayIconPainterTest {

    static final int ZOOM = 8;

    @ParameterizedTest
    @CsvSource({"16,7,OK", "16,62,OK", "16,97,HIGH", "22,7,OK", "22,62,OK", "22,97,HIGH", "32,7,OK", "32,62,OK",
        "32,97,HIGH", "16,75,WARN", "22,100,HIGH"})
    void theNumberFitsInsideTheRingAndTheRingShowsTheShare(int size, int percent, TrayState.Level level) throws Exception {
        TrayState state = new TrayState(percent >= 100 ? "!" : String.valueOf(percent), TrayState.level((double) percent),
                percent / 100.0, "", "");
        assertThat(state.level()).isEqualTo(level);
        BufferedImage img = TrayIconPainter.paint(state, size);
        assertThat(img.getWidth()).isEqualTo(size);

        TrayIconPainter.Layout layout = TrayIconPainter.layout(state.iconText(), size);
        Rectangle text = layout.textBounds();
        assertThat(layout.inner().contains(text)).as("text %s inside %s", text, layout.inner()).isTrue();
        assertThat(text.height).as("digits at least 40%% of the icon tall").isGreaterThanOrEqualTo(size * 4 / 10);
        assertThat(whitePixels(img, text)).as("the number is drawn").isGreaterThan(text.width * text.height / 5);

        // The ring is filled clockwise from twelve o'clock: just right of the top always, the bottom only past half.
        assertThat(isArc(img, size / 2 + 1, 1, level)).as("ring at twelve o'clock").isTrue();
        assertThat(isArc(img, size / 2, size - 2, level)).as("ring at six o'clock").isEqualTo(percent > 50);
        assertThat(isArc(img, 1, size / 2, level)).as("ring at nine o'clock").isEqualTo(percent >= 75);
        assertThat(new Color(img.getRGB(0, 0), true).getAlpha()).as("corners stay transparent").isZero();

        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(zoom(img), "png", dir.resolve("tray-icon-" + size + "px-" + percent + ".png").toFile());
    }

    /** Closer to the ring's bright colour than to the dark disc. */
    private static boolean isArc(BufferedImage img, int x, int y, TrayState.Level level) {
        Color c = new Color(img.getRGB(x, y), true);
        Color arc = TrayIconPainter.arc(level);
        Color fill = TrayIconPainter.fill(level);
        return c.getAlpha() > 100 && distance(c, arc) < distance(c, fill);
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }

    private static int whitePixels(BufferedImage img, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                Color c = new Color(img.getRGB(x, y), true);
                if (c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() > 200) {
                    n++;
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @CsvSource({"24,22,1,0,22", "22,24,0,1,22", "26,22,2,0,22", "24,24,0,0,24", "25,22,1,0,22"})
    void inASlotThatIsNotSquareTheDiscIsAsLargeAsFitsAndCentred(int w, int h, int x, int y, int side) {
        TrayState state = new TrayState("62", TrayState.Level.OK, 0.62, "", "");
        BufferedImage img = TrayIconPainter.paint(state, w, h);
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        assertThat(drawnBox(img)).isEqualTo(new Rectangle(x, y, side, side));
    }

    @org.junit.jupiter.api.Test
    void aTrayThatReportsNoUsableSizeGetsTheX11Default() {
        assertThat(SystemTrayIcon.slot(null)).isEqualTo(new java.awt.Dimension(24, 24));
        assertThat(SystemTrayIcon.slot(new java.awt.Dimension(0, 0))).isEqualTo(new java.awt.Dimension(24, 24));
        assertThat(SystemTrayIcon.slot(new java.awt.Dimension(32, 30))).isEqualTo(new java.awt.Dimension(32, 30));
    }

    /** The box of pixels that are not fully transparent. */
    static Rectangle drawnBox(BufferedImage img) {
        Rectangle box = null;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) != 0) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box;
    }

    /** Nearest neighbour, on a checkerboard so transparency shows. */
    static BufferedImage zoom(BufferedImage img) {
        int w = img.getWidth() * ZOOM;
        BufferedImage out = new BufferedImage(w, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                int bg = ((x / 16 + y / 16) % 2 == 0) ? 0xdddddd : 0xffffff;
                int argb = img.getRGB(x / ZOOM, y / ZOOM);
                int a = argb >>> 24;
                int r = ((argb >> 16 & 255) * a + (bg >> 16 & 255) * (255 - a)) / 255;
                int g = ((argb >> 8 & 255) * a + (bg >> 8 & 255) * (255 - a)) / 255;
                int b = ((argb & 255) * a + (bg & 255) * (255 - a)) / 255;
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }
}
