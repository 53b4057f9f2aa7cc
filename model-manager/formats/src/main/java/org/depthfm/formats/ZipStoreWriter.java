package org.depthfm.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of uncompressed ("stored") entries the way {@code torch.save} does: each
 * entry's data starts on a 64-byte boundary (padded with an extra field, as PyTorch's miniz
 * writer does) so readers can map it in place, with CRC-32s, and with zip64 records for entries
 * and directories beyond 4 GiB. The counterpart of {@link ZipDirectory}.
 */
final class ZipStoreWriter {
    private static final long LIMIT = 0xffffffffL;
    private static final int ALIGN = 64;
    /** PyTorch's padding extra-field id ("FB"), which readers skip. */
    private static final short PAD_ID = 0x4246;
    private static final short ZIP64_ID = 0x0001;
    /** 1980-01-01, the earliest DOS date: a fixed stamp keeps the files reproducible. */
    private static final short DOS_DATE = (1 << 5) | 1;

    private record Written(byte[] name, long crc, long size, long offset) {
    }

    private final FileChannel out;
    private final boolean forceZip64;
    private final List<Written> entries = new ArrayList<>();
    private long position;

    /**
     * @param out the channel, at position 0
     * @param forceZip64 write zip64 records even where sizes and offsets fit 32 bits (for tests of
     *     the zip64 path without writing 4 GiB)
     */
    ZipStoreWriter(FileChannel out, boolean forceZip64) {
        this.out = out;
        this.forceZip64 = forceZip64;
    }

    /**
     * Appends one entry.
     *
     * @param name the entry's path in the archive
     * @param data its bytes, from position to limit (consumed)
     */
    void add(String name, ByteBuffer data) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        long size = data.remaining();
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        boolean zip64 = forceZip64 || size >= LIMIT;
        int fixed = 30 + n.length + (zip64 ? 20 : 0) + 4;
        int pad = (int) ((ALIGN - (position + fixed) % ALIGN) % ALIGN);
        ByteBuffer h = le(fixed + pad);
        h.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort(DOS_DATE).putInt((int) crc.getValue())
                .putInt((int) (zip64 ? LIMIT : size)).putInt((int) (zip64 ? LIMIT : size))
                .putShort((short) n.length).putShort((short) (fixed - 30 - n.length + pad)).put(n);
        if (zip64) {
            h.putShort(ZIP64_ID).putShort((short) 16).putLong(size).putLong(size);
        }
        h.putShort(PAD_ID).putShort((short) pad);
        while (h.hasRemaining()) {
            h.put((byte) 'Z');
        }
        entries.add(new Written(n, crc.getValue(), size, position));
        FileChannels.writeFully(out, h.flip());
        FileChannels.writeFully(out, data);
        position += fixed + pad + size;
    }

    /** Writes the central directory and the end records. */
    void finish() throws IOException {
        long cdStart = position;
        for (Written e : entries) {
            boolean bigSize = forceZip64 || e.size() >= LIMIT;
            boolean bigOffset = forceZip64 || e.offset() >= LIMIT;
            int extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
            ByteBuffer c = le(46 + e.name().length + (extra > 0 ? 4 + extra : 0));
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) (extra > 0 ? 45 : 20)).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort(DOS_DATE).putInt((int) e.crc())
                    .putInt((int) (bigSize ? LIMIT : e.size())).putInt((int) (bigSize ? LIMIT : e.size()))
                    .putShort((short) e.name().length).putShort((short) (extra > 0 ? 4 + extra : 0))
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) (bigOffset ? LIMIT : e.offset())).put(e.name());
            if (extra > 0) {
                // zip64 extra: the fields whose 32-bit slots hold 0xffffffff, in this order
                c.putShort(ZIP64_ID).putShort((short) extra);
                if (bigSize) {
                    c.putLong(e.size()).putLong(e.size());
                }
                if (bigOffset) {
                    c.putLong(e.offset());
                }
            }
            FileChannels.writeFully(out, c.flip());
            position += c.limit();
        }
        long cdSize = position - cdStart;
        long count = entries.size();
        boolean zip64 = forceZip64 || cdStart >= LIMIT || cdSize >= LIMIT || count >= 0xffff;
        if (zip64) {
            long recordStart = position;
            ByteBuffer z = le(56 + 20);
            z.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(count).putLong(count).putLong(cdSize).putLong(cdStart);
            z.putInt(0x07064b50).putInt(0).putLong(recordStart).putInt(1);
            FileChannels.writeFully(out, z.flip());
            position += z.limit();
        }
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) (zip64 ? 0xffff : count)).putShort((short) (zip64 ? 0xffff : count))
                .putInt((int) (zip64 ? LIMIT : cdSize)).putInt((int) (zip64 ? LIMIT : cdStart)).putShort((short) 0);
        FileChannels.writeFully(out, end.flip());
        position += 22;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
