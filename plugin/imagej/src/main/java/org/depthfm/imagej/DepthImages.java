package org.depthfm.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.LUT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Result maps as new 32-bit ImageJ images, shaped and calibrated like the input they came from. */
public final class DepthImages {
    private static final LUT MAGMA = readLut("magma.lut");

    private DepthImages() {
    }

    /**
     * @return matplotlib's magma colour map, the official DepthFM colouring
     */
    public static LUT magma() {
        return (LUT) MAGMA.clone();
    }

    /**
     * Builds a 32-bit image from per-frame planes, laid out like the input's Z and T (one channel).
     *
     * @param title the window title
     * @param planes one (W, H) map per input frame (Z fastest, then T)
     * @param like the input image (dimensions and calibration are copied)
     * @param lut the colour map, or null for gray
     * @return the new image (not shown)
     */
    public static ImagePlus fromFrames(String title, List<? extends RandomAccessibleInterval<FloatType>> planes,
            ImagePlus like, LUT lut) {
        ImagePlus imp = fromPlanes(title, planes, like.getWidth(), like.getHeight());
        imp.setDimensions(1, like.getNSlices(), like.getNFrames());
        finish(imp, like, lut);
        return imp;
    }

    /**
     * Builds a 32-bit hyperstack whose channels are the given maps (e.g. ensemble members), one
     * channel group per input frame.
     *
     * @param title the window title
     * @param perFrame for each input frame, (W, H, K) maps
     * @param like the input image
     * @return the new image (not shown)
     */
    public static ImagePlus channelsFromFrames(String title, List<? extends RandomAccessibleInterval<FloatType>> perFrame,
            ImagePlus like) {
        int k = (int) perFrame.get(0).dimension(2);
        ImageStack stack = new ImageStack(like.getWidth(), like.getHeight());
        for (RandomAccessibleInterval<FloatType> f : perFrame) {
            for (int c = 0; c < k; c++) {
                stack.addSlice("member " + (c + 1), processor(Views.hyperSlice(f, 2, c), like.getWidth(), like.getHeight()));
            }
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(k, like.getNSlices(), like.getNFrames());
        finish(imp, like, null);
        return imp.getNDimensions() > 3 ? new ij.CompositeImage(imp, ij.CompositeImage.GRAYSCALE) : imp;
    }

    private static ImagePlus fromPlanes(String title, List<? extends RandomAccessibleInterval<FloatType>> planes, int w,
            int h) {
        ImageStack stack = new ImageStack(w, h);
        for (RandomAccessibleInterval<FloatType> p : planes) {
            stack.addSlice(processor(p, w, h));
        }
        return new ImagePlus(title, stack);
    }

    private static void finish(ImagePlus imp, ImagePlus like, LUT lut) {
        Calibration cal = like.getCalibration().copy();
        // the values are depth, not the input's intensities: drop any intensity calibration
        cal.disableDensityCalibration();
        cal.setValueUnit("");
        imp.setCalibration(cal);
        if (imp.getNDimensions() > 3) {
            imp.setOpenAsHyperStack(true);
        }
        if (lut != null) {
            imp.getProcessor().setLut(lut);
            if (imp.getStackSize() > 1) {
                imp.getStack().setColorModel(lut);
            }
        }
        imp.resetDisplayRange();
    }

    private static FloatProcessor processor(RandomAccessibleInterval<FloatType> plane, int w, int h) {
        if (plane.dimension(0) != w || plane.dimension(1) != h) {
            throw new IllegalArgumentException("a result plane is " + plane.dimension(0) + "x" + plane.dimension(1)
                    + ", the image " + w + "x" + h);
        }
        float[] pixels = new float[w * h];
        int i = 0;
        for (FloatType t : Views.flatIterable(plane)) {
            pixels[i++] = t.get();
        }
        return new FloatProcessor(w, h, pixels);
    }

    private static LUT readLut(String name) {
        try (InputStream in = DepthImages.class.getResourceAsStream("/org/depthfm/imagej/" + name)) {
            if (in == null) {
                throw new IllegalStateException("colour map " + name + " is missing from the plugin jar");
            }
            byte[] b = in.readAllBytes();
            byte[] r = java.util.Arrays.copyOfRange(b, 0, 256);
            byte[] g = java.util.Arrays.copyOfRange(b, 256, 512);
            byte[] bl = java.util.Arrays.copyOfRange(b, 512, 768);
            return new LUT(r, g, bl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
