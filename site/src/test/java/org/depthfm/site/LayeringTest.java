package org.depthfm.site;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering, checked on the compiled classes: image maths know ImgLib2 only, the model
 * knows DJL and the checkpoint formats but no ImageJ, and only the plugin touches ImageJ, SciJava
 * and the command line.
 */
class LayeringTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // under verify, model-manager's test classes arrive as a packaged -tests.jar, which
        // DO_NOT_INCLUDE_TESTS (made for test-classes folders) does not recognise
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("org.depthfm");
    }

    @Test
    void everyModuleIsChecked() {
        for (String pkg : new String[] {"org.depthfm.ops", "org.depthfm.engine.flow", "org.depthfm.cli"}) {
            assertTrue(production.stream().anyMatch(c -> c.getPackageName().equals(pkg)), pkg + " was not imported, so no rule would see it");
        }
    }

    @Test
    void opsDependOnImgLib2Only() {
        classes().that().resideInAPackage("org.depthfm.ops..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.depthfm.ops..", "net.imglib2..", "java..")
                .check(production);
    }

    @Test
    void modelKnowsNoImageJNorTheOtherModules() {
        noClasses().that().resideInAnyPackage("org.depthfm.base..", "org.depthfm.formats..", "org.depthfm.store..",
                "org.depthfm.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("ij..", "net.imagej..", "org.scijava..", "picocli..", "org.depthfm.ops..",
                        "org.depthfm.pipeline..", "org.depthfm.imagej..", "org.depthfm.batch..", "org.depthfm.fiji..",
                        "org.depthfm.cli..", "org.depthfm.ij1..")
                .check(production);
    }

    @Test
    void onlyThePluginTouchesImageJSciJavaAndTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.depthfm.base..", "org.depthfm.formats..", "org.depthfm.store..",
                "org.depthfm.engine..", "org.depthfm.pipeline..", "org.depthfm.tools..", "org.depthfm.ops..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("ij..", "net.imagej..", "org.scijava..", "picocli..")
                .check(production);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.depthfm.(*).(*)..").should().beFreeOfCycles().check(production);
    }
}
