package io.kyrodb.engine.stats;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.ReadView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ANALYZE and auto-analyze. Auto-analyze runs on the planning session, lazily: the first plan that
 * needs a table's statistics after enough of it changed ({@link StatisticsSlot#stale()}) reads the
 * table once, under the statement's read view, and publishes the result for every session. A table
 * therefore never gets statistics it is not queried with, and one that is queried has statistics
 * at most 10% + 50 rows old (fresh after any change while it is small).
 */
public final class AutoAnalyze {
    private AutoAnalyze() {
    }

    /** The table's statistics, analyzing it first if they are missing or stale. */
    public static TableStatistics current(Table table, ReadView view) {
        StatisticsSlot slot = table.data().statisticsSlot();
        TableStatistics s = slot.statistics();
        if (s != null && !slot.stale() && s.columns().size() == table.columns().size()) {
            return s;
        }
        return analyze(table, view);
    }

    /** ANALYZE {@code table}: reads every row visible to {@code view} and publishes the statistics. */
    public static TableStatistics analyze(Table table, ReadView view) {
        StatisticsSlot slot = table.data().statisticsSlot();
        long mark = slot.mark();
        List<String> names = new ArrayList<>();
        for (Column c : table.columns()) {
            names.add(c.name());
        }
        Iterator<Map.Entry<Object, Object[]>> entries = table.data().entries(view);
        Iterator<Object[]> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Object[] next() {
                return entries.next().getValue();
            }
        };
        TableStatistics s = new Analyzer(names).analyze(rows);
        slot.publish(s, mark);
        return s;
    }
}
