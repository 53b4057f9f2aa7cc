/**
 * Image maths around the DepthFM engine, as static functions over ImgLib2: the argument checks and
 * the pointwise loop the ops share ({@link org.depthfm.ops.Checks}, {@link org.depthfm.ops.Pointwise});
 * the ops themselves live in the sub-packages
 * {@code convert}, {@code resample}, {@code depth}, {@code align}, {@code metrics} and
 * {@code sparse}.
 */
package org.depthfm.ops;
