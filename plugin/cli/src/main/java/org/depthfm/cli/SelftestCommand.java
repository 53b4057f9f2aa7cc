package org.depthfm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.depthfm.tools.selftest.SelfTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm selftest DIR}: parity with the official code on a reference fixture folder. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Runs every case of a reference fixture folder (cases.json + case_*.safetensors, made by the"
                + " official DepthFM code) through the real loaders and prints each case's largest error.",
                "Exits 1 if any case is over the tolerance."})
final class SelftestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FIXTURE_DIR", description = "A fixture folder, e.g. ../shared/fixtures/depthfm-tiny.")
    Path dir;

    @Option(names = "--tolerance", defaultValue = "1e-4", paramLabel = "T",
            description = "Largest allowed absolute error (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() {
        PathChecks.requireDirectory(dir, "fixture folder");
        PrintWriter out = spec.commandLine().getOut();
        engine.useThreads(0);
        List<SelfTest.CaseResult> results = SelfTest.run(dir, engine.options(), r -> {
            out.printf(Locale.ROOT, "%s  %-28s worst %.2e  %s%n", r.passed(tolerance) ? "PASS" : "FAIL", r.name(),
                    r.worst(), r.failure() != null ? r.failure() : details(r));
            out.flush();
        });
        long passed = results.stream().filter(r -> r.passed(tolerance)).count();
        double worst = results.stream().mapToDouble(SelfTest.CaseResult::worst).max().orElse(0);
        out.printf(Locale.ROOT, "%d/%d cases pass at %.0e (worst %.2e)%n", passed, results.size(), tolerance, worst);
        return passed == results.size() && !results.isEmpty() ? 0 : 1;
    }

    private static String details(SelfTest.CaseResult r) {
        return r.errors().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1e", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
