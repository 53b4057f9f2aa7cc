package org.depthfm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.depthfm.batch.BatchCompletion;
import org.depthfm.batch.BatchJob;
import org.depthfm.batch.ModelSource;
import org.depthfm.batch.SurfaceOutputs;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.pipeline.EstimateOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders, globs and list files become the relative paths that seed and place each file's outputs. */
class JobPlanTest {
    @TempDir
    Path tmp;

    private Path data;

    @BeforeEach
    void files() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        for (String f : List.of("b.png", "a.tif", "notes.txt", ".hidden.png", "run1/c.jpg", "run2/d.png", "run2/e.txt")) {
            Files.createDirectories(data.resolve(f).getParent());
            Files.writeString(data.resolve(f), "x");
        }
    }

    private static BatchJob job(String input, String output, boolean recursive) {
        return new BatchJob(input, output, recursive, null, false, 1, null, EstimateOptions.DEFAULT,
                BatchCompletion.DEFAULT, SurfaceOutputs.NONE, EngineOptions.CPU_FP32, 0, new ModelSource(null, null, null, null, true));
    }

    private static JobPlan plan(BatchJob job) throws IOException {
        return JobPlan.of(job, new Configuration());
    }

    private static List<String> relative(JobPlan plan) {
        return plan.files().stream().map(SourceFile::relativePath).toList();
    }

    @Test
    void aFolderGivesItsImagesSortedWithTheOutputsBesideIt() throws IOException {
        JobPlan plan = plan(job(data.toString(), null, false));
        assertEquals(List.of("a.tif", "b.png"), relative(plan));
        assertEquals(data.resolveSibling("data-depth").toString(), plan.outputRoot().toUri().getPath());
        assertEquals("file", plan.outputRoot().toUri().getScheme());
        assertEquals(plan.outputRoot() + "/depthfm-summary.csv", plan.summary().toString());
        assertEquals(List.of("a.tif", "b.png", "run1/c.jpg", "run2/d.png"), relative(plan(job(data.toString(), null, true))));
    }

    @Test
    void outputsInsideTheInputFolderAreNotInputs() throws IOException {
        Files.createDirectories(data.resolve("out"));
        Files.writeString(data.resolve("out/a-depth.tif"), "x");
        JobPlan plan = plan(job(data.toString(), data.resolve("out").toString(), true));
        assertEquals(List.of("a.tif", "b.png", "run1/c.jpg", "run2/d.png"), relative(plan));
    }

    @Test
    void aGlobIsRootedAtItsFixedPart() throws IOException {
        JobPlan plan = plan(job(data + "/run*/*", null, false));
        assertEquals(List.of("run1/c.jpg", "run2/d.png"), relative(plan));
        assertTrue(plan.outputRoot().toString().endsWith("/data-depth"), plan.outputRoot().toString());
        assertEquals(List.of("run1/c.jpg", "run2/d.png"), relative(plan(job(data + "/run?", null, false))));
    }

    @Test
    void aListFileKeepsRelativeEntriesAndNamesAbsoluteOnesByTheirFile() throws IOException {
        Path other = Files.writeString(tmp.resolve("elsewhere.png"), "x");
        Path list = Files.writeString(data.resolve("batch.txt"), "# today's files\nrun1/c.jpg\n\n" + other + "\nb.png\n");
        JobPlan plan = plan(job(list.toString(), tmp.resolve("out").toString(), false));
        assertEquals(List.of("b.png", "elsewhere.png", "run1/c.jpg"), relative(plan));
        assertEquals(other.toUri().getPath(), java.net.URI.create(plan.files().get(1).uri()).getPath());
    }

    @Test
    void twoImagesWithOneStemInAFolderKeepTheirExtensions() throws IOException {
        Files.writeString(data.resolve("B.tif"), "x");
        Files.writeString(data.resolve("run1/b.png"), "x");
        JobPlan plan = plan(job(data.toString(), null, true));
        assertEquals(List.of("B.tif", "a.tif", "b.png", "run1/b.png", "run1/c.jpg", "run2/d.png"), relative(plan));
        // b.png and B.tif share a stem (case aside: some file systems ignore it); run1/b.png is alone in its folder
        assertEquals(List.of(true, false, true, false, false, false),
                plan.files().stream().map(SourceFile::keepExtension).toList());
    }

    @Test
    void twoInputsWithOneOutputAreRefused() throws IOException {
        Files.writeString(tmp.resolve("b.png"), "x");
        Path list = Files.writeString(data.resolve("batch.txt"), "b.png\n" + tmp.resolve("b.png") + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan(job(list.toString(), null, false)));
        assertTrue(e.getMessage().startsWith("two inputs would write the same outputs: b.png"), e.getMessage());
    }

    @Test
    void aMissingOrEmptyInputIsOneSentence() throws IOException {
        assertEquals("no such file or folder: file:" + tmp.resolve("nope"),
                assertThrows(IllegalArgumentException.class, () -> plan(job(tmp.resolve("nope").toString(), null, false)))
                        .getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plan(job(empty.toString(), null, false)))
                .getMessage().startsWith("no images in "));
    }
}
