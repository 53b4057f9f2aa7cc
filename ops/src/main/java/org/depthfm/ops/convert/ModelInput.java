package org.depthfm.ops.convert;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.Checks;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.resample.ProcessingSize;

/**
 * The engine's input: an RGB image in [-1, 1] at the processing size, as the official
 * {@code inference.py} makes it ({@code Image.open(...).convert('RGB')}, resized with PIL's
 * bilinear filter, {@code x = v / 127.5 - 1}).
 *
 * <p>Channels ({@link #rgb(RandomAccessibleInterval)}): a 2D image, or one with a single channel,
 * is gray and is replicated to R, G and B, as PIL's {@code convert('RGB')} does; three channels are
 * R, G, B; any other count (fluorescence composites, RGBA) is ambiguous, so the caller picks three
 * with {@link #rgb(RandomAccessibleInterval, int, int, int)}.
 *
 * <p>Intensities: 8-bit images ({@link UnsignedByteType}, or {@link ARGBType} colour) follow the
 * official code bit for bit: PIL's 8-bit resize first, then {@code v / 127.5 - 1} in float64
 * rounded to float32. Other types (16-bit, 32-bit, ...) are resized in float as PIL does for
 * 32-bit images and then mapped by an {@link IntensityRange}, by default the image's own minimum
 * and maximum over all channels (bilinear weights are not negative, so resizing stays inside it).
 *
 * <p>The result is an {@code (X, Y, 3)} float image whose backing array is the engine's
 * {@code (3, H, W)} layout. NaN, infinite values and constant images are rejected with an
 * {@link IllegalArgumentException}; the input is never modified.
 */
public final class ModelInput {
    /** The model's input channels: R, G, B. */
    public static final int CHANNELS = 3;

    private ModelInput() {
    }

    /**
     * The RGB view of an image by the default rule: gray (2D, or one channel) is replicated, three
     * channels are R, G, B.
     *
     * @param <T> the pixel type
     * @param image the image, X, Y and an optional channel axis
     * @return an {@code (X, Y, 3)} view, zero-based in the channel axis
     * @throws IllegalArgumentException if the image has another channel count or more than three axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<T> rgb(RandomAccessibleInterval<T> image) {
        long channels = channelCount(image);
        if (channels == 1) {
            return rgb(image, 0, 0, 0);
        }
        if (channels != CHANNELS) {
            throw new IllegalArgumentException("the image has " + channels + " channels, so which are red, green "
                    + "and blue is ambiguous; choose three with ModelInput.rgb(image, r, g, b), for example "
                    + "rgb(image, 1, 1, 1) for gray from channel 1");
        }
        return rgb(image, 0, 1, 2);
    }

    /**
     * The RGB view of chosen channels; a channel may be chosen more than once.
     *
     * @param <T> the pixel type
     * @param image the image, X, Y and an optional channel axis (a 2D image has the one channel 0)
     * @param red the channel shown as red, counted from the channel axis' minimum
     * @param green the channel shown as green
     * @param blue the channel shown as blue
     * @return an {@code (X, Y, 3)} view, zero-based in the channel axis
     * @throws IllegalArgumentException if a channel does not exist or the image has more than three axes
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<T> rgb(RandomAccessibleInterval<T> image,
            int red, int green, int blue) {
        long channels = channelCount(image);
        for (int c : new int[] {red, green, blue}) {
            if (c < 0 || c >= channels) {
                throw new IllegalArgumentException("channel " + c + " does not exist; the image has " + channels
                        + " channel(s), numbered from 0");
            }
        }
        // views that only transform coordinates where they can: a stack view is slow per pixel
        if (red == green && green == blue) {
            return Views.addDimension(channel(image, red), 0, CHANNELS - 1);
        }
        if (channels == CHANNELS && red == 0 && green == 1 && blue == 2) {
            return Views.translate(image, 0, 0, -image.min(2));
        }
        return Views.stack(channel(image, red), channel(image, green), channel(image, blue));
    }

    /**
     * Maps intensities to the model range: {@code x = (v - low) / ((high - low) / 2) - 1} in float64,
     * rounded to float32; for [0, 255] that is the official {@code v / 127.5 - 1}.
     *
     * @param <T> the source pixel type
     * @param source the intensities, defined at least on the target's interval
     * @param target the output; its interval is the one mapped; it may be the source itself
     * @param range the intensities that map to -1 and 1, and whether values outside are clipped
     * @throws IllegalArgumentException at a NaN or infinite value, or at a value outside a range
     *         that does not clip
     */
    public static <T extends RealType<T>> void toModelRange(RandomAccessible<T> source,
            RandomAccessibleInterval<FloatType> target, IntensityRange range) {
        double half = (range.high() - range.low()) / 2;
        RandomAccess<T> in = source.randomAccess(target);
        for (Cursor<FloatType> out = target.localizingCursor(); out.hasNext();) {
            FloatType t = out.next();
            in.setPosition(out);
            double v = in.get().getRealDouble();
            if (!Double.isFinite(v)) {
                throw IntensityRange.notFinite(v, out);
            }
            if (v < range.low() || v > range.high()) {
                if (!range.clip()) {
                    throw new IllegalArgumentException("the value " + v + " at " + Arrays.toString(
                            out.positionAsLongArray()) + " lies outside the intensity range [" + range.low() + ", "
                            + range.high() + "]; widen the range or use IntensityRange.minMax or percentiles");
                }
                v = Math.min(Math.max(v, range.low()), range.high());
            }
            t.setReal((v - range.low()) / half - 1);
        }
    }

