package org.depthfm.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.Collections;
import java.util.List;
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
 * server's validator (strong ETag, else Last-Modified) and the size, so that a later attempt asks
 * for the rest with {@code Range} + {@code If-Range}: a server that changed the file, or ignores
 * ranges, answers 200 with the whole file and the download restarts from zero instead of splicing
 * two versions. The partial file is never promoted here: the caller checks and promotes it.
 */
final class HttpDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Gson GSON = new Gson();

    private final HttpSettings settings;
    private final HttpClient client;

    /** What lets a partial file be resumed: the URL, the validator for {@code If-Range} and the size. */
    private record Resume(String url, String validator, long total) {
    }

    /** A failure that another attempt may cure (dropped connection, time-out, HTTP 5xx). */
    private static final class RetryableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        RetryableException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    HttpDownloader(HttpSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Hub files redirect to a CDN; NORMAL never downgrades https to http
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(settings.proxy())
                // one plain HTTP/1.1 connection per attempt: no h2c upgrade for mirrors and proxies to mishandle
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Downloads {@code url} into {@code partial}, resuming what an earlier attempt left there.
     *
     * @param url the file's URL
     * @param partial the partial file (its folder is created)
     * @param expectedSize the size the registry gives, if any: a server that announces another fails at once
     * @param file the file's name, for progress and messages
     * @param listener progress, messages and cancel
     * @throws ModelStoreException when the server refuses the file, the disk fails, or the attempts run out
     * @throws CancellationException when cancelled; the partial file stays for the next attempt
     */
    void download(URI url, Path partial, OptionalLong expectedSize, String file, Progress listener) {
        RateMeter meter = new RateMeter(file, listener);
        long best = size(partial);
        int failures = 0;
        try {
            while (true) {
                RetryableException failure;
                try {
                    attempt(url, partial, expectedSize, meter, listener);
                    meter.finish(size(partial));
                    return;
                } catch (RetryableException e) {
                    failure = e;
                }
                long now = size(partial);
                failures = now > best ? 0 : failures + 1;
                best = Math.max(best, now);
                if (failures >= settings.maxAttempts()) {
                    throw new ModelStoreException("download of " + url + " failed " + failures + " times in a row: "
                            + failure.getMessage() + "; check the network (and proxy: https_proxy or Fiji's proxy"
                            + " settings), then run it again to resume, use --mirror URL, or import the file with"
                            + " 'depthfm models import FILE'");
                }
                Duration wait = Collections.max(List.of(backoff(failures),
                        min(failure.retryAfter, settings.maxBackoff())));
                listener.message(file + ": " + failure.getMessage() + "; retrying in " + describe(wait)
                        + (now > 0 ? " from " + Bytes.format(now) : ""));
                Cancellation.sleep(wait, listener);
            }
        } catch (CancellationException e) {
            CancellationException c = new CancellationException(file + ": download cancelled; the "
                    + Bytes.format(size(partial)) + " fetched so far are kept and the next download resumes them");
            c.initCause(e);
            throw c;
        }
    }

    /** Deletes a partial file and its resume record, so that the next download starts afresh. */
    static void discard(Path partial) throws IOException {
        Files.deleteIfExists(resumeFile(partial));
        Files.deleteIfExists(partial);
    }

    private void attempt(URI url, Path partial, OptionalLong expectedSize, RateMeter meter, Progress listener)
            throws RetryableException {
        Optional<Resume> resume = readResume(partial, url);
        long offset = resume.isPresent() ? size(partial) : 0;
        if (resume.isPresent() && offset == resume.get().total()) {
            return; // complete on disk already (the process stopped before promoting it)
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(settings.readTimeout())
                .header("User-Agent", settings.userAgent());
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-").header("If-Range", resume.get().validator());
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request.build(), listener);
        long start;
        long total;
        switch (response.statusCode()) {
            case 200 -> {
                start = 0;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (offset > 0) {
                    listener.message(partial.getFileName() + ": the server sent the whole file again (it changed, or"
                            + " the server cannot resume); restarting");
                }
            }
            case 206 -> {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                    BodyChunks.discard(response.body());
                    clear(partial);
                    throw new RetryableException("the server sent another byte range than asked for", Duration.ZERO);
                }
                start = offset;
                total = m.group(3).equals("*") ? resume.map(Resume::total).orElse(-1L) : Long.parseLong(m.group(3));
            }
            case 416 -> {
                BodyChunks.discard(response.body());
                clear(partial);
                throw new RetryableException("the server cannot resume the partial file (HTTP 416)", Duration.ZERO);
            }
            default -> throw statusFailure(response, url);
        }
        if (expectedSize.isPresent() && total >= 0 && total != expectedSize.getAsLong()) {
            BodyChunks.discard(response.body());
            clear(partial);
            throw new ModelStoreException(url + " is " + total + " bytes but the registry expects "
                    + expectedSize.getAsLong() + "; the file changed upstream or the mirror holds another file;"
                    + " import the right file with 'depthfm models import FILE'");
        }
        if (response.statusCode() == 200) {
            writeResume(partial, new Resume(url.toString(), validator(response).orElse(null), total));
        }
        meter.restart(start, total);
        long end = receive(response.body(), partial, start, meter, listener);
        if (total >= 0 && end != total) {
            if (end > total) {
                clear(partial);
            }
            throw new RetryableException("the connection closed after " + Bytes.format(end) + " of "
                    + Bytes.format(total), Duration.ZERO);
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
            throw new RetryableException(describe(e.getCause(), request.uri()), Duration.ZERO);
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

    /** Appends the body to the partial file from {@code start}; returns the file's size at the end of the body. */
    private long receive(Flow.Publisher<List<ByteBuffer>> body, Path partial, long start, RateMeter meter,
            Progress listener) throws RetryableException {
        BodyChunks chunks = new BodyChunks();
        body.subscribe(chunks);
        try (FileChannel out = openPartial(partial, start)) {
            long written = start;
            while (true) {
                List<ByteBuffer> chunk;
                try {
                    chunk = chunks.next(settings.readTimeout(), listener);
                } catch (HttpTimeoutException e) {
                    throw new RetryableException(e.getMessage(), Duration.ZERO);
                } catch (IOException e) {
                    throw new RetryableException("connection lost (" + describe(e, null) + ")", Duration.ZERO);
                }
                if (chunk == null) {
                    break;
                }
                written += write(out, chunk, partial);
                meter.update(written);
            }
            force(out, partial);
            return written;
        } catch (IOException e) {
            throw diskFailure(partial, e); // closing the file failed
        } finally {
            chunks.cancel();
        }
    }

    private static FileChannel openPartial(Path partial, long start) {
        try {
            Files.createDirectories(partial.getParent());
            FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // drop whatever lies past the resume point (a 200 restarts at 0, a torn write may have left a tail)
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
    private static RetryableException statusFailure(HttpResponse<?> response, URI url) {
        int status = response.statusCode();
        String what = "HTTP " + status + reason(status)
                + (response.uri().equals(url) ? "" : " (redirected to " + response.uri() + ")");
        if (status == 408 || status == 429 || status >= 500) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(0);
            return new RetryableException(what, Duration.ofSeconds(seconds));
        }
        String fix = switch (status) {
            case 404, 410 -> "the file moved? use --mirror URL or import it with 'depthfm models import FILE'";
            case 401, 403, 407 -> "the server (or a proxy) refuses it; download it in a browser and import it with"
                    + " 'depthfm models import FILE', or use --mirror URL";
            default -> "download it in a browser and import it with 'depthfm models import FILE', or use --mirror URL";
        };
        throw new ModelStoreException("download of " + url + " failed: " + what + "; " + fix);
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

    /** @return a strong validator for If-Range: the ETag unless weak (RFC 9110 forbids those there), else Last-Modified */
    private static Optional<String> validator(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag").filter(t -> !t.startsWith("W/"));
        return etag.isPresent() ? etag : response.headers().firstValue("Last-Modified");
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
            return Optional.ofNullable(r).filter(x -> url.toString().equals(x.url()) && x.validator() != null);
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

    private Duration backoff(int failures) {
        Duration d = settings.initialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return min(d, settings.maxBackoff());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return a duration for messages: {@code 300 ms}, {@code 12 s} */
    static String describe(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** @return a network failure in words, with the hint that fits it */
    private static String describe(Throwable t, URI url) {
        String host = url == null ? "the server" : url.getHost();
        if (t instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + host + " (time-out)";
        }
        if (t instanceof HttpTimeoutException) {
            return "no response from " + host + " in time";
        }
        if (t instanceof ConnectException) {
            return "cannot connect to " + host + " (" + (t.getMessage() == null ? "refused" : t.getMessage()) + ")";
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                || t.getCause() instanceof UnresolvedAddressException) {
            return "unknown host " + host + " (no network, or a proxy is needed: set https_proxy)";
        }
        if (t instanceof SSLException) {
            return "secure connection to " + host + " failed (" + t.getMessage() + ")";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
