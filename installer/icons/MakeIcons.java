import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws Headroom's icon (a gauge with headroom left) at every size the platforms ask for and
 * writes PNGs, a Windows .ico and a macOS .icns. Run from the repository root:
 * {@code java installer/icons/MakeIcons.java}. The outputs are committed; rerun after a change.
 */
public class MakeIcons {

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        g.setColor(new Color(0x1F2933));
        g.fill(new RoundRectangle2D.Double(0, 0, s, s, s * 0.22, s * 0.22));
        double pad = s * 0.17;
        double d = s - 2 * pad;
        float w = (float) Math.max(1.5, s * 0.12);
        g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x3E4C59));
        g.draw(new Arc2D.Double(pad, pad + s * 0.06, d, d, -30, 240, Arc2D.OPEN));
        g.setColor(new Color(0x3EBD93));
        g.draw(new Arc2D.Double(pad, pad + s * 0.06, d, d, 90, 120, Arc2D.OPEN));
        g.setColor(new Color(0xF7C948));
        g.draw(new Arc2D.Double(pad, pad + s * 0.06, d, d, 60, 30, Arc2D.OPEN));
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        Path pngs = Path.of("resources/icons");
        Path dist = Path.of("installer/icons");
        Files.createDirectories(pngs);
        Map<Integer, byte[]> bySize = new LinkedHashMap<>();
        for (int size : new int[] {16, 22, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            byte[] data = png(draw(size));
            bySize.put(size, data);
            if (size <= 512) {
                Files.write(pngs.resolve("headroom-" + size + ".png"), data);
            }
        }
        Files.write(dist.resolve("headroom.png"), bySize.get(256));
        writeIco(dist.resolve("headroom.ico"), bySize, new int[] {16, 24, 32, 48, 64, 128, 256});
        writeIcns(dist.resolve("headroom.icns"), bySize);
    }

    /** ICO with PNG-compressed entries (Vista and later). */
    static void writeIco(Path file, Map<Integer, byte[]> images, int[] sizes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] data = images.get(size);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            header.putInt(data.length).putInt(offset);
            offset += data.length;
        }
        out.write(header.array());
        for (int size : sizes) {
            out.write(images.get(size));
        }
        Files.write(file, out.toByteArray());
    }

    /** ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024). */
    static void writeIcns(Path file, Map<Integer, byte[]> images) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        for (Map.Entry<String, Integer> t : types.entrySet()) {
            byte[] data = images.get(t.getValue());
            b.writeBytes(t.getKey());
            b.writeInt(8 + data.length);
            b.write(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        Files.write(file, out.toByteArray());
    }
}