    /**
     * The model input by the default rules: channels by {@link #rgb(RandomAccessibleInterval)};
     * 8-bit images as the official code, other types by their minimum and maximum.
     *
     * @param <T> the pixel type
     * @param image the image, X, Y and an optional channel axis
     * @param processingRes the longer side before rounding to the multiple, {@code <= 0} for the
     *        original size (see {@link ProcessingSize#of})
     * @param multiple the size multiple the network needs (64 for depthfm-v1)
     * @return an {@code (X, Y, 3)} image in [-1, 1] at the processing size
     * @throws IllegalArgumentException if the channels are ambiguous, or the image has NaN or
     *         infinite values or is constant
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> prepare(
            RandomAccessibleInterval<T> image, int processingRes, int multiple) {
        RandomAccessibleInterval<T> rgb = rgb(image);
        double[] extremes = requireStructure(rgb);
        if (rgb.getType() instanceof UnsignedByteType) {
            // the values are bytes already; the view only restates the type for the 8-bit resize
            return official(Converters.convert2(rgb, (a, b) -> b.setReal(a.getRealDouble()), UnsignedByteType::new),
                    processingRes, multiple);
        }
        return resizedThenMapped(rgb, IntensityRange.of(extremes[0], extremes[1]), processingRes, multiple);
    }

    /**
     * The model input with a chosen intensity range, for any pixel type: channels by
     * {@link #rgb(RandomAccessibleInterval)}, resized in float as PIL does for 32-bit images, then
     * mapped (and, for a clipping range, clipped) at the processing size.
     *
     * @param <T> the pixel type
     * @param image the image, X, Y and an optional channel axis
     * @param range the intensities that map to -1 and 1
     * @param processingRes the longer side before rounding, {@code <= 0} for the original size
     * @param multiple the size multiple the network needs (64 for depthfm-v1)
     * @return an {@code (X, Y, 3)} image in [-1, 1] at the processing size
     * @throws IllegalArgumentException if the channels are ambiguous, the image has NaN or infinite
     *         values or is constant, or has values outside a range that does not clip
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> prepare(
            RandomAccessibleInterval<T> image, IntensityRange range, int processingRes, int multiple) {
        RandomAccessibleInterval<T> rgb = rgb(image);
        double[] extremes = requireStructure(rgb);
        if (!range.clip() && (extremes[0] < range.low() || extremes[1] > range.high())) {
            throw new IllegalArgumentException("the image's values span [" + extremes[0] + ", " + extremes[1]
                    + "], beyond the intensity range [" + range.low() + ", " + range.high() + "]; widen the range or "
                    + "use IntensityRange.minMax or percentiles");
        }
        return resizedThenMapped(rgb, range, processingRes, multiple);
    }

    /**
     * The intensity range {@link #prepare(RandomAccessibleInterval, int, int)} maps an image with:
     * [0, 255] for 8-bit images (the official code's), else the image's minimum and maximum.
     *
     * @param <T> the pixel type
     * @param image the image, X, Y and an optional channel axis
     * @return the range
     * @throws IllegalArgumentException if the channels are ambiguous, or the image has NaN or
     *         infinite values or is constant
     */
    public static <T extends RealType<T>> IntensityRange range(RandomAccessibleInterval<T> image) {
        RandomAccessibleInterval<T> rgb = rgb(image);
        if (rgb.getType() instanceof UnsignedByteType) {
            return IntensityRange.unsignedByte();
        }
        double[] extremes = requireStructure(rgb);
        return IntensityRange.of(extremes[0], extremes[1]);
    }

