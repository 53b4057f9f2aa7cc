package org.depthfm.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.depthfm.base.Defaults;
import org.depthfm.base.Fixtures;
import org.depthfm.base.Progress;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.store.ModelFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The processing size as a limit, and tiled refinement through the real engine (tiny fixture model). */
class LargeImagesTest {
    private static DepthFM model;

    @BeforeAll
    static void load() {
        model = DepthFM.load(ModelFolder.of(Fixtures.tiny()), EngineOptions.CPU_FP32);
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    /** A smooth colour picture with some structure, (W, H, 3) in 0..255. */
    private static RandomAccessibleInterval<FloatType> picture(int w, int h) {
        RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(w, h, 3);
        var c = ((net.imglib2.img.array.ArrayImg<FloatType, ?>) img).cursor();
        while (c.hasNext()) {
            c.fwd();
            double x = c.getDoublePosition(0) / w;
            double y = c.getDoublePosition(1) / h;
            int ch = c.getIntPosition(2);
            c.get().setReal(127 + 120 * Math.sin(6 * x + 2 * ch) * Math.cos(4 * y - ch));
        }
        return img;
    }

    private static EstimateOptions options(int processing, boolean uncertainty, boolean members, int tileSize) {
        return new EstimateOptions(new Sampling(1, 2, 3, -1, 0), processing, DepthOutput.DEPTH, uncertainty, members,
                false, null, tileSize);
    }

    @Test
    void theProcessingSizeLimitsLargeImagesAndLeavesSmallOnesAlone() {
        assertEquals(768, DepthPipeline.processingSide(4032, 3008, 768));
        assertEquals(0, DepthPipeline.processingSide(768, 500, 768), "a long side at the limit runs as it is");
        assertEquals(0, DepthPipeline.processingSide(64, 48, 768));
        assertEquals(0, DepthPipeline.processingSide(4032, 3008, 0), "0 keeps the original size");
        assertEquals(768, Defaults.PROCESSING_SIZE);
        DepthPipeline.FrameResult r = DepthPipeline.estimate(model, picture(300, 200), options(128, false, false, 0),
                Progress.NONE);
        assertEquals(300, r.depth().dimension(0));
        assertEquals(200, r.depth().dimension(1));
        assertTrue(Math.max(r.processingWidth(), r.processingHeight()) <= 128 + model.sizeMultiple() / 2,
                r.processingWidth() + "x" + r.processingHeight());
    }

    @Test
    void tilesRunAtFullResolutionWithProgressPerTile() {
        List<String> seen = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String what) {
                seen.add(what);
                fractions.add(fraction);
            }
        };
        DepthPipeline.FrameResult r = DepthPipeline.estimate(model, picture(160, 100), options(64, true, false, 64),
                progress);
        assertEquals(160, r.depth().dimension(0));
        assertEquals(100, r.depth().dimension(1));
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (FloatType t : r.depth()) {
            assertTrue(Float.isFinite(t.get()), "depth " + t.get());
            lo = Math.min(lo, t.get());
            hi = Math.max(hi, t.get());
        }
        assertEquals(0, lo, 1e-6, "normalised to [0, 1]");
        assertEquals(1, hi, 1e-6, "normalised to [0, 1]");
        for (FloatType t : r.uncertainty()) {
            assertTrue(Float.isFinite(t.get()) && t.get() >= 0, "uncertainty " + t.get());
        }
        // 64-pixel tiles overlapping by 16: at x 0, 48, 96 and y 0, 36 (the last moved inward), after the global pass
        assertTrue(seen.get(0).matches("global at \\d+x\\d+ \\(then 6 tiles\\), step 1/\\d+"), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("tile 6/6, ")), seen.toString());
        assertTrue(seen.stream().noneMatch(s -> s.startsWith("tile 7/")), seen.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
    }

    @Test
    void aFlatTileIsMappedWithTheWholeImagesIntensities() {
        // the left 70 columns are one grey: the first tile (64 wide) has no structure of its own
        RandomAccessibleInterval<FloatType> img = picture(160, 100);
        var c = ((net.imglib2.img.array.ArrayImg<FloatType, ?>) img).cursor();
        while (c.hasNext()) {
            c.fwd();
            if (c.getIntPosition(0) < 70) {
                c.get().set(90);
            }
        }
        DepthPipeline.FrameResult r = DepthPipeline.estimate(model, img, options(64, false, false, 64), Progress.NONE);
        for (FloatType t : r.depth()) {
            assertTrue(Float.isFinite(t.get()), "depth " + t.get());
        }
    }

    @Test
    void tilesRefuseMembersWithAMessageNamingBothOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DepthPipeline.estimate(model,
                picture(100, 100), options(64, false, true, 64), Progress.NONE));
        assertTrue(e.getMessage().contains("--members") && e.getMessage().contains("--tiles"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options(256, false, false, 32));
    }
}
