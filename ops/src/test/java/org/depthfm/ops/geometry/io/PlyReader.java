package org.depthfm.ops.geometry.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small PLY reader written from the format's description, independent of the writer: the header
 * (format, comments, elements with scalar and list properties) and an ASCII or binary
 * little-endian body, every value as a double.
 */
final class PlyReader {
    final String format;
    final List<String> comments = new ArrayList<>();
    /** element name -> property name -> one value per item (a list property: its values, flattened) */
    final Map<String, Map<String, List<Double>>> elements = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String[]>> properties = new LinkedHashMap<>();

    PlyReader(byte[] file) throws IOException {
        int end = indexOf(file, "end_header\n".getBytes(StandardCharsets.US_ASCII)) + "end_header\n".length();
        String[] header = new String(file, 0, end, StandardCharsets.UTF_8).split("\n");
        if (!header[0].equals("ply")) {
            throw new IOException("not a PLY file: " + header[0]);
        }
        String fmt = null;
        String element = null;
        for (String line : header) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "format" -> fmt = w[1];
                case "comment" -> comments.add(line.substring("comment ".length()));
                case "element" -> {
                    element = w[1];
                    counts.put(element, Integer.parseInt(w[2]));
                    properties.put(element, new ArrayList<>());
                }
                case "property" -> properties.get(element).add(w);
                default -> { }
            }
        }
        format = fmt;
        ByteBuffer body = ByteBuffer.wrap(file, end, file.length - end).order(ByteOrder.LITTLE_ENDIAN);
        String[] words = format.equals("ascii")
                ? new String(file, end, file.length - end, StandardCharsets.US_ASCII).trim().split("\\s+")
                : null;
        int[] word = {0};
        for (Map.Entry<String, List<String[]>> e : properties.entrySet()) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (String[] p : e.getValue()) {
                values.put(p[p.length - 1], new ArrayList<>());
            }
            for (int item = 0; item < counts.get(e.getKey()); item++) {
                for (String[] p : e.getValue()) {
                    List<Double> to = values.get(p[p.length - 1]);
                    if (p[1].equals("list")) {
                        int n = (int) read(p[2], body, words, word);
                        for (int k = 0; k < n; k++) {
                            to.add(read(p[3], body, words, word));
                        }
                    } else {
                        to.add(read(p[1], body, words, word));
                    }
                }
            }
            elements.put(e.getKey(), values);
        }
        if (words != null ? word[0] != words.length : body.hasRemaining()) {
            throw new IOException("data left after the last element");
        }
    }

    private static double read(String type, ByteBuffer body, String[] words, int[] word) {
        if (words != null) {
            return Double.parseDouble(words[word[0]++]);
        }
        return switch (type) {
            case "uchar" -> Byte.toUnsignedInt(body.get());
            case "int" -> body.getInt();
            case "float" -> body.getFloat();
            default -> throw new IllegalArgumentException("type " + type + " not expected");
        };
    }

    /** @return the property names of an element, in order */
    List<String> propertyNames(String element) {
        return new ArrayList<>(elements.get(element).keySet());
    }

    private static int indexOf(byte[] data, byte[] pattern) throws IOException {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IOException("no end_header");
    }
}
