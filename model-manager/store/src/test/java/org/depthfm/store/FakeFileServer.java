package org.depthfm.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 file server on loopback, written on raw sockets so that tests can cut a
 * connection at an exact byte, stall, lie about the length or answer with any status. It serves
 * ranges with ETag/If-Range like a CDN, accepts absolute request targets (so it doubles as an
 * HTTP proxy), answers {@code /redirect/PATH} with a 302 to {@code /PATH}, and logs every request
 * and the bytes of every response.
 * Every connection is closed after one response.
 */
public final class FakeFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    private static final int CHUNK = 8192;

    /** A response as sent: its status and the file's bytes {@code [start, end)} it carried. */
    record Sent(String path, int status, long start, long end) {
    }

    /** A request as received. */
    record Request(String method, String target, String path, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A served file and the faults to inject when serving it (each fault fires once). */
    public static final class Served {
        volatile byte[] content;
        volatile String etag;
        volatile boolean ignoreRange;
        /** Honour Range but not If-Range, as broken caches do: sends ranges of whatever the file is now. */
        volatile boolean ignoreIfRange;
        /** Offsets into the file at which to close the connection mid-body, ascending. */
        public final ConcurrentLinkedDeque<Long> cuts = new ConcurrentLinkedDeque<>();
        /** Statuses to answer, one per request, before the file is served; 0 serves the file at that place. */
        public final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
        /** Offset at which to stop sending (without closing) for {@link #stallMillis}, or -1. */
        volatile long stallAt = -1;
        volatile long stallMillis;
        /** Stall this long before sending the headers of the next response. */
        volatile long headerStallMillis;
        /** Announce this many bytes more than sent in the next response, then close. */
        volatile long lieBytes;
        /** Throttle: bytes per second, 0 for unlimited. */
        volatile long bytesPerSecond;

        Served(byte[] content, String etag) {
            this.content = content;
            this.etag = etag;
        }

        /** Replaces the content, as an upstream update would (new ETag). */
        void replace(byte[] newContent, String newEtag) {
            content = newContent;
            etag = newEtag;
        }
    }

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-file-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bodyBytes = new AtomicLong();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger fileRequests = new AtomicInteger();
    /** Every n-th request for a file (counted over all files, from 1) ignores Range; 0 for none. */
    volatile int ignoreRangeEvery;

    public FakeFileServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    /** @return the URL of a path on this server */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/" + path);
    }

    /** @return this server as a proxy address, {@code 127.0.0.1:PORT} */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public Served put(String path, byte[] content) {
        Served s = new Served(content, "\"" + Integer.toHexString(Arrays.hashCode(content)) + "\"");
        files.put(path, s);
        return s;
    }

    public Served file(String path) {
        return files.get(path);
    }

    /** @return the requests received so far */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** @return the requests for one path */
    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** @return the responses with file bytes sent so far (200 and 206), in order */
    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** @return body bytes sent so far, over all responses */
    long bodyBytes() {
        return bodyBytes.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                pool.execute(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            Request r = readRequest(new BufferedInputStream(s.getInputStream()));
            if (r == null) {
                return;
            }
            requests.add(r);
            respond(r, s.getOutputStream());
        } catch (IOException e) {
            // the client went away (it gave up on a stall, or cancelled): nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // server closing
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        String target = parts[1];
        String path = (target.startsWith("http://") ? URI.create(target).getPath() : target).substring(1);
        return new Request(parts[0], target, path, headers);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void respond(Request r, OutputStream out) throws IOException, InterruptedException {
        if (r.path().startsWith("redirect/")) {
            head(out, 302, "Found", Map.of("Location", "/" + r.path().substring("redirect/".length()),
                    "Content-Length", "0"));
            return;
        }
        Served f = files.get(r.path());
        int number = f == null ? 0 : fileRequests.incrementAndGet();
        Integer status = f == null ? null : f.statuses.poll();
        if (status != null && status == 0) {
            status = null;
        }
        if (f == null || status != null) {
            int code = f == null ? 404 : status;
            byte[] body = ("<html><body>error " + code + "</body></html>").getBytes(StandardCharsets.US_ASCII);
            head(out, code, "Error", Map.of("Content-Type", "text/html", "Content-Length", "" + body.length));
            out.write(body);
            return;
        }
        byte[] content = f.content;
        String etag = f.etag;
        long start = 0;
        Matcher m = RANGE.matcher(r.header("Range") == null ? "" : r.header("Range"));
        boolean ignoring = f.ignoreRange || ignoreRangeEvery > 0 && number % ignoreRangeEvery == 0;
        boolean ranged = !ignoring && m.matches() && (f.ignoreIfRange || r.header("If-Range") == null
                || r.header("If-Range").equals(etag));
        if (ranged) {
            start = Long.parseLong(m.group(1));
            if (start >= content.length) {
                head(out, 416, "Range Not Satisfiable", Map.of("Content-Range", "bytes */" + content.length,
                        "Content-Length", "0"));
                return;
            }
        }
        if (f.headerStallMillis > 0) {
            long ms = f.headerStallMillis;
            f.headerStallMillis = 0;
            Thread.sleep(ms);
        }
        long lie = f.lieBytes;
        f.lieBytes = 0;
        Map<String, String> headers = new TreeMap<>(Map.of("ETag", etag, "Accept-Ranges", "bytes",
                "Content-Length", "" + (content.length - start + lie)));
        if (ranged) {
            headers.put("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        head(out, ranged ? 206 : 200, ranged ? "Partial Content" : "OK", headers);
        long end = start;
        try {
            end = body(f, content, start, out);
        } finally {
            sent.add(new Sent(r.path(), ranged ? 206 : 200, start, end));
        }
    }

    /** @return the end of the bytes sent */
    private long body(Served f, byte[] content, long start, OutputStream out) throws IOException, InterruptedException {
        long pos = start;
        while (pos < content.length) {
            long end = Math.min(content.length, pos + CHUNK);
            Long cut = f.cuts.peek();
            while (cut != null && cut < pos) { // cuts passed over by a resumed range no longer apply
                f.cuts.remove(cut);
                cut = f.cuts.peek();
            }
            boolean cutting = cut != null && cut < end;
            long stall = f.stallAt;
            boolean stalling = stall >= pos && stall < end;
            long stop = cutting ? cut : stalling ? stall : end;
            out.write(content, (int) pos, (int) (stop - pos));
            out.flush();
            bodyBytes.addAndGet(stop - pos);
            pos = stop;
            if (cutting) {
                f.cuts.remove(cut);
                return pos; // closing the socket mid-body
            }
            if (stalling) {
                f.stallAt = -1;
                Thread.sleep(f.stallMillis);
            }
            if (f.bytesPerSecond > 0) {
                Thread.sleep(Math.max(1, CHUNK * 1000L / f.bytesPerSecond));
            }
        }
        return pos;
    }

    private static void head(OutputStream out, int status, String reason, Map<String, String> headers)
            throws IOException {
        StringBuilder s = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("Connection: close\r\n\r\n");
        out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake server threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
