package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.SubPlan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Conditions split at their ANDs, and which tables of the FROM clause each part reads: a column,
 * or an outer column of a correlated subquery in it that refers to this query's row. A part that
 * reads no table (a constant, a parameter, an uncorrelated subquery) may run anywhere.
 */
final class Conjuncts {
    private final Scope scope;
    /** Slots the joins compute (FULL JOIN USING columns), by the tables they are computed from. */
    private final Map<Integer, BitSet> computedSlots;

    Conjuncts(Scope scope, Map<Integer, BitSet> computedSlots) {
        this.scope = scope;
        this.computedSlots = computedSlots;
    }

    static List<BoundExpr> split(BoundExpr e) {
        return e == null ? new ArrayList<>() : io.kyrodb.engine.expr.ExprTree.conjuncts(e);
    }

    /** The conjunction of {@code parts}; null when there are none. */
    static BoundExpr and(List<BoundExpr> parts) {
        BoundExpr out = null;
        for (BoundExpr p : parts) {
            out = out == null ? p : new LogicalExpr(true, out, p);
        }
        return out;
    }

    /** The scope entries (by position) whose columns {@code e} reads. */
    BitSet tables(BoundExpr e) {
        BitSet out = new BitSet();
        ExprTree.forEach(e, x -> {
            if (x instanceof ColumnExpr c) {
                addSlot(c.index(), out);
            }
            SubPlan p = ExprTree.subPlanOf(x);
            if (p != null) {
                for (SubPlan.OuterRef r : p.outerRefs()) {
                    if (r.levelsUp() == 0) {
                        addSlot(r.index(), out);
                    }
                }
            }
        });
        return out;
    }

    /** The entry (position in the scope) holding {@code slot}, -1 for a computed slot. */
    int entryOf(int slot) {
        List<Scope.Entry> entries = scope.entries();
        for (int i = 0; i < entries.size(); i++) {
            Scope.Entry e = entries.get(i);
            if (slot >= e.offset() && slot < e.offset() + e.table().columns().size()) {
                return i;
            }
        }
        return -1;
    }

    private void addSlot(int slot, BitSet out) {
        int entry = entryOf(slot);
        if (entry >= 0) {
            out.set(entry);
        } else if (computedSlots.containsKey(slot)) {
            out.or(computedSlots.get(slot));
        }
    }

    /** Whether every bit of {@code a} is in {@code b}. */
    static boolean within(BitSet a, BitSet b) {
        BitSet x = (BitSet) a.clone();
        x.andNot(b);
        return x.isEmpty();
    }
}
