/** The DepthFM model: checkpoint formats, networks over DJL, the sampler and the model cache. */
package org.depthfm.model;
