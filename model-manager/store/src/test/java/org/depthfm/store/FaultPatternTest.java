package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole-model downloads on a hostile mirror: cut connections, resumes answered with the whole
 * file, server errors. The ground truth is what an ideal client costs on the same fault schedule:
 * it asks for exactly the bytes it lacks and never throws away what it has, so the server sends
 * each byte once per response that reaches it and no more; the downloader must match that count.
 */
@Timeout(60)
class FaultPatternTest {
    @TempDir
    Path tmp;
    private FakeFileServer server;
    private final MessageLog log = new MessageLog();

    @BeforeEach
    void start() throws Exception {
        server = new FakeFileServer();
        TinyModel.serve(server, "files/");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The faults of one file: byte offsets where connections are cut, statuses before requests. */
    private record FileFaults(TreeSet<Long> cuts, Map<Integer, List<Integer>> statusesBefore) {
    }

    @Test
    void fortyCutsEveryThirdRequestIgnoringRangeAndAFirst500PerSmallFileFinishByteExact() throws Exception {
        Random random = new Random(19);
        Map<String, FileFaults> faults = randomCuts(random, 40);
        faults.get(TinyModel.CONFIG).statusesBefore().put(0, List.of(500));
        faults.get(TinyModel.WEIGHTS).statusesBefore().put(0, List.of(500));
        runAndCheck(faults, 3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomFaultPatternsFinishByteExactAtTheIdealCost(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, FileFaults> faults = randomCuts(random, 10 + random.nextInt(50));
        for (FileFaults f : faults.values()) {
            // bursts of at most two errors: the limit (4 here) counts attempts in a row without progress,
            // and a burst may meet a zero-byte cut
            for (int i = 0; i < 6; i++) {
                List<Integer> burst = new ArrayList<>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    burst.add(List.of(500, 502, 503, 429, 408).get(random.nextInt(5)));
                }
                f.statusesBefore().put(random.nextInt(20), burst);
            }
        }
        runAndCheck(faults, random.nextInt(5)); // 0: Range always honoured; 1: never
    }

    /** {@code count} distinct cut offsets over the three files, each file's in proportion to its size. */
    private static Map<String, FileFaults> randomCuts(Random random, int count) {
        Map<String, FileFaults> faults = new LinkedHashMap<>();
        TinyModel.FILES.forEach(f -> faults.put(f, new FileFaults(new TreeSet<>(), new LinkedHashMap<>())));
        long total = TinyModel.totalSize();
        int added = 0;
        while (added < count) {
            long at = 1 + (long) (random.nextDouble() * (total - 1));
            for (String f : TinyModel.FILES) {
                long size = TinyModel.bytes(f).length;
                if (at < size) {
                    if (faults.get(f).cuts().add(at)) {
                        added++;
                    }
                    break;
                }
                at -= size;
            }
        }
        return faults;
    }

    private void runAndCheck(Map<String, FileFaults> faults, int ignoreRangeEvery) throws Exception {
        Expected ideal = ideal(faults, ignoreRangeEvery);
        server.ignoreRangeEvery = ignoreRangeEvery;
        for (String f : TinyModel.FILES) {
            FakeFileServer.Served s = server.file("files/" + f);
            s.cuts.addAll(faults.get(f).cuts());
            s.statuses.addAll(ideal.statusPlan().get(f));
        }
        ModelManager manager = new ModelManager(new StoreSettings(tmp.resolve("cache"), Optional.empty(), false,
                TinyModel.quickHttp().withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5)), Duration.ofSeconds(30)),
                TinyModel.registry(server.uri("files/").toString(), true));
        manager.download(TinyModel.ID, log);
        for (String f : TinyModel.FILES) {
            assertArrayEquals(TinyModel.bytes(f), Files.readAllBytes(tmp.resolve("cache").resolve(TinyModel.ID).resolve(f)),
                    f);
        }
        assertTrue(manager.verify(TinyModel.ID, log).ok());
        assertEquals(ideal.requests(), server.requests().size(), "requests");
        assertEquals(ideal.bytes(), server.bodyBytes(), "body bytes served (" + ideal.bytes() + " for the ideal client)");
    }

    /** The cost of the ideal client, and per file what the server answers to each request (0: the file). */
    private record Expected(int requests, long bytes, Map<String, Deque<Integer>> statusPlan) {
    }

    /**
     * Replays the fault schedule for a client that asks each time for exactly what it lacks: the
     * server's counter of file requests decides which ignore Range (those start at byte 0), each
     * response runs to the next cut past what the client has, or to the end.
     */
    private static Expected ideal(Map<String, FileFaults> faults, int ignoreRangeEvery) {
        int requests = 0;
        long bytes = 0;
        Map<String, Deque<Integer>> plan = new LinkedHashMap<>();
        for (String f : TinyModel.FILES) {
            long size = TinyModel.bytes(f).length;
            FileFaults ff = faults.get(f);
            Deque<Integer> statuses = new ArrayDeque<>();
            long have = 0;
            for (int response = 0; have < size; response++) {
                for (int status : ff.statusesBefore().getOrDefault(response, List.of())) {
                    statuses.add(status);
                    requests++;
                }
                statuses.add(0);
                requests++;
                boolean whole = have == 0 || ignoreRangeEvery > 0 && requests % ignoreRangeEvery == 0;
                long start = whole ? 0 : have;
                Long cut = ff.cuts().higher(have);
                long end = cut == null ? size : cut;
                bytes += end - start;
                have = end;
            }
            plan.put(f, statuses);
        }
        return new Expected(requests, bytes, plan);
    }
}
