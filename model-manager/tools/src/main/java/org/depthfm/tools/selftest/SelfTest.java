package org.depthfm.tools.selftest;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.depthfm.base.Progress;
import org.depthfm.formats.CheckpointException;
import org.depthfm.formats.SafeTensors;
import org.depthfm.formats.StoredTensor;
import org.depthfm.engine.flow.DepthFM;
import org.depthfm.engine.flow.DepthSampler;
import org.depthfm.engine.flow.EulerGrid;
import org.depthfm.engine.flow.NoiseSchedule;
import org.depthfm.engine.flow.Sampling;
import org.depthfm.engine.flow.Trace;
import org.depthfm.engine.runtime.Devices;
import org.depthfm.engine.runtime.EngineOptions;
import org.depthfm.ops.depth.DepthMaps;
import org.depthfm.ops.depth.DepthOutput;
import org.depthfm.store.ModelFolder;
import org.depthfm.engine.unet.AttentionVariant;
import org.depthfm.engine.unet.TimestepEmbedding;

/**
 * Runs every case of a reference fixture folder ({@code cases.json} with its
 * {@code case_*.safetensors}, made by the official code) through the real loaders and the engine,
 * and reports the largest absolute error against each expected tensor. Works for any folder of
 * that layout, whatever the model's configuration.
 */
public final class SelfTest {
    /** The contract's tolerance: the largest absolute error a case may have. */
    public static final double TOLERANCE = 1e-4;

    private final Path dir;
    private final EngineOptions engine;
    private final Map<AttentionVariant, DepthFM> models = new EnumMap<>(AttentionVariant.class);

    /**
     * The outcome of one case.
     *
     * @param name the case's name
     * @param kind its kind
     * @param errors the largest absolute error per expected tensor
     * @param failure why it could not run, or null
     */
    public record CaseResult(String name, String kind, Map<String, Double> errors, String failure) {
        /** @return the largest error over the case's tensors (infinite if it failed to run) */
        public double worst() {
            return failure != null ? Double.POSITIVE_INFINITY
                    : errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /**
         * @param tolerance the largest allowed error
         * @return whether it ran and every tensor is within the tolerance
         */
        public boolean passed(double tolerance) {
            return failure == null && !errors.isEmpty() && worst() <= tolerance;
        }
    }

    private SelfTest(Path dir, EngineOptions engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /**
     * Runs every case.
     *
     * @param dir a fixture folder
     * @param engine the device and precision to run on (the attention variant comes from each case)
     * @param onEach called after each case
     * @return the results, in {@code cases.json} order
     * @throws CheckpointException if the folder has no readable {@code cases.json}
     */
    public static List<CaseResult> run(Path dir, EngineOptions engine, Consumer<CaseResult> onEach) {
        Path json = dir.resolve("cases.json");
        JsonObject index;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            index = JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(json + " is missing or not valid JSON; point selftest at a fixture folder"
                    + " (with cases.json, case_*.safetensors, unet.ckpt and vae/)", e);
        }
        SelfTest test = new SelfTest(dir, engine);
        try {
            List<CaseResult> results = new ArrayList<>();
            for (JsonElement c : index.getAsJsonArray("cases")) {
                CaseResult r = test.runCase(c.getAsJsonObject());
                results.add(r);
                onEach.accept(r);
            }
            return results;
        } finally {
            test.models.values().forEach(DepthFM::close);
        }
    }

