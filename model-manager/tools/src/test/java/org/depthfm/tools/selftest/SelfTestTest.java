package org.depthfm.tools.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.depthfm.base.Fixtures;
import org.depthfm.engine.runtime.EngineOptions;
import org.junit.jupiter.api.Test;

class SelfTestTest {
    @Test
    void everyPublicCaseMatchesTheOfficialCode() {
        List<SelfTest.CaseResult> results = SelfTest.run(Fixtures.tiny(), EngineOptions.CPU_FP32,
                r -> System.out.printf("%-28s %-4s worst %.2e %s%n", r.name(), r.passed(SelfTest.TOLERANCE) ? "PASS" : "FAIL",
                        r.worst(), r.failure() == null ? r.errors() : r.failure()));
        assertTrue(results.size() >= 13, "cases run: " + results.size());
        for (SelfTest.CaseResult r : results) {
            assertTrue(r.passed(SelfTest.TOLERANCE), r.name() + ": " + (r.failure() != null ? r.failure() : r.errors()));
        }
    }
}
