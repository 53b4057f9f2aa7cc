package org.depthfm.site;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven through the DevTools protocol over a WebSocket ({@code java.net.http},
 * no browser-driver dependency): it opens one page at a time and reports what a reader would
 * notice, namely scripts that fail, console errors, resources that do not load, and requests that
 * leave the site. Every request that is not to the loopback address goes to a closed local proxy
 * port, so a page can never reach the network.
 */
final class Chromium implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final String session;

    /**
     * @return the Chromium executable: {@code -Ddepthfm.chromium}, else the first of chromium,
     *     chromium-browser and google-chrome on the PATH
     */
    static Optional<Path> executable() {
        String configured = System.getProperty("depthfm.chromium");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Chromium with a new profile and opens an empty 1280 x 900 page.
     *
     * @param executable the browser
     * @param log where the browser's own output goes
     * @throws Exception if it does not start, or not in time
     */
    Chromium(Path executable, Path log) throws Exception {
        profile = Files.createTempDirectory("depthfm-chromium");
        process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--proxy-server=http://127.0.0.1:9",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("Chromium did not open its DevTools port; see " + log);
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip()), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", json("url", "about:blank")).get("targetId").getAsString();
        JsonObject attach = json("targetId", target);
        attach.addProperty("flatten", true);
        session = call(null, "Target.attachToTarget", attach).get("sessionId").getAsString();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            send(domain + ".enable", new JsonObject());
        }
        JsonObject metrics = new JsonObject();
        metrics.addProperty("width", 1280);
        metrics.addProperty("height", 900);
        metrics.addProperty("deviceScaleFactor", 1);
        metrics.addProperty("mobile", false);
        send("Emulation.setDeviceMetricsOverride", metrics);
    }

    /**
     * Opens a page and waits until it has loaded.
     *
     * @param url the page
     * @return what went wrong while loading it, one line each (empty when nothing did)
     * @throws InterruptedException if interrupted
     */
    List<String> open(String url) throws InterruptedException {
        String origin = URI.create(url).resolve("/").toString();
        synchronized (events) {
            events.clear();
        }
        send("Page.navigate", json("url", url));
        awaitEvent("Page.loadEventFired");
        Thread.sleep(200); // console messages of the last scripts may trail the load event
        List<String> problems = new ArrayList<>();
        Map<String, String> urls = new ConcurrentHashMap<>();
        synchronized (events) {
            for (JsonObject e : events) {
                JsonObject p = e.getAsJsonObject("params");
                switch (e.get("method").getAsString()) {
                    case "Network.requestWillBeSent" -> {
                        String u = p.getAsJsonObject("request").get("url").getAsString();
                        urls.put(p.get("requestId").getAsString(), u);
                        if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("about:")) {
                            problems.add("request outside the site: " + u);
                        }
                    }
                    case "Network.responseReceived" -> {
                        JsonObject r = p.getAsJsonObject("response");
                        if (r.get("status").getAsInt() >= 400) {
                            problems.add("HTTP " + r.get("status").getAsInt() + ": " + r.get("url").getAsString());
                        }
                    }
                    case "Network.loadingFailed" -> problems.add("did not load (" + p.get("errorText").getAsString() + "): "
                            + urls.getOrDefault(p.get("requestId").getAsString(), "?"));
                    case "Runtime.exceptionThrown" -> problems.add("script error: "
                            + p.getAsJsonObject("exceptionDetails").get("text").getAsString());
                    case "Runtime.consoleAPICalled" -> {
                        String type = p.get("type").getAsString();
                        if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                            problems.add("console." + type + ": " + p.getAsJsonArray("args"));
                        }
                    }
                    case "Log.entryAdded" -> {
                        JsonObject entry = p.getAsJsonObject("entry");
                        if (entry.get("level").getAsString().equals("error")) {
                            problems.add("console: " + entry.get("text").getAsString());
                        }
                    }
                    default -> { }
                }
            }
        }
        return problems;
    }

    /**
     * @param expression JavaScript whose value is JSON-serialisable
     * @return its value in the open page
     */
    private JsonElement evaluate(String expression) {
        JsonObject params = json("expression", "JSON.stringify(" + expression + ")");
        params.addProperty("returnByValue", true);
        JsonObject result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return JsonParser.parseString(result.getAsJsonObject("result").get("value").getAsString());
    }

    /**
     * @param expression JavaScript giving an array of strings
     * @return the strings
     */
    List<String> strings(String expression) {
        JsonArray a = evaluate(expression).getAsJsonArray();
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /** @return a PNG of the visible part of the open page (1280 x 900) */
    byte[] screenshot() {
        return Base64.getDecoder().decode(send("Page.captureScreenshot", json("format", "png")).get("data").getAsString());
    }

    private JsonObject send(String method, JsonObject params) {
        return call(session, method, params);
    }

    private JsonObject call(String sessionId, String method, JsonObject params) {
        int id = ids.incrementAndGet();
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        if (sessionId != null) {
            msg.addProperty("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(msg.toString(), true).join();
        JsonObject r;
        try {
            r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Chromium did not answer " + method, e);
        }
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.getAsJsonObject("result");
    }

    private void awaitEvent(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (events) {
                if (events.stream().anyMatch(e -> e.get("method").getAsString().equals(method))) {
                    return;
                }
                events.wait(100);
            }
        }
        throw new IllegalStateException("no " + method + " within " + TIMEOUT.toSeconds() + " s");
    }

    private static JsonObject json(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    /** Reassembles the protocol's messages (which may arrive in pieces) and routes replies and events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject msg = JsonParser.parseString(partial.toString()).getAsJsonObject();
                partial.setLength(0);
                if (msg.has("id")) {
                    CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
                    if (f != null) {
                        f.complete(msg);
                    }
                } else if (msg.has("method")) {
                    synchronized (events) {
                        events.add(msg);
                        events.notifyAll();
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        // the browser's helper processes outlive it for a moment and keep writing into the profile
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Folders.deleteTree(profile);
                return;
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
