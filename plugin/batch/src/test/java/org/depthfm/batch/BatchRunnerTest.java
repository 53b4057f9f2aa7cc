package org.depthfm.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.depthfm.base.Progress;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.imagej.DepthCompleter;
import org.depthfm.imagej.ImageHeader;
import org.depthfm.imagej.StackEstimator;
import org.depthfm.ops.completion.KnownPoints;
import org.depthfm.pipeline.CompletionOptions;
import org.depthfm.pipeline.EstimateOptions;
import org.depthfm.pipeline.HostileFiles;
import org.depthfm.pipeline.ModelHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch run with a stand-in for the model (a flat depth map of the input's size): claims
 * between concurrent runs and shards, merged summaries, re-runs after a kill, damaged inputs,
 * the memory verdict before the pixels, and a model that fails once for the whole batch.
 */
class BatchRunnerTest {
    private static final EstimateOptions OPTIONS = EstimateOptions.DEFAULT;

    @TempDir
    Path tmp;

    /** Counts its calls per image and answers with flat maps; refuses headers wider than {@code maxWidth}. */
    static final class FakeWorker implements BatchRunner.Worker {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<ImageHeader> checked = new CopyOnWriteArrayList<>();
        final long sleepMillis;
        final long maxWidth;

        FakeWorker(long sleepMillis, long maxWidth) {
            this.sleepMillis = sleepMillis;
            this.maxWidth = maxWidth;
        }

        @Override
        public StackEstimator.Result estimate(ImagePlus imp, EstimateOptions options, Progress progress) {
            calls.computeIfAbsent(imp.getTitle(), t -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ImageStack stack = new ImageStack(imp.getWidth(), imp.getHeight());
            for (int i = 0; i < imp.getNSlices() * imp.getNFrames(); i++) {
                stack.addSlice(new FloatProcessor(imp.getWidth(), imp.getHeight()));
            }
            ImagePlus depth = new ImagePlus("depth", stack);
            return new StackEstimator.Result(depth, null, null, 64, 64);
        }

        @Override
        public DepthCompleter.Result complete(ImagePlus imp, KnownPoints points, String unit, CompletionOptions options,
                Progress progress) {
            throw new UnsupportedOperationException("no known depths in these tests");
        }

        @Override
        public void checkMemory(ImageHeader header, EstimateOptions options, CompletionOptions completion) {
            checked.add(header);
            if (header.width() > maxWidth) {
                throw new IllegalArgumentException("a " + header.width() + "x" + header.height() + " image needs more"
                        + " memory than there is");
            }
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private Path folder(int n) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < n; i++) {
            ByteProcessor bp = new ByteProcessor(16, 12);
            bp.set(i, i, 200);
            new FileSaver(new ImagePlus("f", bp)).saveAsPng(dir.resolve("f" + i + ".png").toString());
        }
        return dir;
    }

    private static Map<String, String> checksums(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                sums.put(f.getFileName().toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return sums;
    }

    private static List<String> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).toList();
    }

    private static List<BatchRunner.Outcome> run(BatchPlan plan, BatchRunner.Worker worker) {
        return BatchRunner.run(plan, worker, OPTIONS, BatchCompletion.DEFAULT, false, Progress.NONE, o -> { });
    }

    @Test
    void twoRunsOnOneFolderDoEachFileOnceAndKeepEveryRow() throws Exception {
        Path in = folder(6);
        Map<String, String> before = checksums(in);
        FakeWorker worker = new FakeWorker(40, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<BatchRunner.Outcome>>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                runs.add(pool.submit(() -> run(BatchPlan.of(List.of(in), null, false, Shard.ALL, null), worker)));
            }
            for (Future<List<BatchRunner.Outcome>> f : runs) {
                assertEquals(6, f.get().size());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(6, worker.calls.size());
        assertEquals(6, worker.total(), "a file was estimated twice: " + worker.calls);
        Path out = tmp.resolve("in-depth");
        List<String> rows = rows(out.resolve("depthfm-summary.csv"));
        assertEquals(6, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.contains(",done,")), rows.toString());
        assertEquals(before, checksums(in));
        try (Stream<Path> left = Files.list(out)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".lock")), "a lock file was left");
        }
    }

    @Test
    void shardsRunAtOnceKeepEveryRowOfOneSummary() throws Exception {
        Path in = folder(5);
        FakeWorker worker = new FakeWorker(20, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> run(BatchPlan.of(List.of(in), null, false, Shard.parse("1/2"), null), worker));
            Future<?> b = pool.submit(() -> run(BatchPlan.of(List.of(in), null, false, Shard.parse("2/2"), null), worker));
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        List<String> rows = rows(tmp.resolve("in-depth/depthfm-summary.csv"));
        assertEquals(List.of("f0.png", "f1.png", "f2.png", "f3.png", "f4.png"),
                rows.stream().map(r -> r.substring(0, r.indexOf(','))).toList());
        assertEquals(5, worker.total());
    }

    @Test
    void aRunKilledMidwayIsResumedWithEveryOutputValidAndNoneRedoneTwice() throws Exception {
        Path in = folder(4);
        Map<String, String> before = checksums(in);
        BatchPlan plan = BatchPlan.of(List.of(in), null, false, Shard.ALL, null);
        run(plan, new FakeWorker(0, Long.MAX_VALUE));
        Path out = tmp.resolve("in-depth");
        // the kill: f1's output half-written in place, f2's only as a temporary file, and a lock file left behind
        HostileFiles.truncated(out.resolve("f1-depth.tif"), out.resolve("f1-depth.tif"), 0.5);
        Files.move(out.resolve("f2-depth.tif"), out.resolve(".f2-depth.tif.1a2b3c.part"));
        Files.writeString(out.resolve(".f2-depth.tif.lock"), "a killed run");
        Files.delete(out.resolve("f3-depth.tif"));

        FakeWorker again = new FakeWorker(0, Long.MAX_VALUE);
        List<BatchRunner.Outcome> outcomes = run(plan, again);

        assertEquals(List.of(BatchRunner.Status.SKIPPED, BatchRunner.Status.DONE, BatchRunner.Status.DONE,
                BatchRunner.Status.DONE), outcomes.stream().map(BatchRunner.Outcome::status).toList());
        assertEquals(Map.of("f1.png", 1, "f2.png", 1, "f3.png", 1), Map.copyOf(again.calls.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
        assertTrue(outcomes.get(1).message().contains("f1-depth.tif was damaged"), outcomes.get(1).message());
        for (int i = 0; i < 4; i++) {
            ImagePlus depth = IJ.openImage(out.resolve("f" + i + "-depth.tif").toString());
            assertEquals(16, depth.getWidth());
            assertEquals(12, depth.getHeight());
        }
        try (Stream<Path> left = Files.list(out)) {
            List<String> hidden = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, "stale temporary or lock files were left");
        }
        assertEquals(0, run(plan, again).stream().filter(o -> o.status() != BatchRunner.Status.SKIPPED).count());
        assertEquals(before, checksums(in));
    }

    @Test
    void theOutputsOfAHyperstackAreDoneWhenTheyHoldOnePlanePerFrame() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stacks"));
        ImageStack stack = new ImageStack(10, 8);
        for (int i = 0; i < 6; i++) {
            ByteProcessor bp = new ByteProcessor(10, 8);
            bp.set(i, 1, 50 + i);
            stack.addSlice(bp);
        }
        ImagePlus hyper = new ImagePlus("h", stack);
        hyper.setDimensions(2, 3, 1);
        new FileSaver(hyper).saveAsTiffStack(dir.resolve("h.tif").toString());
        BatchPlan plan = BatchPlan.of(List.of(dir), null, false, Shard.ALL, null);
        FakeWorker worker = new FakeWorker(0, Long.MAX_VALUE);
        assertEquals(BatchRunner.Status.DONE, run(plan, worker).get(0).status());
        assertEquals(3, IJ.openImage(tmp.resolve("stacks-depth/h-depth.tif").toString()).getStackSize());
        assertEquals(BatchRunner.Status.SKIPPED, run(plan, worker).get(0).status());
        assertEquals(1, worker.total());
    }

    @Test
    void anOutputOfAnotherSizeOrFrameCountIsRedone() throws Exception {
        Path in = folder(1);
        BatchPlan plan = BatchPlan.of(List.of(in), null, false, Shard.ALL, null);
        Files.createDirectories(tmp.resolve("in-depth"));
        new FileSaver(new ImagePlus("wrong", new FloatProcessor(8, 8))).saveAsTiff(
                tmp.resolve("in-depth/f0-depth.tif").toString());
        List<BatchRunner.Outcome> o = run(plan, new FakeWorker(0, Long.MAX_VALUE));
        assertEquals(BatchRunner.Status.DONE, o.get(0).status());
        assertTrue(o.get(0).message().contains("was 8x8, the image 16x12"), o.get(0).message());
    }

    @Test
    void damagedInputsAndOnesTooLargeFailBeforeTheirPixelsAreRead() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        ByteProcessor bp = new ByteProcessor(30, 20);
        bp.set(3, 3, 9);
        new FileSaver(new ImagePlus("whole", bp)).saveAsTiff(dir.resolve("whole.tif").toString());
        HostileFiles.truncated(dir.resolve("whole.tif"), dir.resolve("cut.tif"), 1.0 / 3);
        // LZW strips cannot be checked against the size: only the memory verdict from the header stops it
        HostileFiles.tiff(dir.resolve("huge.tif"), 12000, 12000, 3, 5, 16, new byte[16], null);
        FakeWorker worker = new FakeWorker(0, 1000);
        List<BatchRunner.Outcome> o = run(BatchPlan.of(List.of(dir), null, false, Shard.ALL, null), worker);

        assertEquals(List.of("cut.tif", "huge.tif", "whole.tif"), o.stream().map(x -> x.item().relativePath()).toList());
        assertEquals(BatchRunner.Status.FAILED, o.get(0).status());
        assertTrue(o.get(0).message().contains("cut.tif is damaged") && o.get(0).message().contains("truncated"),
                o.get(0).message());
        assertEquals(BatchRunner.Status.FAILED, o.get(1).status());
        assertTrue(o.get(1).message().contains("12000x12000 image needs more memory"), o.get(1).message());
        assertEquals(BatchRunner.Status.DONE, o.get(2).status());
        assertEquals(Map.of("whole.tif", 1), Map.of("whole.tif", worker.calls.get("whole.tif").get()));
        assertEquals(1, worker.calls.size(), "a damaged or too large file reached the model");
        assertEquals(List.of(12000L, 30L), worker.checked.stream().map(ImageHeader::width).toList());
    }

    @Test
    void aModelThatCannotLoadStopsTheBatchAtTheFirstFile() throws Exception {
        Path in = folder(3);
        try (ModelHolder holder = new ModelHolder()) {
            BatchRunner.Worker broken = BatchRunner.Worker.holding(holder, tmp.resolve("no-model"), EngineOptions.CPU_FP32);
            List<BatchRunner.Outcome> o = run(BatchPlan.of(List.of(in), null, false, Shard.ALL, null), broken);
            assertEquals(1, o.size(), o.toString());
            assertTrue(o.get(0).modelFailed(), o.get(0).message());
            assertTrue(o.get(0).message().startsWith("the model failed: model folder"), o.get(0).message());
        }
    }

    @Test
    void aSummaryMergeKeepsOtherFilesRowsAndQuotedMessages() throws IOException {
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, Summary.HEADER + "\n" + "\"x,1.png\",failed,1.000,1,0,0,0,0,0,a,\"two\nlines, quoted\"\n"
                + "z.png,done,1.000,1,1,4,4,64,64,z-depth.tif,\n");
        BatchPlan.Item item = new BatchPlan.Item(tmp.resolve("y.png"), "y.png", tmp.resolve("y-depth.tif"),
                tmp.resolve("u"), tmp.resolve("m"), null);
        BatchPlan.Item z = new BatchPlan.Item(tmp.resolve("z.png"), "z.png", tmp.resolve("z-depth.tif"), tmp.resolve("u"),
                tmp.resolve("m"), null);
        Summary.merge(csv, List.of(BatchRunner.Outcome.skipped(item, 3), BatchRunner.Outcome.skipped(z, 3)));
        List<String> records = Summary.records(Files.readString(csv));
        assertEquals(4, records.size(), records.toString());
        assertEquals("x,1.png", Summary.field(records.get(1), 0));
        assertEquals("two\nlines, quoted", Summary.field(records.get(1), 10));
        assertEquals("skipped", Summary.field(records.get(2), 1));
        assertEquals("done", Summary.field(records.get(3), 1), "a skip replaced the row that says how z was made");
        assertArrayEquals(new String[] {"y.png", "z.png"}, new String[] {Summary.field(records.get(2), 0),
                Summary.field(records.get(3), 0)});
    }
}
