package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.plan.CreateVectorIndexPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndexSpec;
import io.kyrodb.engine.vector.VectorIndexes;
import io.kyrodb.engine.vector.VectorQuantization;
import io.kyrodb.sql.ast.Statement;

import java.util.HashSet;
import java.util.Set;

/**
 * Binds {@code CREATE INDEX ... USING hnsw (col opclass) WITH (m, ef_construction, quantization)}
 * with pgvector's rules and messages: one vector column with dimensions, an explicit operator class
 * (pgvector's hnsw classes have no default), options in range. What PostgreSQL reports as 0A000
 * (unique, multicolumn, ASC/DESC) is 42809 here: pools drop connections on 0A000.
 */
final class HnswIndexBinder {
    private final Binder binder;
    private final Catalog catalog;

    HnswIndexBinder(Binder binder, Catalog catalog) {
        this.binder = binder;
        this.catalog = catalog;
    }

    Plan bind(Statement.CreateIndex c, Table table, int[] columns, String name) {
        if (c.unique()) {
            throw binder.error(SqlState.WRONG_OBJECT_TYPE, "access method \"hnsw\" does not support unique indexes",
                    c.pos());
        }
        if (columns.length != 1) {
            throw binder.error(SqlState.WRONG_OBJECT_TYPE, "access method \"hnsw\" does not support multicolumn indexes",
                    c.columns().get(1).pos());
        }
        Statement.IndexColumn ic = c.columns().get(0);
        if (ic.descending()) {
            throw binder.error(SqlState.WRONG_OBJECT_TYPE, "access method \"hnsw\" does not support ASC/DESC options",
                    ic.pos());
        }
        Column column = table.columns().get(columns[0]);
        SqlType type = column.type();
        if (ic.opclass() == null) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "data type " + type.kind().sqlName()
                    + " has no default operator class for access method \"hnsw\" (name one: vector_l2_ops, vector_ip_ops"
                    + " or vector_cosine_ops)", ic.pos());
        }
        VectorDistance distance = null;
        // pgvector's halfvec_*_ops: the same distances over a halfvec column (widened to float32 exactly).
        boolean half = ic.opclass().startsWith("halfvec_");
        String asVector = half ? "vector_" + ic.opclass().substring("halfvec_".length()) : ic.opclass();
        for (VectorDistance d : VectorDistance.values()) {
            if (d.opclass().equals(asVector)) {
                distance = d;
            }
        }
        if (distance == null && (ic.opclass().startsWith("sparsevec_") || ic.opclass().startsWith("bit_"))) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + ic.opclass()
                    + "\" does not exist for access method \"hnsw\": KyroDB's HNSW indexes hold vector columns;"
                    + " ORDER BY on a sparsevec or bit distance runs as an exact search", ic.pos());
        }
        if (distance == null) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + ic.opclass()
                    + "\" does not exist for access method \"hnsw\"", ic.pos());
        }
        if (type.kind() != (half ? TypeKind.HALFVEC : TypeKind.VECTOR)) {
            throw binder.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + ic.opclass()
                    + "\" does not accept data type " + type.kind().sqlName(), ic.pos());
        }
        int m = VectorIndexSpec.DEFAULT_M;
        int efConstruction = VectorIndexSpec.DEFAULT_EF_CONSTRUCTION;
        VectorQuantization quantization = VectorQuantization.NONE;
        Set<String> seen = new HashSet<>();
        for (Statement.IndexOption o : c.options()) {
            if (!seen.add(o.name())) {
                throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + o.name()
                        + "\" specified more than once", o.pos());
            }
            try {
                switch (o.name()) {
                    case "m" -> m = integer(o);
                    case "ef_construction" -> efConstruction = integer(o);
                    case "quantization" -> quantization = VectorQuantization.parse(o.value());
                    default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \""
                            + o.name() + "\"");
                }
            } catch (KyroException e) {
                throw binder.error(e.state(), e.getMessage(), o.pos());
            }
        }
        VectorIndexSpec spec;
        try {
            spec = new VectorIndexSpec(type.length(), distance, m, efConstruction, quantization);
        } catch (KyroException e) {
            throw binder.error(e.state(), e.getMessage(), c.pos());
        }
        return new CreateVectorIndexPlan(new VectorIndexDef(name, table.name(), columns[0], spec, VectorIndexes.newId()),
                c.ifNotExists());
    }

    private static int integer(Statement.IndexOption o) {
        try {
            return Integer.parseInt(o.value().trim());
        } catch (NumberFormatException e) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"" + o.name()
                    + "\": " + o.value());
        }
    }
}
