package org.depthfm.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Chooses the HTTP proxy the way users expect from other tools. The JVM's own settings win
 * ({@code http.proxyHost}, {@code https.proxyHost}, {@code socksProxyHost},
 * {@code java.net.useSystemProxies}; Fiji's "Edit > Options > Proxy Settings" sets these);
 * otherwise the {@code https_proxy}/{@code http_proxy}/{@code no_proxy} environment variables
 * (lower or upper case, as curl and pip read them); otherwise a direct connection. A proxy that
 * asks for a password gets the one set beside it: {@code http://user:password@host:port} in the
 * variable, or {@code -Dhttps.proxyUser} and {@code -Dhttps.proxyPassword} (also {@code http.})
 * with the JVM's settings (see {@link ProxyLogin}).
 */
final class Proxies {
    /** curl's default port for a proxy given without one. */
    private static final int DEFAULT_PORT = 1080;

    private Proxies() {
    }

    /**
     * @param env environment variables
     * @param properties JVM system properties
     * @return the proxy selector to use
     * @throws ModelStoreException if a proxy variable is malformed
     */
    static ProxySelector fromEnvironment(Map<String, String> env, Properties properties) {
        Optional<Proxy> http = proxy(env, "http_proxy");
        Optional<Proxy> https = proxy(env, "https_proxy");
        if (jvmConfigured(properties) || (http.isEmpty() && https.isEmpty())) {
            return ProxySelector.getDefault();
        }
        List<String> noProxy = Arrays.stream(variable(env, "no_proxy").orElse("").split("[,\\s]+"))
                .map(Proxies::hostOf).filter(s -> !s.isEmpty()).toList();
        return new EnvProxySelector(http, https, noProxy);
    }

    /** @return whether the JVM's own proxy settings are set, which then win over the environment */
    static boolean jvmConfigured(Properties properties) {
        return Arrays.asList("http.proxyHost", "https.proxyHost", "socksProxyHost").stream()
                .anyMatch(p -> !properties.getProperty(p, "").isBlank())
                || Boolean.parseBoolean(properties.getProperty("java.net.useSystemProxies"));
    }

    /** @return a variable's value, lower-case name first (as curl reads them), if set */
    static Optional<String> variable(Map<String, String> env, String lowerName) {
        String v = env.get(lowerName);
        if (v == null || v.isBlank()) {
            v = env.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Optional<Proxy> proxy(Map<String, String> env, String name) {
        return variable(env, name).map(value -> {
            URI uri = parse(value).orElseThrow(() -> new ModelStoreException(name + "=" + value + " names no proxy"
                    + " host; set it like http://proxy.example.org:3128"));
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port(uri)));
        });
    }

    /** @return a proxy URL's port, curl's default where it gives none */
    static int port(URI proxy) {
        return proxy.getPort() > 0 ? proxy.getPort() : DEFAULT_PORT;
    }

    /** @return the proxy URL of a variable's value ({@code http://host:port} or {@code host:port}), if it has a host */
    static Optional<URI> parse(String value) {
        try {
            return Optional.of(new URI(value.contains("://") ? value : "http://" + value)).filter(u -> u.getHost() != null);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The host part of a no_proxy entry: without a leading dot or '*.', a port or brackets. */
    private static String hostOf(String entry) {
        String h = entry.toLowerCase(Locale.ROOT);
        if (h.startsWith("*.")) {
            h = h.substring(1);
        }
        if (h.startsWith("[")) {
            return h.substring(1, Math.max(1, h.indexOf(']')));
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        return h.startsWith(".") ? h.substring(1) : h;
    }

    /** Proxies from the environment: per scheme, bypassed for hosts matching a no_proxy entry. */
    private static final class EnvProxySelector extends ProxySelector {
        private final Optional<Proxy> http;
        private final Optional<Proxy> https;
        private final List<String> noProxy;

        EnvProxySelector(Optional<Proxy> http, Optional<Proxy> https, List<String> noProxy) {
            this.http = http;
            this.https = https;
            this.noProxy = noProxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (bypassed(host)) {
                return List.of(Proxy.NO_PROXY);
            }
            Optional<Proxy> p = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
            return List.of(p.orElse(Proxy.NO_PROXY));
        }

        private boolean bypassed(String host) {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return noProxy.stream().anyMatch(e -> e.equals("*") || bare.equals(e) || bare.endsWith("." + e));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // the downloader retries and reports the failure itself
        }
    }
}
