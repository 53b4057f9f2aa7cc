package org.depthfm.engine.nn;

import org.depthfm.formats.Expected;

import org.depthfm.formats.TorchCheckpoint;

import org.depthfm.formats.TensorStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.util.Map;
import org.depthfm.engine.nn.ParamTree;
import org.depthfm.engine.nn.Weights;
import org.depthfm.engine.unet.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code torch.save} files in the forms the official checkpoint may take, read with
 * {@link TorchCheckpoint#open} and compared with what torch itself read back from them.
 */
class TorchCheckpointVariantsTest {

    @Test
    void halfBfloatDoubleAndIntegerTensorsReadAsTorchConvertsThem() {
        JsonObject expected = Expected.json("torch/dtypes.json");
        TorchCheckpoint ckpt = TorchCheckpoint.open(Expected.resource("torch/dtypes.ckpt"));
        Expected.assertStore(expected.getAsJsonObject("state_dict"), ckpt.tensors("state_dict"));
    }

    @Test
    void halfAndBfloatTensorsStayWithinTheirPrecisionOfTheFloat32Originals() {
        JsonObject originals = Expected.json("torch/dtypes.json").getAsJsonObject("originals");
        TensorStore sd = TorchCheckpoint.open(Expected.resource("torch/dtypes.ckpt")).tensors("state_dict");
        assertWithinRelative(Expected.floats(originals.getAsJsonArray("w_f16")), sd.get("w_f16").toFloatArray(), 0x1p-11);
        assertWithinRelative(Expected.floats(originals.getAsJsonArray("w_bf16")), sd.get("w_bf16").toFloatArray(), 0x1p-8);
    }

    private static void assertWithinRelative(float[] original, float[] read, double relative) {
        assertEquals(original.length, read.length);
        for (int i = 0; i < read.length; i++) {
            double tol = Math.abs(original[i]) * relative;
            assertEquals(original[i], read[i], tol, "element " + i);
        }
    }

    @Test
    void bfloat16WeightsReachTheEngineConvertedNeverAsBfloat16() {
        JsonObject expected = Expected.json("torch/dtypes.json").getAsJsonObject("state_dict");
        TensorStore sd = TorchCheckpoint.open(Expected.resource("torch/dtypes.ckpt")).tensors("state_dict");
        float[] want = Expected.floats(expected.getAsJsonObject("w_bf16").getAsJsonArray("bits"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            ParamTree f32 = new Weights(sd, manager, DataType.FLOAT32, "dtypes.ckpt", new Flops()).root();
            NDArray a = f32.get("w_bf16", 4, 6);
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(want, a.toFloatArray());
            // every bf16 value of this tensor is exactly representable in float16
            ParamTree f16 = new Weights(sd, manager, DataType.FLOAT16, "dtypes.ckpt", new Flops()).root();
            NDArray h = f16.get("w_bf16", 4, 6);
            assertEquals(DataType.FLOAT16, h.getDataType());
            assertArrayEquals(want, h.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    @Test
    void nonContiguousAndStorageSharingTensorsReadInRowMajorOrder() {
        JsonObject expected = Expected.json("torch/views.json");
        TorchCheckpoint ckpt = TorchCheckpoint.open(Expected.resource("torch/views.ckpt"));
        Expected.assertStore(expected.getAsJsonObject("state_dict"), ckpt.tensors("state_dict"));
    }

    /**
     * The same DepthFM-shaped dict saved four ways: default protocol (2) with archive root
     * {@code depthfm-v1/}, protocol 4 under a file name with dots, spaces and brackets, protocol 5
     * (numpy arrays through {@code _frombuffer}), and to a stream (root {@code archive/}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"depthfm-v1.ckpt", "my.model v2 (copy).ckpt", "protocol5.ckpt", "from_stream.ckpt"})
    void theDepthfmTopLevelReadsWhateverTheProtocolAndArchiveRoot(String file) {
        JsonObject expected = Expected.json("torch/depthfm_layout.json");
        TorchCheckpoint ckpt = TorchCheckpoint.open(Expected.resource("torch/" + file));
        assertEquals(400L, ckpt.value("noising_step"));  // a numpy.int64
        Expected.assertPlain(expected.get("ldm_hparams"), ckpt.value("ldm_hparams"), "ldm_hparams");
        Expected.assertTensor(expected.getAsJsonObject("empty_text_embedding"), ckpt.tensor("empty_text_embedding"));
        Expected.assertStore(expected.getAsJsonObject("state_dict"), ckpt.tensors("state_dict"));
        Expected.assertStore(expected.getAsJsonObject("numpy_arrays"), ckpt.tensors("numpy_arrays"));
        Map<?, ?> scalars = (Map<?, ?>) ckpt.value("numpy_scalars");
        JsonObject want = expected.getAsJsonObject("numpy_scalars");
        assertEquals(want.get("i64").getAsLong(), scalars.get("i64"));
        assertEquals(want.get("i32").getAsLong(), scalars.get("i32"));
        assertEquals(want.get("f32").getAsDouble(), scalars.get("f32"));
        assertEquals(want.get("f64").getAsDouble(), scalars.get("f64"));
        assertEquals(Boolean.TRUE, scalars.get("bool"));
    }

    @Test
    void omegaConfHparamsGiveTheUnetConfiguration() {
        TorchCheckpoint ckpt = TorchCheckpoint.open(Expected.resource("torch/depthfm-v1.ckpt"));
        Object hparams = ckpt.value("ldm_hparams");
        assertTrue(hparams instanceof Map, "ldm_hparams is " + hparams);
        UNetConfig c = UNetConfig.read((Map<?, ?>) hparams, "depthfm-v1.ckpt");
        assertArrayEquals(new int[] {1, 2, 4, 4}, c.channelMult());
        assertArrayEquals(new int[] {4, 2, 1}, c.attentionResolutions());
        assertArrayEquals(new int[] {4}, c.contextDims());
        assertArrayEquals(new int[] {2, 2, 2, 2}, c.numResBlocks());
        assertEquals(8, c.numHeadChannels());
        assertTrue(c.useLinearInTransformer());
    }
}
