package io.kyrodb.engine.vector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Creates and opens {@link VectorIndex}es; found with {@link ServiceLoader}, so the engine runs
 * (with exact search only) when no implementation is on the class path.
 */
public interface VectorIndexProvider {
    /** Opens the index in {@code directory}, creating an empty one if there is none. */
    VectorIndex open(Path directory, VectorIndexSpec spec) throws IOException;

    /** The first provider on the class path, if any. */
    static Optional<VectorIndexProvider> find() {
        return ServiceLoader.load(VectorIndexProvider.class, VectorIndexProvider.class.getClassLoader()).findFirst();
    }
}
