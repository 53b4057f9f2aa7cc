package org.depthfm.plugin.fiji;

import org.depthfm.plugin.pipeline.ModelHolder;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * Keeps the loaded DepthFM model in memory for every command and script of a Fiji session, so
 * that the multi-gigabyte weights load once. Scripts reach it as {@code #@ DepthFmService dfm}.
 */
@Plugin(type = Service.class)
public final class DepthFmService extends AbstractService implements SciJavaService {
    private final ModelHolder holder = new ModelHolder();

    /** @return the holder of the loaded model (its use is serialised) */
    public ModelHolder models() {
        return holder;
    }

    @Override
    public void dispose() {
        holder.unload();
    }
}
