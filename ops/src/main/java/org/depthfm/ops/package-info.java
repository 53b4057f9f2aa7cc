/**
 * Image maths around the DepthFM engine, as static functions over ImgLib2: argument checks shared
 * by the ops ({@link org.depthfm.ops.Checks}); the ops themselves live in the sub-packages
 * {@code convert}, {@code resample}, {@code depth}, {@code align}, {@code metrics} and
 * {@code sparse}.
 */
package org.depthfm.ops;
