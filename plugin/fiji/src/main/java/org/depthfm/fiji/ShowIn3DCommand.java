package org.depthfm.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.process.FloatProcessor;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.depthfm.imagej.DepthImages;
import org.depthfm.imagej.geometry.Export3D;
import org.depthfm.imagej.geometry.ExportSettings;
import org.depthfm.imagej.geometry.PreparedSurface;
import org.depthfm.imagej.geometry.SurfaceSource;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DepthFM › Show in 3D: the depth as a coloured mesh in Fiji's 3D Viewer when it is
 * installed (found at run time), else as ImageJ's surface plot of the relief (near parts up): Fiji's
 * interactive "3D Surface Plot" where present, ImageJ 1's "Surface Plot..." otherwise. Needs a
 * screen. Macro, e.g. {@code run("Show in 3D", "depth=[photo-depth] image=photo.jpg")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DepthFM>Show in 3D",
        description = "The depth map as a coloured mesh in Fiji's 3D Viewer (or ImageJ's surface plot), with the"
                + " cameras and filters of Export 3D")
public final class ShowIn3DCommand extends SurfaceParameters {
    @Parameter(label = ExportLabels.VIEWER, choices = {ExportLabels.VIEWER_AUTO, ExportLabels.VIEWER_3D,
        ExportLabels.VIEWER_SURFACE}, persist = false)
    String viewer = ExportLabels.VIEWER_AUTO;

    @Override
    public void run() {
        guarded(() -> {
            SurfaceSource source = source();
            ClassLoader loader = IJ.getClassLoader() != null ? IJ.getClassLoader() : getClass().getClassLoader();
            boolean threeD = switch (viewer) {
                case ExportLabels.VIEWER_AUTO -> Viewer3D.available(loader);
                case ExportLabels.VIEWER_3D -> {
                    if (!Viewer3D.available(loader)) {
                        throw new IllegalArgumentException("Fiji's 3D Viewer is not installed: add it (Help > Update,"
                                + " 3D_Viewer) or choose viewer=[surface plot]");
                    }
                    yield true;
                }
                case ExportLabels.VIEWER_SURFACE -> false;
                default -> throw new IllegalArgumentException("unknown viewer '" + viewer + "': use auto, 3D Viewer or"
                        + " surface plot");
            };
            if (GraphicsEnvironment.isHeadless()) {
                throw new IllegalStateException("Show in 3D needs a screen; without one, use Export 3D and open the"
                        + " file in MeshLab, CloudCompare or Blender");
            }
            ExportSettings settings = settings();
            int needed = (int) Math.ceil(Math.sqrt((double) depth.getWidth() * depth.getHeight() / Viewer3D.MAX_VERTICES));
            if (threeD && settings.options().blockSize() < needed) {
                IJ.log("DepthFM: " + depth.getWidth() + "x" + depth.getHeight() + " shown in blocks of " + needed
                        + " pixels (at most " + Viewer3D.MAX_VERTICES + " vertices); Export 3D writes every pixel");
                settings = settings.withOptions(settings.options().withBlockSize(needed));
            }
            PreparedSurface surface = Export3D.prepare(source, settings);
            surface.notes().forEach(line -> IJ.log("DepthFM: " + line));
            if (threeD) {
                showInViewer(surface, loader);
            } else {
                surfacePlot(surface);
            }
        });
    }

    private static void showInViewer(PreparedSurface surface, ClassLoader loader) {
        try {
            Viewer3D.show(surface.mesh(), surface.title(), loader);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the 3D Viewer failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the installed 3D Viewer is not one this plugin knows (" + e + "); choose"
                    + " viewer=[surface plot] or update Fiji", e);
        }
    }

    /** The relief (near parts up, dropped pixels at the lowest level) in a surface plot. */
    private static void surfacePlot(PreparedSurface surface) {
        RandomAccessibleInterval<? extends RealType<?>> d = surface.surface().depth();
        int w = (int) d.dimension(0);
        int h = (int) d.dimension(1);
        double scale = surface.projection().zScale();
        float[] z = new float[w * h];
        float far = Float.NEGATIVE_INFINITY;
        int i = 0;
        for (RealType<?> t : Views.flatIterable(d)) {
            z[i] = (float) (scale * t.getRealDouble());
            far = Float.isFinite(z[i]) ? Math.max(far, z[i]) : far;
            i++;
        }
        float[] relief = new float[w * h];
        for (int k = 0; k < relief.length; k++) {
            relief[k] = Float.isFinite(z[k]) ? far - z[k] : 0;
        }
        ImagePlus imp = new ImagePlus(surface.title() + "-relief", new FloatProcessor(w, h, relief));
        imp.getProcessor().setLut(DepthImages.magma());
        imp.resetDisplayRange();
        boolean interactive = Menus.getCommands() != null && Menus.getCommands().containsKey("3D Surface Plot");
        IJ.run(imp, interactive ? "3D Surface Plot" : "Surface Plot...", interactive ? ""
                : "polygon=100 shade draw_axis smooth");
    }
}
