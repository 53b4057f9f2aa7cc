package org.depthfm.ops.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.depthfm.ops.align.Alignment;
import org.depthfm.ops.align.AlignmentModel;
import org.depthfm.ops.align.AlignmentSpace;
import org.depthfm.ops.align.Ransac;
import org.depthfm.ops.align.ScaleShift;
import org.depthfm.ops.align.TemporalAlignment;
import org.depthfm.ops.convert.IntensityRange;
import org.depthfm.ops.convert.ModelInput;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthNormalization;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.ops.depth.Uncertainty;
import org.depthfm.ops.metrics.EdgeAccuracy;
import org.depthfm.ops.metrics.Evaluation;
import org.depthfm.ops.metrics.UncertaintyCheck;
import org.depthfm.ops.resample.PilBilinear;
import org.depthfm.ops.sparse.DistanceTransform;
import org.depthfm.ops.sparse.NearestFill;

/**
 * Times every op on 4096 x 4096 float images (not a unit test; run by hand, see
 * bench/results/ops.md): median wall time of {@code RUNS} runs after one warm-up, and the bytes the
 * calling thread allocated in one run (all ops run on the calling thread).
 *
 * <pre>
 * mvn -B -o -q -pl ops test-compile
 * IMGLIB2=$HOME/.m2/repository/net/imglib2/imglib2/7.1.5/imglib2-7.1.5.jar
 * java -Xmx6g -cp ops/target/classes:ops/target/test-classes:$IMGLIB2 \
 *     org.depthfm.ops.bench.OpsBenchmark [size] [runs] [part of an op's name]
 * </pre>
 */
