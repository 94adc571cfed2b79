package io.kyrodb.engine.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE: the rows of the non-recursive term, then, as long as the previous step produced
 * rows, those of the recursive term run over them (its {@link WorkTableScanNode}s read them as the
 * working table). With {@code distinct} (UNION) a row already produced is dropped, so a cycle
 * ends; with UNION ALL a query whose recursion never stops runs until it is cancelled (statement
 * timeout), as in PostgreSQL. The working table and, for UNION, the rows seen are held in memory.
 */
public record RecursiveUnionNode(PlanNode nonRecursive, PlanNode recursive, WorkTable table, boolean distinct)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        Set<GroupKey> seen = distinct ? new HashSet<>() : null;
        return new RowIterator() {
            RowIterator current = nonRecursive.open(ctx);
            List<Object[]> produced = new ArrayList<>();

            @Override
            public Object[] next() {
                while (true) {
                    ctx.checkCancel();
                    Object[] row = current.next();
                    if (row != null) {
                        if (seen != null && !seen.add(new GroupKey(row.clone()))) {
                            continue;
                        }
                        produced.add(row);
                        return row;
                    }
                    if (produced.isEmpty()) {
                        ctx.workTables().remove(table);
                        return null;
                    }
                    ctx.workTables().put(table, produced);
                    produced = new ArrayList<>();
                    current = recursive.open(ctx);
                }
            }
        };
    }

    @Override
    public String describe() {
        return "Recursive Union";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(nonRecursive, recursive);
    }
}
