package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Locale;

/**
 * How an HNSW index stores the vectors its graph walk compares ({@code WITH (quantization = ...)}):
 * full float32, or quantized to int8 / int4 / one bit per dimension. A quantized index rescores its
 * candidates with the full vectors, so distances are always exact. These names are on disk (the
 * catalog stores the ordinal): append new ones at the end.
 */
public enum VectorQuantization {
    NONE, INT8, INT4, BINARY;

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VectorQuantization parse(String value) {
        for (VectorQuantization q : values()) {
            if (q.sqlName().equals(value.toLowerCase(Locale.ROOT))) {
                return q;
            }
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for option \"quantization\": \""
                + value + "\" (valid values are \"none\", \"int8\", \"int4\" and \"binary\")");
    }
}
