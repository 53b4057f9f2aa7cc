package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pickles written opcode by opcode (what Python's own unpickler makes of each is in the comments):
 * values a corrupt file can express that would otherwise end in an endless hash, a stack
 * overflow or an unchecked exception.
 */
class HandMadePickleTest {
    private static final int PROTO = 0x80;
    private static final int EMPTY_DICT = 0x7d;
    private static final int EMPTY_LIST = 0x5d;
    private static final int BINUNICODE = 0x58;
    private static final int BINPUT = 0x71;
    private static final int BINGET = 0x68;
    private static final int APPEND = 0x61;
    private static final int SETITEM = 0x73;
    private static final int STOP = 0x2e;

    @TempDir
    Path dir;

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static Object load(byte[] pickle) {
        return new Unpickler(PickledValues.callables(), PickledValues.classes(), null).load(pickle, "test.pkl");
    }

    /** A torch.save-like zip whose data.pkl is the given pickle. */
    private Path checkpoint(byte[] pickle) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("hand/data.pkl"));
            out.write(pickle);
            out.closeEntry();
        }
        return Files.write(dir.resolve("hand.ckpt"), zip.toByteArray());
    }

    @Test
    void aListThatContainsItselfIsRefusedWhenItsValueIsRead() throws IOException {
        // {'x': l} with l = [l]: Python reads {'x': [[...]]}
        byte[] pickle = bytes(PROTO, 2, EMPTY_DICT, BINUNICODE, 1, 0, 0, 0, 'x', EMPTY_LIST, BINPUT, 0, BINGET, 0, APPEND,
                SETITEM, STOP);
        TorchCheckpoint ckpt = TorchCheckpoint.open(checkpoint(pickle));
        CheckpointException e = assertThrows(CheckpointException.class, () -> ckpt.value("x"));
        assertTrue(e.getMessage().contains("contains itself"), e.getMessage());
    }

    @Test
    void valuesNestedAsDeepAsAConfigurationCanBeAreRead() throws IOException {
        // {'x': [[[...[]...]]]} 1000 lists deep: legitimate, if odd
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(bytes(PROTO, 2, EMPTY_DICT, BINUNICODE, 1, 0, 0, 0, 'x'));
        byte[] lists = new byte[1000];
        Arrays.fill(lists, (byte) EMPTY_LIST);
        p.writeBytes(lists);
        byte[] appends = new byte[999];
        Arrays.fill(appends, (byte) APPEND);
        p.writeBytes(appends);
        p.writeBytes(bytes(SETITEM, STOP));
        Object v = TorchCheckpoint.open(checkpoint(p.toByteArray())).value("x");
        int depth = 0;
        while (v instanceof List<?> l && !l.isEmpty()) {
            v = l.get(0);
            depth++;
        }
        assertEquals(999, depth);
    }

    @Test
    void aDictUsedAsItsOwnKeyIsRefused() {
        // d = {}; d[d] = d: Python raises TypeError("unhashable type: 'dict'")
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> load(bytes(PROTO, 2, EMPTY_DICT, BINPUT, 0, BINGET, 0, BINGET, 0, SETITEM, STOP)));
        assertTrue(e.getMessage().contains("as a dict key"), e.getMessage());
    }

    @Test
    void aStringLongerThanAnArrayIsATruncatedPickle() {
        // BINUNICODE8 of 2^40 bytes: Python raises UnpicklingError('pickle data was truncated')
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> load(bytes(PROTO, 4, 0x8d, 0, 0, 0, 0, 0, 1, 0, 0)));
        assertTrue(e.getMessage().contains("test.pkl is a truncated or corrupt pickle"), e.getMessage());
    }

    @Test
    void aTextIntegerThatIsNoNumberIsACorruptPickle() {
        // INT "12x": Python raises ValueError('could not convert string to int')
        CheckpointException e = assertThrows(CheckpointException.class, () -> load(bytes('I', '1', '2', 'x', '\n', STOP)));
        assertTrue(e.getMessage().contains("test.pkl is a truncated or corrupt pickle"), e.getMessage());
    }

    @Test
    void aNumpyArrayWhoseBytesDoNotFitItsShapeIsRefused() {
        // the BUILD state of a big-endian Fortran-order (2, 3) float32 array, with 10 bytes instead of 24
        PickledValues.NumpyDType dtype = new PickledValues.NumpyDType("f4");
        dtype.build(Arrays.asList(3L, ">", null, null, null, -1L, -1L, 0L));
        PickledValues.NumpyArray a = new PickledValues.NumpyArray();
        a.build(List.of(1L, List.of(2L, 3L), dtype, true, new byte[10]));
        CheckpointException e = assertThrows(CheckpointException.class, () -> a.toTensor("emb"));
        assertTrue(e.getMessage().contains("numpy array 'emb' in the checkpoint has 10 bytes but its shape [2, 3]"),
                e.getMessage());
    }
}
