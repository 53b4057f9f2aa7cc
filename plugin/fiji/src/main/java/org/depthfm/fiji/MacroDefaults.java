package org.depthfm.fiji;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

/**
 * Gives a DepthFM command run by a macro line (or headless) its documented default for every
 * input the line leaves out, so that it never opens a dialog or a file chooser, and never takes a
 * value remembered from an earlier run. Without this, Fiji's module pipeline harvests every input
 * that imagej-legacy's {@code MacroPreprocessor} did not set: a dialog in the GUI, a silent cancel
 * headless, and a folder chooser for an empty folder input. The unnamed {@code image} input
 * becomes the active image. An option that names no input of the command, or an image title that
 * is not open, stops the command with a message naming it.
 */
@Plugin(type = PreprocessorPlugin.class, priority = MacroDefaults.PRIORITY)
public final class MacroDefaults extends AbstractPreprocessorPlugin {
    /**
     * After imagej-legacy's {@code MacroPreprocessor} (2 x VERY_HIGH) set the named inputs,
     * the active image went to a single image input (VERY_HIGH + 1) and the initializers ran
     * ({@code InitPreprocessor}, HIGH); before the remembered values are loaded
     * ({@code LoadInputsPreprocessor}, VERY_LOW + 1), the file chooser and the dialog (VERY_LOW).
     */
    static final double PRIORITY = Priority.NORMAL;

    /** The input that takes the active image when a macro does not name one. */
    static final String ACTIVE_IMAGE = "image";

    /** A macro option: {@code key=value}, {@code key=[value with spaces]} or a bare check-box {@code key}. */
    private static final Pattern OPTION = Pattern.compile("([A-Za-z_][\\w.]*)(?:=(?:\\[[^\\]]*\\]|\\S*))?");

    @Override
    public void process(Module module) {
        if (!(module.getDelegateObject() instanceof Guarded command)) {
            return;
        }
        String options = Unattended.macroOptions();
        if (options == null && !Unattended.headless()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        for (ModuleItem<?> input : module.getInfo().inputs()) {
            Class<?> type = input.getType();
            if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) {
                continue;
            }
            String name = input.getName();
            if (input.getVisibility() != ItemVisibility.MESSAGE) {
                names.add(name);
            }
            if (module.isInputResolved(name)) {
                continue;
            }
            if (type == ImagePlus.class) {
                String title = options == null ? null : Macro.getValue(options, name, null);
                if (title != null) {
                    command.rejectInput(name + "=" + title + ": no open image has this title (the open images: "
                            + openTitles() + ")");
                } else if (name.equals(ACTIVE_IMAGE) && module.getInput(name) == null) {
                    module.setInput(name, WindowManager.getCurrentImage());
                }
            }
            module.resolveInput(name);
        }
        if (options != null) {
            String unknown = unknownKeys(options, names);
            if (!unknown.isEmpty()) {
                command.rejectInput("unknown option " + unknown + " for " + module.getInfo().getTitle()
                        + ": its options are " + String.join(", ", names));
            }
        }
    }

    /**
     * @param options a macro line's options
     * @param names the command's input names
     * @return the keys of the options that name no input, comma-separated, or ""
     */
    static String unknownKeys(String options, Set<String> names) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = OPTION.matcher(options);
        while (m.find()) {
            String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!names.contains(key)) {
                unknown.add("'" + key + "'");
            }
        }
        return String.join(", ", unknown);
    }

    private static String openTitles() {
        String[] titles = WindowManager.getImageTitles();
        return titles.length == 0 ? "none" : String.join(", ", titles);
    }
}
