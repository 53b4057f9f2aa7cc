package org.depthfm.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The models DepthFM knows how to download, read from a JSON file: the built-in
 * {@code models.json} resource beside this class, or another file of the same format (a test's,
 * a site's own list). The format:
 *
 * <pre>{@code
 * {
 *   "default": "depthfm-v1",
 *   "models": [ {
 *     "id": "depthfm-v1", "title": "...", "homepage": "https://...", "citation": "...",
 *     "files": [ { "path": "depthfm-v1.ckpt", "url": "https://...", "licence": "MIT",
 *                  "size": 123, "sha256": "..." } ]      // size and sha256 only where known
 *   } ]
 * }
 * }</pre>
 *
 * The files of a model must form a {@link ModelFolder} layout: one {@code *.ckpt},
 * {@code vae/config.json} and {@code vae/diffusion_pytorch_model.safetensors}.
 */
public final class ModelRegistry {
    private static final String RESOURCE = "models.json";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String defaultId;
    private final Map<String, ModelSpec> models;

    private ModelRegistry(String defaultId, Map<String, ModelSpec> models) {
        this.defaultId = defaultId;
        this.models = models;
    }

    /** @return the registry shipped with DepthFM */
    public static ModelRegistry builtin() {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelStoreException("the built-in model registry " + RESOURCE + " is missing from the jar;"
                        + " reinstall DepthFM");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new ModelStoreException("cannot read the built-in model registry: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a registry file
     * @return its models
     * @throws ModelStoreException if it cannot be read or is malformed
     */
    public static ModelRegistry read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new ModelStoreException("cannot read model registry " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param reader registry JSON
     * @param source where it comes from, for messages
     * @return its models
     * @throws ModelStoreException if it is malformed
     */
    public static ModelRegistry parse(Reader reader, String source) {
        try {
            JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
            Map<String, ModelSpec> models = new LinkedHashMap<>();
            for (JsonElement m : member(root, "models", source).getAsJsonArray()) {
                ModelSpec spec = model(m.getAsJsonObject(), source);
                if (models.put(spec.id(), spec) != null) {
                    throw invalid(source, "lists model '" + spec.id() + "' twice");
                }
            }
            String defaultId = member(root, "default", source).getAsString();
            if (!models.containsKey(defaultId)) {
                throw invalid(source, "names default model '" + defaultId + "', which it does not list");
            }
            return new ModelRegistry(defaultId, models);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            // Gson reports malformed JSON and mistyped members through these unchecked exceptions
            throw invalid(source, "is malformed (" + e.getMessage() + ")");
        }
    }

    private static ModelSpec model(JsonObject o, String source) {
        String id = ModelCache.checkId(member(o, "id", source).getAsString());
        List<ModelFile> files = new ArrayList<>();
        Set<FileKind> kinds = EnumSet.noneOf(FileKind.class);
        for (JsonElement f : member(o, "files", source).getAsJsonArray()) {
            ModelFile file = file(f.getAsJsonObject(), id, source);
            if (!kinds.add(file.kind())) {
                throw invalid(source, "gives model '" + id + "' two files of kind " + file.kind());
            }
            files.add(file);
        }
        if (kinds.size() != FileKind.values().length) {
            throw invalid(source, "gives model '" + id + "' no " + EnumSet.complementOf(EnumSet.copyOf(kinds)));
        }
        return new ModelSpec(id, member(o, "title", source).getAsString(),
                member(o, "homepage", source).getAsString(), member(o, "citation", source).getAsString(), files);
    }

    private static ModelFile file(JsonObject o, String id, String source) {
        String path = member(o, "path", source).getAsString();
        URI url;
        try {
            url = new URI(member(o, "url", source).getAsString());
        } catch (URISyntaxException e) {
            throw invalid(source, "gives " + id + "/" + path + " a malformed URL (" + e.getMessage() + ")");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw invalid(source, "gives " + id + "/" + path + " a URL that is not http(s): " + url);
        }
        OptionalLong size = o.has("size") ? OptionalLong.of(o.get("size").getAsLong()) : OptionalLong.empty();
        if (size.isPresent() && size.getAsLong() < 0) {
            throw invalid(source, "gives " + id + "/" + path + " a negative size");
        }
        Optional<String> sha256 = o.has("sha256") ? Optional.of(o.get("sha256").getAsString()) : Optional.empty();
        if (sha256.isPresent() && !SHA256.matcher(sha256.get()).matches()) {
            throw invalid(source, "gives " + id + "/" + path + " a SHA-256 that is not 64 lower-case hex digits");
        }
        return new ModelFile(path, url, size, sha256, member(o, "licence", source).getAsString());
    }

    private static JsonElement member(JsonObject o, String name, String source) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw invalid(source, "lacks \"" + name + "\" in " + o);
        }
        return e;
    }

    private static ModelStoreException invalid(String source, String what) {
        return new ModelStoreException("model registry " + source + " " + what + "; fix the file");
    }

    /** @return the registered models, in the registry's order */
    public List<ModelSpec> models() {
        return List.copyOf(models.values());
    }

    /** @return the model used when none is named */
    public String defaultId() {
        return defaultId;
    }

    /**
     * @param id a model name
     * @return its registration, if registered
     */
    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /**
     * @param id a model name
     * @return its registration
     * @throws ModelStoreException if it is not registered, naming those that are
     */
    public ModelSpec get(String id) {
        return find(id).orElseThrow(() -> new ModelStoreException("unknown model '" + id + "'; known models: "
                + String.join(", ", models.keySet()) + " (or import files under a name of your own with"
                + " 'depthfm models import FILE --as " + id + "')"));
    }
}
