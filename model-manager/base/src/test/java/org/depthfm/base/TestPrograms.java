package org.depthfm.base;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian programs some tests drive (nginx, squid, Xvfb, …). Where one is not installed the
 * test is skipped with the command that installs it, except under CI ({@code CI} set), where
 * {@code .ci/install-test-tools} installs it and its absence fails the test.
 */
public final class TestPrograms {
    private TestPrograms() {
    }

    /**
     * @param program the executable's name
     * @param aptPackages the Debian packages that hold it (and what it needs)
     * @return its path; skips the test (fails it under CI) if it is not installed
     */
    public static Path require(String program, String aptPackages) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        String why = program + " is not installed (apt-get install " + aptPackages + ", or .ci/install-test-tools)";
        if (System.getenv("CI") != null) {
            fail(why);
        }
        Assumptions.abort(why + ": the tests that need it are skipped");
        throw new AssertionError("unreachable");
    }
}
