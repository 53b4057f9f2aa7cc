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
}