    private CaseResult runCase(JsonObject c) {
        String name = c.get("name").getAsString();
        String kind = c.get("kind").getAsString();
        Map<String, Double> errors = new LinkedHashMap<>();
        try (NDManager manager = Devices.cpuManager()) {
            SafeTensors file = SafeTensors.open(dir.resolve(c.get("file").getAsString()));
            Map<String, float[]> actual = switch (kind) {
                case "timestep_embedding" -> timestepEmbedding(c, file, manager);
                case "q_sample" -> qSample(c, file);
                case "euler_grid" -> eulerGrid(c);
                case "unet_forward" -> unetForward(c, file);
                case "vae_encode" -> vae(c, file, true);
                case "vae_decode" -> vae(c, file, false);
                case "pipeline" -> pipeline(c, file);
                default -> throw new IllegalArgumentException("unknown case kind '" + kind + "'");
            };
            for (JsonElement o : c.getAsJsonArray("outputs")) {
                String out = o.getAsString();
                float[] got = actual.get(out);
                if (got == null) {
                    throw new IllegalStateException("the engine produced no '" + out + "'");
                }
                errors.put(out, maxAbsDiff(out, file.get(out).toFloatArray(), got));
            }
            return new CaseResult(name, kind, errors, null);
        } catch (RuntimeException e) {
            return new CaseResult(name, kind, errors, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private DepthFM model(JsonObject c) {
        AttentionVariant v = c.has("attention_impl") ? AttentionVariant.parse(c.get("attention_impl").getAsString())
                : AttentionVariant.XFORMERS;
        return models.computeIfAbsent(v, k -> DepthFM.load(ModelFolder.of(dir), engine.withAttention(k)));
    }

    private Map<String, float[]> timestepEmbedding(JsonObject c, SafeTensors file, NDManager manager) {
        NDArray t = manager.create(file.get("t").toFloatArray());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (JsonElement o : c.getAsJsonArray("outputs")) {
            String name = o.getAsString();
            String suffix = name.substring("emb_dim".length());
            int dim = suffix.equals("_model") ? model(c).unetConfig().modelChannels() : Integer.parseInt(suffix);
            out.put(name, TimestepEmbedding.of(t, dim).toFloatArray());
        }
        return out;
    }

    private Map<String, float[]> qSample(JsonObject c, SafeTensors file) {
        JsonArray steps = c.getAsJsonArray("noising_steps");
        float[] a = new float[steps.size()];
        float[] sa = new float[steps.size()];
        float[] s1a = new float[steps.size()];
        for (int i = 0; i < a.length; i++) {
            int s = steps.get(i).getAsInt();
            a[i] = (float) NoiseSchedule.alphaBar(s);
            float[] w = NoiseSchedule.mixingWeights(s);
            sa[i] = w[0];
            s1a[i] = w[1];
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("alpha_bar_f32", a);
        out.put("sqrt_alpha_bar_f32", sa);
        out.put("sqrt_one_minus_alpha_bar_f32", s1a);
        float[] x = file.get("x_start").toFloatArray();
        float[] eps = file.get("noise").toFloatArray();
        for (JsonElement o : c.getAsJsonArray("outputs")) {
            String name = o.getAsString();
            if (name.startsWith("q_sample_")) {
                float[] w = NoiseSchedule.mixingWeights(Integer.parseInt(name.substring("q_sample_".length())));
                float[] q = new float[x.length];
                for (int i = 0; i < q.length; i++) {
                    q[i] = w[0] * x[i] + w[1] * eps[i];
                }
                out.put(name, q);
            }
        }
        return out;
    }

    private Map<String, float[]> eulerGrid(JsonObject c) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (JsonElement s : c.getAsJsonArray("num_steps")) {
            int n = s.getAsInt();
            float[] grid = EulerGrid.points(n);
            float[] dt = new float[grid.length - 1];
            for (int k = 0; k < dt.length; k++) {
                dt[k] = grid[k + 1] - grid[k];
            }
            out.put("grid_s" + n, grid);
            out.put("dt_s" + n, dt);
        }
        return out;
    }

    private Map<String, float[]> unetForward(JsonObject c, SafeTensors file) {
        DepthFM m = model(c);
        try (NDManager pm = m.manager().newSubManager()) {
            NDArray v = m.velocity(array(pm, file.get("x")), array(pm, file.get("t")), array(pm, file.get("context")),
                    array(pm, file.get("context_ca")));
            return Map.of("out", floats(v));
        }
    }

    private Map<String, float[]> vae(JsonObject c, SafeTensors file, boolean encode) {
        DepthFM m = model(c);
        try (NDManager pm = m.manager().newSubManager()) {
            return encode ? Map.of("latent", floats(m.encode(array(pm, file.get("image")))))
                    : Map.of("decoded", floats(m.decode(array(pm, file.get("latent")))));
        }
    }

    private Map<String, float[]> pipeline(JsonObject c, SafeTensors file) {
        DepthFM m = model(c);
        int steps = c.get("num_steps").getAsInt();
        int ensemble = c.get("ensemble_size").getAsInt();
        int noisingStep = c.has("noising_step") ? c.get("noising_step").getAsInt() : -1;
        Sampling sampling = new Sampling(steps, ensemble, 0, noisingStep, 0);
        float[] noise = file.contains("noise") ? file.get("noise").toFloatArray() : null;
        Map<String, List<float[]>> traced = new LinkedHashMap<>();
        Trace trace = new Trace() {
            @Override
            public void tensor(String name, NDArray value) {
                traced.computeIfAbsent(name, k -> new ArrayList<>()).add(floats(value));
            }
        };
        try (NDManager pm = m.manager().newSubManager()) {
            NDArray image = array(pm, file.get("image"));
            DepthSampler.Result r = DepthSampler.sample(m, image, sampling, noise, Progress.NONE, trace);
            long batch = image.getShape().get(0);
            Map<String, float[]> out = new LinkedHashMap<>();
            traced.forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
            out.put("context_ca", floats(m.contextCa(pm, batch * ensemble)));
            List<float[]> states = new ArrayList<>(traced.get("ode_state"));
            states.add(out.get("depth_latent"));
            out.put("ode_states", concat(states));
            out.put("ode_velocities", concat(traced.get("ode_velocity")));
            float[] grid = EulerGrid.points(steps);
            float[] times = new float[EulerGrid.evaluations(steps) + 1];
            System.arraycopy(grid, 0, times, 0, times.length - 1);
            times[times.length - 1] = 1.0f;
            out.put("ode_times", times);
            out.put("member_depth", floats(r.members()));
            out.put("ensemble_mean", floats(r.ensembleMean()));
            out.put("depth", officialDepth(r.ensembleMean()));
            return out;
        }
    }

    private static NDArray array(NDManager manager, StoredTensor t) {
        return manager.create(t.toFloatArray(), new Shape(t.shape()));
    }

    private static float[] floats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static double maxAbsDiff(String name, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalStateException("'" + name + "' has " + actual.length + " values, the reference "
                    + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return worst;
    }

    /**
     * The official {@code per_sample_min_max_normalization(mean.exp())} of a (B, H, W) ensemble
     * mean, through the one normalisation the product uses.
     */
    private static float[] officialDepth(NDArray mean) {
        long[] s = mean.getShape().getShape();
        int plane = Math.toIntExact(s[1] * s[2]);
        float[] all = floats(mean);
        float[] out = new float[all.length];
        for (int b = 0; b < s[0]; b++) {
            float[] one = java.util.Arrays.copyOfRange(all, b * plane, (b + 1) * plane);
            RandomAccessibleInterval<FloatType> depth = DepthMaps.output(ArrayImgs.floats(one, s[2], s[1]),
                    DepthOutput.DEPTH);
            int i = b * plane;
            for (FloatType t : Views.flatIterable(depth)) {
                out[i++] = t.get();
            }
        }
        return out;
    }
}