package org.depthfm.site;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture, checked three ways that must agree: the README's module map, the poms'
 * compile dependencies, and the compiled classes' imports. A room is a top package
 * {@code org.depthfm.ROOM}; each may use the rooms its module depends on (transitively) and no
 * other, and the rules on outside libraries hold: formats, store and ops import no DJL; nothing
 * below the front-ends imports ImageJ, SciJava or picocli; only the command line imports picocli.
 */
class LayeringTest {
    /** The repository root (the tests run in site/). */
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Module folder to the rooms (top packages) its classes live in. */
    private static final Map<String, List<String>> ROOMS = Map.ofEntries(
            Map.entry("ops", List.of("ops")),
            Map.entry("model-manager/base", List.of("base")),
            Map.entry("model-manager/formats", List.of("formats")),
            Map.entry("model-manager/store", List.of("store")),
            Map.entry("model-manager/engine", List.of("engine")),
            Map.entry("model-manager/pipeline", List.of("pipeline")),
            Map.entry("model-manager/tools", List.of("tools")),
            Map.entry("plugin/imagej", List.of("imagej")),
            Map.entry("plugin/batch", List.of("batch")),
            Map.entry("plugin/fiji", List.of("fiji")),
            Map.entry("plugin/cli", List.of("cli")),
            Map.entry("plugin/ij1", List.of("ij1")),
            Map.entry("spark", List.of("spark")),
            Map.entry("site", List.of("site")));

    private static JavaClasses production;
    private static Map<String, Module> modules;

    /** One row of the module map, with what its pom says. */
    private record Module(String folder, String artifact, Set<String> readmeDeps, Set<String> pomDeps) {
    }

    @BeforeAll
    static void load() throws IOException {
        // under verify, test classes of other modules arrive as packaged -tests.jars, which
        // DO_NOT_INCLUDE_TESTS (made for test-classes folders) does not recognise
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("org.depthfm");
        modules = new LinkedHashMap<>();
        String readme = Files.readString(REPO.resolve("README.md"));
        String map = readme.substring(readme.indexOf("<!-- module-map"), readme.indexOf("<!-- /module-map -->"));
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| (\\S+) \\| [^|]+ \\|([^|]*)\\|$").matcher(map);
        while (row.find()) {
            String folder = row.group(1);
            Set<String> readmeDeps = Arrays.stream(row.group(3).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            modules.put(folder, new Module(folder, row.group(2), readmeDeps, pomDeps(folder)));
        }
    }

    /** The org.depthfm artifacts a module's pom depends on outside the test scope, as short names. */
    private static Set<String> pomDeps(String folder) throws IOException {
        String pom = Files.readString(REPO.resolve(folder).resolve("pom.xml"));
        String deps = pom.contains("<dependencies>")
                ? pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>")) : "";
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(deps);
        while (m.find()) {
            String d = m.group(1);
            if (d.contains("<groupId>org.depthfm</groupId>") && !d.contains("<scope>test</scope>")) {
                // the dependency's own artifactId comes first, before any exclusions
                String artifact = d.replaceAll("(?s)^.*?<artifactId>([^<]+)</artifactId>.*$", "$1");
                out.add(artifact.startsWith("depthfm-") ? artifact.substring("depthfm-".length()) : artifact);
            }
        }
        return out;
    }

    @Test
    void theModuleMapListsEveryModuleOfThePomsWithTheirDependencies() throws IOException {
        assertEquals(new TreeSet<>(ROOMS.keySet()), new TreeSet<>(modules.keySet()), "README's module map rows");
        for (Module m : modules.values()) {
            assertEquals(m.pomDeps(), m.readmeDeps(), m.folder() + ": README's 'depends on' against its pom");
            String pom = Files.readString(REPO.resolve(m.folder()).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>" + m.artifact() + "</artifactId>"), m.folder() + " is " + m.artifact());
        }
    }

    @Test
    void eachRoomUsesOnlyTheRoomsItsModuleDependsOn() {
        Map<String, String> byArtifact = new TreeMap<>();
        modules.values().forEach(m -> byArtifact.put(shortName(m.artifact()), m.folder()));
        List<String> allRooms = ROOMS.values().stream().flatMap(List::stream).toList();
        for (Module m : modules.values()) {
            Set<String> allowed = new TreeSet<>(ROOMS.get(m.folder()));
            closure(m, byArtifact, allowed);
            List<String> forbidden = new ArrayList<>();
            allRooms.stream().filter(r -> !allowed.contains(r)).forEach(r -> forbidden.add("org.depthfm." + r + ".."));
            if (forbidden.isEmpty()) {
                continue;
            }
            for (String room : ROOMS.get(m.folder())) {
                noClasses().that().resideInAPackage("org.depthfm." + room + "..").should().dependOnClassesThat()
                        .resideInAnyPackage(forbidden.toArray(String[]::new)).check(production);
            }
        }
    }

    private static void closure(Module m, Map<String, String> byArtifact, Set<String> rooms) {
        for (String dep : m.pomDeps()) {
            Module d = modules.get(byArtifact.get(dep));
            if (d != null && rooms.addAll(ROOMS.get(d.folder()))) {
                closure(d, byArtifact, rooms);
            }
        }
    }

    private static String shortName(String artifact) {
        return artifact.startsWith("depthfm-") ? artifact.substring("depthfm-".length()) : artifact;
    }

    @Test
    void everyRoomHasClassesToCheck() {
        for (List<String> rooms : ROOMS.values()) {
            for (String room : rooms) {
                assertTrue(production.stream().anyMatch(c -> c.getPackageName().startsWith("org.depthfm." + room)),
                        room + " was not imported, so no rule would see it");
            }
        }
    }

    @Test
    void formatsStoreAndOpsImportNoDjl() {
        noClasses().that().resideInAnyPackage("org.depthfm.base..", "org.depthfm.formats..", "org.depthfm.store..",
                "org.depthfm.ops..").should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .check(production);
    }

    @Test
    void opsImportOnlyImgLib2AndTheSharedBase() {
        noClasses().that().resideInAPackage("org.depthfm.ops..").should().dependOnClassesThat()
                .resideOutsideOfPackages("org.depthfm.ops..", "org.depthfm.base..", "net.imglib2..", "java..")
                .check(production);
    }

    @Test
    void belowTheFrontEndsNothingImportsImageJSciJavaOrPicocli() {
        noClasses().that().resideInAnyPackage("org.depthfm.base..", "org.depthfm.formats..", "org.depthfm.store..",
                "org.depthfm.engine..", "org.depthfm.pipeline..", "org.depthfm.tools..", "org.depthfm.ops..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("ij..", "net.imagej..", "org.scijava..", "picocli..")
                .check(production);
        noClasses().that().resideInAnyPackage("org.depthfm.imagej..", "org.depthfm.batch..")
                .should().dependOnClassesThat().resideInAnyPackage("org.scijava..", "net.imagej..", "picocli..")
                .check(production);
    }

    @Test
    void onlyTheCommandLineImportsPicocli() {
        noClasses().that().resideOutsideOfPackages("org.depthfm.cli..", "org.depthfm.site..").should()
                .dependOnClassesThat().resideInAnyPackage("picocli..").check(production);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.depthfm.(*).(*)..").should().beFreeOfCycles().check(production);
    }
}
