package org.depthfm.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line reference, read from picocli's model of {@code depthfm}: one section per command
 * and subcommand with its description, synopsis, arguments and options, exactly as
 * {@code depthfm COMMAND --help} knows them.
 */
final class CliReference {
    private CliReference() {
    }

    /**
     * @param root the top command
     * @return every command of the tree, depth first, each once (aliases are skipped)
     */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        collect(root, all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private static void collect(CommandLine c, List<CommandLine> all, Set<CommandLine> seen) {
        if (seen.add(c)) {
            all.add(c);
            c.getSubcommands().values().forEach(sub -> collect(sub, all, seen));
        }
    }

    /**
     * @param spec a command
     * @return the id of its section on the CLI page
     */
    static String sectionId(CommandSpec spec) {
        return "cli-" + Html.slug(spec.qualifiedName());
    }

    /**
     * @param option an option
     * @return how the reference writes it, e.g. {@code -o, --output OUT}
     */
    static String signature(OptionSpec option) {
        String names = String.join(", ", option.names());
        return option.arity().max() > 0 ? names + " " + option.paramLabel() : names;
    }

    /**
     * @param root the top command
     * @return one section per command
     */
    static String html(CommandLine root) {
        StringBuilder b = new StringBuilder();
        for (CommandLine c : commands(root)) {
            CommandSpec spec = c.getCommandSpec();
            b.append("<section id=\"").append(sectionId(spec)).append("\" class=\"cli\">\n");
            b.append("<h3>").append(Html.code(spec.qualifiedName())).append("</h3>\n");
            for (String line : spec.usageMessage().description()) {
                b.append("<p>").append(Html.esc(line)).append("</p>\n");
            }
            CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            b.append("<pre class=\"synopsis\">").append(Html.esc(help.synopsis(0).stripTrailing())).append("</pre>\n");
            List<CommandLine> subs = c.getSubcommands().values().stream().distinct().toList();
            if (!subs.isEmpty()) {
                b.append("<p>Subcommands: ");
                b.append(String.join(", ", subs.stream().map(s -> "<a href=\"#" + sectionId(s.getCommandSpec()) + "\">"
                        + Html.code(s.getCommandName()) + "</a>").toList()));
                b.append(".</p>\n");
            }
            List<String[]> rows = new ArrayList<>();
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden()) {
                    rows.add(new String[] {p.paramLabel() + (p.arity().max() > 1 ? "..." : ""), describe(p)});
                }
            }
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    rows.add(new String[] {signature(o), describe(o)});
                }
            }
            if (!rows.isEmpty()) {
                b.append("<table class=\"options\">\n<thead><tr><th>Argument or option</th><th>Meaning</th></tr></thead>\n<tbody>\n");
                for (String[] r : rows) {
                    b.append("<tr><td>").append(Html.code(r[0])).append("</td><td>").append(Html.esc(r[1])).append("</td></tr>\n");
                }
                b.append("</tbody>\n</table>\n");
            }
            b.append("</section>\n");
        }
        return b.toString();
    }

    /** The description picocli prints, its variables (such as the default value) filled in. */
    private static String describe(ArgSpec arg) {
        return String.join(" ", arg.description());
    }
}
