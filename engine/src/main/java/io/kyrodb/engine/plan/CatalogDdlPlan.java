package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.Change;

import java.util.List;
import java.util.function.Consumer;

/**
 * DDL whose changes the binder decides in full (CREATE/DROP/ALTER SCHEMA, COMMENT ON, ALTER
 * SEQUENCE, CREATE/ALTER/DROP TYPE and DOMAIN): running it is checking {@code validations}
 * against the rows as the writer sees them (ALTER DOMAIN ... ADD CONSTRAINT / SET NOT NULL: each
 * throws on a value that breaks the new rule, so nothing changes), then logging {@code changes}.
 */
public record CatalogDdlPlan(List<Change> changes, List<ColumnValidation> validations) implements Plan {
    /** Every value of column {@code column} of {@code table} must pass {@code check} (which throws if not). */
    public record ColumnValidation(Table table, int column, Consumer<Object> check) {
    }

    public CatalogDdlPlan {
        changes = List.copyOf(changes);
        validations = List.copyOf(validations);
    }

    public CatalogDdlPlan(List<Change> changes) {
        this(changes, List.of());
    }
}
