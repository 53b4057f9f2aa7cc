package org.depthfm.store;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The user names and passwords of proxies that ask for them (HTTP 407), from the same place the
 * proxy itself comes from (see {@link Proxies}): {@code user:password@} in {@code https_proxy} or
 * {@code http_proxy} (percent-encoded where the password holds {@code @ : / %}, as for curl), or,
 * where the JVM's proxy settings are used (Fiji's proxy settings, {@code -Dhttps.proxyHost}),
 * the properties {@code https.proxyUser} / {@code https.proxyPassword} and
 * {@code http.proxyUser} / {@code http.proxyPassword}. A login is given only to the proxy it
 * was set for, never to the servers behind it.
 */
public final class ProxyLogin extends Authenticator {
    /** A login and where it was set, for messages. */
    private record Login(String user, char[] password, String source) {
    }

    /** By {@code host:port} of the proxy, lower case. */
    private final Map<String, Login> logins;

    private ProxyLogin(Map<String, Login> logins) {
        this.logins = Map.copyOf(logins);
    }

    /**
     * @param env environment variables
     * @param properties JVM system properties
     * @return the logins set for the proxies chosen by {@link Proxies#fromEnvironment}, if any
     */
    static Optional<ProxyLogin> fromEnvironment(Map<String, String> env, Properties properties) {
        Map<String, Login> logins = new LinkedHashMap<>();
        if (Proxies.jvmConfigured(properties)) {
            for (String scheme : List.of("https", "http")) {
                String host = properties.getProperty(scheme + ".proxyHost", "").trim();
                String user = properties.getProperty(scheme + ".proxyUser",
                        properties.getProperty("http.proxyUser", "")).trim();
                if (!host.isEmpty() && !user.isEmpty()) {
                    String password = properties.getProperty(scheme + ".proxyPassword",
                            properties.getProperty("http.proxyPassword", ""));
                    int port = parsePort(properties.getProperty(scheme + ".proxyPort"), scheme.equals("https") ? 443 : 80);
                    logins.putIfAbsent(key(host, port), new Login(user, password.toCharArray(),
                            "-D" + scheme + ".proxyUser and -D" + scheme + ".proxyPassword"));
                }
            }
        } else {
            for (String name : List.of("https_proxy", "http_proxy")) {
                Proxies.variable(env, name).flatMap(Proxies::parse).ifPresent(uri -> login(uri, name)
                        .ifPresent(l -> logins.putIfAbsent(key(uri.getHost(), Proxies.port(uri)), l)));
            }
        }
        return logins.isEmpty() ? Optional.empty() : Optional.of(new ProxyLogin(logins));
    }

    private static Optional<Login> login(URI proxy, String variable) {
        String info = proxy.getUserInfo(); // percent-decoded
        if (info == null || info.isEmpty()) {
            return Optional.empty();
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? "" : info.substring(colon + 1);
        return Optional.of(new Login(user, password.toCharArray(), "the user:password@ in " + variable));
    }

    private static int parsePort(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * @param host a proxy's host
     * @param port its port
     * @return where the login for that proxy was set ({@code the user:password@ in https_proxy}), if one was
     */
    public Optional<String> source(String host, int port) {
        return Optional.ofNullable(logins.get(key(host, port))).map(Login::source);
    }

    /** @return whether a login is set for a proxy used for https (which then needs Basic over CONNECT) */
    boolean coversTunnels() {
        return logins.values().stream().anyMatch(l -> l.source().contains("https"));
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        if (getRequestorType() != RequestorType.PROXY) {
            return null; // a server behind the proxy asks: its login is not ours to give
        }
        Login l = logins.get(key(getRequestingHost(), getRequestingPort()));
        return l == null ? null : new PasswordAuthentication(l.user(), l.password().clone());
    }
}
