package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_namespace: the schemas, with Postgres's OIDs for pg_catalog (11) and public (2200). */
final class PgNamespace {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_namespace", List.of(
            oid("oid"), text("nspname"), oid("nspowner")), PgNamespace::rows);

    private PgNamespace() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (String s : Relations.schemas(ctx)) {
            rows.add(new Object[] {Relations.Relation.namespaceOid(s), s, Relations.OWNER_OID});
        }
        return rows;
    }
}
