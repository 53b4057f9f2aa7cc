package org.depthfm.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.depthfm.base.AtomicFile;

/**
 * The temporary files of outputs ({@link AtomicFile}'s {@code .<name>.<hex>.part}) that a run
 * killed while writing left behind. The output folders are listed once, when a batch starts; a
 * file's are deleted only under its claim ({@link OutputClaim}), when no live run can be writing them.
 */
final class StaleParts {
    private final Map<Path, List<Path>> byTarget;

    private StaleParts(Map<Path, List<Path>> byTarget) {
        this.byTarget = byTarget;
    }

    /**
     * @param outputs the batch's outputs
     * @return the temporary files in their folders, by the output they were to become
     */
    static StaleParts around(Collection<Path> outputs) {
        Set<Path> folders = new LinkedHashSet<>();
        outputs.forEach(o -> folders.add(o.toAbsolutePath().normalize().getParent()));
        Map<Path, List<Path>> byTarget = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.part")) {
                for (Path f : files) {
                    Path target = AtomicFile.targetOf(f);
                    if (target != null) {
                        byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(f);
                    }
                }
            } catch (IOException e) {
                // an unreadable folder fails where the outputs are written, with its reason
            }
        }
        return new StaleParts(byTarget);
    }

    /**
     * Deletes the temporary files of these outputs; call only while holding their file's claim.
     *
     * @param outputs one file's outputs
     */
    void clean(List<Path> outputs) {
        for (Path out : outputs) {
            delete(byTarget.remove(out.toAbsolutePath().normalize()));
        }
    }

    /**
     * Deletes the temporary files of the outputs a test picks (a stack's 3D files, whose number is
     * not known before it is read); call only while holding their file's claim.
     *
     * @param outputs picks one file's outputs
     */
    void cleanWhere(Predicate<Path> outputs) {
        List<Path> targets = byTarget.keySet().stream().filter(outputs).toList();
        targets.forEach(t -> delete(byTarget.remove(t)));
    }

    private static void delete(List<Path> parts) {
        if (parts != null) {
            for (Path p : parts) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next run; it is hidden and never read as an output
                }
            }
        }
    }
}
