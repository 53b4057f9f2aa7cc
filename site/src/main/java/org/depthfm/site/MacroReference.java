package org.depthfm.site;

import ij.ImagePlus;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.annotations.Index;
import org.scijava.annotations.IndexItem;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;

/**
 * The menu commands and their macro options, read from the command classes: the ones Fiji itself
 * finds (the SciJava plugin index the compiler writes into the jar), each with its
 * {@code @Parameter} fields. A field's name is its macro key (imagej-legacy matches
 * {@code key=value} against the field name), its initial value the default.
 */
final class MacroReference {
    /** The package whose commands are documented. */
    static final String PACKAGE = "org.depthfm.fiji";

    private static final Pattern IJ1_ENTRY = Pattern.compile("^([^,#]+),\\s*\"([^\"]+)\",\\s*[\\w.]+\\(\"([\\w.]+)\"\\)");

    /**
     * One input of a command.
     *
     * @param key the macro key (the field name)
     * @param label the dialog label
     * @param value what the value may be
     * @param defaultValue the default, as a macro would write it ("" when there is none)
     * @param persist whether a macro that leaves it out gets the last value used instead of the default
     * @param description the parameter's description, or ""
     * @param image whether it is an image (a macro names it by title; default: the active image)
     */
    record Input(String key, String label, String value, String defaultValue, boolean persist, String description,
            boolean image) {
    }

    /**
     * One menu command.
     *
     * @param className the class
     * @param menuPath the menu path, {@code >}-separated
     * @param description the plugin's one-line description
     * @param javadoc the class's Javadoc as HTML
     * @param inputs the inputs
     * @param outputs the result images and values, as HTML "Label (key)"
     * @param imagej1Menu the plain ImageJ 1 menu entry of {@code plugins.config}, or null
     */
    record CommandDoc(String className, String menuPath, String description, String javadoc, List<Input> inputs,
            List<String> outputs, String imagej1Menu) {
        /** @return the menu label, the name a macro's {@code run(...)} uses */
        String label() {
            return menuPath.substring(menuPath.lastIndexOf('>') + 1);
        }
    }

    private MacroReference() {
    }

    /**
     * @param loader the class loader whose SciJava index lists the plugins
     * @return the Command classes of {@link #PACKAGE}, sorted by menu path
     */
    static List<Class<?>> commandClasses(ClassLoader loader) {
        List<Class<?>> found = new ArrayList<>();
        for (IndexItem<Plugin> item : Index.load(Plugin.class, loader)) {
            if (!item.className().startsWith(PACKAGE + ".")) {
                continue;
            }
            try {
                Class<?> c = Class.forName(item.className(), false, loader);
                if (Command.class.isAssignableFrom(c) && c.getAnnotation(Plugin.class).type() == Command.class) {
                    found.add(c);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the plugin index lists " + item.className() + ", which is missing", e);
            }
        }
        found.sort((a, b) -> a.getAnnotation(Plugin.class).menuPath().compareTo(b.getAnnotation(Plugin.class).menuPath()));
        return found;
    }

    /**
     * @param c a class
     * @return its {@code @Parameter} fields that a user sets or sees (not injected services, not
     *     the dialog's section headers),
     *     those of its superclasses first
     */
    static List<Field> userParameters(Class<?> c) {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            chain.push(k);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(Parameter.class) && !Service.class.isAssignableFrom(f.getType())
                        && !Context.class.isAssignableFrom(f.getType())
                        && f.getAnnotation(Parameter.class).visibility() != ItemVisibility.MESSAGE) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    /**
     * @param menuPath a command's menu path
     * @return the id of its section on the commands page
     */
    static String sectionId(String menuPath) {
        return "cmd-" + Html.slug(menuPath.substring(menuPath.lastIndexOf('>') + 1));
    }

    /**
     * @param c a command class
     * @param sources the sources, for the class's Javadoc
     * @param pluginsConfig the plain ImageJ 1 menu file, or null
     * @return what the reference says about it
     * @throws ReflectiveOperationException if the command cannot be instantiated for its defaults
     */
    static CommandDoc describe(Class<?> c, JavaSources sources, Path pluginsConfig) throws ReflectiveOperationException {
        Plugin plugin = c.getAnnotation(Plugin.class);
        Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        Object defaults = k.newInstance();
        List<Input> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Field f : userParameters(c)) {
            Parameter p = f.getAnnotation(Parameter.class);
            String label = p.label().isEmpty() ? f.getName() : p.label();
            if (p.type() == ItemIO.OUTPUT) {
                outputs.add(Html.esc(label) + " (" + Html.code(f.getName()) + ")");
                continue;
            }
            f.setAccessible(true);
            boolean image = ImagePlus.class.isAssignableFrom(f.getType());
            inputs.add(new Input(f.getName(), label, value(f, p), image ? "" : macroValue(f.get(defaults)), p.persist(),
                    p.description(), image));
        }
        return new CommandDoc(c.getName(), plugin.menuPath(), plugin.description(),
                JavadocHtml.ofType(sources.source(c.getName()), c.getSimpleName()), inputs, outputs,
                imagej1Menus(pluginsConfig).get(c.getName()));
    }

