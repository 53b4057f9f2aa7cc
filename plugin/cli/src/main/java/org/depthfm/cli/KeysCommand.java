package org.depthfm.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.depthfm.engine.flow.DepthFM;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depthfm keys}: every checkpoint key prefix with the Java class and source file that reads it. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Lists every key prefix of the model's checkpoint (the UNet's state_dict, then the VAE's"
                + " safetensors) with the Java class that reads the weights under it and that class's source file,"
                + " e.g. output_blocks.1.2 or decoder.up_blocks.0.upsamplers.0. Only the configurations are read.")
final class KeysCommand implements Callable<Integer> {
    /** Where the network classes live in the repository. */
    static final String SOURCES = "model-manager/engine/src/main/java/";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Map<String, Class<?>>> networks = DepthFM.keyConsumers(model.resolve());
        networks.forEach((network, prefixes) -> {
            out.println("# " + network + " (" + prefixes.size() + " prefixes): prefix  class  file");
            prefixes.forEach((prefix, c) -> out.println(prefix + "  " + c.getSimpleName() + "  " + file(c)));
        });
        return 0;
    }

    /** @return the repository path of the class's source file (a nested class lives in its top class's) */
    static String file(Class<?> c) {
        Class<?> top = c;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return SOURCES + top.getName().replace('.', '/') + ".java";
    }
}
