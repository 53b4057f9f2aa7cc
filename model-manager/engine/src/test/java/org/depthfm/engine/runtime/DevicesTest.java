package org.depthfm.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device choice's reasons, from what the machine has (driver files as Linux writes them). */
class DevicesTest {
    @Test
    void readsTheDriverVersionFromEitherKernelFile() {
        assertEquals("570.124.06", Devices.driverVersion("570.124.06\n"));
        // /proc/driver/nvidia/version of a 535 driver, proprietary and open kernel modules
        assertEquals("535.104.05", Devices.driverVersion("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05"
                + "  Sat Aug 19 01:15:15 UTC 2023\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n"));
        assertEquals("580.159.03", Devices.driverVersion("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64"
                + "  580.159.03  Release Build  (dvs-builder@U16-I3-B03-4-3)\n"));
        assertNull(Devices.driverVersion(null));
        assertNull(Devices.driverVersion("no module here"));
    }

    @Test
    void comparesDriverVersionsNumberByNumber() {
        assertTrue(Devices.olderThan("470.82.01", Devices.MIN_DRIVER));
        assertTrue(Devices.olderThan("525.60.12", "525.60.13"));
        assertTrue(Devices.olderThan("525.60", "525.60.13"));
        assertFalse(Devices.olderThan("525.60.13", "525.60.13"));
        assertFalse(Devices.olderThan("525.105.17", "525.60.13"));
        assertFalse(Devices.olderThan("580.159.03", Devices.CUDA_12_8_DRIVER));
    }

    @Test
    void aTooOldDriverIsNamedWithTheVersionItNeeds() {
        String why = Devices.whyNoGpu(0, "470.82.01", true, "libtorch 2.7.1 in /x");
        assertTrue(why.contains("470.82.01 is too old"), why);
        assertTrue(why.contains(Devices.MIN_DRIVER) && why.contains(Devices.CUDA_12_8_DRIVER), why);
    }

    @Test
    void theCpuBuildBesideADriverSaysHowToLoadTheCudaBuild() {
        String why = Devices.whyNoGpu(0, "580.159.03", false, "libtorch 2.7.1 in /x");
        assertTrue(why.startsWith("NVIDIA driver 580.159.03 is loaded but the loaded libtorch 2.7.1 in /x is the CPU"
                + " build"), why);
        assertTrue(why.contains("PYTORCH_FLAVOR=cu128"), why);
        assertTrue(Devices.whyNoGpu(0, null, false, "libtorch 2.7.1 in /x").startsWith("no NVIDIA driver is loaded"));
    }

    @Test
    void aCudaBuildWithAGoodDriverButNoGpuPointsAtVisibility() {
        String why = Devices.whyNoGpu(0, "570.124.06", true, "libtorch 2.7.1 in /x");
        assertTrue(why.contains("CUDA_VISIBLE_DEVICES"), why);
        assertEquals("libtorch sees 2 CUDA GPUs", Devices.whyNoGpu(2, null, true, null));
    }

    @Test
    void autoOnThisMachineTakesTheCpuAndSaysSoOnlyWhenADriverIsLoaded() {
        List<String> lines = new ArrayList<>();
        Device d = Devices.resolve("auto", lines::add);
        if (Devices.engine().getGpuCount() == 0) {
            assertEquals(Device.cpu(), d);
            assertEquals(Devices.nvidiaDriver() == null ? 0 : 1, lines.size(), lines.toString());
        } else {
            assertTrue(d.isGpu());
            assertTrue(lines.isEmpty());
        }
    }
}
