package org.depthfm.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.pipeline.CompletionMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPlanTest {
    @TempDir
    Path tmp;

    private Path touch(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "");
    }

    @Test
    void knownDepthsBesideAnImageMakeItACompletionAndAreNoInputs() throws IOException {
        Path in = tmp.resolve("in");
        touch("in/a.png");
        touch("in/a.points.csv");
        touch("in/b.tif");
        touch("in/b.sparse.tif");
        touch("in/b.points.csv");
        touch("in/c.ome.tif");
        touch("in/sub/d.jpg");
        touch("in/sub/d.SPARSE.TIFF"); // never an input, whatever the case
        touch("in/e.sparse.tif"); // known depths of an image that is not there: not an input either

        BatchPlan plan = BatchPlan.of(List.of(in), tmp.resolve("out"), true, Shard.ALL, null);

        assertEquals(List.of("a.png", "b.tif", "c.ome.tif", "sub/d.jpg"),
                plan.items().stream().map(BatchPlan.Item::relativePath).toList());
        BatchPlan.Item a = plan.items().get(0);
        assertEquals(in.resolve("a.points.csv"), a.knownDepths());
        assertEquals(tmp.resolve("out/a-completed.tif"), a.depth());
        assertEquals(in.resolve("b.sparse.tif"), plan.items().get(1).knownDepths(), "the sparse image comes first");
        assertNull(plan.items().get(2).knownDepths());
        assertEquals(tmp.resolve("out/c-depth.tif"), plan.items().get(2).depth());
    }

    @Test
    void namesOfKnownDepths() {
        assertEquals(List.of("x.sparse.tif", "x.sparse.tiff", "x.points.csv"), BatchPlan.knownDepthNames("x.ome.tif"));
        assertTrue(BatchPlan.isKnownDepths("scan 1.Sparse.Tif"));
        assertFalse(BatchPlan.isImage("scan 1.sparse.tif"));
        assertFalse(BatchPlan.isKnownDepths(".sparse.tif"));
        assertFalse(BatchPlan.isKnownDepths("sparse.tif"));
        assertTrue(BatchPlan.isImage("sparse.tif"));
    }

    @Test
    void anExplicitOutputFileIsTheCompletedDepth() throws IOException {
        Path image = touch("one/x.png");
        touch("one/x.points.csv");
        BatchPlan.Item item = BatchPlan.of(List.of(image), tmp.resolve("x-out.tif"), false, Shard.ALL, null).items().get(0);
        assertEquals(tmp.resolve("x-out.tif"), item.depth());
        assertEquals(tmp.resolve("one/x.points.csv"), item.knownDepths());
    }

    @Test
    void aBatchCompletesWithTheBatchModelOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchCompletion(CompletionMethod.LEARNED, AlignmentSpace.LOG, 0));
        assertTrue(e.getMessage().contains("depthfm complete --method learned"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchCompletion(CompletionMethod.ALIGN, AlignmentSpace.LOG, -1));
    }

    @Test
    void inputsThatShareAStemKeepTheirExtensionAndGetTheirOwnOutputs() throws IOException {
        Path in = tmp.resolve("in");
        touch("in/scene.png");
        touch("in/scene.tif");
        touch("in/other.png");
        BatchPlan plan = BatchPlan.of(List.of(in), tmp.resolve("out"), false, Shard.ALL, null);
        assertEquals(List.of(tmp.resolve("out/other-depth.tif"), tmp.resolve("out/scene.png-depth.tif"),
                tmp.resolve("out/scene.tif-depth.tif")), plan.items().stream().map(BatchPlan.Item::depth).toList());
        // the same names whichever shard plans them
        assertEquals(tmp.resolve("out/scene.png-depth.tif"),
                BatchPlan.of(List.of(in), tmp.resolve("out"), false, Shard.parse("2/2"), null).items().get(0).depth());
        // beside the images too
        BatchPlan beside = BatchPlan.of(List.of(in.resolve("scene.png"), in.resolve("scene.tif")), null, false,
                Shard.ALL, null);
        assertEquals(List.of(in.resolve("scene.png-depth.tif"), in.resolve("scene.tif-depth.tif")),
                beside.items().stream().map(BatchPlan.Item::depth).toList());
    }

    @Test
    void filesOfOneNameFromTwoFoldersGoUnderTheFoldersThatTellThemApart() throws IOException {
        Path a = touch("d1/img.png");
        Path b = touch("d2/img.png");
        Path c = touch("d2/solo.png");
        BatchPlan plan = BatchPlan.of(List.of(a, b, c, a), tmp.resolve("out"), false, Shard.ALL, null);
        assertEquals(List.of("d1/img.png", "d2/img.png", "solo.png"),
                plan.items().stream().map(BatchPlan.Item::relativePath).toList());
        assertEquals(List.of(tmp.resolve("out/d1/img-depth.tif"), tmp.resolve("out/d2/img-depth.tif"),
                tmp.resolve("out/solo-depth.tif")), plan.items().stream().map(BatchPlan.Item::depth).toList());
    }

    @Test
    void anOutputThatWouldReplaceAnInputIsRefusedNamingBoth() throws IOException {
        Path a = touch("a.tif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.of(List.of(a), a, false, Shard.ALL, null));
        assertTrue(e.getMessage().contains("the output " + a + " of " + a + " would replace the input " + a),
                e.getMessage());
        // an earlier output given as an input, beside the image it came from
        Path earlier = touch("a-depth.tif");
        e = assertThrows(IllegalArgumentException.class, () -> BatchPlan.of(List.of(a, earlier), null, false, Shard.ALL,
                null));
        assertTrue(e.getMessage().contains("would replace the input " + earlier), e.getMessage());
        // an image's known depths as the output
        Path x = touch("x.png");
        Path sparse = touch("x.sparse.tif");
        e = assertThrows(IllegalArgumentException.class, () -> BatchPlan.of(List.of(x), sparse, false, Shard.ALL, null));
        assertTrue(e.getMessage().contains("would replace the known depths " + sparse), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.of(List.of(x), tmp.resolve("out.tif"), false, Shard.ALL, x));
        assertTrue(e.getMessage().contains("the summary " + x + " would replace the input " + x), e.getMessage());
    }

    @Test
    void theInputFolderAsItsOwnOutputIsRefusedAndAnOutputAboveItIsFine() throws IOException {
        Path in = tmp.resolve("in");
        touch("in/a.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.of(List.of(in), in, false, Shard.ALL, null));
        assertTrue(e.getMessage().contains("is the input folder " + in + " itself"), e.getMessage());
        BatchPlan above = BatchPlan.of(List.of(in), tmp, true, Shard.ALL, null);
        assertEquals(List.of(tmp.resolve("a-depth.tif")), above.items().stream().map(BatchPlan.Item::depth).toList());
    }
}
