package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_indexes: each index with the CREATE INDEX statement that makes it, as Postgres writes it. */
final class PgIndexes {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_indexes", List.of(
            text("schemaname"), text("tablename"), text("indexname"), text("tablespace"), text("indexdef")),
            PgIndexes::rows);

    private PgIndexes() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relations.Relation r : Relations.all(ctx)) {
            if (r.index() != null) {
                rows.add(new Object[] {r.schema(), r.table().name(), r.name(), null, definition(r)});
            }
        }
        return rows;
    }

    static String definition(Relations.Relation r) {
        StringJoiner columns = new StringJoiner(", ");
        java.util.StringJoiner include = new java.util.StringJoiner(", ");
        int keys = r.index().columns().size() - r.index().include();
        for (int i = 0; i < r.index().columns().size(); i++) {
            String key = r.index().columns().get(i);
            if (i >= keys) {
                include.add(Identifiers.quote(key));
                continue;
            }
            boolean call = key.endsWith(")") && !key.startsWith("(");
            boolean desc = r.index().descending().get(i);
            boolean nullsFirst = r.index().nullsFirst().get(i);
            columns.add((r.index().expression().get(i) ? (call ? key : "(" + key + ")") : Identifiers.quote(key))
                    + (i == 0 && r.index().opclass() != null ? " " + r.index().opclass() : "") + (desc ? " DESC" : "") + (nullsFirst == desc ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
        }
        if (include.length() > 0) {
            columns = new java.util.StringJoiner(", ", "", ") INCLUDE (" + include).add(columns.toString());
        }
        return "CREATE " + (r.index().unique() ? "UNIQUE " : "") + "INDEX " + Identifiers.quote(r.name()) + " ON "
                + Identifiers.quote(r.schema()) + "." + Identifiers.quote(r.table().name()) + " USING " + r.index().method() + " ("
                + columns + ")" + (r.index().predicate() == null ? "" : " WHERE (" + r.index().predicate() + ")");
    }
}
