package org.depthfm.fiji;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import org.depthfm.formats.CheckpointException;
import org.depthfm.store.ModelStoreException;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * What every DepthFM command shares: reporting a problem as one clear message (a dialog when there
 * is a user interface, the log otherwise) and cancelling itself with that message as the reason,
 * which scripts and the ImageJ 1 bridge read back. Never a stack trace in a dialog.
 */
abstract class DepthFmCommand extends ContextCommand {
    @Parameter
    LogService log;

    @Parameter(required = false)
    UIService ui;

    /**
     * @param message what went wrong and how to fix it
     */
    void fail(String message) {
        cancel(message);
        if (ui != null && !ui.isHeadless() && ui.getDefaultUI() != null) {
            ui.showDialog(message, "DepthFM", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else {
            log.error("DepthFM: " + message);
        }
    }

    /**
     * Runs the command's work, turning failures into one {@link #fail} message: expected ones
     * (bad input, unreadable files, download problems) with their own message, anything else as
     * an internal error whose stack trace goes to the log only.
     *
     * @param work the command's body
     */
    void guarded(Runnable work) {
        try {
            work.run();
        } catch (CancellationException e) {
            cancel("cancelled");
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | CheckpointException
                | ModelStoreException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            log.error("DepthFM: internal error", e);
            fail("internal error: " + e + " (the details are in the log; please report them)");
        } catch (OutOfMemoryError e) {
            fail("out of memory: use a smaller processing resolution or ensemble size, or give Fiji more memory"
                    + " (Edit > Options > Memory & Threads)");
        }
    }
}
