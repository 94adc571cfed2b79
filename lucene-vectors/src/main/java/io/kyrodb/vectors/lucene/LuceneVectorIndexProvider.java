package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The engine's {@link VectorIndexProvider} on Lucene (registered in META-INF/services). */
public final class LuceneVectorIndexProvider implements VectorIndexProvider {
    @Override
    public VectorIndex open(Path directory, VectorIndexSpec spec) throws IOException {
        Files.createDirectories(directory);
        return new LuceneVectorIndex(directory, spec);
    }
}
