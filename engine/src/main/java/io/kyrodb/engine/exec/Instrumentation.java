package io.kyrodb.engine.exec;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What EXPLAIN ANALYZE measures per operator: how often it was opened (loops), the rows it
 * returned, and (with timing) the time to its first row and to its last, inclusive of its inputs,
 * as PostgreSQL reports them. Operators open their inputs through {@link ExecContext#open(PlanNode)},
 * which comes here when the statement is instrumented. One statement, one thread.
 */
public final class Instrumentation {
    /** One operator's counters, summed over its loops. */
    public static final class Counters {
        public long loops;
        public long rows;
        public long firstRowNanos;
        public long totalNanos;
    }

    private final Map<PlanNode, Counters> counters = new IdentityHashMap<>();
    private final Map<PlanNode, String> sortMethods = new IdentityHashMap<>();
    private final boolean timing;

    public Instrumentation(boolean timing) {
        this.timing = timing;
    }

    public boolean timing() {
        return timing;
    }

    /**
     * How {@code node} last sorted, as PostgreSQL's {@code Sort Method} says it: {@code quicksort  Memory: 25kB}
     * or {@code external merge  Disk: 1024kB}; null if it did not sort.
     */
    public String sortMethod(PlanNode node) {
        return sortMethods.get(node);
    }

    void sorted(PlanNode node, String method, boolean disk, long bytes) {
        sortMethods.put(node, method + (disk ? "  Disk: " : "  Memory: ") + Math.max(1, (bytes + 1023) / 1024) + "kB");
    }

    /** The counters of {@code node}, or null if it never ran. */
    public Counters of(PlanNode node) {
        return counters.get(node);
    }

    RowIterator open(PlanNode node, ExecContext ctx) {
        Counters c = counters.computeIfAbsent(node, n -> new Counters());
        c.loops++;
        if (!timing) {
            RowIterator in = node.open(ctx);
            return () -> {
                Object[] row = in.next();
                if (row != null) {
                    c.rows++;
                }
                return row;
            };
        }
        long start = System.nanoTime();
        RowIterator in = node.open(ctx);
        long opened = System.nanoTime() - start;
        c.totalNanos += opened;
        long[] untilFirst = {opened};
        return () -> {
            long t = System.nanoTime();
            Object[] row = in.next();
            long d = System.nanoTime() - t;
            c.totalNanos += d;
            if (untilFirst[0] >= 0) {
                c.firstRowNanos += untilFirst[0] + d;
                untilFirst[0] = -1;
            }
            if (row != null) {
                c.rows++;
            }
            return row;
        };
    }
}
