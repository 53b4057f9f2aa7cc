package org.depthfm.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import ij.plugin.PlugIn;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.depthfm.fiji.DepthFmService;
import org.depthfm.fiji.Unattended;
import org.scijava.Context;
import org.scijava.Cancelable;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.module.MethodCallException;
import org.scijava.module.Module;
import org.scijava.command.CommandService;
import org.scijava.module.MethodCallException;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.service.Service;

/**
 * Runs a DepthFM SciJava command from plain ImageJ 1, where no SciJava legacy layer exists: the
 * menu entries of {@code plugins.config} point here with the command's class name. The command's
 * inputs become a GenericDialog whose keys are the inputs' names, so a macro line such as
 * {@code run("Estimate Depth", "steps=2 ensemble_size=4")} means the same in ImageJ 1 and in
 * Fiji (where the command itself is the menu entry). There is one implementation: the command.
 */
public final class CommandBridge implements PlugIn {
    private static Context context;

    @Override
    public void run(String className) {
        try {
            CommandService commands = context().service(CommandService.class);
            CommandInfo info = commands.getCommand(className);
            if (info == null) {
                throw new IllegalStateException("DepthFM command " + className + " is missing from the plugin jar");
            }
            Map<String, Object> inputs = askInputs(info, commands);
            if (inputs == null) {
                return;
            }
            Module module = commands.moduleService().run(info, true, inputs).get();
            // the outputs are shown by the plugin's ImageJOutputs postprocessor, as in Fiji
            if (module instanceof Cancelable c && c.isCanceled() && !c.getCancelReason().isEmpty()) {
                fail(info.getTitle(), c.getCancelReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | MethodCallException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            fail("DepthFM", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    /** The SciJava context of an ImageJ 1 session, created on first use with the plugins' class loader. */
    static synchronized Context context() {
        if (context == null) {
            List<Class<? extends Service>> services = new ArrayList<>();
            services.add(CommandService.class);
            services.add(DepthFmService.class);
            context = new Context(services, new PluginIndex(new DefaultPluginFinder(IJ.getClassLoader())));
        }
        return context;
    }

    /**
     * The inputs: in a macro, read from its options exactly as Fiji reads them ({@code key=value},
     * and for check boxes also ImageJ 1's bare {@code key}); otherwise from a dialog, recorded as
     * Fiji records ({@code key=value} for every input, {@code key=true} for check boxes), so a
     * recorded line runs the same in both.
     */
    private static Map<String, Object> askInputs(CommandInfo info, CommandService commands)
            throws MethodCallException {
        Module defaults = commands.moduleService().createModule(info);
        defaults.initialize(); // the choices a command fills in when it starts (the open images)
        String macro = Macro.getOptions();
        GenericDialog gd = macro == null ? new GenericDialog(info.getTitle()) : null;
        List<ModuleItem<?>> asked = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (ModuleItem<?> item : defaults.getInfo().inputs()) {
            Class<?> type = item.getType();
            if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)
                    || item.getVisibility() == ItemVisibility.MESSAGE) {
                continue;
            }
            if (type == ImagePlus.class && item.getName().equals(ACTIVE_IMAGE)) {
                inputs.put(item.getName(), WindowManager.getCurrentImage());
                continue;
            }
            if (gd == null) {
                inputs.put(item.getName(), fromMacro(macro, item, defaults.getInput(item.getName())));
            } else {
                addField(gd, item, defaults.getInput(item.getName()));
                asked.add(item);
            }
        }
        if (gd == null || asked.isEmpty()) {
            return inputs;
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        boolean recording = Recorder.record;
        Recorder.record = false; // the dialog would record check boxes ImageJ 1's way: record below instead
        try {
            for (ModuleItem<?> item : asked) {
                inputs.put(item.getName(), readField(gd, item));
            }
        } finally {
            Recorder.record = recording;
        }
        if (recording) {
            inputs.forEach((key, value) -> {
                if (value != null) {
                    Recorder.recordOption(key, value instanceof ImagePlus imp ? imp.getTitle() : value.toString());
                }
            });
        }
        return inputs;
    }

    /** An input's value from a macro's options, or its default when the macro leaves it out. */
    static Object fromMacro(String options, ModuleItem<?> item, Object fallback) {
        String key = item.getName();
        String text = Macro.getValue(options, key, null);
        Class<?> type = item.getType();
        if (type == boolean.class || type == Boolean.class) {
            if (text == null) {
                // ImageJ 1's check-box style: the bare key means true
                return (" " + options + " ").matches("(?s).*[^A-Za-z_]" + key + "\\s.*") || Boolean.TRUE.equals(fallback);
            }
            return Boolean.parseBoolean(text.trim());
        }
        if (text == null) {
            return fallback;
        }
        if (type == ImagePlus.class) {
            ImagePlus imp = WindowManager.getImage(text);
            if (imp == null && !text.equals(NONE)) {
                throw new IllegalArgumentException(key + ": there is no image titled '" + text + "'");
            }
            return imp;
        }
        try {
            if (isInteger(type)) {
                long v = Long.parseLong(text.trim());
                return type == long.class || type == Long.class ? (Object) v : (Object) Math.toIntExact(v);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text.trim());
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(text.trim());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + "=" + text + " is not a valid number");
        }
        if (type == File.class) {
            return text.isBlank() ? null : new File(text);
        }
        if (item.getChoices() != null && !item.getChoices().isEmpty() && !item.getChoices().contains(text)) {
            throw new IllegalArgumentException(key + "=" + text + " is not one of " + item.getChoices());
        }
        return text;
    }

    /** The input that takes the active image; other image inputs are chosen by title. */
    private static final String ACTIVE_IMAGE = "image";
    private static final String NONE = "*None*";

    /** The dialog label starts with the input's name: ImageJ 1 takes a label's first word as its macro key. */
    private static String label(ModuleItem<?> item) {
        String name = item.getName();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static void addField(GenericDialog gd, ModuleItem<?> item, Object value) {
        Class<?> type = item.getType();
        String label = label(item);
        if (type == ImagePlus.class) {
            gd.addChoice(label, imageTitles(item.isRequired()), titleOf(WindowManager.getCurrentImage()));
        } else if (type == boolean.class || type == Boolean.class) {
            gd.addCheckbox(label, Boolean.TRUE.equals(value));
        } else if (isInteger(type) || type == double.class || type == Double.class || type == float.class
                || type == Float.class) {
            gd.addNumericField(label, value == null ? 0 : ((Number) value).doubleValue(), isInteger(type) ? 0 : 4);
        } else if (item.getChoices() != null && !item.getChoices().isEmpty()) {
            String[] choices = item.getChoices().stream().map(String::valueOf).toArray(String[]::new);
            gd.addChoice(label, choices, value == null ? choices[0] : value.toString());
        } else if (type == File.class) {
            String path = value == null ? "" : ((File) value).getPath();
            if ("directory".equals(item.getWidgetStyle())) {
                gd.addDirectoryField(label, path);
            } else {
                gd.addFileField(label, path);
            }
        } else {
            gd.addStringField(label, value == null ? "" : value.toString(), 30);
        }
    }

    private static Object readField(GenericDialog gd, ModuleItem<?> item) {
        Class<?> type = item.getType();
        if (type == ImagePlus.class) {
            String title = gd.getNextChoice();
            return title.equals(NONE) ? null : WindowManager.getImage(title);
        }
        if (type == boolean.class || type == Boolean.class) {
            return gd.getNextBoolean();
        }
        if (isInteger(type)) {
            double v = gd.getNextNumber();
            if (Double.isNaN(v) || v != Math.rint(v)) {
                throw new IllegalArgumentException(item.getName() + " must be a whole number");
            }
            return type == long.class || type == Long.class ? (Object) (long) v : (Object) (int) v;
        }
        if (type == double.class || type == Double.class) {
            return gd.getNextNumber();
        }
        if (type == float.class || type == Float.class) {
            return (float) gd.getNextNumber();
        }
        if (item.getChoices() != null && !item.getChoices().isEmpty()) {
            return gd.getNextChoice();
        }
        if (type == File.class) {
            String s = gd.getNextString().trim();
            return s.isEmpty() ? null : new File(s);
        }
        return gd.getNextString();
    }

    /** The open images' titles, with a "none" choice for optional inputs. */
    private static String[] imageTitles(boolean required) {
        List<String> titles = new ArrayList<>();
        if (!required) {
            titles.add(NONE);
        }
        int[] ids = WindowManager.getIDList();
        if (ids != null) {
            for (int id : ids) {
                titles.add(WindowManager.getImage(id).getTitle());
            }
        }
        if (titles.isEmpty()) {
            throw new IllegalArgumentException("no image is open: open the images first");
        }
        return titles.toArray(String[]::new);
    }

    private static String titleOf(ImagePlus imp) {
        return imp == null ? NONE : imp.getTitle();
    }

    private static boolean isInteger(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    /**
     * Reports an error: inside a macro as one line in the Log window, stopping the macro so that
     * a batch does not go on silently (no dialog, as in Fiji); otherwise in a dialog.
     */
    private static void fail(String title, String message) {
        if (Macro.getOptions() != null) {
            IJ.log(message.startsWith("DepthFM: ") ? message : "DepthFM: " + message);
            Unattended.stopMacro(message);
        } else {
            IJ.error(title, message);
        }
    }
}
