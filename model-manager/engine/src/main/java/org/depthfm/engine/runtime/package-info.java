/**
 * Where and how a model runs: devices, precision, libtorch's start, huge pages and the memory
 * planner that sizes member batches before work starts. May import DJL,
 * org.depthfm.formats.config and org.depthfm.base.
 */
package org.depthfm.engine.runtime;
