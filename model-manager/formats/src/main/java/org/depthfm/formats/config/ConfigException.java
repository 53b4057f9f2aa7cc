package org.depthfm.formats.config;

import org.depthfm.formats.CheckpointException;

/** A model configuration that the engine cannot build; the message names the key and the file. */
public class ConfigException extends CheckpointException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public ConfigException(String message) {
        super(message);
    }
}
