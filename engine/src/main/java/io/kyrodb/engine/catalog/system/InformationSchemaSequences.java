package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.sequences, which Hibernate reads at startup to learn the sequences (schema
 * validation fails on a missing one): every sequence of the catalog, SERIAL and identity ones
 * included, with Postgres's columns (the numbers as text, as Postgres shows them).
 */
final class InformationSchemaSequences {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "sequences", List.of(
            text("sequence_catalog"), text("sequence_schema"), text("sequence_name"), text("data_type"),
            int4("numeric_precision"), int4("numeric_precision_radix"), int4("numeric_scale"), text("start_value"),
            text("minimum_value"), text("maximum_value"), text("increment"), text("cycle_option")),
            InformationSchemaSequences::rows);

    private InformationSchemaSequences() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Sequence s : ctx.catalog().sequences()) {
            TypeKind kind = s.type().kind();
            int bits = kind == TypeKind.SMALLINT ? 16 : kind == TypeKind.INTEGER ? 32 : 64;
            rows.add(new Object[] {ctx.database(), io.kyrodb.engine.catalog.SchemaNames.schemaOf(s.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(s.name()), s.type().displayName(), bits, 2, 0,
                    Long.toString(s.start()), Long.toString(s.minValue()), Long.toString(s.maxValue()),
                    Long.toString(s.increment()), s.cycle() ? "YES" : "NO"});
        }
        return rows;
    }
}
