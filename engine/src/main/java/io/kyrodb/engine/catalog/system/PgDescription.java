package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_description: object comments, which tools join to; empty until COMMENT ON exists. */
final class PgDescription {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_description", List.of(
            oid("objoid"), oid("classoid"), int4("objsubid"), text("description")), ctx -> List.of());

    private PgDescription() {
    }
}
