package org.depthfm.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.depthfm.store.LibtorchRequest;
import org.depthfm.store.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libtorch build DJL would load, worked out as DJL 0.36 does. The tests run with the CPU
 * libtorch jar on the class path (as the command line does), where DJL unpacks that jar and
 * fetches nothing; DJL's other settings are its system properties, set here for one call.
 */
class DjlLibtorchTest {
    @TempDir
    Path tmp;

    private static <T> T with(Map<String, String> properties, java.util.function.Supplier<T> work) {
        Properties saved = (Properties) System.getProperties().clone();
        try {
            properties.forEach(System::setProperty);
            return work.get();
        } finally {
            System.setProperties(saved);
        }
    }

    @Test
    void isTheStoresNativeRuntimeService() {
        assertTrue(NativeRuntime.find().orElseThrow() instanceof DjlLibtorch);
    }

    @Test
    void withTheLibtorchJarOnTheClassPathNothingIsFetched() {
        assertEquals(Optional.empty(), new DjlLibtorch().libtorch());
        String elsewhere = new DjlLibtorch().elsewhere();
        assertTrue(elsewhere.startsWith("the libtorch jar on the class path (pytorch-native-cpu 2.7.1-20250812 for"
                + " linux-x86_64), which DJL unpacks into "), elsewhere);
        assertTrue(elsewhere.endsWith("/pytorch/2.7.1-20250812-cpu-linux-x86_64"), elsewhere);
    }

    @Test
    void anotherVersionIsFetchedIntoDjlsCacheWithDjlsFolderName() {
        LibtorchRequest r = with(Map.of("PYTORCH_VERSION", "2.5.1", "ENGINE_CACHE_DIR", tmp.toString()),
                () -> new DjlLibtorch().libtorch()).orElseThrow();
        assertEquals("2.5.1", r.version());
        assertEquals("0.36.0", r.djlVersion());
        // DJL's own probe decides: the CUDA runtime's version with a GPU, else the CPU
        assertEquals(ai.djl.util.cuda.CudaUtils.hasCuda() ? "cu" + ai.djl.util.cuda.CudaUtils.getCudaVersionString()
                : "cpu", r.flavor());
        assertEquals("linux-x86_64", r.platform());
        assertEquals(tmp.resolve("pytorch").resolve("2.5.1-cpu-linux-x86_64"), r.folder("cpu"));
        assertTrue(r.jniBundled().test("cpu"), "DJL's JNI jar has the CPU build's library");
        assertTrue(r.jniBundled().test("cu128"), "and the CUDA 12.8 build's");
        assertFalse(r.jniBundled().test("cu118"));
    }

    @Test
    void aFlavorSetByHandIsAskedForExactly() {
        LibtorchRequest r = with(Map.of("PYTORCH_VERSION", "2.5.1", "PYTORCH_FLAVOR", "cu124"),
                () -> new DjlLibtorch().libtorch()).orElseThrow();
        assertEquals("cu124", r.flavor());
        assertTrue(r.flavorOverride());
    }

    @Test
    void aLibraryPathMeansDjlLoadsThatOne() {
        assertEquals(Optional.empty(), with(Map.of("PYTORCH_LIBRARY_PATH", tmp.toString(), "PYTORCH_VERSION", "2.5.1"),
                () -> new DjlLibtorch().libtorch()));
        assertEquals("PYTORCH_LIBRARY_PATH=" + tmp, with(Map.of("PYTORCH_LIBRARY_PATH", tmp.toString()),
                () -> new DjlLibtorch().elsewhere()));
    }
}
