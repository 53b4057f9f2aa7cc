package org.depthfm.fiji;

import ai.djl.engine.EngineException;
import ij.IJ;
import ij.macro.Interpreter;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import org.depthfm.formats.CheckpointException;
import org.depthfm.store.ModelStoreException;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every DepthFM command shares: reporting a problem as one clear message, once, and never
 * as a stack trace. From a macro line the message goes to the Log window (headless: standard
 * output) and the macro stops there, without a dialog; interactively it is the command's cancel
 * reason, which SciJava shows in one dialog; headless without a macro it goes to the log too.
 * Scripts and the ImageJ 1 bridge read the cancel reason.
 */
abstract class DepthFmCommand extends ContextCommand {
    @Parameter
    LogService log;

    /** A macro option that could not be used (see {@link MacroDefaults}), reported before the work starts. */
    private String rejectedInput;

    /**
     * Notes a macro option that cannot be used, so that the command stops with this message
     * instead of running without it.
     *
     * @param problem what is wrong with the option and how to fix it
     */
    void rejectInput(String problem) {
        if (rejectedInput == null) {
            rejectedInput = problem;
        }
    }

    /**
     * @param message what went wrong and how to fix it
     */
    void fail(String message) {
        if (Unattended.fromMacro()) {
            IJ.log("DepthFM: " + message);
            // an empty reason: SciJava shows no dialog for it, and the macro stops here instead
            cancel(null);
            stopMacro(message);
            return;
        }
        if (Unattended.headless()) {
            log.error("DepthFM: " + message);
        }
        cancel(message);
    }

    /**
     * Stops the macro that runs this command after its current line, quietly: the interpreter
     * ignores the error (no "Macro Error" dialog) and ends. The command runs in a thread of its
     * own, so ImageJ 1's {@code Macro.abort()}, which throws in the macro's thread, cannot be used.
     */
    private static void stopMacro(String message) {
        Interpreter macro = Interpreter.getInstance();
        if (macro != null) {
            macro.setIgnoreErrors(true);
            macro.abort(message);
        }
    }

    /**
     * Runs the command's work, turning failures into one {@link #fail} message: expected ones
     * (bad input, unreadable files, download problems, no libtorch) with their own message,
     * anything else as an internal error whose stack trace goes to the log only.
     *
     * @param work the command's body
     */
    void guarded(Runnable work) {
        if (rejectedInput != null) {
            fail(rejectedInput);
            return;
        }
        try {
            work.run();
        } catch (CancellationException e) {
            cancel("cancelled");
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | CheckpointException
                | ModelStoreException e) {
            fail(e.getMessage());
        } catch (EngineException e) {
            log.debug("DepthFM: libtorch did not start", e);
            fail(Libtorch.missing(e));
        } catch (RuntimeException e) {
            log.error("DepthFM: internal error", e);
            fail("internal error: " + e + " (the details are in the log; please report them)");
        } catch (OutOfMemoryError e) {
            fail("out of memory: use a smaller processing resolution or ensemble size, or give Fiji more memory"
                    + " (Edit > Options > Memory & Threads)");
        }
    }
}
