/**
 * Where and how a model runs: devices, precision, libtorch's start (and which libtorch build DJL
 * loads, for the store to fetch), huge pages and the memory planner that sizes member batches
 * before work starts. May import DJL, org.depthfm.formats.config, org.depthfm.store (libtorch's
 * fetch) and org.depthfm.base.
 */
package org.depthfm.engine.runtime;
