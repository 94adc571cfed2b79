package io.kyrodb.engine.plan;

/**
 * A bound statement, ready to run: names resolved against the catalog version it was bound with.
 * Immutable; a prepared statement keeps its plan until the catalog changes.
 */
public sealed interface Plan permits QueryPlan, ReturningPlan, InsertPlan, UpdatePlan, DeletePlan, CreateTablePlan, DropTablePlan,
        CreateIndexPlan, DropIndexPlan, CreateSequencePlan, DropSequencePlan, TruncatePlan, AlterTablePlan,
        ViewDdlPlan, CreateVectorIndexPlan, CatalogDdlPlan, RelocatePlan, MergePlan, WritingWithPlan,
        DependentViewsPlan {
    /** Whether running it needs the write lock. */
    default boolean writes() {
        return !(this instanceof QueryPlan);
    }
}
