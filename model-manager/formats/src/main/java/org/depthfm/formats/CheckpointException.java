package org.depthfm.formats;

/**
 * A checkpoint file that cannot be read: truncated, corrupt, of an unknown layout, or holding
 * something that a weights file must not hold (an unexpected pickle global, for instance). The
 * message names the problem and, where there is one, the fix.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and how to fix it */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, and how to fix it
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
