package org.depthfm.engine.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.depthfm.engine.nn.Activations;
import org.depthfm.engine.nn.Conv2d;
import org.depthfm.engine.nn.GroupNorm;
import org.depthfm.engine.nn.Linear;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Scoped;

/**
 * The ldm {@code UNetModel} that predicts DepthFM's velocity (Rombach et al. 2022; DepthFM, Gui et
 * al. 2025): {@code v(t, x) = UNet(cat[x, context], t, context_ca)}. Keys {@code time_embed},
 * {@code input_blocks}, {@code middle_block}, {@code output_blocks}, {@code out}.
 */
public final class UNetModel {
    private final UNetConfig config;
    private final Linear timeEmbed0;
    private final Linear timeEmbed2;
    private final List<List<UNetLayer>> inputBlocks = new ArrayList<>();
    private final List<UNetLayer> middleBlock = new ArrayList<>();
    private final List<List<UNetLayer>> outputBlocks = new ArrayList<>();
    private final GroupNorm outNorm;
    private final Conv2d outConv;

    /**
     * Builds the network from the checkpoint's weights, checking every shape against the configuration.
     *
     * @param p the root of the UNet's key tree ({@code state_dict})
     * @param config the configuration from {@code ldm_hparams}
     * @param variant the attention numerics
     */
    public UNetModel(ParamTree p, UNetConfig config, AttentionVariant variant) {
        this.config = config;
        int mc = config.modelChannels();
        timeEmbed0 = Linear.load(p.sub("time_embed").sub(0), mc, config.timeEmbedDim());
        timeEmbed2 = Linear.load(p.sub("time_embed").sub(2), config.timeEmbedDim(), config.timeEmbedDim());
        Deque<Integer> skipChannels = buildInputBlocks(p.sub("input_blocks"), variant);
        int ch = skipChannels.peek();
        ParamTree mid = p.sub("middle_block");
        middleBlock.add(new ResBlock(mid.sub(0), ch, ch, config, ResBlock.Resample.NONE));
        middleBlock.add(transformer(mid.sub(1), ch, config.disableMiddleSelfAttn(), variant));
        middleBlock.add(new ResBlock(mid.sub(2), ch, ch, config, ResBlock.Resample.NONE));
        ch = buildOutputBlocks(p.sub("output_blocks"), skipChannels, ch, variant);
        outNorm = GroupNorm.load(p.sub("out").sub(0), UNetConfig.GROUPS, ch, 1e-5);
        outConv = Conv2d.same(p.sub("out").sub(2), mc, config.outChannels(), 3);
    }

    /** input_blocks: a conv, then per level ResBlocks (+ transformers) and a Downsample; returns the skip channels. */
    private Deque<Integer> buildInputBlocks(ParamTree p, AttentionVariant variant) {
        int mc = config.modelChannels();
        Deque<Integer> skips = new ArrayDeque<>();
        Conv2d first = Conv2d.same(p.sub(0).sub(0), config.inChannels(), mc, 3);
        inputBlocks.add(List.of((h, emb, ctx) -> first.forward(h)));
        skips.push(mc);
        int ch = mc;
        int ds = 1;
        int[] mult = config.channelMult();
        for (int level = 0; level < mult.length; level++) {
            for (int nr = 0; nr < config.numResBlocks()[level]; nr++) {
                ParamTree b = p.sub(inputBlocks.size());
                List<UNetLayer> layers = new ArrayList<>();
                layers.add(new ResBlock(b.sub(0), ch, mult[level] * mc, config, ResBlock.Resample.NONE));
                ch = mult[level] * mc;
                if (hasAttention(ds, level, nr)) {
                    layers.add(transformer(b.sub(1), ch, disabledSelfAttention(level), variant));
                }
                inputBlocks.add(layers);
                skips.push(ch);
            }
            if (level != mult.length - 1) {
                ParamTree b = p.sub(inputBlocks.size()).sub(0);
                inputBlocks.add(List.of(config.resblockUpdown()
                        ? new ResBlock(b, ch, ch, config, ResBlock.Resample.DOWN)
                        : new Downsample(b, ch, config.convResample())));
                skips.push(ch);
                ds *= 2;
            }
        }
        return skips;
    }

