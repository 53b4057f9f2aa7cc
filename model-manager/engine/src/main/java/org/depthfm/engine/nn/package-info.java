/**
 * The layers the networks are built from (convolution, linear, normalisations, attention) and the
 * prefix-scoped access to a checkpoint's weights (ParamTree, Weights). May import DJL,
 * org.depthfm.formats and org.depthfm.base; nothing above it.
 */
package org.depthfm.engine.nn;
