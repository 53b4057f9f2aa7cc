package org.depthfm.store;

/**
 * A model could not be found, fetched, imported or checked. The message is one line that names
 * the file or URL and says how to fix it, ready to show to a user as it is (no stack trace);
 * line breaks in text quoted from elsewhere (a parser's or the system's message) are folded.
 */
public class ModelStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: what failed and the fix
     */
    public ModelStoreException(String message) {
        super(oneLine(message));
    }

    /**
     * @param message one line: what failed and the fix
     * @param cause the underlying failure, kept for debugging
     */
    public ModelStoreException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
