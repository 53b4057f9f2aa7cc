package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * depthfm-tiny's float32 UNet checkpoint re-zipped the way a user's zip tool may do it: entries
 * without torch's 64-byte alignment (so the storages the engine wraps in place sit at odd
 * addresses), or deflated (so they are inflated into memory). The UNet must still give the
 * official velocity of {@code case_unet_forward}.
 */
class RepackedCheckpointEngineTest {
    /** The fixtures' parity tolerance (their cases.json), as the self-test applies it. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {ZipEntry.STORED, ZipEntry.DEFLATED})
    void aRezippedCheckpointGivesTheOfficialVelocity(int method) throws IOException {
        Path tiny = Fixtures.tiny();
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.createDirectories(model.resolve("vae"));
        for (String f : new String[] {"vae/config.json", "vae/diffusion_pytorch_model.safetensors"}) {
            Files.copy(tiny.resolve(f), model.resolve(f));
        }
        Path ckpt = Files.write(model.resolve("unet.ckpt"), rezip(tiny.resolve("unet.ckpt"), method));
        try (MappedFile file = new MappedFile(ckpt)) {
            assertTrue(ZipDirectory.read(file).values().stream()
                    .anyMatch(e -> e.name().startsWith("unet/data/") && e.dataOffset() % 4 != 0 && e.method() == method));
        }
        SafeTensors c = SafeTensors.open(tiny.resolve("case_unet_forward.safetensors"));
        try (DepthFM m = DepthFM.load(ModelFolder.of(model), EngineOptions.CPU_FP32);
                NDManager pm = m.manager().newSubManager()) {
            float[] out = m.velocity(array(pm, c.get("x")), array(pm, c.get("t")), array(pm, c.get("context")),
                    array(pm, c.get("context_ca"))).toFloatArray();
            float[] want = c.get("out").toFloatArray();
            assertEquals(want.length, out.length);
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
                worst = Math.max(worst, Math.abs(out[i] - want[i]));
            }
            assertTrue(worst <= TOLERANCE, "max |error| " + worst);
        }
    }

    private static NDArray array(NDManager m, StoredTensor t) {
        return m.create(t.toFloatArray(), new Shape(t.shape()));
    }

    /** The entries of a zip, after a 3-byte entry that shifts every offset, written with java.util.zip. */
    private static byte[] rezip(Path zip, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            put(out, "unet/shift", new byte[3], method);
            for (ZipEntry e : Collections.list(in.entries())) {
                put(out, e.getName(), in.getInputStream(e).readAllBytes(), method);
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] data, int method) throws IOException {
        ZipEntry z = new ZipEntry(name);
        z.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(data);
            z.setSize(data.length);
            z.setCrc(crc.getValue());
        }
        out.putNextEntry(z);
        out.write(data);
        out.closeEntry();
    }
}
