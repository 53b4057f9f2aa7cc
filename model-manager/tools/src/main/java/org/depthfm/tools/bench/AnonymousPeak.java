package org.depthfm.tools.bench;

/**
 * Watches the process's anonymous resident memory ({@code RssAnon}: native activations and the
 * JVM, not the memory-mapped weights) from a daemon thread every few milliseconds and keeps its
 * maximum. The kernel keeps a peak only for the whole resident size (VmHWM), which also counts
 * weight pages as they are faulted in, so activation memory is read this way.
 */
final class AnonymousPeak implements AutoCloseable {
    private static final long INTERVAL_MS = 5;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    AnonymousPeak() {
        peak = ProcessMemory.read().anonymous();
        thread = new Thread(this::watch, "depthfm-anonymous-peak");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            peak = Math.max(peak, ProcessMemory.read().anonymous());
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the largest anonymous resident size seen so far, bytes */
    long peak() {
        return Math.max(peak, ProcessMemory.read().anonymous());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
