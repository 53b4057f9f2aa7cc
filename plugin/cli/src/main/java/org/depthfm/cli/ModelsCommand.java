package org.depthfm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.depthfm.store.Bytes;
import org.depthfm.store.ImportResult;
import org.depthfm.store.ModelStatus;
import org.depthfm.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm models}: the model cache. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists, downloads, imports, verifies, locates and removes models in the cache.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Download.class, ModelsCommand.Import.class,
                ModelsCommand.Verify.class, ModelsCommand.PathOf.class, ModelsCommand.Remove.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Shared by the subcommands: the cache settings ({@code --model-dir} and {@code --model} are unused here). */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        ConsoleProgress bar() {
            return new ConsoleProgress(System.err);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the known and cached models.")
    static final class ListModels extends Sub {
        @Override
        public Integer call() {
            out().println("cache " + store.manager().settings().cacheRoot());
            for (ModelStatus m : store.manager().list()) {
                out().printf(Locale.ROOT, "%-14s %-10s %10s  %s%n", m.id(), m.state().name().toLowerCase(Locale.ROOT),
                        Bytes.format(m.bytesOnDisk()), m.title());
            }
            return 0;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Downloads what a model lacks, resuming partial downloads (default: depthfm-v1).")
    static final class Download extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1).")
        String id;

        @Override
        public Integer call() {
            out().println(store.manager().download(id, bar()).dir());
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports files downloaded by hand: a .ckpt, the Hub's vae folder or its files, or a whole"
                    + " model folder; they pass the same checks as downloads.")
    static final class Import extends Sub {
        @Parameters(paramLabel = "FILE", description = "A .ckpt, config.json, .safetensors, a vae folder or a model folder.")
        Path source;

        @Option(names = "--as", paramLabel = "ID", description = "The model to import into (default: depthfm-v1).")
        String id;

        @Option(names = "--move", description = "Move the files instead of copying them.")
        boolean move;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.exists(source)) {
                throw new IllegalArgumentException("no such file or folder: " + source);
            }
            ImportResult r = store.manager().importFile(source, id, move, bar());
            out().println("imported " + r.imported() + " into " + r.dir());
            if (!r.missing().isEmpty()) {
                out().println(r.id() + " still lacks " + r.missing() + "; import them too or run 'depthfm models download "
                        + r.id() + "'");
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every file of a model in full (size, format, SHA-256); exits 1 if one is bad.")
    static final class Verify extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1).")
        String id;

        @Override
        public Integer call() {
            VerifyReport r = store.manager().verify(id, bar());
            for (VerifyReport.FileReport f : r.files()) {
                out().printf(Locale.ROOT, "%-8s %s  %s%n", f.status().name().toLowerCase(Locale.ROOT), f.path(), f.detail());
            }
            out().println(r.ok() ? r.id() + " is complete and intact" : r.id() + " has problems (see above)");
            return r.ok() ? 0 : 1;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Prints a model's folder in the cache.")
    static final class PathOf extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1).")
        String id;

        @Override
        public Integer call() {
            out().println(store.manager().path(id));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Deletes a model from the cache.")
    static final class Remove extends Sub {
        @Parameters(paramLabel = "ID", description = "The model.")
        String id;

        @Override
        public Integer call() {
            store.manager().remove(id, bar());
            return 0;
        }
    }
}
