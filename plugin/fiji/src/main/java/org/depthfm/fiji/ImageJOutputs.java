package org.depthfm.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageWindow;
import ij.macro.Interpreter;
import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.thread.ThreadService;

/**
 * Hands the result images of a DepthFM command to ImageJ 1 itself, so that the macro that ran it
 * can select, measure and save them on its next line, and marks them as handled so that SciJava
 * does not display them a second time.
 *
 * <p>Left to SciJava, an {@code ImagePlus} output reaches ImageJ 1 only through the display
 * postprocessor: it creates a display, and a visible user interface shows it, on the event
 * thread. Headless there is no such interface, so no image exists afterwards; in batch mode
 * imagej-legacy's synchronisation removes the batch-mode image again (imagej-legacy issues 215,
 * 271, 277); in the GUI the window appears but the macro does not see it. Here the images are
 * shown the way an ImageJ 1 plugin shows them, {@link ImagePlus#show()} on the command's own
 * thread: a window with a display, a batch-mode image in batch mode and headless. The first
 * output (the depth) becomes the macro's current image.
 */
@Plugin(type = PostprocessorPlugin.class, priority = ImageJOutputs.PRIORITY)
public final class ImageJOutputs extends AbstractPostprocessorPlugin {
    /** Before SciJava's display postprocessor (VERY_LOW), which skips outputs marked as resolved. */
    static final double PRIORITY = Priority.LOW;

    @Parameter(required = false)
    private ThreadService threads;

    @Override
    public void process(Module module) {
        if (!(module.getDelegateObject() instanceof Guarded) || !imageJRunning()) {
            return;
        }
        ImagePlus first = null;
        for (ModuleItem<?> output : module.getInfo().outputs()) {
            String name = output.getName();
            if (module.isOutputResolved(name)) {
                continue;
            }
            if (module.getOutput(name) instanceof ImagePlus imp) {
                imp.show();
                first = first == null ? imp : first;
            }
            module.resolveOutput(name);
        }
        // in batch mode show() made each image this thread's current one; SciJava reuses its threads,
        // and the next command's "active image" would be this stale one
        WindowManager.setTempCurrentImage(null);
        if (first != null) {
            makeCurrent(first);
        }
    }

    /**
     * @return whether ImageJ 1 runs with its window or in batch mode (headless Fiji is always in
     *     batch mode), i.e. whether {@code show()} gives an image a macro can see; not in a bare
     *     SciJava context (scripts, tests), where the outputs stay the caller's
     */
    static boolean imageJRunning() {
        return IJ.getInstance() != null || Interpreter.isBatchMode();
    }

    /**
     * Makes the image the current one: its window, or in batch mode the last activated batch-mode
     * image and the temporary current image of the thread that started the command (the macro's:
     * ImageJ 1 keeps the current image per thread while a macro runs).
     */
    private void makeCurrent(ImagePlus imp) {
        ImageWindow win = imp.getWindow();
        if (win != null) {
            WindowManager.setCurrentWindow(win);
            win.toFront();
            return;
        }
        Interpreter.activateImage(imp);
        Thread caller = threads == null ? null : threads.getParent(Thread.currentThread());
        if (caller != null) {
            WindowManager.setTempCurrentImage(caller, imp);
        }
    }
}
