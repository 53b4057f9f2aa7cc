package org.depthfm.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.depthfm.fiji.EstimateDepthCommand;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/** Macro options read by the ImageJ 1 bridge the way Fiji reads them, plus ImageJ 1's bare check-box keys. */
class CommandBridgeTest {
    private static final CommandInfo INFO = new CommandInfo(EstimateDepthCommand.class);

    private static ModuleItem<?> input(String name) {
        return INFO.getInput(name);
    }

    @Test
    void checkBoxesAcceptFijisAndImageJ1sStyles() {
        assertEquals(true, CommandBridge.fromMacro("steps=1 uncertainty=true", input("uncertainty"), false));
        assertEquals(false, CommandBridge.fromMacro("uncertainty=false steps=1", input("uncertainty"), false));
        assertEquals(true, CommandBridge.fromMacro("steps=1 uncertainty device=cpu", input("uncertainty"), false));
        assertEquals(true, CommandBridge.fromMacro("uncertainty", input("uncertainty"), false));
        assertEquals(false, CommandBridge.fromMacro("steps=1 members=true", input("uncertainty"), false));
    }

    @Test
    void valuesAreTypedAndMissingKeysTakeTheDefault() {
        assertEquals(3, CommandBridge.fromMacro("steps=3 ensemble_size=8", input("steps"), 2));
        assertEquals(8, CommandBridge.fromMacro("steps=3 ensemble_size=8", input("ensemble_size"), 4));
        assertEquals(42L, CommandBridge.fromMacro("seed=42", input("seed"), 0L));
        assertEquals(2, CommandBridge.fromMacro("seed=42", input("steps"), 2));
        assertEquals(new File("/a b/c"), CommandBridge.fromMacro("model_dir=[/a b/c]", input("model_dir"), null));
        assertNull(CommandBridge.fromMacro("steps=1", input("model_dir"), null));
        assertEquals("disparity", CommandBridge.fromMacro("output=disparity", input("output"), "depth"));
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandBridge.fromMacro("steps=two", input("steps"), 2));
        assertTrue(e.getMessage().contains("steps=two"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommandBridge.fromMacro("output=colour", input("output"), "depth"));
        assertTrue(e.getMessage().contains("output=colour") && e.getMessage().contains("disparity"), e.getMessage());
    }
}
