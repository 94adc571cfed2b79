package io.kyrodb.engine.catalog;

import io.kyrodb.engine.vector.VectorIndexSpec;

/**
 * An HNSW index (CREATE INDEX ... USING hnsw): a derived structure over one vector column of
 * {@code table}, with no entries in the WAL or the runs. Its graph lives in
 * {@code vectors/<directoryName()>} under the database directory and is rebuilt from the rows when
 * lost; {@code id} tells the directory of this definition from one a dropped index of the same name
 * left. An index name shares its namespace with table names.
 */
public record VectorIndexDef(String name, String table, int column, VectorIndexSpec spec, long id) {
    public String directoryName() {
        return name + "-" + Long.toHexString(id);
    }

    public VectorIndexDef withId(long newId) {
        return new VectorIndexDef(name, table, column, spec, newId);
    }
}
