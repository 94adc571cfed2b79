package io.kyrodb.engine;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN's output: the plan tree, one row per line in one column {@code QUERY PLAN}, indented
 * the way PostgreSQL prints it (children under {@code ->}, details under their operator).
 */
final class Explain {
    private Explain() {
    }

    static ExecResult render(PlanNode root) {
        List<Object[]> lines = new ArrayList<>();
        add(root, 0, true, lines);
        return new MaterializedRows(List.of(new ResultColumn("QUERY PLAN", SqlType.TEXT, false, "", "")), lines);
    }

    private static void add(PlanNode node, int depth, boolean root, List<Object[]> lines) {
        String indent = "      ".repeat(Math.max(0, depth - 1));
        lines.add(new Object[]{root ? node.describe() : indent + "  ->  " + node.describe()});
        String detailIndent = root ? "  " : indent + "        ";
        for (String d : node.details()) {
            lines.add(new Object[]{detailIndent + d});
        }
        for (PlanNode child : node.children()) {
            add(child, depth + 1, false, lines);
        }
    }
}
