package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/ann");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsToTheUsersHome() {
        StoreSettings s = StoreSettings.fromEnvironment(Map.of(), props());
        assertEquals(Path.of("/home/ann/.depthfm/models"), s.cacheRoot());
        assertEquals(Optional.empty(), s.mirror());
        assertFalse(s.offline());
    }

    @Test
    void thePropertyWinsOverTheVariableAndTheCliOverBoth() {
        Map<String, String> env = Map.of("DEPTHFM_HOME", "/data/depthfm", "DEPTHFM_OFFLINE", "1",
                "DEPTHFM_MIRROR", "https://mirror.example.org/depthfm/");
        StoreSettings fromEnv = StoreSettings.fromEnvironment(env, props());
        assertEquals(Path.of("/data/depthfm/models"), fromEnv.cacheRoot());
        assertTrue(fromEnv.offline());
        StoreSettings fromProps = StoreSettings.fromEnvironment(env, props("depthfm.home", "/scratch", "depthfm.offline",
                "false"));
        assertEquals(Path.of("/scratch/models"), fromProps.cacheRoot());
        assertFalse(fromProps.offline());
        assertEquals(Path.of("/cli/cache"), fromProps.withCacheRoot(Path.of("/cli/cache")).cacheRoot());
    }

    @Test
    void aMirrorServesEveryFileUnderItsPath() {
        StoreSettings s = StoreSettings.fromEnvironment(Map.of("DEPTHFM_MIRROR", "https://mirror.example.org/depthfm/"),
                props());
        ModelFile weights = ModelRegistry.builtin().get("depthfm-v1").file(FileKind.VAE_WEIGHTS).orElseThrow();
        assertEquals(URI.create("https://mirror.example.org/depthfm/vae/diffusion_pytorch_model.safetensors"),
                s.source(weights));
        assertEquals(weights.url(), s.withMirror(null).source(weights));
    }

    @Test
    void malformedValuesSayWhatToSet() {
        ModelStoreException offline = assertThrows(ModelStoreException.class,
                () -> StoreSettings.fromEnvironment(Map.of("DEPTHFM_OFFLINE", "maybe"), props()));
        assertEquals("DEPTHFM_OFFLINE=maybe is not understood; use 1 or 0", offline.getMessage());
        ModelStoreException mirror = assertThrows(ModelStoreException.class,
                () -> StoreSettings.fromEnvironment(Map.of("DEPTHFM_MIRROR", "mirror.example.org"), props()));
        assertTrue(mirror.getMessage().contains("is not an http(s) URL"), mirror.getMessage());
    }
}
