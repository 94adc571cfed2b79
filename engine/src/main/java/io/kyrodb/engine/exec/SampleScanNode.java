package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Values;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code t TABLESAMPLE BERNOULLI (p)} / {@code SYSTEM (p)} {@code [REPEATABLE (seed)]}: the rows of
 * a table scan that a pseudo-random draw keeps with probability p/100. BERNOULLI draws per row,
 * SYSTEM per block of {@link #BLOCK_ROWS} consecutive rows in key order (KyroDB's rows are not in
 * PostgreSQL's 8 kB pages, so the rows chosen differ from PostgreSQL's). The draw for a row (or
 * block) is a hash of the seed and its position, so with REPEATABLE the same data gives the same
 * rows on every run; without it the seed is new on every run. 0 keeps no row, 100 every row.
 */
public record SampleScanNode(Table table, boolean system, BoundExpr percent, BoundExpr seed) implements PlanNode {
    /** The rows a SYSTEM draw keeps or drops together. */
    static final int BLOCK_ROWS = 64;

    @Override
    public RowIterator open(ExecContext ctx) {
        Object p = percent.eval(null, ctx);
        if (p == null) {
            throw new KyroException(SqlState.INVALID_TABLESAMPLE_ARGUMENT, "TABLESAMPLE parameter cannot be null");
        }
        double fraction = ((Number) p).doubleValue();
        if (!(fraction >= 0 && fraction <= 100)) {
            throw new KyroException(SqlState.INVALID_TABLESAMPLE_ARGUMENT, "sample percentage must be between 0 and 100"
                    + " (got " + Values.toText(p) + ")");
        }
        long seedBits;
        if (seed != null) {
            Object s = seed.eval(null, ctx);
            if (s == null) {
                throw new KyroException(SqlState.INVALID_TABLESAMPLE_REPEAT, "TABLESAMPLE REPEATABLE parameter cannot"
                        + " be null");
            }
            seedBits = Double.doubleToLongBits(((Number) s).doubleValue());
        } else {
            seedBits = ThreadLocalRandom.current().nextLong();
        }
        double keep = fraction / 100;
        RowIterator rows = new ScanNode(table).open(ctx);
        return new RowIterator() {
            private long position;

            @Override
            public Object[] next() {
                for (Object[] row; (row = rows.next()) != null; ) {
                    long unit = system ? position / BLOCK_ROWS : position;
                    position++;
                    if (draw(seedBits, unit) < keep) {
                        return row;
                    }
                }
                return null;
            }
        };
    }

    /** A uniform value in [0, 1) from the seed and a row's (or block's) position (SplitMix64's finalizer). */
    static double draw(long seed, long unit) {
        long z = seed + (unit + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    @Override
    public String describe() {
        return "Sample Scan on " + table.name();
    }

    @Override
    public void explain(ExplainDetails out) {
        out.text("Sampling", (system ? "system" : "bernoulli") + " (" + out.deparse(percent) + ")"
                + (seed == null ? "" : " REPEATABLE (" + out.deparse(seed) + ")"));
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
