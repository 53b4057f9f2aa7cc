package org.depthfm.site.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checksum the ImageJ updater records for a jar and recomputes for the installed copy (its
 * {@code UpdaterUtil.getJarDigest(file)}): SHA-1, in hex, over the jar's entries sorted by name,
 * each contributing its name (ASCII) and then its content. Two kinds of entry are filtered first,
 * so that rebuilding a jar with a new date does not make Fiji report it as changed: comment lines
 * of {@code .properties} files, and the whole content of {@code META-INF/MANIFEST.MF}.
 *
 * <p>Any difference from the updater's arithmetic would make Fiji list every installed DepthFM
 * file as "locally modified", so the filters below reproduce the updater's behaviour byte for
 * byte, quirks included (see {@link #withoutCommentLines}).
 */
public final class UpdaterChecksum {
    static final String MANIFEST = "META-INF/MANIFEST.MF";

    private UpdaterChecksum() {
    }

    /**
     * @param jar a jar file
     * @return the updater's checksum of it, 40 lower-case hex digits
     * @throws IOException if the jar cannot be read
     */
    public static String ofJar(Path jar) throws IOException {
        MessageDigest sha1 = sha1();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry e : entries) {
                sha1.update(e.getName().getBytes(StandardCharsets.US_ASCII));
                try (InputStream in = zip.getInputStream(e)) {
                    sha1.update(filtered(e.getName(), in.readAllBytes()));
                }
            }
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /**
     * @param name an entry's name
     * @param content its bytes
     * @return the bytes the updater digests for it
     */
    static byte[] filtered(String name, byte[] content) {
        if (name.equals(MANIFEST)) {
            // The updater keeps only the manifest's "Main-Class:" lines, but it looks for them in the
            // upper-cased line, where the mixed-case prefix never matches: a manifest adds no bytes.
            return new byte[0];
        }
        return name.endsWith(".properties") ? withoutCommentLines(content) : content;
    }

    /**
     * The bytes of a {@code .properties} file as the updater reads them for its checksum: a line
     * starting with {@code #} becomes its bare line feed (or nothing, if the file ends without one).
     *
     * <p>The updater decides "starting with" with a flag that only a line feed read in the middle
     * of a line sets, so, as there, two things leave the next line unfiltered: an empty line, and
     * a comment line made of {@code #} characters alone.
     *
     * @param in the file's bytes
     * @return the filtered bytes
     */
    static byte[] withoutCommentLines(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        boolean atLineStart = true;
        int i = 0;
        while (i < in.length) {
            byte c = in[i++];
            if (!atLineStart) {
                out.write(c);
                atLineStart = c == '\n';
            } else if (c != '#') {
                out.write(c);
                atLineStart = false;
            } else {
                while (i < in.length && in[i] == '#') {
                    i++;
                }
                if (i < in.length && in[i] == '\n') {
                    out.write('\n');
                    i++;
                    atLineStart = false;
                    continue;
                }
                while (i < in.length && in[i] != '\n') {
                    i++;
                }
                if (i < in.length) {
                    out.write('\n');
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
