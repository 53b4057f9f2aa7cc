package org.depthfm.formats.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from a configuration read out of a checkpoint ({@code ldm_hparams}, a diffusers
 * {@code config.json}), with defaults and error messages that name the key and the file.
 */
public final class ConfigMap {
    private final Map<?, ?> map;
    private final String source;

    /**
     * @param map the configuration (string keys; numbers, booleans, strings, lists, nulls)
     * @param source a name for it in error messages
     */
    public ConfigMap(Map<?, ?> map, String source) {
        this.map = map;
        this.source = source;
    }

    /** @return the source's name */
    public String source() {
        return source;
    }

    /**
     * @param key a key
     * @return whether the key is present with a non-null value
     */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /**
     * @param key a key
     * @return the integer value
     * @throws ConfigException if missing or not an integer
     */
    public int integer(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new ConfigException(source + " lacks '" + key + "'");
        }
        return toInt(key, v);
    }

    /**
     * @param key a key
     * @param fallback the value when the key is missing or null
     * @return the integer value
     */
    public int integer(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is missing or null
     * @return the number
     */
    public double number(String key, double fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new ConfigException(source + ": '" + key + "' should be a number, not " + v);
        }
        return n.doubleValue();
    }

    /**
     * @param key a key
     * @param fallback the value when the key is missing or null
     * @return the boolean value
     */
    public boolean flag(String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(source + ": '" + key + "' should be true or false, not " + v);
        }
        return b;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is missing or null
     * @return the string value
     */
    public String string(String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : v.toString();
    }

    /**
     * Reads a list of integers; a single integer reads as a one-element list.
     *
     * @param key a key
     * @return the values, or null when the key is missing or null
     */
    public int[] integers(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            return new int[] {toInt(key, v)};
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(key, l.get(i));
        }
        return out;
    }

    /**
     * @param key a key
     * @return the strings, or null when the key is missing
     */
    public List<String> strings(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(e -> out.add(String.valueOf(e)));
        } else {
            out.add(v.toString());
        }
        return out;
    }

    /**
     * @param key a key
     * @return the booleans, or null when the key is missing
     */
    public boolean[] flags(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        List<?> l = v instanceof List<?> list ? list : List.of(v);
        boolean[] out = new boolean[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Boolean b)) {
                throw new ConfigException(source + ": '" + key + "' should hold true/false values, not " + l.get(i));
            }
            out[i] = b;
        }
        return out;
    }

    private int toInt(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Math.toIntExact(n.longValue());
        }
        throw new ConfigException(source + ": '" + key + "' should be an integer, not " + v);
    }
}
