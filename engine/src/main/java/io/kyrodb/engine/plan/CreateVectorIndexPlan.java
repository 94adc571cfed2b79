package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.VectorIndexDef;

/**
 * CREATE INDEX ... USING hnsw: the checked definition; with {@code ifNotExists} a name already
 * taken makes it do nothing. The session may build the graph before it commits ({@code withId}
 * then names the directory it built).
 */
public record CreateVectorIndexPlan(VectorIndexDef definition, boolean ifNotExists) implements Plan {
    public CreateVectorIndexPlan withId(long id) {
        return new CreateVectorIndexPlan(definition.withId(id), ifNotExists);
    }
}
