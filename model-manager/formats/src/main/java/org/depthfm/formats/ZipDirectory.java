package org.depthfm.formats;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The central directory of a zip archive (with zip64), read directly so that the byte offset of
 * each stored entry is known and its data can be memory-mapped in place. {@code torch.save}
 * writes uncompressed ("stored") entries aligned to 64 bytes, which is what makes this possible.
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    /** One entry: where its data lies in the file. */
    record Entry(String name, int method, long compressedSize, long size, long dataOffset) {
    }

    private ZipDirectory() {
    }

    /** Reads every entry, checking that each lies within the file. */
    static Map<String, Entry> read(MappedFile file) {
        long size = file.size();
        int tail = (int) Math.min(size, 22 + 65535);
        ByteBuffer t = le(file.read(size - tail, tail));
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new CheckpointException(file.path() + " is not a complete zip archive (no end-of-directory record);"
                    + " it is truncated or not a torch.save checkpoint; download it again");
        }
        long count = t.getShort(eocd + 10) & 0xffff;
        long cdSize = t.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = t.getInt(eocd + 16) & 0xffffffffL;
        long eocdPos = size - tail + eocd;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            ByteBuffer loc = le(file.read(eocdPos - 20, 20));
            if (loc.getInt(0) != ZIP64_LOCATOR) {
                throw new CheckpointException(file.path() + " has a damaged zip64 directory; download it again");
            }
            ByteBuffer z = le(file.read(loc.getLong(8), 56));
            if (z.getInt(0) != ZIP64_EOCD) {
                throw new CheckpointException(file.path() + " has a damaged zip64 directory; download it again");
            }
            count = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (cdSize > Integer.MAX_VALUE || cdOffset + cdSize > size) {
            throw new CheckpointException(file.path() + " has a corrupt zip directory; download it again");
        }
        ByteBuffer cd = le(file.read(cdOffset, (int) cdSize));
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            for (long i = 0; i < count; i++) {
                Entry e = entry(file, cd);
                entries.put(e.name(), e);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // a name, extra field or comment length that runs past the directory
            throw new CheckpointException(file.path() + " has a corrupt zip directory; download it again", e);
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry entry(MappedFile file, ByteBuffer cd) {
        if (cd.remaining() < 46 || cd.getInt() != CENTRAL) {
            throw new CheckpointException(file.path() + " has a corrupt zip directory; download it again");
        }
        int p = cd.position() - 4;
        int method = cd.getShort(p + 10) & 0xffff;
        long csize = cd.getInt(p + 20) & 0xffffffffL;
        long usize = cd.getInt(p + 24) & 0xffffffffL;
        int nameLen = cd.getShort(p + 28) & 0xffff;
        int extraLen = cd.getShort(p + 30) & 0xffff;
        int commentLen = cd.getShort(p + 32) & 0xffff;
        long lho = cd.getInt(p + 42) & 0xffffffffL;
        byte[] nameBytes = new byte[nameLen];
        cd.position(p + 46);
        cd.get(nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        int extraEnd = cd.position() + extraLen;
        while (cd.position() + 4 <= extraEnd) {
            int id = cd.getShort() & 0xffff;
            int len = cd.getShort() & 0xffff;
            int next = cd.position() + len;
            if (id == 0x0001) {
                if (usize == 0xffffffffL) {
                    usize = cd.getLong();
                }
                if (csize == 0xffffffffL) {
                    csize = cd.getLong();
                }
                if (lho == 0xffffffffL) {
                    lho = cd.getLong();
                }
            }
            cd.position(next);
        }
        cd.position(extraEnd + commentLen);
        ByteBuffer local = le(file.read(lho, 30));
        if (local.getInt(0) != LOCAL) {
            throw new CheckpointException(file.path() + ": zip entry '" + name + "' is damaged; download it again");
        }
        long data = lho + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        if (data + csize > file.size()) {
            throw new CheckpointException(file.path() + " is truncated: entry '" + name + "' ends beyond the end of"
                    + " the file; download it again");
        }
        return new Entry(name, method, csize, usize, data);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
