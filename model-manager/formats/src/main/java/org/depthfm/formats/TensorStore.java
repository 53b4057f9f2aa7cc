package org.depthfm.formats;

import java.util.Set;

/** Named tensors of one checkpoint file, read lazily. */
public interface TensorStore {

    /** @return every tensor name, in file order */
    Set<String> names();

    /**
     * @param name a tensor name
     * @return the tensor, or null if there is none of that name
     */
    StoredTensor find(String name);

    /**
     * @param name a tensor name
     * @return the tensor
     * @throws CheckpointException naming the missing key
     */
    default StoredTensor get(String name) {
        StoredTensor t = find(name);
        if (t == null) {
            throw new CheckpointException("the checkpoint has no tensor '" + name + "'");
        }
        return t;
    }

    /**
     * @param name a tensor name
     * @return whether the store holds it
     */
    default boolean contains(String name) {
        return find(name) != null;
    }
}
