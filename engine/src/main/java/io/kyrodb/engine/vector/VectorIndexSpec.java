package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * What {@code CREATE INDEX ... USING hnsw (col <opclass>) WITH (m, ef_construction, quantization)} asks for, checked
 * with pgvector's ranges and messages: m 2..100 (default 16), ef_construction 4..1000 (default 64)
 * and at least 2 * m; at most {@link #MAX_DIMENSIONS} dimensions (pgvector stops at 2,000).
 */
public record VectorIndexSpec(int dimensions, VectorDistance distance, int m, int efConstruction,
                              VectorQuantization quantization) {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 64;
    public static final int MAX_DIMENSIONS = 4096;

    public VectorIndexSpec(int dimensions, VectorDistance distance, int m, int efConstruction) {
        this(dimensions, distance, m, efConstruction, VectorQuantization.NONE);
    }

    public VectorIndexSpec {
        if (quantization == null) {
            quantization = VectorQuantization.NONE;
        }
        if (m < 2 || m > 100) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "value " + m
                    + " out of bounds for option \"m\" (valid values are between \"2\" and \"100\")");
        }
        if (efConstruction < 4 || efConstruction > 1000) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "value " + efConstruction
                    + " out of bounds for option \"ef_construction\" (valid values are between \"4\" and \"1000\")");
        }
        if (efConstruction < 2 * m) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "ef_construction must be greater than or equal to 2 * m");
        }
        if (dimensions < 1) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "column does not have dimensions");
        }
        if (dimensions > MAX_DIMENSIONS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "column cannot have more than " + MAX_DIMENSIONS
                    + " dimensions for hnsw index");
        }
        if (distance == VectorDistance.L1) {
            // As Postgres says of an operator class an access method lacks (42704); not 0A000, which pools treat as fatal.
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "operator class \"vector_l1_ops\" does not exist for access"
                    + " method \"hnsw\" in KyroDB (Lucene has no L1 similarity); ORDER BY col <+> q runs as an exact search");
        }
    }

    public static VectorIndexSpec defaults(int dimensions, VectorDistance distance) {
        return new VectorIndexSpec(dimensions, distance, DEFAULT_M, DEFAULT_EF_CONSTRUCTION);
    }
}
