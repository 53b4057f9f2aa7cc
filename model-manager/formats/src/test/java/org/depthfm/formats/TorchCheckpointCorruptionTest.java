package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged {@code torch.save} files: each is refused with a {@link CheckpointException} that names
 * the file and the problem, never another exception; and the zip64 records of files over 4 GB,
 * which must read the same. Most changes are made here to {@code torch/dtypes.ckpt} (a real
 * torch.save zip: {@code dtypes/data.pkl}, seven storages {@code dtypes/data/0..6},
 * {@code dtypes/version}, a zip64 end record).
 */
class TorchCheckpointCorruptionTest {
    private static final Path GOOD = Expected.resource("torch/dtypes.ckpt");

    @TempDir
    Path dir;

    private static byte[] good() {
        try {
            return Files.readAllBytes(GOOD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(byte[] bytes) {
        return write("damaged.ckpt", bytes);
    }

    /** A new file each time: rewriting a file whose earlier version is still mapped is slow. */
    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refused(Path p, String... keywords) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> readEverything(p));
        for (String k : keywords) {
            assertTrue(e.getMessage().contains(k), "'" + k + "' missing in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(p.getFileName().toString()), "the file is not named in: " + e.getMessage());
    }

    /**
     * Opens the checkpoint and reads every value: the tensors of {@code state_dict},
     * {@code numpy_arrays} and {@code empty_text_embedding}, every other top-level value as plain data.
     */
    private static void readEverything(Path p) {
        TorchCheckpoint ckpt = TorchCheckpoint.open(p);
        for (Object key : ckpt.keys()) {
            String k = String.valueOf(key);
            switch (k) {
                case "state_dict", "numpy_arrays" -> {
                    TensorStore store = ckpt.tensors(k);
                    store.names().forEach(name -> read(store.get(name)));
                }
                case "empty_text_embedding" -> read(ckpt.tensor(k));
                default -> ckpt.value(k);
            }
        }
    }

    private static void read(StoredTensor t) {
        if (t.dtype().isFloat()) {
            t.toFloatArray();
        } else {
            t.toLongArray();
        }
    }

    /** Asserts that a checkpoint holds the state_dict of {@code dtypes.ckpt}, byte for byte. */
    private static void assertReadsLikeTheOriginal(Path p) {
        TensorStore original = TorchCheckpoint.open(GOOD).tensors("state_dict");
        TensorStore read = TorchCheckpoint.open(p).tensors("state_dict");
        assertEquals(original.names(), read.names());
        for (String name : original.names()) {
            assertEquals(original.get(name).bytes(), read.get(name).bytes(), name);
        }
    }

    /** Where an entry's data starts in the file: its local header's name, plus the name and extra field. */
    private static int dataOffset(byte[] zip, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 30; i + name.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + name.length, name, 0, name.length) && le32(zip, i - 30) == 0x04034b50) {
                return i + name.length + le16(zip, i - 30 + 28);
            }
        }
        throw new IllegalStateException(entry + " not found");
    }

    private static int lastIndexOf(byte[] b, int signature) {
        for (int i = b.length - 4; i >= 0; i--) {
            if (le32(b, i) == signature) {
                return i;
            }
        }
        throw new IllegalStateException("signature not found");
    }

    private static int firstIndexOf(byte[] b, int signature) {
        for (int i = 0; i + 4 <= b.length; i++) {
            if (le32(b, i) == signature) {
                return i;
            }
        }
        throw new IllegalStateException("signature not found");
    }

    private static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static int le16(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(at) & 0xffff;
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** A zip of the given entries, stored or deflated, as java.util.zip writes it (no alignment, no zip64). */
    private static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setSize(e.getValue().length);
                    z.setCrc(crc.getValue());
                }
                out.putNextEntry(z);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void cutsInAStorageInDataPklInTheDirectoryAndInTheEndRecordAreTruncations() {
        byte[] g = good();
        int[] cuts = {
            dataOffset(g, "dtypes/data/3") + 100,        // in the middle of a storage
            dataOffset(g, "dtypes/data.pkl") + 300,      // in the pickle
            firstIndexOf(g, 0x02014b50) + 60,            // in the central directory
            lastIndexOf(g, 0x06054b50) + 10,             // in the end-of-directory record
            g.length - 1,
        };
        for (int cut : cuts) {
            refused(write(Arrays.copyOf(g, cut)), "truncated");
        }
    }

