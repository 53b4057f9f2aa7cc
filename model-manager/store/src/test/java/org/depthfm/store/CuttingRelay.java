package org.depthfm.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a proxy or server that cuts long transfers, as proxies and
 * firewalls on lab networks do: each connection is closed once it has carried its budget of bytes
 * towards the client (the next of {@link #budgets}; none left: unlimited).
 */
public final class CuttingRelay implements AutoCloseable {
    /** Bytes towards the client per connection, one per connection in order; empty: no more cuts. */
    public final ConcurrentLinkedDeque<Long> budgets = new ConcurrentLinkedDeque<>();
    private final ServerSocket socket;
    private final int targetPort;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutting-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong towardsClient = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();

    /**
     * @param targetPort the loopback port to relay to
     */
    public CuttingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    /** @return {@code 127.0.0.1:PORT} */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** @return bytes relayed towards clients so far (headers included) */
    public long bytesTowardsClients() {
        return towardsClient.get();
    }

    /** @return connections accepted so far */
    public int connections() {
        return connections.get();
    }

    /** @return connections cut so far */
    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Long budget = budgets.poll();
                pool.execute(() -> relay(client, budget == null ? Long.MAX_VALUE : budget));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client, long budget) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            pool.execute(() -> pump(client, server, Long.MAX_VALUE, null));
            if (pump(server, client, budget, towardsClient)) {
                cuts.incrementAndGet();
            }
        } catch (IOException e) {
            // one side went away: the connection ends, as it would through a real relay
        }
    }

    /** @return whether the budget ended the connection */
    private static boolean pump(Socket from, Socket to, long budget, AtomicLong counter) {
        byte[] buf = new byte[16384];
        long left = budget;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return false;
                }
                out.write(buf, 0, n);
                out.flush();
                left -= n;
                if (counter != null) {
                    counter.addAndGet(n);
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // closing both ends is all that is left to do
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
