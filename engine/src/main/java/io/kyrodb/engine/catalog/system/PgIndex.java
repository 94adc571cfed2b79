package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.ColumnInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_index: one row per index (the primary key's and the secondary ones). indkey and indoption
 * are int2vector in Postgres; here their text form ({@code "1 3"}), which is also what Postgres
 * prints for them. indexprs and indpred are pg_node_tree in Postgres; here the expressions' and the
 * predicate's SQL text (null for a column-only, full index, as there).
 */
final class PgIndex {
    /** indoption bits: DESC (1) and NULLS FIRST (2), which DESC implies unless NULLS LAST is written. */
    private static final int DESC = 1;
    private static final int NULLS_FIRST = 2;

    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_index", List.of(
            oid("indexrelid"), oid("indrelid"), int2("indnatts"), int2("indnkeyatts"), bool("indisunique"),
            bool("indnullsnotdistinct"), bool("indisprimary"), bool("indisexclusion"), bool("indimmediate"),
            bool("indisclustered"), bool("indisvalid"), bool("indcheckxmin"), bool("indisready"),
            bool("indislive"), bool("indisreplident"), text("indkey"), text("indoption"), text("indexprs"),
            text("indpred")), PgIndex::rows);

    private PgIndex() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relations.Relation r : Relations.all(ctx)) {
            if (r.index() == null) {
                continue;
            }
            StringJoiner key = new StringJoiner(" ");
            StringJoiner options = new StringJoiner(" ");
            StringJoiner expressions = new StringJoiner(", ");
            for (int i = 0; i < r.index().columns().size(); i++) {
                String name = r.index().columns().get(i);
                boolean expression = r.index().expression().get(i);
                key.add(Integer.toString(expression ? 0 : r.table().columns().stream().filter(c -> c.name().equals(name))
                        .mapToInt(ColumnInfo::ordinal).findFirst().orElse(0)));
                if (expression) {
                    expressions.add(name);
                }
                if (i < r.index().columns().size() - r.index().include()) {   // INCLUDE columns have no indoption
                    options.add(Integer.toString((r.index().descending().get(i) ? DESC : 0)
                            | (r.index().nullsFirst().get(i) ? NULLS_FIRST : 0)));
                }
            }
            short n = (short) r.index().columns().size();
            short keys = (short) (n - r.index().include());
            boolean primary = r.name().equals(Relations.primaryKeyName(r.table())) && !r.table().primaryKey().isEmpty()
                    && r.index().columns().equals(r.table().primaryKey());
            rows.add(new Object[] {r.oid(), Relations.tableOid(r.table()), n, keys, r.index().unique(), false, primary,
                    false, true, false, true, false, true, true, false, key.toString(), options.toString(),
                    expressions.length() == 0 ? null : expressions.toString(), r.index().predicate()});
        }
        return rows;
    }
}
