package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
    @Test
    void theBuiltInRegistryListsDepthFmV1WithTheSdVae() {
        ModelRegistry registry = ModelRegistry.builtin();
        assertEquals("depthfm-v1", registry.defaultId());
        ModelSpec spec = registry.get("depthfm-v1");
        assertTrue(spec.citation().contains("Gui") && spec.citation().contains("AAAI 2025")
                && spec.citation().contains("arXiv:2403.13788"), spec.citation());
        assertEquals(List.of("depthfm-v1.ckpt", "vae/config.json", "vae/diffusion_pytorch_model.safetensors"),
                spec.files().stream().map(ModelFile::path).toList());

        ModelFile unet = spec.file(FileKind.UNET_CHECKPOINT).orElseThrow();
        assertEquals(URI.create("https://ommer-lab.com/files/depthfm/depthfm-v1.ckpt"), unet.url());
        assertEquals(OptionalLong.empty(), unet.size(), "unknown, so unset");
        assertTrue(unet.licence().startsWith("MIT"));

        String hub = "https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5/resolve/main/";
        ModelFile weights = spec.file(FileKind.VAE_WEIGHTS).orElseThrow();
        assertEquals(URI.create(hub + "vae/diffusion_pytorch_model.safetensors"), weights.url());
        assertEquals(OptionalLong.of(334_643_276L), weights.size());
        assertEquals(Optional.of("a2b5134f4dbc140d9c11f11cba3233099e00af40f262f136c691fb7d38d2194c"), weights.sha256());
        assertTrue(weights.licence().startsWith("CreativeML Open RAIL-M"));
        assertEquals(URI.create(hub + "vae/config.json"), spec.file(FileKind.VAE_CONFIG).orElseThrow().url());
        assertEquals(OptionalLong.empty(), spec.totalSize());
    }

    @Test
    void unknownModelsAreNamedWithTheKnownOnes() {
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> ModelRegistry.builtin().get("depthfm-v9"));
        assertTrue(e.getMessage().startsWith("unknown model 'depthfm-v9'; known models: depthfm-v1"), e.getMessage());
    }

    @Test
    void malformedRegistriesAreReportedWithWhatIsWrong() {
        String ok = TinyModel.registryJson("https://example.org/", true);
        assertMalformed(ok.replace("\"size\": ", "\"size\": -"), "negative size");
        assertMalformed(ok.replace("https://example.org/", "ftp://example.org/"), "not http(s)");
        assertMalformed(ok.replace("vae/config.json", "vae/other.json"), "not a file of a model folder");
        assertMalformed(ok.replace("\"default\": \"tiny\"", "\"default\": \"other\""), "names default model 'other'");
        assertMalformed(ok.replace("\"title\": \"tiny test model\", ", ""), "lacks \"title\"");
        assertMalformed(ok.replace("\"id\": \"tiny\"", "\"id\": \"../tiny\""), "not a valid model name");
        assertMalformed("{\"default\": ", "is malformed");
        assertMalformed("[]", "is malformed");
    }

    private static void assertMalformed(String json, String expected) {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> ModelRegistry.parse(new StringReader(json), "r.json"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
