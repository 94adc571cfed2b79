package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.SqlType;

import java.util.List;
import java.util.Locale;

/**
 * The sequence functions: {@code nextval(name)}, {@code currval(name)}, {@code setval(name, value
 * [, is_called])}, {@code lastval()} and {@code pg_get_serial_sequence(table, column)}. Names are
 * text, resolved when the call runs against the catalog the statement was bound with (as
 * PostgreSQL's {@code regclass}: folded to lower case unless double-quoted, {@code public.}
 * allowed). Volatile: never constant.
 */
public record SequenceExpr(Function function, List<BoundExpr> arguments, Catalog catalog,
                           io.kyrodb.engine.catalog.SearchPath searchPath) implements BoundExpr {
    public enum Function { NEXTVAL, CURRVAL, SETVAL, LASTVAL, PG_GET_SERIAL_SEQUENCE }

    /** Unqualified names along the default search_path. */
    public SequenceExpr(Function function, List<BoundExpr> arguments, Catalog catalog) {
        this(function, arguments, catalog, io.kyrodb.engine.catalog.SearchPath.of(
                io.kyrodb.engine.catalog.SearchPath.DEFAULT, ""));
    }

    @Override
    public SqlType type() {
        return function == Function.PG_GET_SERIAL_SEQUENCE ? SqlType.TEXT : SqlType.BIGINT;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object[] v = new Object[arguments.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = arguments.get(i).eval(row, ctx);
            if (v[i] == null) {
                return null;   // strict, as in PostgreSQL
            }
        }
        SequenceCalls calls = ctx.sequences();
        return switch (function) {
            case NEXTVAL -> calls.nextval(resolve((String) v[0]));
            case CURRVAL -> calls.currval(resolve((String) v[0]));
            case SETVAL -> calls.setval(resolve((String) v[0]), ((Number) v[1]).longValue(),
                    v.length < 3 || (Boolean) v[2]);
            case LASTVAL -> calls.lastval();
            case PG_GET_SERIAL_SEQUENCE -> serialSequence((String) v[0], (String) v[1]);
        };
    }

    private Sequence resolve(String text) {
        String name = key(text);
        Sequence s = catalog.sequence(name);
        if (s == null) {
            if (catalog.hasRelation(name)) {
                throw new KyroException(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a sequence");
            }
            throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return s;
    }

    private String serialSequence(String tableText, String columnText) {
        String tableName = key(tableText);
        Table t = catalog.table(tableName);
        if (t == null) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + tableName + "\" does not exist");
        }
        String column = columnText.startsWith("\"") ? unquote(columnText) : columnText.toLowerCase(Locale.ROOT);
        int i = t.columnIndex(column);
        if (i < 0) {
            throw new KyroException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + tableName
                    + "\" does not exist");
        }
        Column c = t.columns().get(i);
        Sequence s = catalog.ownedSequence(tableName, c.name());
        return s == null ? null : io.kyrodb.engine.catalog.SchemaNames.schemaOf(s.name()) + "."
                + io.kyrodb.engine.catalog.SchemaNames.localOf(s.name());
    }

    /**
     * The catalog key of relation name text: {@code schema.name} as written (3F000 for a schema
     * that does not exist), else the first match along the search_path (42P01 when there is none,
     * as in PostgreSQL; a column DEFAULT is bound with its table's schema first on the path).
     */
    private String key(String text) {
        String[] parts = io.kyrodb.engine.catalog.SearchPath.parseQualified(text);
        if (parts[0] != null) {
            if (!catalog.hasSchema(parts[0])) {
                throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + parts[0] + "\" does not exist");
            }
            return io.kyrodb.engine.catalog.SchemaNames.key(parts[0], parts[1]);
        }
        String found = searchPath.find(catalog, parts[1], catalog::hasRelation);
        if (found == null) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + parts[1] + "\" does not exist");
        }
        return found;
    }

    private static String unquote(String s) {
        if (s.length() < 2 || !s.endsWith("\"")) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid name syntax: " + s);
        }
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }

    @Override
    public boolean equals(Object o) {
        return this == o;   // volatile: two calls are two calls (GROUP BY must not merge them)
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
