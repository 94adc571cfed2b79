package io.kyrodb.engine.plan;

import io.kyrodb.engine.storage.Change;

import java.util.List;

/**
 * DDL whose changes the binder decides in full (CREATE/DROP/ALTER SCHEMA, COMMENT ON, ALTER
 * SEQUENCE): no rows to read, so running it is logging {@code changes}.
 */
public record CatalogDdlPlan(List<Change> changes) implements Plan {
    public CatalogDdlPlan {
        changes = List.copyOf(changes);
    }
}
