package org.depthfm.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.depthfm.base.AtomicFile;

/** Turns an exception into the one line the command line prints. */
final class Errors {
    private Errors() {
    }

    /**
     * @param e any exception
     * @return its message, or for exceptions without a useful one, a sentence naming the problem
     */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException n) {
            return "no such file: " + named(n.getFile());
        }
        if (t instanceof AccessDeniedException a) {
            return "permission denied: " + named(a.getFile());
        }
        if (t instanceof FileAlreadyExistsException f) {
            return "already exists: " + named(f.getFile());
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory: use a smaller --processing-res or ensemble, or give Java more memory"
                    + " (DEPTHFM_JAVA_OPTS=-Xmx8g)";
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() + " (run with --debug for details)"
                : msg.replace('\n', ' ');
    }

    /** A file as the user knows it: a temporary {@code .part} file as its target. */
    private static String named(String file) {
        if (file == null) {
            return "(unknown file)";
        }
        Path target = AtomicFile.targetOf(Path.of(file));
        return target == null ? file : target.toString();
    }
}
