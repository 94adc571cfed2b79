package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.TableData;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The target rows of UPDATE ... FROM / DELETE ... USING: each joined row the plan yields names one
 * target row by its leading columns; a target row is taken once, with the first joined row that
 * names it (PostgreSQL also updates a row at most once, with an unspecified one of its matches).
 *
 * <p>A table with a primary key finds the row by its key. A table without one has hidden row ids
 * the joined row does not carry: its rows are matched by their values, and rows with equal values
 * (which no statement can tell apart) are handed out in turn, one per joined row naming them.
 */
final class JoinTargets {
    /** A row to change: its key, its stored version, and the joined row the statement's expressions read. */
    record Target(Object key, Object[] row, Object[] input) {
    }

    private JoinTargets() {
    }

    static List<Target> find(Table table, PlanNode join, ExecContext ctx) {
        int width = table.columns().size();
        TableData data = table.data();
        ReadView view = ctx.view();
        Map<GroupKey, ArrayDeque<Map.Entry<Object, Object[]>>> byValue = null;
        if (!table.hasPrimaryKey()) {
            byValue = new HashMap<>();
            for (Iterator<Map.Entry<Object, Object[]>> it = data.entries(view); it.hasNext(); ) {
                Map.Entry<Object, Object[]> e = it.next();
                byValue.computeIfAbsent(new GroupKey(e.getValue()), k -> new ArrayDeque<>())
                        .add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        TreeSet<Object> taken = new TreeSet<>(KeyComparator.INSTANCE);
        List<Target> out = new ArrayList<>();
        RowIterator rows = ctx.open(join);
        for (Object[] input; (input = rows.next()) != null; ) {
            Object[] row = Arrays.copyOf(input, width);
            if (byValue == null) {
                Object key = data.keyOf(row);
                if (taken.add(key)) {
                    out.add(new Target(key, row, input.clone()));
                }
            } else {
                ArrayDeque<Map.Entry<Object, Object[]>> same = byValue.get(new GroupKey(row));
                Map.Entry<Object, Object[]> e = same == null ? null : same.poll();
                if (e != null) {
                    out.add(new Target(e.getKey(), e.getValue(), input.clone()));
                }
            }
        }
        return out;
    }
}
