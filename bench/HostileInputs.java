import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hostile input of bench/hostile.sh: a 138-byte little-endian TIFF that declares an 8-bit RGB
 * image of W x H pixels (one uncompressed strip of W*H*3 bytes) and holds 16 bytes of them, as
 * issue 17 describes. Run with {@code java bench/HostileInputs.java FILE 12000 12000}.
 */
public final class HostileInputs {
    private HostileInputs() {
    }

    public static void main(String[] args) throws Exception {
        long w = Long.parseLong(args[1]);
        long h = Long.parseLong(args[2]);
        int entries = 9;
        int pixels = 8 + 2 + 12 * entries + 4;
        ByteBuffer b = ByteBuffer.allocate(pixels + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
        entry(b, 256, 4, w);          // width
        entry(b, 257, 4, h);          // height
        entry(b, 258, 3, 8);          // bits per sample
        entry(b, 259, 3, 1);          // no compression
        entry(b, 262, 3, 2);          // RGB
        entry(b, 273, 4, pixels);     // strip offset
        entry(b, 277, 3, 3);          // samples per pixel
        entry(b, 278, 4, h);          // rows per strip
        entry(b, 279, 4, w * h * 3);  // strip byte count: far past the end of the file
        b.putInt(0);
        Files.write(Path.of(args[0]), b.array());
    }

    private static void entry(ByteBuffer b, int tag, int type, long value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }
}
