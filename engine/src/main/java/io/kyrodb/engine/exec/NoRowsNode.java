package io.kyrodb.engine.exec;

import java.util.List;

/**
 * No rows, without reading anything: what a FROM clause and WHERE become when the WHERE folded to
 * FALSE or NULL at plan time (PostgreSQL's {@code Result} with {@code One-Time Filter: false}).
 */
public record NoRowsNode() implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return () -> null;
    }

    @Override
    public String describe() {
        return "Result";
    }

    @Override
    public List<String> details() {
        return List.of("One-Time Filter: false");
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