public final class OpsBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private OpsBenchmark() {
    }

    private record Case(String name, Supplier<Object> op) {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        int ensemble = 4;
        Random random = new Random(1);

        // a smooth log-depth scene with per-member noise, its ground truth, and derived inputs
        RandomAccessibleInterval<FloatType> members = ArrayImgs.floats(n, n, ensemble);
        RandomAccessibleInterval<FloatType> groundTruth = ArrayImgs.floats(n, n);
        RandomAccessibleInterval<FloatType> gray = ArrayImgs.floats(n, n);
        RandomAccessibleInterval<UnsignedByteType> rgb = ArrayImgs.unsignedBytes(n, n, 3);
        RandomAccessibleInterval<BitType> sparse = ArrayImgs.bits(n, n);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double m = Math.sin(x * 0.003) + Math.cos(y * 0.002) + (x > n / 2 ? 0.5 : 0);
                groundTruth.getAt(x, y).setReal(Math.exp(1.3 * m + 0.4));
                gray.getAt(x, y).setReal(1000 + 500 * m + random.nextGaussian());
                for (int c = 0; c < 3; c++) {
                    rgb.getAt(x, y, c).set((x * (c + 1) + y) & 255);
                }
                for (int e = 0; e < ensemble; e++) {
                    members.getAt(x, y, e).setReal(m + 0.05 * random.nextGaussian());
                }
                sparse.getAt(x, y).set(random.nextDouble() < 0.02);
            }
        }
        RandomAccessibleInterval<FloatType> mean = DepthMaps.ensembleMean(members);
        DepthNormalization normalization = DepthNormalization.fit(mean, DepthOutput.DEPTH);
        RandomAccessibleInterval<FloatType> depth = DepthMaps.map(mean, normalization);
        RandomAccessibleInterval<FloatType> sigma = Uncertainty.standardDeviation(members, normalization);
        RandomAccessibleInterval<FloatType> small = PilBilinear.resize(gray, n / 4, n / 4);
        IntensityRange grayRange = IntensityRange.minMax(gray);
        RandomAccessibleInterval<BitType> all = ArrayImgs.bits(n, n);
        all.forEach(b -> b.set(true));
        ScaleShift fit = Alignment.fit(mean, groundTruth, AlignmentSpace.LOG);
        RandomAccessibleInterval<FloatType> aligned = Alignment.apply(mean, fit);

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("ModelInput.toModelRange (1 channel, min/max range)", () -> {
            RandomAccessibleInterval<FloatType> out = ArrayImgs.floats(n, n);
            ModelInput.toModelRange(gray, out, grayRange);
            return out;
        }));
        cases.add(new Case("ModelInput.prepare, 8-bit RGB -> 768 (M 64, official path)",
                () -> ModelInput.prepare(rgb, 768, 64)));
        cases.add(new Case("ModelInput.prepare, float gray -> 768 (M 64)", () -> ModelInput.prepare(gray, 768, 64)));
        cases.add(new Case("PilBilinear.resize, shrink to n/4", () -> PilBilinear.resize(gray, n / 4, n / 4)));
        cases.add(new Case("PilBilinear.resize, n/4 back to n", () -> PilBilinear.resize(small, n, n)));
        cases.add(new Case("DepthMaps.ensembleMean (E = 4)", () -> DepthMaps.ensembleMean(members)));
        cases.add(new Case("DepthMaps.output (DEPTH: fit + map)", () -> DepthMaps.output(mean, DepthOutput.DEPTH)));
        cases.add(new Case("Uncertainty.standardDeviation (E = 4)",
                () -> Uncertainty.standardDeviation(members, normalization)));
        cases.add(new Case("Uncertainty.coefficientOfVariation (E = 4)",
                () -> Uncertainty.coefficientOfVariation(members)));
        cases.add(new Case("Alignment.fit (LOG, dense, least squares)",
                () -> Alignment.fit(mean, groundTruth, AlignmentSpace.LOG)));
        cases.add(new Case("Alignment.fitRobust (LOG, 2 % points, 100 iterations)",
                () -> Alignment.fitRobust(mean, groundTruth, sparse, AlignmentSpace.LOG,
                        AlignmentModel.SCALE_AND_SHIFT, new Ransac(0.05, 100, 1))));
        cases.add(new Case("Alignment.apply (LOG)", () -> Alignment.apply(mean, fit)));
        cases.add(new Case("TemporalAlignment.align (4 frames, LINEAR)",
                () -> TemporalAlignment.align(members, 0, AlignmentSpace.LINEAR)));
        cases.add(new Case("Evaluation.affineInvariant (LOG, range 1e-3..80)",
                () -> Evaluation.affineInvariant(mean, groundTruth, all, AlignmentSpace.LOG, 1e-3, 80)));
        cases.add(new Case("EdgeAccuracy.evaluate (threshold 0.5, tolerance 1)",
                () -> EdgeAccuracy.evaluate(aligned, groundTruth, all, 0.5, 1)));
        cases.add(new Case("UncertaintyCheck.errorByUncertainty",
                () -> UncertaintyCheck.errorByUncertainty(aligned, groundTruth, sigma, all, 0.01)));
        cases.add(new Case("DistanceTransform.euclidean (2 % known)", () -> DistanceTransform.euclidean(sparse)));
        cases.add(new Case("NearestFill.fill (2 % known)", () -> NearestFill.fill(groundTruth, sparse)));

        System.out.printf("%d x %d float, E = %d, median of %d runs after 1 warm-up%n%n", n, n, ensemble, runs);
        System.out.println("| op | ms | MB allocated |");
        System.out.println("|---|---:|---:|");
        for (Case c : cases) {
            if (!c.name().contains(only)) {
                continue;
            }
            c.op().get();
            double[] ms = new double[runs];
            long bytes = 0;
            for (int r = 0; r < runs; r++) {
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                Object result = c.op().get();
                ms[r] = (System.nanoTime() - start) / 1e6;
                bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
                if (result == null) {
                    throw new IllegalStateException(c.name());
                }
            }
            Arrays.sort(ms);
            System.out.printf("| %s | %.0f | %.1f |%n", c.name(), ms[runs / 2], bytes / 1048576.0);
        }
        System.out.println();
        System.out.println("checks: " + Views.flatIterable(depth).firstElement() + ", fit " + fit);
    }
}
