package org.depthfm.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.depthfm.base.Progress;

/** A listener that keeps the store's messages for assertions (thread-safe: concurrent downloaders share one). */
final class MessageLog implements Progress {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void message(String line) {
        lines.add(line);
    }

    /** @return the messages so far */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the first message so far */
    String first() {
        return lines.get(0);
    }

    /** @return whether a message starts with this */
    boolean any(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    void clear() {
        lines.clear();
    }
}
