package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int8;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_prepared_statements: the session's PREPAREd statements (from_sql true; a driver's prepared
 * statements are not listed, as pgjdbc's unnamed ones are not). parameter_types is text[] of the
 * type names (PostgreSQL: regtype[], with the same text); the plan counters are 0.
 */
final class PgPreparedStatements {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_prepared_statements", List.of(
            text("name"), text("statement"),
            new io.kyrodb.engine.catalog.Column("prepare_time", SqlType.TIMESTAMPTZ, false),
            new io.kyrodb.engine.catalog.Column("parameter_types", SqlType.arrayOf(SqlType.TEXT), false),
            bool("from_sql"), int8("generic_plans"), int8("custom_plans")), PgPreparedStatements::rows);

    private PgPreparedStatements() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (SessionCalls.Prepared p : ctx.calls().preparedStatements()) {
            rows.add(new Object[] {p.name(), p.statement(), p.prepareTime(),
                    SqlArray.of(p.parameterTypes().toArray()), true, 0L, 0L});
        }
        return rows;
    }
}
