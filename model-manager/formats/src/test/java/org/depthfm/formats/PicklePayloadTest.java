package org.depthfm.formats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pickles written by Python whose {@code __reduce__} would run code (each payload would create
 * {@link #MARKER}) are refused, naming the global, before anything is called. The global names
 * are what Python's pickle wrote: protocol 2 maps Python 3 modules to their Python 2 names.
 */
class PicklePayloadTest {
    private static final Path MARKER = Path.of("/tmp/depthfm-readers-test-payload-ran");

    @BeforeEach
    void noMarkerYet() throws IOException {
        Files.deleteIfExists(MARKER);
    }

    @AfterEach
    void noPayloadRan() {
        assertFalse(Files.exists(MARKER), "a pickle payload ran");
    }

    static Stream<Arguments> pickles() {
        return Stream.of(
                arguments("os_system_p2.pkl", "posix.system"),
                arguments("os_system_p4.pkl", "posix.system"),
                arguments("eval_p2.pkl", "__builtin__.eval"),
                arguments("eval_p4.pkl", "builtins.eval"),
                arguments("popen_p2.pkl", "commands.Popen"),
                arguments("popen_p4.pkl", "subprocess.Popen"),
                arguments("runstring_p2.pkl", "numpy.testing._private.utils.runstring"),
                arguments("runstring_p4.pkl", "numpy.testing._private.utils.runstring"));
    }

    @ParameterizedTest
    @MethodSource("pickles")
    void aPickleReferringToAGlobalOutsideTheAllowListIsRefused(String file, String global) throws IOException {
        byte[] data = Files.readAllBytes(Expected.resource("pickle/" + file));
        Unpickler unpickler = new Unpickler(PickledValues.callables(), PickledValues.classes(), null);
        CheckpointException e = assertThrows(CheckpointException.class, () -> unpickler.load(data, file));
        assertTrue(e.getMessage().contains("'" + global + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
    }

    static Stream<Arguments> checkpoints() {
        return Stream.of(
                arguments("payload_os_system.ckpt"),       // torch.save default protocol (2), payload at the top level
                arguments("payload_os_system_p4.ckpt"));   // protocol 4, payload inside the state_dict after a tensor
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void aTorchSaveFileHoldingAPayloadIsRefusedOnOpen(String file) {
        Path path = Expected.resource("torch/" + file);
        CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.open(path));
        assertTrue(e.getMessage().contains("'posix.system'"), e.getMessage());
        assertTrue(e.getMessage().contains("data.pkl"), e.getMessage());
    }
}