    /** output_blocks: per level (deepest first) ResBlocks on [h, skip] (+ transformers) and an Upsample. */
    private int buildOutputBlocks(ParamTree p, Deque<Integer> skips, int ch, AttentionVariant variant) {
        int mc = config.modelChannels();
        int[] mult = config.channelMult();
        int ds = config.downsampling();
        for (int level = mult.length - 1; level >= 0; level--) {
            for (int i = 0; i <= config.numResBlocks()[level]; i++) {
                ParamTree b = p.sub(outputBlocks.size());
                List<UNetLayer> layers = new ArrayList<>();
                layers.add(new ResBlock(b.sub(0), ch + skips.pop(), mc * mult[level], config, ResBlock.Resample.NONE));
                ch = mc * mult[level];
                if (hasAttention(ds, level, i)) {
                    layers.add(transformer(b.sub(layers.size()), ch, disabledSelfAttention(level), variant));
                }
                if (level > 0 && i == config.numResBlocks()[level]) {
                    ParamTree u = b.sub(layers.size());
                    layers.add(config.resblockUpdown()
                            ? new ResBlock(u, ch, ch, config, ResBlock.Resample.UP)
                            : new Upsample(u, ch, config.convResample()));
                    ds /= 2;
                }
                outputBlocks.add(layers);
            }
        }
        return ch;
    }

    private boolean hasAttention(int ds, int level, int index) {
        int[] nab = config.numAttentionBlocks();
        return config.attentionAt(ds) && (nab == null || index < nab[level]);
    }

    private boolean disabledSelfAttention(int level) {
        boolean[] dsa = config.disableSelfAttentions();
        return dsa != null && dsa[level];
    }

    private SpatialTransformer transformer(ParamTree p, int ch, boolean disableSelfAttn, AttentionVariant variant) {
        int[] hd = config.heads(ch);
        return new SpatialTransformer(p, ch, hd[0], hd[1], config, disableSelfAttn, variant);
    }

    /** @return the configuration */
    public UNetConfig config() {
        return config;
    }

    /**
     * @param x (N, C, H, W) the ODE state, in the compute type
     * @param t (N) the ODE time in [0, 1]
     * @param context (N, C', H, W) the image latent, concatenated to {@code x} on the channels
     * @param contextCa (N, 77, context_dim) the cross-attention context
     * @return (N, out_channels, H, W) the velocity, in the compute type
     */
    public NDArray forward(NDArray x, NDArray t, NDArray context, NDArray contextCa) {
        return Scoped.run(() -> {
            // 1. time embedding (float32 sinusoids); its SiLU is shared by every ResBlock's emb_layers
            NDArray tEmb = TimestepEmbedding.of(t, config.modelChannels()).toType(x.getDataType(), false);
            NDArray emb = Activations.silu(timeEmbed2.forward(Activations.silu(timeEmbed0.forward(tEmb))));
            // 2. down, keeping every block's output for the skips
            Deque<NDArray> skips = new ArrayDeque<>();
            NDArray input = NDArrays.concat(new NDList(x, context), 1);
            NDArray h = Scoped.replace(input, run(inputBlocks.get(0), input, emb, contextCa));
            skips.push(h);
            for (List<UNetLayer> block : inputBlocks.subList(1, inputBlocks.size())) {
                h = run(block, h, emb, contextCa);
                skips.push(h);
            }
            // 3. middle (its input is still the last skip)
            h = run(middleBlock, h, emb, contextCa);
            // 4. up, on [h, skip]; both are freed once joined
            for (List<UNetLayer> block : outputBlocks) {
                NDArray skip = skips.pop();
                NDArray joined = NDArrays.concat(new NDList(h, skip), 1);
                h.close();
                skip.close();
                h = Scoped.replace(joined, run(block, joined, emb, contextCa));
            }
            // 5. out
            h = Scoped.replace(h, outNorm.forwardSilu(h));
            return Scoped.replace(h, outConv.forward(h));
        });
    }

    /** Runs a block's layers on h, freeing each intermediate (never h itself) once the next exists. */
    private static NDArray run(List<UNetLayer> block, NDArray h, NDArray emb, NDArray contextCa) {
        NDArray out = h;
        for (UNetLayer layer : block) {
            NDArray next = layer.forward(out, emb, contextCa);
            out = out == h ? next : Scoped.replace(out, next);
        }
        return out;
    }
}
