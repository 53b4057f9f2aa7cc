package org.depthfm.plugin.fiji;

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
     * Runs the command's work, turning expected failures into {@link #fail} messages.
     *
     * @param work the command's body
     */
    void guarded(Runnable work) {
        try {
            work.run();
        } catch (java.util.concurrent.CancellationException e) {
            cancel("cancelled");
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            fail(e.getMessage());
        } catch (org.depthfm.model.checkpoint.CheckpointException e) {
            fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            fail("out of memory: use a smaller processing resolution or ensemble size, or give Fiji more memory"
                    + " (Edit > Options > Memory & Threads)");
        }
    }
}
