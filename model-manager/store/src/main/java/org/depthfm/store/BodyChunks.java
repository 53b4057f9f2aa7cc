package org.depthfm.store;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.depthfm.base.Progress;

/**
 * Pulls a response body one chunk at a time with a time-out per chunk. {@code HttpClient}'s own
 * request time-out ends when the headers arrive, and its body streams block for ever on a server
 * that stalls mid-file; here each wait is bounded, and cancels are noticed within
 * {@link Cancellation#POLL}. One chunk is requested at a time, so a slow disk slows the network
 * instead of filling the heap.
 */
final class BodyChunks implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * @param timeout the longest wait for the chunk
     * @param listener polled for a cancel while waiting
     * @return the next chunk, or null at the end of the body
     * @throws IOException if the connection failed or no data came within the time-out
     */
    List<ByteBuffer> next(Duration timeout, Progress listener) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Cancellation.check(listener);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new HttpTimeoutException("no data for " + HttpDownloader.describe(timeout));
            }
            Object item;
            try {
                item = queue.poll(Math.min(left, Cancellation.POLL.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw Cancellation.interrupted();
            }
            if (item == END) {
                return null;
            }
            if (item instanceof Throwable t) {
                throw t instanceof IOException io ? io : new IOException(t.toString(), t);
            }
            if (item != null) {
                subscription.request(1);
                @SuppressWarnings("unchecked")
                List<ByteBuffer> chunk = (List<ByteBuffer>) item;
                return chunk;
            }
        }
    }

    /**
     * Releases the connection of a body that will not be read.
     *
     * @param body a response body, or null where the response had none
     */
    static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        if (body != null) {
            BodyChunks c = new BodyChunks();
            c.cancel();
            body.subscribe(c);
        }
    }

    /** Stops the transfer and releases the connection. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
