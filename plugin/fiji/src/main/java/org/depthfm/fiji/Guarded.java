package org.depthfm.fiji;

/** A DepthFM command, as the plugin's pre- and postprocessors recognise it. */
interface Guarded {
    /**
     * Stops the command, before its work starts, with a message about one of its macro options.
     *
     * @param problem what is wrong with the option and how to fix it
     */
    void rejectInput(String problem);
}
