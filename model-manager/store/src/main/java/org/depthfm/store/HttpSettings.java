package org.depthfm.store;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How downloads talk to servers, and when they give up.
 *
 * <p>A download keeps going while it makes progress: every attempt that brings bytes it did not
 * have yet resets the count of failed attempts, however often the connection drops. A resume that
 * is answered with the whole file (a server, proxy or CDN edge that ignores {@code Range}) skips
 * the bytes already here in the stream when the file's ETag, Last-Modified and size are unchanged;
 * a changed one means a changed file, which is fetched afresh. A connection that brings nothing for
 * 60 s is dropped and the download resumes on a new one, after a wait that grows from 1 s to 60 s
 * (or what the server's {@code Retry-After} asks). The download gives up after 8 attempts in a row
 * that brought nothing, or after 15 minutes without a new byte, and says so with both limits; what
 * arrived is kept, and running it again resumes it. A server that cannot be reached at all
 * (connection refused, unknown host, TLS failure, no connection within 30 s) ends it after two
 * quick tries instead, with what to do offline, since waiting does not cure an offline machine.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the response headers, and then for each piece of the
 *     body: a connection that stalls longer is dropped and the download resumes on a new one
 * @param maxAttempts how many attempts in a row may add nothing before the download gives up
 * @param stallTimeout how long the download may go without a new byte before it gives up
 * @param initialBackoff the wait after the first attempt that added nothing; it doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param userAgent the User-Agent header
 * @param proxy chooses the proxy per URL
 * @param proxyLogin the user names and passwords of proxies that ask for them, if any were given
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration stallTimeout,
        Duration initialBackoff, Duration maxBackoff, String userAgent, ProxySelector proxy,
        Optional<ProxyLogin> proxyLogin) {
    /** Tries before a server that cannot be reached at all is given up on. */
    public static final int UNREACHABLE_TRIES = 2;

    /** Checks the values. */
    public HttpSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
                || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("time-outs must be positive");
        }
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need at least one attempt and 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * @param env environment variables (for the proxy)
     * @param properties JVM system properties (for the proxy)
     * @return 30 s to connect, a connection dropped after 60 s without data, giving up after 8
     *     attempts in a row without progress or 15 min without a new byte, back-off from 1 s to
     *     60 s, and the proxy (with its login) of {@code http.proxyHost}, {@code https_proxy} etc.
     * @throws ModelStoreException if a proxy setting is malformed
     */
    public static HttpSettings defaults(Map<String, String> env, Properties properties) {
        return new HttpSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 8, Duration.ofMinutes(15),
                Duration.ofSeconds(1), Duration.ofSeconds(60), defaultUserAgent(),
                Proxies.fromEnvironment(env, properties), ProxyLogin.fromEnvironment(env, properties));
    }

    private static String defaultUserAgent() {
        String version = HttpSettings.class.getPackage().getImplementationVersion();
        return "DepthFM-Fiji/" + (version == null ? "dev" : version) + " (Java " + Runtime.version().feature()
                + "; " + System.getProperty("os.name") + ")";
    }

    /**
     * @param connect the connection time-out
     * @param read the read time-out
     * @return these settings with other time-outs
     */
    public HttpSettings withTimeouts(Duration connect, Duration read) {
        return new HttpSettings(connect, read, maxAttempts, stallTimeout, initialBackoff, maxBackoff, userAgent, proxy,
                proxyLogin);
    }

    /**
     * @param attempts attempts in a row without progress before giving up
     * @param initial the first back-off
     * @param max the longest back-off
     * @return these settings with another retry policy
     */
    public HttpSettings withRetries(int attempts, Duration initial, Duration max) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, stallTimeout, initial, max, userAgent, proxy,
                proxyLogin);
    }

    /**
     * @param stall the longest time without a new byte before giving up
     * @return these settings with another stall time-out
     */
    public HttpSettings withStallTimeout(Duration stall) {
        return new HttpSettings(connectTimeout, readTimeout, maxAttempts, stall, initialBackoff, maxBackoff, userAgent,
                proxy, proxyLogin);
    }

    /**
     * @param selector the proxy selector
     * @param login the proxies' user names and passwords, if any
     * @return these settings with another proxy
     */
    public HttpSettings withProxy(ProxySelector selector, Optional<ProxyLogin> login) {
        return new HttpSettings(connectTimeout, readTimeout, maxAttempts, stallTimeout, initialBackoff, maxBackoff,
                userAgent, selector, login);
    }

    /**
     * @param selector the proxy selector, without login
     * @return these settings with another proxy
     */
    public HttpSettings withProxy(ProxySelector selector) {
        return withProxy(selector, Optional.empty());
    }
}
