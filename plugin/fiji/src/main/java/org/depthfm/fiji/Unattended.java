package org.depthfm.fiji;

import ij.Macro;
import java.awt.GraphicsEnvironment;

/**
 * Whether a command runs where no one can answer a dialog: from a macro line with options, or
 * without a display. In Fiji a SciJava command runs in a thread of its own, started by the macro's
 * thread; imagej-legacy's patch of {@link Macro#getOptions()} looks up the options of that
 * ancestor, so the options of the calling {@code run(...)} line are visible here.
 */
final class Unattended {
    private Unattended() {
    }

    /** @return the options of the macro line that runs this command, or null outside a macro */
    static String macroOptions() {
        return Macro.getOptions();
    }

    /** @return whether the command was started by a macro line with options */
    static boolean fromMacro() {
        return macroOptions() != null;
    }

    /** @return whether there is no display (Fiji's {@code --headless}, or a JVM without one) */
    static boolean headless() {
        return GraphicsEnvironment.isHeadless();
    }
}
