package org.depthfm.pipeline;

/** Progress of a run over frames and ODE steps, and the user's wish to stop it. */
public interface Progress {
    /** Reports nothing and never cancels. */
    Progress NONE = (fraction, message) -> { };

    /**
     * @param fraction overall progress in [0, 1]
     * @param message what is being done, e.g. "frame 3/20, step 1/2"
     */
    void update(double fraction, String message);

    /** @return whether the user asked to stop (checked between frames and between ODE steps) */
    default boolean cancelled() {
        return false;
    }
}
