package org.depthfm.fiji;

import ij.IJ;
import ij.measure.ResultsTable;
import java.io.File;
import java.util.Locale;
import org.depthfm.store.Bytes;
import org.depthfm.store.ImportResult;
import org.depthfm.store.ModelManager;
import org.depthfm.store.ModelStatus;
import org.depthfm.store.VerifyReport;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Manage DepthFM Models: the model cache from Fiji. Download shows Fiji's progress
 * bar; Esc pauses it (the next download resumes). Macro, e.g.
 * {@code run("Manage DepthFM Models", "action=download model=depthfm-v1")}. The label names
 * DepthFM: ImageJ 1 keys its commands by label, and another plugin's "Manage Models" would take
 * this one's place.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Manage DepthFM Models", headless = true,
        description = "List, download, import, verify and remove DepthFM models; set the cache folder and mirror")
public final class ManageModelsCommand extends DepthFmCommand {
    static final String LIST = "list";
    static final String DOWNLOAD = "download";
    static final String IMPORT = "import";
    static final String VERIFY = "verify";
    static final String REMOVE = "remove";
    static final String UNLOAD = "unload";
    static final String SETTINGS = "settings";

    @Parameter(label = "Action",
            description = "list the models; download, import, verify or remove one; unload the loaded one; settings:"
            + " the cache folder, mirror and offline mode below",
            choices = {LIST, DOWNLOAD, IMPORT, VERIFY, REMOVE, UNLOAD, SETTINGS}, persist = false)
    String action = LIST;

    @Parameter(label = "Model", description = "The model's id (list shows them)", persist = false)
    String model = "depthfm-v1";

    @Parameter(label = "File or folder to import (.ckpt, vae folder, model folder)",
            description = "For import: a checkpoint, the VAE folder or a whole model folder, checked as a download"
            + " would be", required = false, persist = false)
    File file;

    @Parameter(label = "Cache folder (settings; empty = default)",
            description = "For settings: where models are kept (default ~/.depthfm)", required = false,
            style = "directory", persist = false)
    File cache;

    @Parameter(label = "Mirror URL (settings; empty = none)",
            description = "For settings: a server with the model files under the same paths", required = false,
            persist = false)
    String mirror = "";

    @Parameter(label = "Offline (settings)",
            description = "For settings: never use the network; a missing file is reported with what to import",
            persist = false)
    boolean offline = false;

    @Parameter
    DepthFmService depthfm;

    @Parameter(required = false)
    StatusService status;

    @Override
    public void run() {
        guarded(() -> {
            Run run = new Run(status, null, "Manage DepthFM Models");
            ModelManager manager = depthfm.modelManager();
            switch (action) {
                case LIST -> list(manager);
                case DOWNLOAD -> run.message("ready: " + manager.download(model, run).dir());
                case IMPORT -> importFile(manager, run);
                case VERIFY -> verify(manager, run);
                case REMOVE -> {
                    depthfm.models().unload();
                    manager.remove(model, run);
                }
                case UNLOAD -> {
                    depthfm.models().unload();
                    run.message("the model was unloaded; its memory is free");
                }
                case SETTINGS -> {
                    depthfm.setStoreSettings(cache == null ? null : cache.toPath(), mirror, offline);
                    run.message("model cache: " + depthfm.modelManager().settings().cacheRoot()
                            + (mirror.isBlank() ? "" : ", mirror " + mirror) + (offline ? ", offline" : ""));
                }
                default -> throw new IllegalArgumentException("unknown action '" + action + "'");
            }
        });
    }

    private void list(ModelManager manager) {
        ResultsTable rt = new ResultsTable();
        for (ModelStatus m : manager.list()) {
            rt.incrementCounter();
            rt.addValue("Model", m.id());
            rt.addValue("State", m.state().name().toLowerCase(Locale.ROOT));
            rt.addValue("Size", Bytes.format(m.bytesOnDisk()));
            rt.addValue("Folder", m.dir().toString());
            rt.addValue("Title", m.title());
        }
        Tables.show(rt, "DepthFM Models", rt.size());
    }

    private void importFile(ModelManager manager, Run run) {
        if (file == null) {
            throw new IllegalArgumentException("choose the file or folder to import");
        }
        ImportResult r = manager.importFile(file.toPath(), model, false, run);
        run.message("imported " + r.imported() + " into " + r.dir()
                + (r.missing().isEmpty() ? "" : "; still missing " + r.missing()));
    }

    private void verify(ModelManager manager, Run run) {
        VerifyReport r = manager.verify(model, run);
        r.files().forEach(f -> IJ.log(f.status().name().toLowerCase(Locale.ROOT) + " " + f.path() + " " + f.detail()));
        if (!r.ok()) {
            throw new IllegalStateException(r.id() + " has damaged or missing files (see the Log window); download"
                    + " it again with action=download");
        }
        run.message(r.id() + " is complete and intact");
    }
}
