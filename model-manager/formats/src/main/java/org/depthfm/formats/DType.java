package org.depthfm.formats;

import java.util.Locale;

/**
 * Element types that appear in DepthFM checkpoints, with the names the file formats use for them.
 */
public enum DType {
    F32(4, "F32", "Float", "f4"),
    F16(2, "F16", "Half", "f2"),
    BF16(2, "BF16", "BFloat16", null),
    F64(8, "F64", "Double", "f8"),
    I64(8, "I64", "Long", "i8"),
    I32(4, "I32", "Int", "i4"),
    I16(2, "I16", "Short", "i2"),
    I8(1, "I8", "Char", "i1"),
    U8(1, "U8", "Byte", "u1"),
    BOOL(1, "BOOL", "Bool", "b1");

    private final int size;
    private final String safetensorsName;
    private final String torchStorageName;
    private final String numpyName;

    DType(int size, String safetensorsName, String torchStoragePrefix, String numpyName) {
        this.size = size;
        this.safetensorsName = safetensorsName;
        this.torchStorageName = torchStoragePrefix + "Storage";
        this.numpyName = numpyName;
    }

    /** @return bytes per element */
    public int size() {
        return size;
    }

    /** @return the torch storage class name, such as {@code "FloatStorage"} */
    public String torchStorage() {
        return torchStorageName;
    }

    /** @return whether this is a floating-point type the engine can compute with */
    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /**
     * @param name a safetensors dtype such as {@code "F32"}
     * @return the type
     * @throws CheckpointException if the name is not a known dtype
     */
    public static DType fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        throw new CheckpointException("unsupported safetensors dtype '" + name + "'");
    }

    /**
     * @param className a torch storage class such as {@code "FloatStorage"}
     * @return the type, or null if the class is not a storage class
     */
    public static DType fromTorchStorage(String className) {
        for (DType t : values()) {
            if (t.torchStorageName.equals(className)) {
                return t;
            }
        }
        return null;
    }

    /**
     * @param descr a numpy dtype string such as {@code "f4"} or {@code "<f4"}
     * @return the type
     * @throws CheckpointException if the dtype is not supported
     */
    public static DType fromNumpy(String descr) {
        String s = descr.toLowerCase(Locale.ROOT);
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1);
        }
        for (DType t : values()) {
            if (s.equals(t.numpyName)) {
                return t;
            }
        }
        throw new CheckpointException("unsupported numpy dtype '" + descr + "'");
    }
}
