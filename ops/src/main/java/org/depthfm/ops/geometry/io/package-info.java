/**
 * Files of 3D geometry: PLY in ASCII or binary little-endian ({@link org.depthfm.ops.geometry.io.Ply}),
 * OBJ with vertex colours ({@link org.depthfm.ops.geometry.io.Obj}) and binary STL
 * ({@link org.depthfm.ops.geometry.io.Stl}). Writers take an {@code OutputStream}, which they
 * flush and leave open; front-ends put them on disk with {@code org.depthfm.base.AtomicFile.writeStream}
 * (temporary file, fsync, atomic rename). Every file records its projection (unit, relative
 * or metric, camera) in a comment or header.
 *
 * <p>Imports: the JDK and {@code org.depthfm.ops.geometry} only.
 */
package org.depthfm.ops.geometry.io;
