package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.types.SqlType;

import java.util.List;
import java.util.function.Function;

/**
 * A read-only view in {@code information_schema} or {@code pg_catalog}: its columns (named and
 * ordered as in PostgreSQL 15; a view may leave out columns of types KyroDB lacks) and its rows,
 * computed from a {@link SystemContext} each time it is scanned. Each view is one file with a
 * {@code VIEW} constant; {@link SystemViews} lists them.
 *
 * <p>Types follow Postgres where KyroDB has the type; otherwise: {@code oid} as bigint,
 * {@code name} and {@code "char"} as text, {@code int2vector} as its text form.
 */
public record SystemView(String schema, String name, List<Column> columns,
                         Function<SystemContext, List<Object[]>> rows) {

    public SystemView {
        columns = List.copyOf(columns);
    }

    static Column text(String name) {
        return new Column(name, SqlType.TEXT, false);
    }

    static Column oid(String name) {
        return new Column(name, SqlType.BIGINT, false);
    }

    static Column int2(String name) {
        return new Column(name, SqlType.SMALLINT, false);
    }

    static Column int4(String name) {
        return new Column(name, SqlType.INTEGER, false);
    }

    static Column int8(String name) {
        return new Column(name, SqlType.BIGINT, false);
    }

    static Column float4(String name) {
        return new Column(name, SqlType.REAL, false);
    }

    static Column bool(String name) {
        return new Column(name, SqlType.BOOLEAN, false);
    }

    /** information_schema's yes_or_no domain. */
    static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }
}
