package org.depthfm.fiji;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.scijava.Priority;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.run.AbstractCodeRunner;
import org.scijava.run.CodeRunner;

/**
 * Runs a DepthFM command for Fiji's {@code --run "Name" "key=value,…"}, by its menu label
 * ({@code Batch Estimate Depth}), its menu path ({@code Plugins>DepthFM>Batch Estimate Depth})
 * or its class name, through the whole module pipeline. SciJava's own command runner starts a
 * command through {@code CommandService.run}, which returns no result for the commands that
 * fill in their choices when they start (Evaluate Depth, Depth Completion), and then fails while
 * the command still runs.
 */
@Plugin(type = CodeRunner.class, priority = Priority.HIGH)
public final class DepthFmCodeRunner extends AbstractCodeRunner {
    @Parameter
    private CommandService commands;

    @Parameter
    private ModuleService modules;

    @Override
    public void run(Object code, Object... args) throws InvocationTargetException {
        waitFor(modules.run(command(code), true, args));
    }

    @Override
    public void run(Object code, Map<String, Object> inputMap) throws InvocationTargetException {
        waitFor(modules.run(command(code), true, inputMap));
    }

    @Override
    public boolean supports(Object code) {
        return command(code) != null;
    }

    /** @return the DepthFM command that {@code code} names, or null */
    private CommandInfo command(Object code) {
        if (!(code instanceof String name)) {
            return null;
        }
        String wanted = name.replaceAll("\\s*>\\s*", ">").strip();
        for (CommandInfo info : commands.getCommands()) {
            if (!info.getClassName().startsWith(Unattended.class.getPackageName() + ".")) {
                continue;
            }
            String path = info.getMenuPath() == null ? "" : info.getMenuPath().getMenuString();
            if (wanted.equals(info.getClassName()) || wanted.equals(info.getTitle())
                    || wanted.equals(path.replaceAll("\\s*>\\s*", ">"))) {
                return info;
            }
        }
        return null;
    }
}
