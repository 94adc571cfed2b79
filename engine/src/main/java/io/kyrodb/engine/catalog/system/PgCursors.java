package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_cursors: the session's open cursors, those of DECLARE and those PL/pgSQL opened (named
 * {@code <unnamed portal n>} when their variable held no name), with PostgreSQL's columns.
 */
final class PgCursors {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_cursors", List.of(
            text("name"), text("statement"), bool("is_holdable"), bool("is_binary"), bool("is_scrollable"),
            new io.kyrodb.engine.catalog.Column("creation_time", SqlType.TIMESTAMPTZ, false)), PgCursors::rows);

    private PgCursors() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (SessionCalls.Cursor c : ctx.calls().cursors()) {
            rows.add(new Object[] {c.name(), c.statement(), c.holdable(), c.binary(), c.scrollable(), c.created()});
        }
        return rows;
    }
}
