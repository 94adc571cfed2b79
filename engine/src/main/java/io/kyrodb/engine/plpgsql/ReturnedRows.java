package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows a set-returning PL/pgSQL function (RETURNS SETOF / TABLE) gathers with RETURN NEXT and
 * RETURN QUERY, each converted to the function's column types; the call returns them all once the
 * body ends (PostgreSQL's tuplestore). {@code outNames}: RETURNS TABLE's columns, which are
 * variables of the body that a RETURN NEXT without an expression reads; null for SETOF.
 */
final class ReturnedRows {
    final List<SqlType> types;
    final List<String> outNames;
    final List<Object[]> rows = new ArrayList<>();

    ReturnedRows(List<SqlType> types, List<String> outNames) {
        this.types = types;
        this.outNames = outNames;
    }

    /** Adds a row of {@code values}, of {@code from}'s types (null: already the right types). */
    void add(Object[] values, List<SqlType> from) {
        if (values.length != types.size()) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "structure of query does not match function result type"
                    + " (returned " + values.length + " columns, the function returns " + types.size() + ")");
        }
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
            SqlType want = types.get(i);
            if (from != null && values[i] != null && from.get(i).kind() != want.kind()
                    && from.get(i).kind() != io.kyrodb.engine.types.TypeKind.UNKNOWN
                    && !io.kyrodb.engine.types.Casts.implicit(from.get(i), want)) {
                throw new KyroException(SqlState.DATATYPE_MISMATCH, "structure of query does not match function result"
                        + " type (returned type " + from.get(i).displayName() + " does not match expected type "
                        + want.displayName() + " in column " + (i + 1) + ")");
            }
            row[i] = Invocation.cast(values[i], want);
        }
        rows.add(row);
    }
}
