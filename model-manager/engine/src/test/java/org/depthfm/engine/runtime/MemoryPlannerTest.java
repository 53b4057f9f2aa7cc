package org.depthfm.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.depthfm.engine.flow.DepthFmV1;
import org.depthfm.engine.unet.UNetConfig;
import org.depthfm.engine.vae.VaeConfig;
import org.junit.jupiter.api.Test;

/** The planner's rule on the full-size configuration. */
class MemoryPlannerTest {
    private static final MemoryPlanner.Model FULL;

    static {
        FULL = new MemoryPlanner.Model(UNetConfig.read(DepthFmV1.ldmHparams(), "test"),
                VaeConfig.read(DepthFmV1.vaeConfig(), "test"),
                4, 1L << 25);
    }

    @Test
    void plentyOfMemoryBatchesTheUNetAndKeepsTheDecoderWithinTheOtherStages() {
        MemoryPlanner.Plan p = MemoryPlanner.plan(FULL, 512, 512, 4, 64L << 30);
        assertEquals(4, p.unetBatch());
        assertTrue(p.decodeBatch() >= 1 && p.decodeBatch() <= 4);
        long stages = Math.max(FULL.encode(512 * 512), FULL.unet(512 * 512, 4));
        assertTrue(FULL.decode(512 * 512, p.decodeBatch()) <= stages || p.decodeBatch() == 1);
        assertTrue(p.peakBytes() <= p.budgetBytes());
    }

    @Test
    void aSmallBudgetGivesTheLargestBatchesThatFit() {
        long pixels = 512L * 512;
        long budget = Math.max(FULL.encode(pixels), FULL.decode(pixels, 1));
        MemoryPlanner.Plan p = MemoryPlanner.plan(FULL, 512, 512, 16, budget);
        assertTrue(p.unetBatch() < 16);
        assertTrue(FULL.unet(pixels, p.unetBatch()) <= budget && FULL.unet(pixels, p.unetBatch() + 1) > budget);
        assertTrue(p.peakBytes() <= p.budgetBytes());
    }

    @Test
    void aSizeThatDoesNotFitIsRefusedWithOneThatDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryPlanner.plan(FULL, 2048, 1536, 1, 1L << 30));
        assertTrue(e.getMessage().contains("2048x1536"), e.getMessage());
        String size = e.getMessage().replaceAll(".*at most (\\d+)x(\\d+).*", "$1 $2");
        String[] wh = size.split(" ");
        MemoryPlanner.Plan ok = MemoryPlanner.plan(FULL, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 1, 1L << 30);
        assertEquals(1, ok.unetBatch());
    }

    @Test
    void guidedCompletionKeepsMoreThanAPlainPredictionAndIsRefusedWithTheOptionThatFits() {
        long pixels = 512L * 512;
        assertTrue(FULL.guided(pixels) > Math.max(FULL.unet(pixels, 1), FULL.decode(pixels, 1)));
        long budget = FULL.guided(pixels);
        assertEquals(1, MemoryPlanner.planGuided(FULL, 512, 512, budget).unetBatch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryPlanner.planGuided(FULL, 1024, 768, budget));
        assertTrue(e.getMessage().startsWith("a 1024x768 guided completion needs about"), e.getMessage());
        String[] wh = e.getMessage().replaceAll(".*at most (\\d+)x(\\d+) \\(--processing-res (\\d+).*", "$1 $2 $3").split(" ");
        assertEquals(Math.max(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])), Integer.parseInt(wh[2]), e.getMessage());
        assertEquals(1, MemoryPlanner.planGuided(FULL, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), budget)
                .decodeBatch());
    }

    @Test
    void sizesParse() {
        assertEquals(6L << 30, MemoryPlanner.parseBytes("6g"));
        assertEquals(800L << 20, MemoryPlanner.parseBytes("800M"));
        assertEquals(1536, MemoryPlanner.parseBytes("1.5k"));
        assertThrows(IllegalArgumentException.class, () -> MemoryPlanner.parseBytes("lots"));
    }
}
