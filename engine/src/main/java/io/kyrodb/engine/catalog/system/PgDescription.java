package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_description: the comments COMMENT ON made, on relations, their columns (objsubid) and schemas. */
final class PgDescription {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_description", List.of(
            oid("objoid"), oid("classoid"), int4("objsubid"), text("description")), ctx -> Relations.descriptions(ctx)
            .stream().map(d -> new Object[] {d.objoid(), d.classoid(), d.objsubid(), d.text()}).toList());

    private PgDescription() {
    }
}
