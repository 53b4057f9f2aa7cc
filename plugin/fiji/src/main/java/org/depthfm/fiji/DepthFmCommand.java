package org.depthfm.fiji;

import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/** The base of the DepthFM commands: problems reported by a {@link Guard}. */
abstract class DepthFmCommand extends ContextCommand implements Guarded {
    @Parameter
    LogService log;

    private final Guard guard = new Guard(this);

    @Override
    public void rejectInput(String problem) {
        guard.reject(problem);
    }

    /** @param work the command's body, whose failures become one message (see {@link Guard#run}) */
    void guarded(Runnable work) {
        guard.run(log, work);
    }
}
