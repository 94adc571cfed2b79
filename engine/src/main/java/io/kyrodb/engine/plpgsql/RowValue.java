package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * The value of a record variable (NEW, OLD, a FOR loop's row, {@code SELECT * INTO r}): field names,
 * their types and values. {@code isNull}: the record is SQL NULL (OLD in an INSERT trigger), its
 * fields reading as NULL.
 */
public record RowValue(List<String> names, List<SqlType> types, Object[] values, boolean isNull) {
    public int field(String name) {
        return names.indexOf(name);
    }

    public RowValue copy() {
        return new RowValue(names, types, values.clone(), isNull);
    }

    static RowValue nullOf(List<String> names, List<SqlType> types) {
        return new RowValue(names, types, new Object[names.size()], true);
    }
}
