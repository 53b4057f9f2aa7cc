package org.depthfm.tools.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sums a libtorch profiler trace (the Chrome-trace JSON that {@code JniUtils.stopProfile}
 * writes) by operator: calls, total time and self time (the operator's time minus that of the
 * operators it called), so the costly operators of a prediction can be named.
 */
public final class OpProfile {
    /**
     * One operator's totals.
     *
     * @param name the aten operator
     * @param calls how many times it ran
     * @param totalMicros time including the operators it called, microseconds
     * @param selfMicros time excluding them, microseconds
     */
    public record Op(String name, long calls, double totalMicros, double selfMicros) {
    }

    private record Event(String name, long tid, double ts, double dur) {
    }

    private OpProfile() {
    }

    /**
     * @param trace the profiler's JSON file
     * @return every operator, largest self time first
     * @throws IOException if the file cannot be read
     */
    public static List<Op> read(Path trace) throws IOException {
        JsonArray events;
        try (Reader r = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject().getAsJsonArray("traceEvents");
        }
        Map<Long, List<Event>> byThread = new HashMap<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("ph") && o.get("ph").getAsString().equals("X") && o.has("dur")) {
                Event ev = new Event(o.get("name").getAsString(), o.has("tid") ? o.get("tid").getAsLong() : 0,
                        o.get("ts").getAsDouble(), o.get("dur").getAsDouble());
                byThread.computeIfAbsent(ev.tid(), k -> new ArrayList<>()).add(ev);
            }
        }
        Map<String, double[]> sums = new HashMap<>();
        for (List<Event> list : byThread.values()) {
            // outer events first; a child lies inside its parent's interval
            list.sort(Comparator.comparingDouble(Event::ts)
                    .thenComparing(Comparator.comparingDouble(Event::dur).reversed()));
            Deque<double[]> open = new ArrayDeque<>();
            Deque<Event> openEvents = new ArrayDeque<>();
            for (Event ev : list) {
                while (!openEvents.isEmpty() && ev.ts() >= openEvents.peek().ts() + openEvents.peek().dur()) {
                    close(openEvents.pop(), open.pop(), sums);
                }
                if (!open.isEmpty()) {
                    open.peek()[0] += ev.dur();
                }
                openEvents.push(ev);
                open.push(new double[] {0});
            }
            while (!openEvents.isEmpty()) {
                close(openEvents.pop(), open.pop(), sums);
            }
        }
        return sums.entrySet().stream()
                .map(e -> new Op(e.getKey(), (long) e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .sorted(Comparator.comparingDouble(Op::selfMicros).reversed()).collect(Collectors.toList());
    }

    private static void close(Event ev, double[] childTime, Map<String, double[]> sums) {
        double[] s = sums.computeIfAbsent(ev.name(), k -> new double[3]);
        s[0]++;
        s[1] += ev.dur();
        s[2] += ev.dur() - childTime[0];
    }
}
