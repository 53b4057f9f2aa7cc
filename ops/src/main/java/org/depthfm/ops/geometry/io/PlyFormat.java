package org.depthfm.ops.geometry.io;

/** The encodings of a PLY body. */
public enum PlyFormat {
    /** {@code format ascii 1.0}: one vertex or face per line, readable, about three times larger. */
    ASCII,
    /** {@code format binary_little_endian 1.0}: what most tools write and read fastest. */
    BINARY_LITTLE_ENDIAN
}