    /**
     * Every byte of {@code depthfm-v1.ckpt} (zip records, pickle opcodes and arguments, OmegaConf
     * and numpy state, storages) inverted in turn: the file is either still readable (a changed
     * value, name, CRC or unused field) or refused with a CheckpointException; nothing else. The
     * byte is changed in place (the file keeps its length, so no earlier mapping of it breaks).
     */
    @Test
    void aFlippedByteAnywhereGivesValuesOrACheckpointException() throws IOException {
        byte[] g = Files.readAllBytes(Expected.resource("torch/depthfm-v1.ckpt"));
        Path p = write("flipped.ckpt", g);
        try (FileChannel file = FileChannel.open(p, StandardOpenOption.WRITE)) {
            for (int i = 0; i < g.length; i++) {
                file.write(ByteBuffer.wrap(new byte[] {(byte) ~g[i]}), i);
                try {
                    readEverything(p);
                } catch (CheckpointException expected) {
                    // refused
                } catch (RuntimeException e) {
                    throw new AssertionError("byte " + i + " of " + g.length + " inverted: " + e, e);
                }
                file.write(ByteBuffer.wrap(new byte[] {g[i]}), i);
            }
        }
    }

    @Test
    void aRepackedZipReadsTheSameStoredOrDeflated() throws IOException {
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            assertReadsLikeTheOriginal(write(zip(entries(GOOD), method)));
        }
    }

    /**
     * A checkpoint over 4 GB keeps its directory's size and offset only in the zip64 end record
     * (torch writes one always): with the classic record's fields set to 0xffff/0xffffffff, as a
     * large file has them, the reader must follow the zip64 record and read the same tensors.
     */
    @Test
    void theZip64EndRecordIsFollowedWhenTheClassicOneOverflows() {
        byte[] b = good();
        ByteBuffer eocd = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = lastIndexOf(b, 0x06054b50);
        eocd.putShort(at + 8, (short) 0xffff).putShort(at + 10, (short) 0xffff).putInt(at + 12, 0xffffffff)
                .putInt(at + 16, 0xffffffff);
        assertReadsLikeTheOriginal(write(b));
        byte[] noLocator = b.clone();
        noLocator[lastIndexOf(b, 0x07064b50)] ^= 1;
        refused(write(noLocator), "damaged zip64 directory");
    }

    /**
     * In a file over 4 GB the entries' sizes and offsets move to zip64 extra fields: every
     * directory entry rewritten that way (sizes and local header offset 0xffffffff in the entry,
     * the real values in a 0x0001 extra field) reads the same tensors.
     */
    @Test
    void zip64ExtraFieldsGiveTheEntriesSizesAndOffsets() {
        byte[] g = good();
        ByteBuffer in = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        int z64 = lastIndexOf(g, 0x06064b50);
        int cdStart = (int) in.getLong(z64 + 48);
        int count = (int) in.getLong(z64 + 32);
        ByteBuffer cd = ByteBuffer.allocate(g.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        int at = cdStart;
        for (int i = 0; i < count; i++) {
            int nameLen = le16(g, at + 28);
            int extraLen = le16(g, at + 30);
            int commentLen = le16(g, at + 32);
            long csize = in.getInt(at + 20) & 0xffffffffL;
            long usize = in.getInt(at + 24) & 0xffffffffL;
            long lho = in.getInt(at + 42) & 0xffffffffL;
            int start = cd.position();
            cd.put(g, at, 46 + nameLen + extraLen);
            cd.putInt(start + 20, 0xffffffff).putInt(start + 24, 0xffffffff).putInt(start + 42, 0xffffffff)
                    .putShort(start + 30, (short) (extraLen + 28));
            cd.putShort((short) 1).putShort((short) 24).putLong(usize).putLong(csize).putLong(lho);
            cd.put(g, at + 46 + nameLen + extraLen, commentLen);
            at += 46 + nameLen + extraLen + commentLen;
        }
        int cdSize = cd.position();
        ByteBuffer out = ByteBuffer.allocate(cdStart + cdSize + 56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        out.put(g, 0, cdStart).put(cd.array(), 0, cdSize);
        int newZ64 = out.position();
        out.put(g, z64, 56).putLong(newZ64 + 40, cdSize);
        out.putInt(0x07064b50).putInt(0).putLong(newZ64).putInt(1);
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xffff)
                .putShort((short) 0xffff).putInt(0xffffffff).putInt(0xffffffff).putShort((short) 0);
        assertReadsLikeTheOriginal(write(out.array()));
    }

    @Test
    void aZipWithoutDataPklIsNotATorchCheckpoint() throws IOException {
        Map<String, byte[]> e = entries(GOOD);
        e.remove("dtypes/data.pkl");
        refused(write(zip(e, ZipEntry.STORED)), "no data.pkl");
    }

    @Test
    void aZipWithTwoCheckpointsIsRefused() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(entries(GOOD));
        entries(GOOD).forEach((k, v) -> e.put(k.replace("dtypes/", "other/"), v));
        refused(write(zip(e, ZipEntry.STORED)), "more than one data.pkl");
    }

    @Test
    void aMissingStorageIsNamed() throws IOException {
        Map<String, byte[]> e = entries(GOOD);
        e.remove("dtypes/data/2");
        refused(write(zip(e, ZipEntry.STORED)), "lacks the data of storage 2");
    }

    @Test
    void aStorageOfTheWrongSizeIsNamed() throws IOException {
        Map<String, byte[]> e = entries(GOOD);
        e.put("dtypes/data/0", Arrays.copyOf(e.get("dtypes/data/0"), 90));
        refused(write(zip(e, ZipEntry.STORED)), "storage 0 has 90 bytes but should have 96");
    }

    @Test
    void aBigEndianCheckpointIsRefused() throws IOException {
        Map<String, byte[]> e = entries(GOOD);
        e.put("dtypes/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        refused(write(zip(e, ZipEntry.STORED)), "big-endian");
    }

    /**
     * The data.pkl of {@code depthfm-v1.ckpt} (tensors, numpy arrays and scalars, OmegaConf) cut
     * at every third length (a new zip each, so not every one) inside an otherwise intact zip: a
     * truncated pickle, named as such.
     */
    @Test
    void dataPklCutAnywhereIsATruncatedPickle() throws IOException {
        Map<String, byte[]> e = entries(Expected.resource("torch/depthfm-v1.ckpt"));
        byte[] pickle = e.get("depthfm-v1/data.pkl");
        for (int n = 0; n < pickle.length; n += 3) {
            e.put("depthfm-v1/data.pkl", Arrays.copyOf(pickle, n));
            Path p = write("cut" + n + ".ckpt", zip(e, ZipEntry.STORED));
            try {
                readEverything(p);
                fail("data.pkl cut to " + n + " of " + pickle.length + " bytes was read");
            } catch (CheckpointException refused) {
                assertTrue(refused.getMessage().contains("(data.pkl) is a truncated"),
                        n + " bytes: " + refused.getMessage());
            }
        }
    }

    @Test
    void aCorruptCentralDirectoryIsRefused() {
        byte[] g = good();
        int cd = firstIndexOf(g, 0x02014b50);
        byte[] longName = g.clone();
        longName[cd + 28] = (byte) 0xff;     // file name length 0xff..: runs past the directory
        longName[cd + 29] = (byte) 0xff;
        refused(write(longName), "corrupt zip directory");
        byte[] badOffset = g.clone();
        ByteBuffer.wrap(badOffset).order(ByteOrder.LITTLE_ENDIAN).putInt(cd + 42, 0x7fff0000); // local header offset
        refused(write(badOffset), "corrupt");
    }

    @Test
    void filesThatAreNoZipCheckpointAreRefusedSayingWhat() throws IOException {
        refused(write(new byte[0]), "not a torch.save zip checkpoint");
        refused(write("state_dict = {}\n".getBytes(StandardCharsets.US_ASCII)), "not a torch.save zip checkpoint");
        refused(Expected.resource("torch/legacy.pt"), "legacy pre-1.6 PyTorch file");
        refused(Expected.resource("safetensors/dtypes.safetensors"), "not a torch.save zip checkpoint");
        CheckpointException folder = assertThrows(CheckpointException.class, () -> TorchCheckpoint.open(dir));
        assertTrue(folder.getMessage().contains(dir + " is a folder"), folder.getMessage());
        Path missing = dir.resolve("missing.ckpt");
        CheckpointException absent = assertThrows(CheckpointException.class, () -> TorchCheckpoint.open(missing));
        assertTrue(absent.getMessage().contains("cannot open " + missing), absent.getMessage());
    }
}
