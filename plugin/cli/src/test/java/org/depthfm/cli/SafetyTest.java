package org.depthfm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.runtime.MemoryPlanner;
import org.depthfm.pipeline.HostileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against ordinary mistakes and hostile files: no input is ever replaced (the
 * files' checksums before and after), huge or damaged images are refused with one line and no
 * stack trace, the memory verdict comes before the model runs, messages name the option and the
 * file, and a broken model stops a batch once.
 */
class SafetyTest {
    private static final String TINY = Fixtures.tiny().toString();

    @TempDir
    Path tmp;

    private static CliTest.Result depthfm(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--steps", "1", "--ensemble", "1", "--device", "cpu"));
        if (!all.contains("--model-dir")) {
            all.addAll(List.of("--model-dir", TINY));
        }
        return CliTest.run(all.toArray(String[]::new));
    }

    private static Map<String, String> checksums(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(f).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return sums;
    }

    private static void assertNoStackTrace(CliTest.Result r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception"), "a stack trace was printed: " + all);
    }

    private static void assertRefused(CliTest.Result r, String expected) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains(expected), r.out() + r.err());
        assertNoStackTrace(r);
    }

    private Path tiffInput(String name) {
        ImagePlus rgb = IJ.openImage(Fixtures.tiny().resolve("input.png").toString());
        Path p = tmp.resolve(name);
        new FileSaver(rgb).saveAsTiff(p.toString());
        return p;
    }

    @Test
    void noCommandReplacesItsInputs() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path a = tiffInput("in/a.tif");
        Path points = Files.writeString(in.resolve("p.csv"), "x,y,depth\n3,4,1.5\n40,30,2.5\n10,40,3\n");
        Map<String, String> before = checksums(in);

        assertRefused(depthfm("complete", a.toString(), "--points", points.toString(), "-o", a.toString()),
                "-o " + a + " would replace the image " + a);
        assertRefused(depthfm("complete", a.toString(), "--points", points.toString(), "-o",
                tmp.resolve("c.tif").toString(), "--residuals", points.toString()),
                "--residuals " + points + " would replace --points " + points);
        assertRefused(depthfm("estimate", "--overwrite", "-o", a.toString(), a.toString()),
                "would replace the input " + a);
        assertRefused(depthfm("estimate", "-o", in.toString(), in.toString()), "is the input folder " + in + " itself");
        assertEquals(before, checksums(in));
    }

    @Test
    void twoInputsOfOneStemGetAnOutputEach() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scenes"));
        Files.copy(Fixtures.tiny().resolve("input.png"), in.resolve("scene.png"));
        tiffInput("scenes/scene.tif");
        CliTest.Result r = depthfm("estimate", in.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out/scene.png-depth.tif")), r.out());
        assertTrue(Files.isRegularFile(tmp.resolve("out/scene.tif-depth.tif")), r.out());
    }

    @Test
    void hugeDeclaredSizesAndTruncatedFilesAreRefusedInOneLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        for (long side : new long[] {12000, 100000, 46341}) {
            HostileFiles.tinyTiff(dir.resolve("h" + side + ".tif"), side, side);
        }
        HostileFiles.truncated(tiffInput("whole.tif"), dir.resolve("third.tif"), 1.0 / 3);
        CliTest.Result r = depthfm("estimate", dir.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertNoStackTrace(r);
        for (String name : new String[] {"h12000.tif", "h100000.tif", "h46341.tif", "third.tif"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("failed  " + name + ": ") && l.contains("truncated")),
                    r.out());
        }
        assertTrue(r.out().contains("0 done, 0 skipped, 4 failed"), r.out());
    }

    @Test
    void aTinyMemoryBudgetIsRefusedBeforeTheModelRunsIncludingGuidedCompletion() throws Exception {
        Path image = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        Path points = Files.writeString(tmp.resolve("p.csv"), "x,y,depth\n3,4,1.5\n40,30,2.5\n10,40,3\n");
        System.setProperty(MemoryPlanner.BUDGET_PROPERTY, "1k");
        try {
            CliTest.Result r = depthfm("estimate", image.toString());
            assertRefused(r, "working memory but only 0.0 GB are available");
            assertFalse(Files.exists(tmp.resolve("pic-depth.tif")));
            r = depthfm("complete", image.toString(), "--points", points.toString(), "--method", "guided",
                    "--precision", "fp32");
            assertRefused(r, "guided completion needs about");
        } finally {
            System.clearProperty(MemoryPlanner.BUDGET_PROPERTY);
        }
    }

    @Test
    void channelErrorsCountFromOneAndNameTheOption() throws Exception {
        Path pic = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        assertRefused(depthfm("estimate", pic.toString(), "--channels", "1,2,5"),
                "--channels 5: the image has 3 channel(s), counted from 1");
        CliTest.Result zero = depthfm("estimate", pic.toString(), "--channels", "0,1,2");
        assertRefused(zero, "--channels counts from 1");
        ImageStack two = new ImageStack(64, 48);
        two.addSlice(new ByteProcessor(64, 48));
        ByteProcessor second = new ByteProcessor(64, 48);
        second.set(5, 5, 100);
        two.addSlice(second);
        ImagePlus hyper = new ImagePlus("two", two);
        hyper.setDimensions(2, 1, 1);
        Path twoChannels = tmp.resolve("two.tif");
        new FileSaver(hyper).saveAsTiffStack(twoChannels.toString());
        CliTest.Result r = depthfm("estimate", twoChannels.toString());
        assertRefused(r, "choose three, counted from 1, with --channels R,G,B");
        assertFalse((r.out() + r.err()).contains("ModelInput") || (r.out() + r.err()).contains("PilBilinear"),
                r.out() + r.err());
    }

    @Test
    void imageJsChatterAboutADamagedPngNeverReachesStandardOutput() throws Exception {
        // the chunks are whole (the header check passes), the compressed pixels are not: ImageJ prints the decoder's error
        byte[] png = Files.readAllBytes(Fixtures.tiny().resolve("input.png"));
        for (int i = 60; i < png.length - 40; i += 7) {
            png[i] ^= 0x5a;
        }
        Path bad = Files.write(tmp.resolve("bad.png"), png);
        PrintStream real = System.out;
        ByteArrayOutputStream chatter = new ByteArrayOutputStream();
        CliTest.Result r;
        System.setOut(new PrintStream(chatter, true, StandardCharsets.UTF_8));
        try {
            r = depthfm("estimate", bad.toString());
        } finally {
            System.setOut(real);
        }
        assertRefused(r, "cannot read " + bad);
        assertEquals("", chatter.toString(StandardCharsets.UTF_8), "third-party output reached standard output");
    }

    @Test
    void aWriteFailureNamesTheTargetAndTheReasonNotTheTemporaryFile() throws Exception {
        Path pic = Files.copy(Fixtures.tiny().resolve("input.png"), tmp.resolve("pic.png"));
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file where a folder is asked for");
        Path target = blocker.resolve("out.tif");
        CliTest.Result r = depthfm("estimate", pic.toString(), "-o", target.toString());
        assertRefused(r, "cannot write " + target + ": " + blocker + " is in the way");
        assertFalse((r.out() + r.err()).contains(".part"), r.out() + r.err());
    }

    @Test
    void aBrokenModelStopsAFolderBatchAfterTheFirstFile() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("broken/vae"));
        HostileFiles.truncated(Fixtures.tiny().resolve("unet.ckpt"), tmp.resolve("broken/unet.ckpt"), 0.1);
        for (String f : new String[] {"config.json", "diffusion_pytorch_model.safetensors"}) {
            Files.copy(Fixtures.tiny().resolve("vae").resolve(f), model.resolve(f));
        }
        Path in = Files.createDirectories(tmp.resolve("photos"));
        for (String n : new String[] {"a.png", "b.png", "c.png"}) {
            Files.copy(Fixtures.tiny().resolve("input.png"), in.resolve(n));
        }
        CliTest.Result r = depthfm("estimate", in.toString(), "--model-dir", tmp.resolve("broken").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertNoStackTrace(r);
        assertEquals(List.of("failed  a.png: the model failed: " + tmp.resolve("broken/unet.ckpt") + " is not a complete"
                + " zip archive"), r.out().lines().filter(l -> l.startsWith("failed")).map(l -> l.replaceAll(" \\(no.*", ""))
                .toList());
        assertTrue(r.out().contains("stopped: the model failed, 2 file(s) not started"), r.out());
    }
}
