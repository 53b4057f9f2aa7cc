package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.depthfm.base.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depthfm models} and {@code depthfm info} on a cache folder of the test's own, offline. */
class ModelsCommandTest {
    @Test
    void importVerifyPathListAndRemoveAModelOfOnesOwn(@TempDir Path cache) {
        String[] store = {"--cache", cache.toString(), "--offline"};
        CliTest.Result imported = CliTest.run(concat(new String[] {"models", "import", Fixtures.tiny().toString(), "--as",
                "tiny"}, store));
        assertEquals(0, imported.code(), imported.err());
        assertTrue(Files.exists(cache.resolve("tiny/vae/config.json")));
        CliTest.Result verify = CliTest.run(concat(new String[] {"models", "verify", "tiny"}, store));
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().contains("complete and intact"), verify.out());
        assertEquals(cache.resolve("tiny").toString(), CliTest.run(concat(new String[] {"models", "path", "tiny"}, store))
                .out().trim());
        String list = CliTest.run(concat(new String[] {"models", "list"}, store)).out();
        assertTrue(list.contains("tiny") && list.contains("depthfm-v1"), list);
        String info = CliTest.run(concat(new String[] {"info"}, store)).out();
        assertTrue(info.contains("model cache  " + cache) && info.contains("tiny"), info);
        assertEquals(0, CliTest.run(concat(new String[] {"models", "remove", "tiny"}, store)).code());
        assertFalse(Files.exists(cache.resolve("tiny")));
    }

    @Test
    void offlineEstimateWithoutTheModelSaysWhatIsMissingAndHowToImportIt(@TempDir Path cache) {
        CliTest.Result r = CliTest.run("estimate", Fixtures.tiny().resolve("input.png").toString(), "-o",
                cache.resolve("out.tif").toString(), "--cache", cache.toString(), "--offline");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("depthfm-v1.ckpt") && r.err().contains("import"), r.err());
        assertFalse(Files.exists(cache.resolve("out.tif")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