    /**
     * The model input of one tile of an image checked as a whole ({@link #range}): mapped with the
     * whole image's range, so that every tile sees the contrast the whole image has, at the tile's own
     * size rounded to the multiple. A flat tile (sky, background) is fine: the whole has structure.
     *
     * @param <T> the pixel type
     * @param tile the tile, X, Y and the image's channels
     * @param range the whole image's range ({@link #range})
     * @param multiple the size multiple the network needs (64 for depthfm-v1)
     * @return an {@code (X, Y, 3)} image in [-1, 1]
     */
    public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> tile(RandomAccessibleInterval<T> tile,
            IntensityRange range, int multiple) {
        RandomAccessibleInterval<T> rgb = rgb(tile);
        if (rgb.getType() instanceof UnsignedByteType && range.equals(IntensityRange.unsignedByte())) {
            return official(Converters.convert2(rgb, (a, b) -> b.setReal(a.getRealDouble()), UnsignedByteType::new),
                    0, multiple);
        }
        return resizedThenMapped(rgb, range, 0, multiple);
    }

    /**
     * The model input of a colour image (ImageJ's RGB type) as the official code makes it; alpha is
     * ignored, as PIL's {@code convert('RGB')} does.
     *
     * @param image the colour image, X and Y
     * @param processingRes the longer side before rounding, {@code <= 0} for the original size
     * @param multiple the size multiple the network needs (64 for depthfm-v1)
     * @return an {@code (X, Y, 3)} image in [-1, 1] at the processing size
     * @throws IllegalArgumentException if the image is not 2D or is constant
     */
    public static RandomAccessibleInterval<FloatType> prepareArgb(RandomAccessibleInterval<ARGBType> image,
            int processingRes, int multiple) {
        Checks.requirePlane("an RGB colour image", image);
        RandomAccessibleInterval<UnsignedByteType> rgb = Converters.argbChannels(image, 1, 2, 3);
        requireStructure(rgb);
        return official(rgb, processingRes, multiple);
    }

    private static RandomAccessibleInterval<FloatType> official(RandomAccessibleInterval<UnsignedByteType> rgb,
            int processingRes, int multiple) {
        ProcessingSize size = ProcessingSize.of(rgb.dimension(0), rgb.dimension(1), processingRes, multiple);
        RandomAccessibleInterval<UnsignedByteType> resized = ArrayImgs.unsignedBytes(size.width(), size.height(),
                CHANNELS);
        PilBilinear.resizeUnsignedByte(rgb, resized);
        RandomAccessibleInterval<FloatType> input = ArrayImgs.floats(size.width(), size.height(), CHANNELS);
        toModelRange(resized, input, IntensityRange.unsignedByte());
        return input;
    }

    private static <T extends RealType<T>> RandomAccessibleInterval<FloatType> resizedThenMapped(
            RandomAccessibleInterval<T> rgb, IntensityRange range, int processingRes, int multiple) {
        ProcessingSize size = ProcessingSize.of(rgb.dimension(0), rgb.dimension(1), processingRes, multiple);
        RandomAccessibleInterval<FloatType> input = PilBilinear.resize(rgb, size.width(), size.height());
        // the input was checked against the range; resizing leaves it only by float rounding, so clip that.
        // In place: the resized copy is ours, and each pixel is read before it is written
        toModelRange(input, input, new IntensityRange(range.low(), range.high(), true));
        return input;
    }

    /**
     * @return the minimum and maximum over all channels
     * @throws IllegalArgumentException at a NaN or infinite value, or if every channel is constant
     */
    private static <T extends RealType<T>> double[] requireStructure(RandomAccessibleInterval<T> rgb) {
        double[] all = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] first = new double[CHANNELS];
        boolean varies = false;
        for (int c = 0; c < CHANNELS; c++) {
            double[] e = IntensityRange.extremes(Views.hyperSlice(rgb, 2, rgb.min(2) + c));
            first[c] = e[0];
            varies |= e[0] != e[1];
            all[0] = Math.min(all[0], e[0]);
            all[1] = Math.max(all[1], e[1]);
        }
        if (!varies) {
            throw IntensityRange.constant(Arrays.toString(first));
        }
        return all;
    }

    private static long channelCount(RandomAccessibleInterval<?> image) {
        if (image.numDimensions() < 2 || image.numDimensions() > 3) {
            throw new IllegalArgumentException("expected an image with X, Y and optionally channels, not "
                    + Checks.size(image) + "; pass one plane of a stack (Views.hyperSlice)");
        }
        return image.numDimensions() == 2 ? 1 : image.dimension(2);
    }

    private static <T> RandomAccessibleInterval<T> channel(RandomAccessibleInterval<T> image, int c) {
        return image.numDimensions() == 2 ? image : Views.hyperSlice(image, 2, image.min(2) + c);
    }
}
