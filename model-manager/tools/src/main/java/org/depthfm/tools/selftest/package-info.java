/**
 * Parity with the official code: runs every case of a reference fixture folder through the engine
 * and compares with the official tensors. Used by the command line, not shipped in the Fiji zip.
 * May import the engine, formats, ops and base.
 */
package org.depthfm.tools.selftest;
