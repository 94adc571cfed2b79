package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.plan.PlannerOptions;

import java.util.BitSet;
import java.util.List;

/**
 * Predicate push-down: a condition of a join region (WHERE and the inner joins' ON, split at AND)
 * that reads the tables of one input only goes down to that input, where it can choose a key or
 * index access and filters rows before they are joined. Off ({@code enable_pushdown}), such a
 * condition is checked by the join that brings its table in. Conditions of an outer join's
 * nullable side never move above it (the join planner keeps to that); this rule decides among
 * the inputs of one inner region.
 */
public final class PushDownFilterRule implements RewriteRule {
    PushDownFilterRule() {
    }

    @Override
    public String setting() {
        return "enable_pushdown";
    }

    @Override
    public boolean enabled(PlannerOptions options) {
        return options.pushdown();
    }

    /**
     * The input (its position in {@code inputs}, each the set of tables it holds) that a condition
     * reading {@code reads} goes down to; -1 when it stays at the join (it reads several inputs,
     * or the rule is off).
     */
    public int home(BitSet reads, List<BitSet> inputs, PlannerOptions options) {
        if (!enabled(options)) {
            return -1;
        }
        for (int i = 0; i < inputs.size(); i++) {
            BitSet outside = (BitSet) reads.clone();
            outside.andNot(inputs.get(i));
            if (outside.isEmpty()) {
                return i;
            }
        }
        return -1;
    }
}
