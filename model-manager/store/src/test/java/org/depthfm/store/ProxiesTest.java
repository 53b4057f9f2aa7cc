package org.depthfm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    private static Proxy http(String host, int port) {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    @Test
    void choosesTheProxyOfTheSchemeAndHonoursNoProxy() {
        ProxySelector s = Proxies.fromEnvironment(Map.of("https_proxy", "http://user:pw@proxy.corp:3128/",
                "HTTP_PROXY", "plain.corp", "no_proxy", "localhost, .internal.org,10.0.0.1:8080"), new Properties());
        assertEquals(List.of(http("proxy.corp", 3128)), s.select(URI.create("https://huggingface.co/x")));
        assertEquals(List.of(http("plain.corp", 1080)), s.select(URI.create("http://ommer-lab.com/x")));
        assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("https://models.internal.org/x")));
        assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("https://internal.org/x")));
        assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("http://10.0.0.1/x")));
        assertEquals(List.of(http("proxy.corp", 3128)), s.select(URI.create("https://notinternal.org/x")));
    }

    @Test
    void aStarInNoProxyBypassesEverything() {
        ProxySelector s = Proxies.fromEnvironment(Map.of("https_proxy", "proxy:1", "no_proxy", "*"), new Properties());
        assertEquals(List.of(Proxy.NO_PROXY), s.select(URI.create("https://huggingface.co/x")));
    }

    @Test
    void aMalformedProxySaysHowToSetIt() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> Proxies.fromEnvironment(Map.of("https_proxy", "http://"), new Properties()));
        assertEquals("https_proxy=http:// names no proxy host; set it like http://proxy.example.org:3128", e.getMessage());
    }

    @Test
    void theJvmsSettingsWin() {
        Properties p = new Properties();
        p.setProperty("https.proxyHost", "jvm.proxy");
        assertSame(ProxySelector.getDefault(), Proxies.fromEnvironment(Map.of("https_proxy", "env.proxy:1"), p));
        assertSame(ProxySelector.getDefault(), Proxies.fromEnvironment(Map.of(), new Properties()));
    }

    /** Asks a login the way the JDK's HTTP client does when a proxy or a server answers 407 or 401. */
    private static java.net.PasswordAuthentication ask(ProxyLogin login, String host, int port,
            java.net.Authenticator.RequestorType type) throws Exception {
        return login.requestPasswordAuthenticationInstance(host, null, port, "http", "realm", "basic",
                new java.net.URL("http://models.example.org/x"), type);
    }

    @Test
    void aLoginInTheProxyUrlGoesToThatProxyOnly() throws Exception {
        ProxyLogin login = ProxyLogin.fromEnvironment(Map.of("https_proxy", "http://jane:s3cr%40t@proxy.corp:3128"),
                new Properties()).orElseThrow();
        java.net.PasswordAuthentication pa = ask(login, "proxy.corp", 3128, java.net.Authenticator.RequestorType.PROXY);
        assertEquals("jane", pa.getUserName());
        assertEquals("s3cr@t", new String(pa.getPassword()));
        assertEquals(null, ask(login, "proxy.corp", 3128, java.net.Authenticator.RequestorType.SERVER));
        assertEquals(null, ask(login, "other.corp", 3128, java.net.Authenticator.RequestorType.PROXY));
        assertEquals(java.util.Optional.of("the user:password@ in https_proxy"), login.source("proxy.corp", 3128));
        assertEquals(java.util.Optional.empty(), ProxyLogin.fromEnvironment(Map.of("https_proxy", "proxy.corp:3128"),
                new Properties()));
    }

    @Test
    void withTheJvmsProxySettingsTheLoginComesFromTheirProperties() throws Exception {
        Properties p = new Properties();
        p.setProperty("https.proxyHost", "jvm.proxy");
        p.setProperty("https.proxyPort", "8080");
        p.setProperty("https.proxyUser", "joe");
        p.setProperty("https.proxyPassword", "pw");
        // the environment's login is for another proxy, which the JVM's settings override
        ProxyLogin login = ProxyLogin.fromEnvironment(Map.of("https_proxy", "http://jane:x@env.proxy:1"), p).orElseThrow();
        assertEquals("joe", ask(login, "jvm.proxy", 8080, java.net.Authenticator.RequestorType.PROXY).getUserName());
        assertEquals(null, ask(login, "env.proxy", 1, java.net.Authenticator.RequestorType.PROXY));
        assertEquals(java.util.Optional.of("-Dhttps.proxyUser and -Dhttps.proxyPassword"), login.source("jvm.proxy", 8080));
    }
}
