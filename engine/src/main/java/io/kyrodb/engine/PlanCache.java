package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.stats.AutoAnalyze;
import io.kyrodb.engine.stats.StatisticsSlot;
import io.kyrodb.engine.stats.TableStatistics;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The last plan of one statement (a {@link PreparedSql}'s, or one statement of a session's
 * {@link StatementCache}), kept while nothing it was made from has changed: the catalog version
 * (any DDL, this session's or a commit of another's, temporary tables included), the session's
 * settings a plan may read (search_path, the planner switches, work_mem, TimeZone, ...: compared
 * by value, so {@code SET x} then {@code RESET x} finds the first plan again), the Java types of its
 * parameters, and the statistics the planner read (replaced by ANALYZE or auto-analyze, or stale
 * enough that planning again would analyze the table first). A plan that read the clock while it
 * was bound ({@code 'now'::timestamptz} folded to a constant) is never kept. Used by one session's
 * thread at a time.
 */
final class PlanCache {
    /** A table's statistics as the planner read them while binding. */
    record StatisticsSeen(StatisticsSlot slot, TableStatistics statistics) {
        /** Whether planning now would read the same statistics (and not analyze the table again first). */
        boolean current() {
            return slot.statistics() == statistics && !slot.stale();
        }
    }

    record Entry(long catalogVersion, String settings, byte[] signature, Plan plan, SqlType[] types,
                 StatisticsSeen[] statistics) {
    }

    private Entry entry;

    /** The plan kept, whether or not it still holds (tests). */
    Entry entry() {
        return entry;
    }

    Entry lookup(long catalogVersion, String settings, byte[] signature) {
        Entry e = entry;
        if (e == null || e.catalogVersion != catalogVersion || !e.settings.equals(settings)
                || !Arrays.equals(e.signature, signature)) {
            return null;
        }
        for (StatisticsSeen s : e.statistics) {
            if (!s.current()) {
                entry = null;
                return null;
            }
        }
        return e;
    }

    void store(long catalogVersion, String settings, byte[] signature, Plan plan, SqlType[] types,
               Recorder statistics) {
        entry = new Entry(catalogVersion, settings, signature, plan, types,
                statistics.seen.toArray(StatisticsSeen[]::new));
    }

    /**
     * The planner's statistics (auto-analyze's, under the statement's read view), noting which
     * tables' statistics it read, so the plan is made again when they change.
     */
    static final class Recorder implements Function<Table, TableStatistics> {
        private final ReadView view;
        private final List<StatisticsSeen> seen = new ArrayList<>(2);

        Recorder(ReadView view) {
            this.view = view;
        }

        @Override
        public TableStatistics apply(Table table) {
            TableStatistics s = AutoAnalyze.current(table, view);
            if (table.data() != null) {
                StatisticsSlot slot = table.data().statisticsSlot();
                for (StatisticsSeen known : seen) {
                    if (known.slot() == slot && known.statistics() == s) {
                        return s;
                    }
                }
                seen.add(new StatisticsSeen(slot, s));
            }
            return s;
        }
    }
}
