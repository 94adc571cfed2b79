package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_am: the access methods pg_class.relam names: heap (tables) and btree (ordered indexes). */
final class PgAm {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_am", List.of(
            oid("oid"), text("amname"), text("amtype")),
            ctx -> List.of(new Object[] {PgClass.HEAP_AM, "heap", "t"}, new Object[] {PgClass.BTREE_AM, "btree", "i"}));

    private PgAm() {
    }
}
