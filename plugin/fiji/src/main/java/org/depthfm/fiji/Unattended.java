package org.depthfm.fiji;

import ij.Macro;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;

/**
 * Whether a command runs where no one can answer a dialog: from a macro line with options, or
 * without a display. In Fiji a SciJava command runs in a thread of its own, started by the macro's
 * thread; imagej-legacy's patch of {@link Macro#getOptions()} looks up the options of that
 * ancestor, so the options of the calling {@code run(...)} line are visible here.
 */
public final class Unattended {
    private Unattended() {
    }

    /** @return the options of the macro line that runs this command, or null outside a macro */
    static String macroOptions() {
        return Macro.getOptions();
    }

    /** @return whether the command was started by a macro line with options */
    public static boolean fromMacro() {
        return macroOptions() != null;
    }

    /**
     * Stops the running macro after its current line, quietly: the interpreter ignores the error
     * (no "Macro Error" dialog) and ends. In Fiji a command runs in a thread of its own, so ImageJ
     * 1's {@code Macro.abort()}, which throws in the macro's own thread, cannot stop it from there.
     *
     * @param message why, kept as the macro's error message
     */
    public static void stopMacro(String message) {
        Interpreter macro = Interpreter.getInstance();
        if (macro != null) {
            macro.setIgnoreErrors(true);
            macro.abort(message);
        }
    }

    /** @return whether there is no display (Fiji's {@code --headless}, or a JVM without one) */
    static boolean headless() {
        return GraphicsEnvironment.isHeadless();
    }
}
