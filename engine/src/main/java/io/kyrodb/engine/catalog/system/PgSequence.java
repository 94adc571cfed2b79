package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Sequence;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int8;
import static io.kyrodb.engine.catalog.system.SystemView.oid;

/** pg_sequence: each sequence's definition, keyed by its pg_class oid (seqrelid). */
final class PgSequence {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_sequence", List.of(
            oid("seqrelid"), oid("seqtypid"), int8("seqstart"), int8("seqincrement"), int8("seqmax"), int8("seqmin"),
            int8("seqcache"), bool("seqcycle")), PgSequence::rows);

    private PgSequence() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Sequence s : ctx.catalog().sequences()) {
            rows.add(new Object[] {Relations.oid(SchemaNames.schemaOf(s.name()), SchemaNames.localOf(s.name())),
                    PgTypes.of(s.type()).oid(), s.start(), s.increment(), s.maxValue(), s.minValue(), s.cache(),
                    s.cycle()});
        }
        return rows;
    }
}
