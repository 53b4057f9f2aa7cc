/**
 * Image in, depth out, as ImgLib2: ops to prepare the input, the engine, ops to turn its log-
 * depth into depth, uncertainty and completed depth; evaluation. May import ImgLib2,
 * org.depthfm.ops, org.depthfm.engine and org.depthfm.base; no ImageJ, no front-end.
 */
package org.depthfm.pipeline;
