package org.depthfm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.depthfm.cli.DepthFmCli;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The reference pages cannot drift from the code: every command class of the Fiji package and
 * every macro key it declares, and every command-line command, option and argument, appear in the
 * built site; and every macro line and {@code depthfm} command line shown anywhere on the site is
 * one the code accepts. The classes are found here from the compiled code itself, not through the
 * site generator.
 */
class SiteReferenceIT {
    private static final Path SITE = Path.of(System.getProperty("depthfm.site"));
    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)<pre><code[^>]*>(.*?)</code></pre>");
    private static final Pattern MACRO_RUN = Pattern.compile("run\\(\"([^\"]+)\"(?:\\s*,\\s*\"([^\"]*)\")?\\s*\\)");
    private static final Pattern OPTION_TOKEN = Pattern.compile("(\\w+)(?:=(\\[[^\\]]*\\]|\\S*))?");

    @Test
    void everyCommandAndMacroKeyIsOnTheCommandsPage() throws IOException {
        String page = Files.readString(SITE.resolve("commands.html"));
        Map<String, Set<String>> commands = fijiCommands();
        assertTrue(!commands.isEmpty(), "found the command classes");
        commands.forEach((menuPath, keys) -> {
            String section = section(page, MacroReference.sectionId(menuPath));
            String label = menuPath.substring(menuPath.lastIndexOf('>') + 1);
            assertTrue(section.contains("<h3>" + Html.esc(label) + "</h3>"), "the section of " + menuPath + " is headed by its label");
            for (String key : keys) {
                assertTrue(section.contains("<code>" + key + "</code>"), menuPath + " documents its parameter " + key);
            }
        });
    }

    @Test
    void everyCommandLineCommandOptionAndArgumentIsOnTheCliPage() throws IOException {
        String page = Files.readString(SITE.resolve("cli.html"));
        List<CommandSpec> specs = new ArrayList<>();
        collect(new CommandLine(new DepthFmCli()), specs);
        assertTrue(specs.size() > 5, "found the subcommands");
        for (CommandSpec spec : specs) {
            String section = section(page, "cli-" + Html.slug(spec.qualifiedName()));
            assertTrue(section.contains(Html.esc(spec.qualifiedName())), spec.qualifiedName() + " has its section");
            for (OptionSpec o : spec.options()) {
                for (String name : o.hidden() ? new String[0] : o.names()) {
                    assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(section).find(),
                            spec.qualifiedName() + " documents " + name);
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                assertTrue(p.hidden() || section.contains(Html.esc(p.paramLabel())),
                        spec.qualifiedName() + " documents its argument " + p.paramLabel());
            }
        }
    }

    @Test
    void everyMacroLineAndCommandLineOnTheSiteIsAccepted() throws IOException {
        Map<String, Set<String>> keysByLabel = new LinkedHashMap<>();
        fijiCommands().forEach((menuPath, keys) -> keysByLabel.put(menuPath.substring(menuPath.lastIndexOf('>') + 1), keys));
        int macros = 0;
        int commandLines = 0;
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> pages = Files.list(SITE)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Matcher block = CODE_BLOCK.matcher(Files.readString(page));
                while (block.find()) {
                    // a shell line continued with a trailing backslash is one command line
                    for (String line : unescape(block.group(1)).replace("\\\n", " ").split("\n")) {
                        Matcher run = MACRO_RUN.matcher(line);
                        while (run.find()) {
                            Set<String> keys = keysByLabel.get(run.group(1));
                            if (keys != null) {
                                macros++;
                                wrong.addAll(macroProblems(page, run.group(1), run.group(2), keys));
                            }
                        }
                        List<String> args = depthfmArguments(line);
                        if (args != null) {
                            commandLines++;
                            try {
                                new CommandLine(new DepthFmCli()).parseArgs(args.toArray(String[]::new));
                            } catch (CommandLine.ParameterException e) {
                                wrong.add(page.getFileName() + ": '" + line.strip() + "': " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "macro and command lines on the site that the code would reject");
        assertTrue(macros >= 3 && commandLines >= 15, "checked " + macros + " macro lines and " + commandLines + " command lines");
    }

    /** Menu path to macro keys: the {@code @Parameter} fields (own and inherited) that are not injected services. */
    private static Map<String, Set<String>> fijiCommands() {
        Map<String, Set<String>> commands = new LinkedHashMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(MacroReference.PACKAGE)) {
            if (!c.isAnnotatedWith(Plugin.class) || c.getAnnotationOfType(Plugin.class).type() != Command.class) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            for (JavaField f : c.getAllFields()) {
                // SciJava's own base classes (DynamicCommand) only add injected services
                if (f.getOwner().getPackageName().startsWith("org.depthfm.") && f.isAnnotatedWith(Parameter.class)
                        && !f.getRawType().isAssignableTo(Service.class)
                        && !f.getRawType().isAssignableTo(Context.class)
                        && f.getAnnotationOfType(Parameter.class).visibility() != ItemVisibility.MESSAGE) {
                    keys.add(f.getName());
                }
            }
            commands.put(c.getAnnotationOfType(Plugin.class).menuPath(), keys);
        }
        return commands;
    }

    private static void collect(CommandLine c, List<CommandSpec> specs) {
        if (specs.stream().noneMatch(s -> s == c.getCommandSpec())) {
            specs.add(c.getCommandSpec());
            c.getSubcommands().values().forEach(sub -> collect(sub, specs));
        }
    }

    /** The HTML of the element with this id up to its closing tag (sections do not nest). */
    private static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertTrue(start >= 0, "the page has a section " + id);
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static List<String> macroProblems(Path page, String label, String options, Set<String> keys) {
        List<String> problems = new ArrayList<>();
        Matcher t = OPTION_TOKEN.matcher(options == null ? "" : options);
        while (t.find()) {
            if (t.group(2) == null) {
                problems.add(page.getFileName() + ": run(\"" + label + "\"): '" + t.group(1)
                        + "' has no value (SciJava commands read key=value only)");
            } else if (!keys.contains(t.group(1))) {
                problems.add(page.getFileName() + ": run(\"" + label + "\"): unknown key '" + t.group(1) + "'");
            }
        }
        return problems;
    }

    /**
     * @param line a line of a code block
     * @return the arguments after {@code depthfm} if the line runs it (after optional VAR=value
     *     assignments; up to a comment, redirection or pipe), else null
     */
    static List<String> depthfmArguments(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if ((c == '#' && !inWord) || c == '>' || c == '|' || c == ';' || c == '&') {
                if (c == '>' && w.toString().matches("\\d+")) {
                    inWord = false; // "2>": the redirected stream's number is not an argument
                }
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        int i = 0;
        while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        if (i >= words.size() || !(words.get(i).equals("./depthfm") || words.get(i).equals("depthfm"))) {
            return null;
        }
        return words.subList(i + 1, words.size());
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
