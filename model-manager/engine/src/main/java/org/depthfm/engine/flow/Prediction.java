package org.depthfm.engine.flow;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The result of one image's prediction, at the model's resolution (X, Y axes first).
 *
 * @param members (W, H, E): each ensemble member's decoded channel mean, in the decoder's
 *     normalised log-depth space
 * @param ensembleMean (W, H): the mean over the members, in the same space (normalised by
 *     {@code org.depthfm.ops.depth.DepthMaps})
 */
public record Prediction(Img<FloatType> members, Img<FloatType> ensembleMean) {
}
