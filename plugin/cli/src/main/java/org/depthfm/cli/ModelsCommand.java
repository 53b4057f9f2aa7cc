package org.depthfm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.depthfm.store.Bytes;
import org.depthfm.store.ImportResult;
import org.depthfm.store.LibtorchInstall;
import org.depthfm.store.LibtorchRequest;
import org.depthfm.store.LibtorchStore;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelStatus;
import org.depthfm.store.NativeRuntime;
import org.depthfm.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code depthfm models}: the model cache, and libtorch (the native library under the engine),
 * which is fetched, imported and verified with the models; {@code libtorch} names it where a
 * command takes a model's name.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Lists, downloads, imports, verifies, locates and removes models in the cache.",
                "libtorch, the native library DJL runs them on, comes with them: downloaded, imported and verified"
                        + " as a model is, into the folder where DJL looks for it (~/.djl.ai/pytorch); 'libtorch' names"
                        + " it where a command takes a model's name."},
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

    /** What {@code libtorch} names in the model's place. */
    static final String LIBTORCH = "libtorch";

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the known and cached models.")
    static final class ListModels extends Sub {
        @Override
        public Integer call() {
            ModelManager manager = store.manager();
            out().println("cache " + manager.settings().cacheRoot());
            for (ModelStatus m : manager.list()) {
                out().printf(Locale.ROOT, "%-14s %-10s %10s  %s%n", m.id(), m.state().name().toLowerCase(Locale.ROOT),
                        Bytes.format(m.bytesOnDisk()), m.title());
            }
            manager.runtime().ifPresent(runtime -> out().println(libtorchLine(manager, runtime)));
            return 0;
        }

        private static String libtorchLine(ModelManager manager, NativeRuntime runtime) {
            Optional<LibtorchRequest> request = runtime.libtorch();
            if (request.isEmpty()) {
                return String.format(Locale.ROOT, "%-14s %-10s %10s  %s", LIBTORCH, "elsewhere", "", "from "
                        + runtime.elsewhere());
            }
            Optional<LibtorchInstall> found = LibtorchStore.find(request.get());
            return found.map(l -> String.format(Locale.ROOT, "%-14s %-10s %10s  %s in %s", LIBTORCH, "ready",
                    Bytes.format(l.bytes()), l.title(), l.dir()))
                    .orElseGet(() -> String.format(Locale.ROOT, "%-14s %-10s %10s  libtorch %s %s (%s), fetched on"
                            + " first use from %s", LIBTORCH, "absent", Bytes.format(0), request.get().version(),
                            request.get().flavor(), request.get().platform(), manager.libtorch().releases(request.get())));
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Downloads what a model lacks, and the libtorch build DJL loads on this machine (CPU, or"
                    + " CUDA with a fitting GPU driver), resuming partial downloads (default: depthfm-v1; 'libtorch':"
                    + " only libtorch).")
    static final class Download extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1), or libtorch.")
        String id;

        @Override
        public Integer call() {
            ModelManager manager = store.manager();
            if (LIBTORCH.equals(id)) {
                LibtorchInstall l = manager.libtorch().ensure(manager.libtorchRequest(), bar());
                out().println(l.dir());
                return 0;
            }
            out().println(manager.download(id, bar()).dir());
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports files downloaded by hand: a .ckpt, the Hub's vae folder or its files, or a whole"
                    + " model folder; they pass the same checks as downloads. A libtorch folder copied from another"
                    + " machine (~/.djl.ai/pytorch/VERSION-FLAVOR-PLATFORM) goes where DJL looks for it.")
    static final class Import extends Sub {
        @Parameters(paramLabel = "FILE", description = "A .ckpt, config.json, .safetensors, a vae folder, a model folder"
                + " or a libtorch folder.")
        Path source;

        @Option(names = "--as", paramLabel = "ID", description = "The model to import into (default: depthfm-v1).")
        String id;

        @Option(names = "--move", description = "Move the files instead of copying them.")
        boolean move;

        @Override
        public Integer call() {
            if (!Files.exists(source)) {
                throw new IllegalArgumentException("no such file or folder: " + source);
            }
            if (Files.isDirectory(source) && LibtorchStore.isLibtorchFolder(source)) {
                ModelManager manager = store.manager();
                LibtorchInstall l = manager.libtorch().importFrom(source, manager.libtorchRequest(), bar());
                out().println("imported " + l.title() + " into " + l.dir());
                return 0;
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
            description = "Checks every file of a model in full (size, format, SHA-256), and of the libtorch DJL"
                    + " loads (against the SHA-256 recorded when it arrived); exits 1 if one is bad.")
    static final class Verify extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1), or libtorch.")
        String id;

        @Override
        public Integer call() {
            ModelManager manager = store.manager();
            boolean ok = true;
            if (!LIBTORCH.equals(id)) {
                ok = print(manager.verify(id, bar()));
            }
            Optional<LibtorchRequest> libtorch = manager.runtime().flatMap(NativeRuntime::libtorch);
            if (LIBTORCH.equals(id)) {
                ok = print(manager.libtorch().verify(manager.libtorchRequest(), bar()));
            } else if (libtorch.isPresent() && LibtorchStore.find(libtorch.get()).isPresent()) {
                ok &= print(manager.libtorch().verify(libtorch.get(), bar()));
            } else if (libtorch.isPresent()) {
                out().println("libtorch is not here yet: it is fetched on first use, or by 'depthfm models download'");
            }
            return ok ? 0 : 1;
        }

        private boolean print(VerifyReport r) {
            for (VerifyReport.FileReport f : r.files()) {
                out().printf(Locale.ROOT, "%-8s %s  %s%n", f.status().name().toLowerCase(Locale.ROOT), f.path(), f.detail());
            }
            out().println(r.ok() ? r.id() + " is complete and intact" : r.id() + " has problems (see above)");
            return r.ok();
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Prints a model's folder in the cache (libtorch: the folder DJL loads it from).")
    static final class PathOf extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "The model (default: depthfm-v1), or libtorch.")
        String id;

        @Override
        public Integer call() {
            ModelManager manager = store.manager();
            if (LIBTORCH.equals(id)) {
                LibtorchRequest r = manager.libtorchRequest();
                out().println(LibtorchStore.find(r).map(LibtorchInstall::dir).orElse(r.folder(r.flavor())));
                return 0;
            }
            out().println(manager.path(id));
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
