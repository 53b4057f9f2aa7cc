package org.depthfm.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scaled dot-product attention {@code softmax(q k^T * scale) v} without a fused kernel (DJL has
 * none): two batched matrix products around a softmax, in float32 for the softmax. The score
 * matrix grows with the square of the token count, so queries are processed in slices that keep
 * it under {@link #MAX_SCORES} elements: memory stays linear in the tokens.
 */
public final class Attention {
    /** The largest score matrix (elements) computed at once: 128 MiB in float32. */
    public static final long MAX_SCORES = 1L << 25;

    private Attention() {
    }

    /**
     * @param q (B, Nq, D)
     * @param k (B, Nk, D)
     * @param v (B, Nk, Dv)
     * @param scale the factor on {@code q k^T}
     * @param flops the model's operation counter
     * @return (B, Nq, Dv)
     */
    public static NDArray scaledDotProduct(NDArray q, NDArray k, NDArray v, double scale, Flops flops) {
        return Scoped.run(() -> {
            long b = q.getShape().get(0);
            long nq = q.getShape().get(1);
            long nk = k.getShape().get(1);
            NDArray kt = k.transpose(0, 2, 1);
            NDArray qs = Scalars.mul(q, (float) scale);
            long rowsPerSlice = Math.max(1, MAX_SCORES / nk);
            if (b * nq <= rowsPerSlice) {
                return attend(qs, kt, v, flops);
            }
            // slice over the batch first, then over the queries of one batch element
            long batchPerSlice = Math.max(1, rowsPerSlice / nq);
            long queryPerSlice = Math.min(nq, rowsPerSlice);
            NDList parts = new NDList();
            for (long b0 = 0; b0 < b; b0 += batchPerSlice) {
                long b1 = Math.min(b, b0 + batchPerSlice);
                NDIndex batch = new NDIndex().addSliceDim(b0, b1);
                NDArray ktb = kt.get(batch);
                NDArray vb = v.get(batch);
                for (long q0 = 0; q0 < nq; q0 += queryPerSlice) {
                    long q1 = Math.min(nq, q0 + queryPerSlice);
                    parts.add(attend(qs.get(new NDIndex().addSliceDim(b0, b1).addSliceDim(q0, q1)), ktb, vb, flops));
                }
            }
            return queryPerSlice == nq ? NDArrays.concat(parts, 0) : regroup(parts, b, batchPerSlice, nq, queryPerSlice);
        });
    }

    /** One slice; its scores and probabilities are freed on return, which is what bounds the memory. */
    private static NDArray attend(NDArray qs, NDArray kt, NDArray v, Flops flops) {
        Shape q = qs.getShape();
        flops.matMul(q.get(0), q.get(1), q.get(2), kt.getShape().get(2));
        flops.matMul(q.get(0), q.get(1), kt.getShape().get(2), v.getShape().get(2));
        return Scoped.run(() -> {
            NDArray scores = qs.matMul(kt);
            NDArray probs = scores.getDataType() == DataType.FLOAT32
                    ? scores.softmax(-1)
                    : scores.toType(DataType.FLOAT32, false).softmax(-1).toType(scores.getDataType(), false);
            scores.close();
            return probs.matMul(v);
        });
    }

    /** Query slices of one batch element are joined along the tokens, then the batch is joined. */
    private static NDArray regroup(NDList parts, long b, long batchPerSlice, long nq, long queryPerSlice) {
        long slicesPerBatch = (nq + queryPerSlice - 1) / queryPerSlice;
        NDList rows = new NDList();
        for (int i = 0; i < parts.size(); i += (int) slicesPerBatch) {
            rows.add(NDArrays.concat(new NDList(parts.subList(i, (int) (i + slicesPerBatch))), 1));
        }
        return NDArrays.concat(rows, 0);
    }
}
