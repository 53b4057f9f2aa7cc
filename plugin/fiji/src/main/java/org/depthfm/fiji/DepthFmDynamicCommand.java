package org.depthfm.fiji;

import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * The base of the DepthFM commands whose inputs' choices are filled in when they start (the
 * optional images of {@link ImageChoice}). SciJava's {@code CommandService.run} returns null for
 * such a command (its module is the command itself): scripts start it with
 * {@code moduleService.run(commandService.getCommand(cls), true, inputs)}.
 */
abstract class DepthFmDynamicCommand extends DynamicCommand implements Guarded {
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
