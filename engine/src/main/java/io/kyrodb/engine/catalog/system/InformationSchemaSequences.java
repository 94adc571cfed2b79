package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.sequences, which Hibernate reads at startup to learn the sequences. KyroDB
 * has no sequences yet, so it is empty; the columns are Postgres's.
 */
final class InformationSchemaSequences {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "sequences", List.of(
            text("sequence_catalog"), text("sequence_schema"), text("sequence_name"), text("data_type"),
            int4("numeric_precision"), int4("numeric_precision_radix"), int4("numeric_scale"), text("start_value"),
            text("minimum_value"), text("maximum_value"), text("increment"), text("cycle_option")),
            ctx -> List.of());

    private InformationSchemaSequences() {
    }
}
