package org.depthfm.tools.selftest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.store.ModelFolder;
import org.depthfm.engine.unet.UNetConfig;
import org.junit.jupiter.api.Test;

/**
 * The engine against {@code fixtures/depthfm-tiny2}, a second set made by the official code for a
 * configuration whose code paths depthfm-tiny leaves out: 1x1-conv transformer projections,
 * {@code num_heads}, three levels with two ResBlocks each, attention only at the two deeper
 * levels (the deepest at 3x5), {@code context_dim} as a list, OmegaConf hparams, a numpy
 * {@code empty_text_embedding} and {@code noising_step}, a float16/bfloat16 state_dict, and a
 * three-level VAE with the deprecated attention naming and 8 groups (see the set's README).
 */
class SecondFixtureSetTest {
    private static Path folder() throws URISyntaxException {
        return Path.of(SecondFixtureSetTest.class.getResource("/fixtures/depthfm-tiny2/cases.json").toURI()).getParent();
    }

    @Test
    void everyCaseMatchesTheOfficialCode() throws URISyntaxException {
        List<SelfTest.CaseResult> results = SelfTest.run(folder(), EngineOptions.CPU_FP32,
                r -> System.out.printf("tiny2 %-24s worst %.2e %s%n", r.name(), r.worst(),
                        r.failure() == null ? r.errors() : r.failure()));
        assertEquals(List.of("timestep_embedding", "q_sample", "unet_forward", "vae_encode", "vae_decode", "euler_grid",
                "pipeline_s2_e2", "pipeline_s3_e1_nonoise", "unet_forward__sdpa"),
                results.stream().map(SelfTest.CaseResult::name).collect(Collectors.toList()));
        for (SelfTest.CaseResult r : results) {
            assertTrue(r.passed(SelfTest.TOLERANCE), r.name() + ": " + (r.failure() != null ? r.failure() : r.errors()));
        }
    }

    @Test
    void theCheckpointsOmegaConfHparamsAndNumpyValuesAreRead() throws URISyntaxException {
        try (DepthFM m = DepthFM.load(ModelFolder.of(folder()), EngineOptions.CPU_FP32)) {
            UNetConfig c = m.unetConfig();
            assertEquals(250, m.noisingStep());
            assertArrayEquals(new int[] {1, 1, 1}, c.channelMult());
            assertArrayEquals(new int[] {2, 2, 2}, c.numResBlocks());
            assertArrayEquals(new int[] {2, 4}, c.attentionResolutions());
            assertArrayEquals(new int[] {24}, c.contextDims());
            assertEquals(2, c.numHeads());
            assertEquals(-1, c.numHeadChannels());
            assertFalse(c.useLinearInTransformer());
        }
    }
}
