package org.depthfm.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where models are cached, where they are downloaded from, and whether the network may be used.
 * {@link #fromEnvironment()} reads, in rising precedence, the defaults, the environment variables
 * and the JVM system properties; the CLI's {@code --cache}, {@code --mirror} and
 * {@code --offline} then override through the {@code with...} methods.
 *
 * <table>
 * <caption>Settings read from the environment</caption>
 * <tr><th>setting</th><th>variable</th><th>property</th><th>default</th></tr>
 * <tr><td>home (the cache is {@code HOME/models})</td><td>{@code DEPTHFM_HOME}</td><td>{@code depthfm.home}</td>
 *     <td>{@code ~/.depthfm}</td></tr>
 * <tr><td>mirror</td><td>{@code DEPTHFM_MIRROR}</td><td>{@code depthfm.mirror}</td><td>none</td></tr>
 * <tr><td>offline</td><td>{@code DEPTHFM_OFFLINE} ({@code 1}, {@code true}, {@code yes})</td>
 *     <td>{@code depthfm.offline}</td><td>false</td></tr>
 * </table>
 *
 * @param cacheRoot the folder holding one folder per model
 * @param mirror a base URL that replaces every registry URL by {@code MIRROR/<file path>}
 * @param offline never touch the network; report what is missing instead
 * @param http time-outs, retries, proxy and User-Agent
 * @param lockTimeout how long to wait for another process that is changing the same model
 */
public record StoreSettings(Path cacheRoot, Optional<URI> mirror, boolean offline, HttpSettings http,
        Duration lockTimeout) {
    /** Environment variable naming the DepthFM home folder. */
    public static final String HOME_ENV = "DEPTHFM_HOME";
    /** System property naming the DepthFM home folder (wins over the variable). */
    public static final String HOME_PROPERTY = "depthfm.home";
    /** Environment variable giving a mirror URL. */
    public static final String MIRROR_ENV = "DEPTHFM_MIRROR";
    /** System property giving a mirror URL (wins over the variable). */
    public static final String MIRROR_PROPERTY = "depthfm.mirror";
    /** Environment variable switching offline mode on. */
    public static final String OFFLINE_ENV = "DEPTHFM_OFFLINE";
    /** System property switching offline mode on (wins over the variable). */
    public static final String OFFLINE_PROPERTY = "depthfm.offline";

    /** A download of the full model takes minutes to hours; a waiting process gives up after this. */
    private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofHours(3);

    /** Makes the cache root absolute and checks the mirror. */
    public StoreSettings {
        cacheRoot = cacheRoot.toAbsolutePath().normalize();
        mirror.ifPresent(m -> checkMirror(m.toString(), "the mirror"));
    }

    /** @return the settings of this process's environment variables and system properties */
    public static StoreSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /**
     * @param env environment variables
     * @param properties system properties
     * @return the settings they give
     * @throws ModelStoreException if a value is malformed
     */
    public static StoreSettings fromEnvironment(Map<String, String> env, Properties properties) {
        Path home = setting(env, properties, HOME_ENV, HOME_PROPERTY).map(Path::of)
                .orElseGet(() -> Path.of(properties.getProperty("user.home"), ".depthfm"));
        Optional<URI> mirror = setting(env, properties, MIRROR_ENV, MIRROR_PROPERTY)
                .map(m -> checkMirror(m, MIRROR_ENV + "/-D" + MIRROR_PROPERTY));
        boolean offline = setting(env, properties, OFFLINE_ENV, OFFLINE_PROPERTY)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "1", "true", "yes", "on" -> true;
                    case "0", "false", "no", "off" -> false;
                    default -> throw new ModelStoreException(OFFLINE_ENV + "=" + v + " is not understood; use 1 or 0");
                }).orElse(false);
        return new StoreSettings(home.resolve("models"), mirror, offline, HttpSettings.defaults(env, properties),
                DEFAULT_LOCK_TIMEOUT);
    }

    private static Optional<String> setting(Map<String, String> env, Properties properties, String var, String prop) {
        String v = properties.getProperty(prop);
        if (v == null || v.isBlank()) {
            v = env.get(var);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static URI checkMirror(String value, String what) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the fix
        }
        throw new ModelStoreException(what + " '" + value + "' is not an http(s) URL; give one like"
                + " https://models.example.org/depthfm (files are fetched from URL/<path>)");
    }

    /**
     * @param root the folder to hold the model folders (the CLI's {@code --cache DIR})
     * @return these settings with another cache
     */
    public StoreSettings withCacheRoot(Path root) {
        return new StoreSettings(root, mirror, offline, http, lockTimeout);
    }

    /**
     * @param url the mirror's base URL, or null for the registry's URLs
     * @return these settings with another mirror
     */
    public StoreSettings withMirror(URI url) {
        return new StoreSettings(cacheRoot, Optional.ofNullable(url), offline, http, lockTimeout);
    }

    /**
     * @param off true to never touch the network
     * @return these settings with offline mode set
     */
    public StoreSettings withOffline(boolean off) {
        return new StoreSettings(cacheRoot, mirror, off, http, lockTimeout);
    }

    /**
     * @param file a registered file
     * @return where to download it: from the mirror if one is set, else from its registry URL
     */
    public URI source(ModelFile file) {
        return mirror.map(m -> URI.create(m.toString().replaceAll("/+$", "") + "/" + file.path())).orElse(file.url());
    }
}
