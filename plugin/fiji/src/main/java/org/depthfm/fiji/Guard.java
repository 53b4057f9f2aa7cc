package org.depthfm.fiji;

import ai.djl.engine.EngineException;
import ij.IJ;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import org.depthfm.formats.CheckpointException;
import org.depthfm.store.ModelStoreException;
import org.scijava.Cancelable;
import org.scijava.log.LogService;

/**
 * What every DepthFM command does with a problem: one clear message, once, never a stack trace.
 * From a macro line the message goes to the Log window (headless: standard output) and the
 * macro stops there, without a dialog; interactively it is the command's cancel reason
 * ("DepthFM: …"), which SciJava shows in one dialog; headless without a macro it goes to the log
 * too. Scripts and the ImageJ 1 bridge read the cancel reason.
 */
final class Guard {
    private final Cancelable command;
    /** A macro option that could not be used (see {@link MacroDefaults}), reported before the work starts. */
    private String rejectedInput;

    /** @param command the command whose problems this reports */
    Guard(Cancelable command) {
        this.command = command;
    }

    /**
     * Notes a macro option that cannot be used, so that the command stops with this message
     * instead of running without it.
     *
     * @param problem what is wrong with the option and how to fix it
     */
    void reject(String problem) {
        if (rejectedInput == null) {
            rejectedInput = problem;
        }
    }

    /**
     * @param log the log, for headless runs
     * @param message what went wrong and how to fix it
     */
    void fail(LogService log, String message) {
        if (Unattended.fromMacro()) {
            IJ.log("DepthFM: " + message);
            // an empty reason: SciJava shows no dialog for it, and the macro stops here instead
            command.cancel(null);
            Unattended.stopMacro(message);
            return;
        }
        if (Unattended.headless()) {
            log.error("DepthFM: " + message);
        }
        command.cancel("DepthFM: " + message);
    }

    /**
     * Runs the command's work, turning failures into one {@link #fail} message: expected ones
     * (bad input, unreadable files, download problems, no libtorch) with their own message,
     * anything else as an internal error whose stack trace goes to the log only.
     *
     * @param log the log
     * @param work the command's body
     */
    void run(LogService log, Runnable work) {
        if (rejectedInput != null) {
            fail(log, rejectedInput);
            return;
        }
        try {
            work.run();
        } catch (CancellationException e) {
            command.cancel("cancelled");
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | CheckpointException
                | ModelStoreException e) {
            fail(log, e.getMessage());
        } catch (EngineException e) {
            log.debug("DepthFM: libtorch did not start", e);
            fail(log, Libtorch.missing(e));
        } catch (RuntimeException e) {
            log.error("DepthFM: internal error", e);
            fail(log, "internal error: " + e + " (the details are in the log; please report them)");
        } catch (OutOfMemoryError e) {
            fail(log, "out of memory: use a smaller processing resolution or ensemble size, or give Fiji more memory"
                    + " (Edit > Options > Memory & Threads)");
        }
    }
}
