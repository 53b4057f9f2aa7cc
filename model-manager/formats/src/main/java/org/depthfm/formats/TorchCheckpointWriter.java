package org.depthfm.formats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a checkpoint in the {@code torch.save} zip layout that {@link TorchCheckpoint} and
 * {@code torch.load} read: {@code <root>/data.pkl} (pickle protocol 2, see {@link PickleEncoder}),
 * {@code <root>/byteorder}, one uncompressed 64-byte-aligned {@code <root>/data/<key>} per tensor,
 * and {@code <root>/version}, where root is the file name without its extension (as torch names
 * it). Tensors are produced and written one at a time; the file appears under its name only when
 * complete.
 */
public final class TorchCheckpointWriter {
    /** The serialisation format version torch 1.6 and later write (and every later torch reads). */
    private static final String FORMAT_VERSION = "3\n";

    private TorchCheckpointWriter() {
    }

    /**
     * @param file the checkpoint to write (replaced if it exists)
     * @param contents the top-level dict: plain values, lists, maps and {@link TensorSource}s
     * @throws CheckpointException if the file cannot be written
     */
    public static void write(Path file, Map<String, ?> contents) {
        write(file, contents, false);
    }

    /** @param forceZip64 zip64 records even for a small file (tests) */
    static void write(Path file, Map<String, ?> contents, boolean forceZip64) {
        PickleEncoder pickle = PickleEncoder.encode(contents);
        String name = file.getFileName().toString();
        String root = (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + "/";
        FileChannels.write(file, out -> {
            ZipStoreWriter zip = new ZipStoreWriter(out, forceZip64);
            zip.add(root + "data.pkl", ByteBuffer.wrap(pickle.bytes()));
            zip.add(root + "byteorder", ascii("little"));
            List<TensorSource> tensors = pickle.tensors();
            ByteBuffer scratch = TensorSource.scratch(tensors);
            for (int i = 0; i < tensors.size(); i++) {
                zip.add(root + "data/" + i, tensors.get(i).produce(scratch));
            }
            zip.add(root + "version", ascii(FORMAT_VERSION));
            zip.finish();
        });
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
