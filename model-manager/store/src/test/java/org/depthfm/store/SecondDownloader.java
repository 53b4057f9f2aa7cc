package org.depthfm.store;

import java.nio.file.Path;
import org.depthfm.base.Progress;

/**
 * Downloads model "tiny" in a JVM of its own, for the test of downloaders in separate processes.
 * Arguments: the cache root and a registry file. Prints what the store tells it; exits 1 with the
 * error's one line on failure.
 */
public final class SecondDownloader {
    private SecondDownloader() {
    }

    public static void main(String[] args) {
        ModelManager manager = new ModelManager(TinyModel.settings(Path.of(args[0])), ModelRegistry.read(Path.of(args[1])));
        try {
            manager.download(TinyModel.ID, new Progress() {
                @Override
                public void message(String line) {
                    System.out.println(line);
                }
            });
        } catch (ModelStoreException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
