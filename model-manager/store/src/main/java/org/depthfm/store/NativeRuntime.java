package org.depthfm.store;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The native library the engine runs on, as the engine (which knows DJL) describes it to the
 * store (which does not): the engine module provides this as a service, so that fetching a model
 * for its first use fetches the matching libtorch too, with the same progress, mirror and offline
 * settings, and DJL never downloads on its own.
 */
public interface NativeRuntime {
    /**
     * @return the libtorch build DJL would load from its cache on this machine, or empty where it
     *     loads one from elsewhere (a libtorch jar on the class path, {@code PYTORCH_LIBRARY_PATH})
     */
    Optional<LibtorchRequest> libtorch();

    /** @return where the engine's libtorch comes from when {@link #libtorch()} is empty, in words */
    String elsewhere();

    /** @return the engine's description, if the engine is on the class path */
    static Optional<NativeRuntime> find() {
        return ServiceLoader.load(NativeRuntime.class, NativeRuntime.class.getClassLoader()).findFirst();
    }
}
