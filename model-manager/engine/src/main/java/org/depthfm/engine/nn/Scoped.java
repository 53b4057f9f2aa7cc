package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs a block of NDArray code in its own {@link NDScope}: every intermediate array it creates is
 * closed when it returns, except the result, which moves to the enclosing scope. This keeps the
 * native memory of a forward pass at the size of its live activations.
 *
 * <p>The body must return a new array, never one of its inputs (an input does not belong to the
 * inner scope, and handing it to the outer scope would close it there).
 */
public final class Scoped {
    private Scoped() {
    }

    /**
     * @param body code that computes one new array
     * @return the array, registered in the enclosing scope (if any)
     */
    public static NDArray run(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /**
     * Frees an intermediate as soon as its successor exists, rather than when the scope ends:
     * {@code h = Scoped.replace(h, layer.forward(h))} keeps one activation alive instead of every
     * one a block chain produced, which is what bounds memory at large image sizes.
     *
     * @param old an array created inside the current scope (never an input of the block)
     * @param next its successor
     * @return {@code next}
     */
    public static NDArray replace(NDArray old, NDArray next) {
        if (old != next) {
            old.close();
        }
        return next;
    }
}
