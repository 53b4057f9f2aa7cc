package org.depthfm.store;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How downloads talk to servers.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the response headers, and then for each piece of the
 *     body: a server that stalls longer is dropped and the download resumes on a new connection
 * @param maxAttempts how many attempts in a row may fail without the file growing before the
 *     download gives up (an attempt that adds bytes resets the count, so a flaky line that drops
 *     every few minutes still finishes a large file)
 * @param initialBackoff the wait after the first failed attempt; it doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param userAgent the User-Agent header
 * @param proxy chooses the proxy per URL
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, String userAgent, ProxySelector proxy) {
    /** Checks the values. */
    public HttpSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("time-outs must be positive");
        }
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need at least one attempt and 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * @param env environment variables (for the proxy)
     * @param properties JVM system properties (for the proxy)
     * @return 30 s to connect, 60 s read time-out, 8 attempts without progress, back-off from 1 s
     *     to 60 s, and the proxy of {@code http.proxyHost}, {@code https_proxy} etc.
     */
    public static HttpSettings defaults(Map<String, String> env, Properties properties) {
        return new HttpSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 8, Duration.ofSeconds(1),
                Duration.ofSeconds(60), defaultUserAgent(), Proxies.fromEnvironment(env, properties));
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
        return new HttpSettings(connect, read, maxAttempts, initialBackoff, maxBackoff, userAgent, proxy);
    }

    /**
     * @param attempts attempts without progress before giving up
     * @param initial the first back-off
     * @param max the longest back-off
     * @return these settings with another retry policy
     */
    public HttpSettings withRetries(int attempts, Duration initial, Duration max) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, initial, max, userAgent, proxy);
    }

    /**
     * @param selector the proxy selector
     * @return these settings with another proxy
     */
    public HttpSettings withProxy(ProxySelector selector) {
        return new HttpSettings(connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff, userAgent, selector);
    }
}
