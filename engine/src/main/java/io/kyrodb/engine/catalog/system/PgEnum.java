package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.types.EnumType;
import io.kyrodb.engine.types.UserType;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.float4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_enum: one row per label of each enum type, with its sort order (the float PostgreSQL keeps:
 * 1, 2, 3 as created, midpoints for values added BEFORE/AFTER another). A label's OID is derived
 * from its type's and its position at creation is not kept, so it is the type's OID plus a hash.
 */
final class PgEnum {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_enum", List.of(
            oid("oid"), oid("enumtypid"), float4("enumsortorder"), text("enumlabel")), PgEnum::rows);

    private PgEnum() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (UserType u : ctx.catalog().types()) {
            if (u instanceof EnumType e) {
                for (int i = 0; i < e.size(); i++) {
                    long oid = Relations.oid(e.key(), "label " + Float.floatToIntBits(e.order(i)));
                    rows.add(new Object[] {oid, (long) e.oid(), e.order(i), e.labels().get(i)});
                }
            }
        }
        return rows;
    }
}