    /** What a value of this parameter may be, in words. */
    private static String value(Field f, Parameter p) {
        Class<?> t = f.getType();
        if (p.choices().length > 0) {
            return "one of " + List.of(p.choices()).stream().map(Html::code).collect(Collectors.joining(", "));
        }
        if (t == boolean.class || t == Boolean.class) {
            return Html.code("true") + " or " + Html.code("false");
        }
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class || t == double.class
                || t == float.class || t == Double.class || t == Float.class) {
            String kind = t == double.class || t == float.class || t == Double.class || t == Float.class ? "a number" : "a whole number";
            return kind + (p.min().isEmpty() ? "" : p.max().isEmpty() ? " ≥ " + p.min() : " from " + p.min() + " to " + p.max());
        }
        if (t == File.class) {
            return "directory".equals(p.style()) ? "a folder" : "a file";
        }
        if (ImagePlus.class.isAssignableFrom(t)) {
            return "an open image's title";
        }
        return t == String.class ? "text" : t.getSimpleName();
    }

    /**
     * @param value a default value
     * @return it as an ImageJ macro writes it: brackets around values with spaces, "" for none
     */
    static String macroValue(Object value) {
        String s = value == null ? "" : value.toString();
        return s.contains(" ") ? "[" + s + "]" : s;
    }

    /** @return the command class of each plain ImageJ 1 menu entry, to its menu path */
    private static Map<String, String> imagej1Menus(Path pluginsConfig) {
        Map<String, String> menus = new HashMap<>();
        if (pluginsConfig != null && Files.isRegularFile(pluginsConfig)) {
            for (String line : JavaSources.read(pluginsConfig).split("\n")) {
                Matcher m = IJ1_ENTRY.matcher(line.strip());
                if (m.find()) {
                    menus.put(m.group(3), m.group(1).strip() + ">" + m.group(2));
                }
            }
        }
        return menus;
    }

    /**
     * @param doc a command
     * @return the macro line that runs it with every option at its default, as the recorder writes it
     */
    static String defaultMacro(CommandDoc doc) {
        String options = doc.inputs().stream().filter(i -> !i.image() && !i.defaultValue().isEmpty())
                .map(i -> i.key() + "=" + i.defaultValue()).collect(Collectors.joining(" "));
        return "run(\"" + doc.label() + "\", \"" + options + "\");";
    }

    /**
     * @param docs the commands
     * @return one section per command
     */
    static String html(List<CommandDoc> docs) {
        StringBuilder b = new StringBuilder();
        for (CommandDoc d : docs) {
            b.append("<section id=\"").append(sectionId(d.menuPath())).append("\" class=\"command\">\n");
            b.append("<h3>").append(Html.esc(d.label())).append("</h3>\n");
            b.append("<p class=\"menu\">").append(menu(d.menuPath()));
            if (d.imagej1Menu() != null) {
                b.append(" <span class=\"also\">(plain ImageJ 1: ").append(menu(d.imagej1Menu())).append(")</span>");
            }
            b.append("</p>\n");
            if (!d.description().isEmpty()) {
                b.append("<p class=\"lead\">").append(Html.esc(d.description())).append("</p>\n");
            }
            b.append(d.javadoc());
            b.append("<p>Macro, every option at its default:</p>\n<pre><code>").append(Html.esc(defaultMacro(d)))
                    .append("</code></pre>\n");
            b.append("<table class=\"options\">\n<thead><tr><th>Macro key</th><th>Dialog label</th><th>Value</th>"
                    + "<th>Default</th><th>Left out of a macro</th></tr></thead>\n<tbody>\n");
            for (Input i : d.inputs()) {
                b.append("<tr><td>").append(Html.code(i.key())).append("</td><td>").append(Html.esc(i.label()));
                if (!i.description().isEmpty()) {
                    b.append("<br/><small>").append(Html.esc(i.description())).append("</small>");
                }
                b.append("</td><td>").append(i.value()).append("</td><td>")
                        .append(i.image() ? "the active image" : i.defaultValue().isEmpty() ? "none" : Html.code(i.defaultValue()))
                        .append("</td><td>").append(i.image() ? "the active image" : i.persist() ? "last value used" : "default")
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
            if (!d.outputs().isEmpty()) {
                b.append("<p>Results: ").append(String.join(", ", d.outputs()))
                        .append(".</p>\n");
            }
            b.append("</section>\n");
        }
        return b.toString();
    }

    private static String menu(String path) {
        return List.of(path.split(">")).stream().map(s -> "<b>" + Html.esc(s.strip()) + "</b>").collect(Collectors.joining(" › "));
    }
}
