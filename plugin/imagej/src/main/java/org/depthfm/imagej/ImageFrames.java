package org.depthfm.imagej;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * ImageJ 1 images as ImgLib2 frames. Every (Z, T) position of an image, stack or hyperstack is one
 * frame of shape (W, H, C): C = 3 for RGB colour images, else the image's channels. Gray images
 * are wrapped without copying (the ImagePlus is never modified); RGB pixels are unpacked.
 */
public final class ImageFrames {
    private ImageFrames() {
    }

    /** Receives a frame with its concrete pixel type. */
    public interface Visitor<R> {
        /**
         * @param <T> the pixel type
         * @param frame (W, H, C)
         * @return anything
         */
        <T extends RealType<T>> R visit(RandomAccessibleInterval<T> frame);
    }

    /**
     * @param imp an image
     * @return the number of frames: slices x time points
     */
    public static int count(ImagePlus imp) {
        return imp.getNSlices() * imp.getNFrames();
    }

    /**
     * Hands frame {@code index} (Z fastest, then T) to a visitor.
     *
     * @param <R> what the visitor returns
     * @param imp an image
     * @param index 0 .. {@link #count} - 1
     * @param visitor receives the (W, H, C) frame
     * @return what the visitor returns
     */
    public static <R> R visit(ImagePlus imp, int index, Visitor<R> visitor) {
        int z = index % imp.getNSlices() + 1;
        int t = index / imp.getNSlices() + 1;
        int w = imp.getWidth();
        int h = imp.getHeight();
        List<ImageProcessor> planes = new ArrayList<>();
        for (int c = 1; c <= imp.getNChannels(); c++) {
            planes.add(imp.getStack().getProcessor(imp.getStackIndex(c, z, t)));
        }
        return switch (imp.getType()) {
            case ImagePlus.COLOR_RGB -> visitor.visit(rgb(planes.get(0), w, h));
            case ImagePlus.GRAY16 -> visitor.visit(Views.stack(planes.stream()
                    .map(p -> ArrayImgs.unsignedShorts((short[]) p.getPixels(), w, h)).toList()));
            case ImagePlus.GRAY32 -> visitor.visit(Views.stack(planes.stream()
                    .map(p -> ArrayImgs.floats((float[]) p.getPixels(), w, h)).toList()));
            case ImagePlus.COLOR_256 -> visitor.visit(rgb(planes.get(0).convertToRGB(), w, h));
            default -> visitor.visit(Views.stack(planes.stream()
                    .map(p -> ArrayImgs.unsignedBytes((byte[]) p.getPixels(), w, h)).toList()));
        };
    }

    /** Unpacks 0xRRGGBB pixels into (W, H, 3) unsigned bytes. */
    private static ArrayImg<UnsignedByteType, ByteArray> rgb(ImageProcessor ip, int w, int h) {
        int[] packed = (int[]) ip.getPixels();
        byte[] out = new byte[3 * w * h];
        int n = w * h;
        for (int i = 0; i < n; i++) {
            int p = packed[i];
            out[i] = (byte) (p >> 16);
            out[n + i] = (byte) (p >> 8);
            out[2 * n + i] = (byte) p;
        }
        return ArrayImgs.unsignedBytes(out, w, h, 3);
    }
}
