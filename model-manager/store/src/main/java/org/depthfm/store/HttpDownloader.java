package org.depthfm.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.depthfm.base.AtomicFile;
import org.depthfm.base.Progress;

/**
 * Downloads one URL into a partial file, resuming across dropped connections, stalls, restarts
 * and process exits. Beside the partial file a small {@code .resume} record keeps the URL, the
 * server's validators (strong ETag, Last-Modified) and the size, so that a later attempt asks for
 * the rest with {@code Range} + {@code If-Range}. A server that answers such a request with the
 * whole file ({@code 200}: it ignores ranges, or a proxy or CDN edge dropped the header) sends the
 * same file when its validators and size are unchanged: the bytes already here are then skipped
 * in the stream and the download goes on where it was; a changed validator means a changed file,
 * and the download restarts rather than splice two versions.
 *
 * <p>The download goes on while it makes progress (see {@link HttpSettings} for when it gives
 * up). The partial file is never promoted here: the caller checks and promotes it.
 */
final class HttpDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    /** A file that changes on the server more often than this during one download is not fetched. */
    private static final int MAX_CHANGES = 3;
    /** The JDK property that by default keeps Basic proxy logins off HTTPS tunnels (CONNECT). */
    private static final String TUNNELING_DISABLED = "jdk.http.auth.tunneling.disabledSchemes";
    private static final Gson GSON = new Gson();

    private final HttpSettings settings;
    private final HttpClient client;

    /**
     * What lets a partial file be resumed: the URL, the validators for {@code If-Range} and the
     * comparison of a {@code 200}, and the size (-1 if the server gave none).
     */
    private record Resume(String url, String etag, String lastModified, long total) {
        /** @return the validator for {@code If-Range}: the strong ETag, else Last-Modified */
        String ifRange() {
            return etag != null ? etag : lastModified;
        }

        /**
         * @return whether a whole-file response sends this file: the same size, and every
         *     validator both have is equal, at least one of them shared (else nothing is known)
         */
        boolean sameFile(Resume other) {
            boolean shared = etag != null && other.etag != null || lastModified != null && other.lastModified != null;
            return total >= 0 && total == other.total && shared && validatorsAgree(other);
        }

        /**
         * @return whether a range response belongs to this file: every validator both have is
         *     equal, and so is the size where both know it (the server honoured If-Range)
         */
        boolean sameVersion(Resume other) {
            return (total < 0 || other.total < 0 || total == other.total) && validatorsAgree(other);
        }

        private boolean validatorsAgree(Resume other) {
            return (etag == null || other.etag == null || etag.equals(other.etag))
                    && (lastModified == null || other.lastModified == null || lastModified.equals(other.lastModified));
        }
    }

    /** An attempt that ended early; another may cure it. */
    private static final class RetryableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;
        /** The server (or proxy) cannot be reached at all: refused, unknown host, TLS failure, connect time-out. */
        private final boolean unreachable;

        RetryableException(String message, Duration retryAfter, boolean unreachable) {
            super(message);
            this.retryAfter = retryAfter;
            this.unreachable = unreachable;
        }

        RetryableException(String message) {
            this(message, Duration.ZERO, false);
        }
    }

    /** What one attempt did. */
    private static final class Tally {
        /** The end of the bytes on disk when the attempt ended (-1 before it wrote its start). */
        long reached = -1;
        /** The server holds another file than the partial one's: the download restarted from zero. */
        boolean changed;
    }

    HttpDownloader(HttpSettings settings) {
        this.settings = settings;
        if (settings.proxyLogin().filter(ProxyLogin::coversTunnels).isPresent()
                && System.getProperty(TUNNELING_DISABLED) == null) {
            // the user gave a login for the proxy of https URLs: without this the JDK never sends
            // it on CONNECT (curl and pip do); read once, when the JDK's HTTP client first starts
            System.setProperty(TUNNELING_DISABLED, "");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Hub files redirect to a CDN; NORMAL never downgrades https to http
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(settings.proxy())
                // one plain HTTP/1.1 connection per attempt: no h2c upgrade for mirrors and proxies to mishandle
                .version(HttpClient.Version.HTTP_1_1);
        settings.proxyLogin().ifPresent(builder::authenticator);
        this.client = builder.build();
    }

    /**
     * Downloads {@code url} into {@code partial}, resuming what an earlier attempt left there.
     *
     * @param url the file's URL
     * @param partial the partial file (its folder is created)
     * @param expectedSize the size the registry gives, if any: a server that announces another fails at once
     * @param file the file's name, for progress and messages
     * @param remedy how to get the file without this download, for messages (e.g. "download it
     *     elsewhere and import it with 'depthfm models import FILE'")
     * @param listener progress, messages and cancel
     * @throws ModelStoreException when the server refuses the file or cannot be reached, the disk
     *     fails, or the download stops making progress
     * @throws CancellationException when cancelled; the partial file stays for the next attempt
     */
    void download(URI url, Path partial, OptionalLong expectedSize, String file, String remedy, Progress listener) {
        RateMeter meter = new RateMeter(file, listener);
        long high = readResume(partial, url).isPresent() ? size(partial) : 0;
        long lastProgress = System.nanoTime();
        int idle = 0;
        int unreachable = 0;
        int changes = 0;
        try {
            while (true) {
                Tally tally = new Tally();
                RetryableException failure;
                try {
                    attempt(url, partial, expectedSize, meter, tally, remedy, listener);
                    meter.finish(size(partial));
                    return;
                } catch (RetryableException e) {
                    failure = e;
                }
                long now = System.nanoTime();
                if (tally.changed) {
                    high = 0;
                    if (++changes > MAX_CHANGES) {
                        throw new ModelStoreException("download of " + url + " stopped: the file changed on the server "
                                + changes + " times while it was being fetched; try again later, use --mirror URL, or "
                                + remedy);
                    }
                }
                unreachable = failure.unreachable ? unreachable + 1 : 0;
                if (tally.reached > high) {
                    high = tally.reached;
                    idle = 0;
                    lastProgress = now;
                } else {
                    idle++;
                }
                if (unreachable >= HttpSettings.UNREACHABLE_TRIES) {
                    throw unreachable(url, failure, unreachable, remedy);
                }
                Duration stalled = Duration.ofNanos(now - lastProgress);
                if (idle >= settings.maxAttempts() || stalled.compareTo(settings.stallTimeout()) >= 0) {
                    throw gaveUp(url, failure, idle, stalled, size(partial), remedy);
                }
                Duration wait = failure.unreachable ? settings.initialBackoff()
                        : max(backoff(idle), min(failure.retryAfter, settings.maxBackoff()));
                long kept = size(partial);
                listener.message(file + ": " + failure.getMessage() + "; retrying in " + describe(wait)
                        + (kept > 0 ? " from " + Bytes.format(kept) : ""));
                Cancellation.sleep(wait, listener);
            }
        } catch (CancellationException e) {
            CancellationException c = new CancellationException(file + ": download cancelled; the "
                    + Bytes.format(size(partial)) + " fetched so far are kept and the next download resumes them");
            c.initCause(e);
            throw c;
        }
    }

    private ModelStoreException gaveUp(URI url, RetryableException last, int idle, Duration stalled, long kept,
            String remedy) {
        String why = idle >= settings.maxAttempts()
                ? idle + " attempts in a row brought no new data (the limit is " + settings.maxAttempts() + ")"
                : "no new data for " + describe(stalled) + " (the limit is " + describe(settings.stallTimeout()) + ")";
        return new ModelStoreException("download of " + url + " stopped: " + why + "; the last attempt: "
                + last.getMessage() + ". Attempts that bring data never count against the limits of "
                + settings.maxAttempts() + " attempts without progress and " + describe(settings.stallTimeout())
                + " without a new byte. " + (kept > 0 ? "The " + Bytes.format(kept) + " fetched are kept: run it again to"
                + " resume. " : "") + "Check the network (and proxy: https_proxy, or Fiji's proxy settings), use"
                + " --mirror URL, or " + remedy);
    }

    private ModelStoreException unreachable(URI url, RetryableException last, int tries, String remedy) {
        return new ModelStoreException("cannot download " + url + ": " + last.getMessage() + " (" + tries + " tries)."
                + " This machine seems to be offline, or the server is down or blocked: " + remedy + "; or use a mirror"
                + " (--mirror URL, " + StoreSettings.MIRROR_ENV + "); behind a proxy set https_proxy=http://HOST:PORT"
                + " (Fiji: Edit > Options > Proxy Settings); set " + StoreSettings.OFFLINE_ENV + "=1 (--offline) to"
                + " never try the network");
    }

    /** Deletes a partial file and its resume record, so that the next download starts afresh. */
    static void discard(Path partial) throws IOException {
        Files.deleteIfExists(resumeFile(partial));
        Files.deleteIfExists(partial);
    }

    private void attempt(URI url, Path partial, OptionalLong expectedSize, RateMeter meter, Tally tally, String remedy,
            Progress listener) throws RetryableException {
        Optional<Resume> resume = readResume(partial, url);
        long have = resume.isPresent() ? size(partial) : 0;
        if (resume.isPresent() && resume.get().total() >= 0 && have > resume.get().total()) {
            clear(partial); // longer than the file: not a prefix of it
            resume = Optional.empty();
            have = 0;
        }
        if (resume.isPresent() && have == resume.get().total()) {
            tally.reached = have;
            return; // complete on disk already (the process stopped before promoting it)
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(settings.readTimeout())
                .header("User-Agent", settings.userAgent());
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-").header("If-Range", resume.get().ifRange());
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request.build(), listener);
        Resume served = new Resume(url.toString(), strongEtag(response.headers()).orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null), -1);
        long streamStart;
        long total;
        switch (response.statusCode()) {
            case 200 -> {
                streamStart = 0;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                served = new Resume(served.url(), served.etag(), served.lastModified(), total);
                if (have > 0 && resume.get().sameFile(served)) {
                    listener.message(partial.getFileName() + ": the server sent the whole file again (it ignores the"
                            + " range asked for); it is unchanged, so the " + Bytes.format(have) + " already here are"
                            + " skipped in the stream");
                } else {
                    if (have > 0) {
                        tally.changed = true;
                        listener.message(partial.getFileName() + ": the file changed on the server (its ETag,"
                                + " Last-Modified or size differ from the partial file's); restarting");
                    }
                    have = 0;
                }
            }
            case 206 -> {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches()) {
                    BodyChunks.discard(response.body());
                    throw new RetryableException("the server sent a byte range it did not name");
                }
                streamStart = Long.parseLong(m.group(1));
                total = m.group(3).equals("*") ? resume.map(Resume::total).orElse(-1L) : Long.parseLong(m.group(3));
                served = new Resume(served.url(), served.etag(), served.lastModified(), total);
                if (have == 0) {
                    if (streamStart != 0) {
                        BodyChunks.discard(response.body());
                        throw new RetryableException("the server sent bytes from " + streamStart + " of a whole file");
                    }
                    writeResume(partial, served);
                } else if (!resume.get().sameVersion(served)) {
                    // If-Range should have prevented this; a server that ignores it must not splice two versions
                    BodyChunks.discard(response.body());
                    clear(partial);
                    tally.changed = true;
                    throw new RetryableException("the server sent a range of another version of the file");
                } else if (streamStart > have) {
                    BodyChunks.discard(response.body());
                    throw new RetryableException("the server sent bytes from " + streamStart + " where " + have
                            + " were asked for");
                }
            }
            case 416 -> {
                BodyChunks.discard(response.body());
                clear(partial);
                tally.changed = true;
                throw new RetryableException("the server cannot resume the partial file (HTTP 416)");
            }
            default -> throw statusFailure(response, url, remedy);
        }
        if (expectedSize.isPresent() && total >= 0 && total != expectedSize.getAsLong()) {
            BodyChunks.discard(response.body());
            clear(partial);
            throw new ModelStoreException(url + " is " + total + " bytes but the registry expects "
                    + expectedSize.getAsLong() + "; the file changed upstream or the mirror holds another file; "
                    + remedy);
        }
        if (have == 0 && response.statusCode() == 200) {
            writeResume(partial, served);
        }
        meter.restart(streamStart, total);
        long end = receive(response.body(), partial, have, have - streamStart, meter, tally, listener);
        if (total >= 0 && end != total) {
            if (end > total) {
                clear(partial);
                tally.changed = true;
                throw new RetryableException("the server sent more than the " + Bytes.format(total) + " it announced");
            }
            throw new RetryableException("the connection closed after " + Bytes.format(end) + " of "
                    + Bytes.format(total));
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest request, Progress listener)
            throws RetryableException {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> future = client.sendAsync(request,
                info -> info.statusCode() == 200 || info.statusCode() == 206 ? BodySubscribers.ofPublisher()
                        : BodySubscribers.replacing(null));
        try {
            while (true) {
                Cancellation.check(listener);
                try {
                    return future.get(Cancellation.POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not yet: look for a cancel, then wait again (HttpRequest.timeout bounds the whole wait)
                }
            }
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause(), request.uri());
        } catch (InterruptedException e) {
            abandon(future);
            throw Cancellation.interrupted();
        } catch (CancellationException e) {
            abandon(future);
            throw e;
        }
    }

    /** Cancels a request; a response that arrived anyway has its body released. */
    private static void abandon(CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> future) {
        future.cancel(true);
        future.thenAccept(r -> BodyChunks.discard(r.body()));
    }

    /**
     * Writes the body to the partial file from {@code writeAt}, after dropping its first
     * {@code skip} bytes (those already on disk).
     *
     * @return the end of the bytes on disk when the body ended
     */
    private long receive(Flow.Publisher<List<ByteBuffer>> body, Path partial, long writeAt, long skip,
            RateMeter meter, Tally tally, Progress listener) throws RetryableException {
        BodyChunks chunks = new BodyChunks();
        body.subscribe(chunks);
        try (FileChannel out = openPartial(partial, writeAt)) {
            long written = writeAt;
            long toSkip = skip;
            tally.reached = written;
            while (true) {
                List<ByteBuffer> chunk;
                try {
                    chunk = chunks.next(settings.readTimeout(), listener);
                } catch (HttpTimeoutException e) {
                    throw new RetryableException(e.getMessage());
                } catch (IOException e) {
                    throw new RetryableException("connection lost (" + describe(e, null) + ")");
                }
                if (chunk == null) {
                    break;
                }
                toSkip = drop(chunk, toSkip);
                written += write(out, chunk, partial);
                tally.reached = written;
                meter.update(written - toSkip, toSkip > 0); // the stream's position in the file
            }
            force(out, partial);
            return written;
        } catch (IOException e) {
            throw diskFailure(partial, e); // closing the file failed
        } finally {
            chunks.cancel();
        }
    }

    /** Advances the chunk's buffers past up to {@code skip} bytes; returns what is left to skip. */
    private static long drop(List<ByteBuffer> chunk, long skip) {
        long left = skip;
        for (ByteBuffer b : chunk) {
            int n = (int) Math.min(left, b.remaining());
            b.position(b.position() + n);
            left -= n;
        }
        return left;
    }

    private static FileChannel openPartial(Path partial, long start) {
        try {
            Files.createDirectories(partial.getParent());
            FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // drop whatever lies past the resume point (a restart begins at 0, a torn write may have left a tail)
            out.truncate(start);
            out.position(start);
            return out;
        } catch (IOException e) {
            throw diskFailure(partial, e);
        }
    }

    private static long write(FileChannel out, List<ByteBuffer> chunk, Path partial) {
        long n = 0;
        try {
            for (ByteBuffer b : chunk) {
                while (b.hasRemaining()) {
                    n += out.write(b);
                }
            }
        } catch (IOException e) {
            throw diskFailure(partial, e);
        }
        return n;
    }

    private static void force(FileChannel out, Path partial) {
        try {
            out.force(false); // the bytes are on disk before the caller renames the file into place
        } catch (IOException e) {
            throw diskFailure(partial, e);
        }
    }

    private static ModelStoreException diskFailure(Path partial, IOException e) {
        Cancellation.rethrowInterrupt(e);
        return new ModelStoreException("cannot write " + partial + ": " + describe(e, null) + "; free some disk space"
                + " or choose another cache folder (--cache DIR or DEPTHFM_HOME), then run it again to resume", e);
    }

    /**
     * @return the failure to retry, for statuses that may pass (408, 429, 5xx)
     * @throws ModelStoreException for statuses no retry can cure, with the fix
     */
    private RetryableException statusFailure(HttpResponse<?> response, URI url, String remedy) {
        int status = response.statusCode();
        String what = "HTTP " + status + reason(status)
                + (response.uri().equals(url) ? "" : " (redirected to " + response.uri() + ")");
        Optional<String> squid = response.headers().firstValue("X-Squid-Error");
        if (squid.filter(s -> s.startsWith("ERR_DNS_FAIL") || s.startsWith("ERR_CONNECT_FAIL")).isPresent()) {
            // the proxy answers, but cannot reach the server: as offline as a refused connection
            return new RetryableException("the proxy " + proxyFor(url).orElse("in use") + " cannot reach "
                    + url.getHost() + " (" + what + ", " + squid.get() + ")", Duration.ZERO, true);
        }
        if (status == 408 || status == 429 || status >= 500) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(0);
            return new RetryableException(what, Duration.ofSeconds(seconds), false);
        }
        if (status == 407) {
            throw new ModelStoreException("download of " + url + " failed: " + proxyRefusal(url, what));
        }
        String fix = switch (status) {
            case 404, 410 -> "the file moved? use --mirror URL or " + remedy;
            case 401, 403 -> "the server (or a proxy) refuses it; use --mirror URL, or " + remedy;
            default -> "use --mirror URL, or " + remedy;
        };
        throw new ModelStoreException("download of " + url + " failed: " + what + "; " + fix);
    }

    /** @return why a proxy answered 407, naming it and where its login was (or should be) set */
    private String proxyRefusal(URI url, String what) {
        Optional<InetSocketAddress> proxy = proxyAddress(url);
        String name = proxy.map(p -> p.getHostString() + ":" + p.getPort()).orElse("in use");
        Optional<String> source = proxy.flatMap(p -> settings.proxyLogin().flatMap(l -> l.source(p.getHostString(),
                p.getPort())));
        if (source.isPresent()) {
            return "the proxy " + name + " refused the user name and password of " + source.get() + " (" + what
                    + "); correct them (a password with @ : / or % is written percent-encoded, e.g. %40 for @)";
        }
        return "the proxy " + name + " asks for a user name and password (" + what + "); give them in the proxy's"
                + " URL, https_proxy=http://USER:PASSWORD@" + name + " (and http_proxy), or with Fiji's proxy settings"
                + " as -Dhttps.proxyUser=USER -Dhttps.proxyPassword=PASSWORD";
    }

    private Optional<InetSocketAddress> proxyAddress(URI url) {
        try {
            return settings.proxy().select(url).stream().filter(p -> p.type() != Proxy.Type.DIRECT)
                    .map(Proxy::address).filter(InetSocketAddress.class::isInstance).map(InetSocketAddress.class::cast)
                    .findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> proxyFor(URI url) {
        return proxyAddress(url).map(p -> p.getHostString() + ":" + p.getPort());
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 407 -> " Proxy Authentication Required";
            case 408 -> " Request Timeout";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** @return the ETag unless weak (RFC 9110 allows only strong ones in If-Range, and only they promise equal bytes) */
    private static Optional<String> strongEtag(HttpHeaders headers) {
        return headers.firstValue("ETag").filter(t -> !t.startsWith("W/"));
    }

    private static Path resumeFile(Path partial) {
        return partial.resolveSibling(partial.getFileName() + ".resume");
    }

    /** @return the resume record if it belongs to this URL and allows a safe resume */
    private static Optional<Resume> readResume(Path partial, URI url) {
        Path file = resumeFile(partial);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(partial)) {
            return Optional.empty();
        }
        try {
            Resume r = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Resume.class);
            return Optional.ofNullable(r).filter(x -> url.toString().equals(x.url()) && x.ifRange() != null);
        } catch (IOException | JsonParseException e) {
            return Optional.empty(); // unreadable: restart, which is always safe
        }
    }

    private static void writeResume(Path partial, Resume resume) {
        try {
            AtomicFile.writeString(resumeFile(partial), GSON.toJson(resume));
        } catch (IOException e) {
            throw diskFailure(resumeFile(partial), e);
        }
    }

    private static void clear(Path partial) {
        try {
            discard(partial);
        } catch (IOException e) {
            throw diskFailure(partial, e);
        }
    }

    private Duration backoff(int idle) {
        Duration d = settings.initialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, idle - 1)));
        return min(d, settings.maxBackoff());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return a duration for messages: {@code 300 ms}, {@code 12 s}, {@code 15 min} */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        return d.compareTo(Duration.ofMinutes(2)) < 0 || d.toSecondsPart() != 0 ? d.toSeconds() + " s"
                : d.toMinutes() + " min";
    }

    /** @return a failure before any response, in words with the hint that fits it; unreachable servers say so */
    private RetryableException connectFailure(Throwable t, URI url) {
        Optional<String> proxy = proxyFor(url);
        String target = proxy.map(p -> "the proxy " + p).orElse(url.getHost());
        if (t instanceof IOException && t.getMessage() != null && t.getMessage().startsWith("too many authentication")) {
            // the JDK's answer when the proxy keeps refusing the login (servers behind it get none from us)
            throw new ModelStoreException("download of " + url + " failed: " + proxyRefusal(url,
                    "HTTP 407 Proxy Authentication Required"));
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new RetryableException("cannot connect to " + target + " (time-out)", Duration.ZERO, true);
        }
        if (t instanceof HttpTimeoutException) {
            return new RetryableException("no response from " + target + " in time");
        }
        if (unresolved(t)) {
            return new RetryableException("unknown host " + (proxy.isPresent() ? target : url.getHost())
                    + " (no network or no name server, or a proxy is needed)", Duration.ZERO, true);
        }
        if (t instanceof ConnectException) {
            return new RetryableException("cannot connect to " + target + " ("
                    + Objects.requireNonNullElse(t.getMessage(), "connection refused") + ")", Duration.ZERO, true);
        }
        if (t instanceof SSLException) {
            return new RetryableException("the secure connection to " + url.getHost() + " failed (" + t.getMessage()
                    + "; a proxy that inspects TLS needs its certificate in Java's trust store)", Duration.ZERO, true);
        }
        return new RetryableException(describe(t, url));
    }

    /** @return whether a host name could not be resolved (the JDK reports it as a ConnectException caused by it) */
    private static boolean unresolved(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** @return a network failure in words */
    private static String describe(Throwable t, URI url) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return url == null ? m : m + " (" + url.getHost() + ")";
    }
}
