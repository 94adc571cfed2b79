package io.kyrodb.engine;

import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.ParsedStatement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's statements by their SQL text, least recently used first out past
 * {@code statement_cache_size} texts (0: nothing is kept): each text's parse, and for each of its
 * queries and INSERT/UPDATE/DELETE statements the {@link PlanCache} of its last plan, which decides
 * on every run whether that plan still holds. Plain statements run again with the same text, and
 * statements prepared again with it (as JdbcTemplate and Hibernate do for every call), skip the
 * parser and, while the plan holds, the binder and planner. Other statements (DDL, SET,
 * transaction control, EXPLAIN) keep only their parse. Texts longer than {@link #MAX_SQL_CHARS}
 * (bulk INSERT ... VALUES scripts) are not kept. Nothing here is shared with other sessions: a
 * plan depends on the session's settings and temporary schema. Used by one thread at a time.
 */
final class StatementCache {
    static final int MAX_SQL_CHARS = 16 * 1024;

    /** One SQL text: its statements and, where a plan may be reused, each one's plan cache (else null). */
    record Entry(List<ParsedStatement> statements, PlanCache[] plans) {
        PlanCache plan(int i) {
            return plans[i];
        }
    }

    private int capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StatementCache.Entry> eldest) {
            if (size() <= capacity) {
                return false;
            }
            if (eldest.getKey() == lastSql) {
                lastSql = null;   // the fast path does not reorder: a hot text may come out, and is parsed again
                lastEntry = null;
            }
            return true;
        }
    };

    /**
     * The statements of {@code sql}, parsed now or taken from the cache; {@code capacity} is the
     * session's statement_cache_size (a smaller one than before drops the least recently used).
     */
    Entry get(String sql, int capacity, io.kyrodb.sql.parser.CatalogCheck catalogs) {
        if (capacity != this.capacity) {
            resize(capacity);
        }
        if (sql == lastSql && capacity > 0) {
            return lastEntry;   // the same String again (a constant in the application): no hashing, no compare
        }
        Entry e = capacity == 0 ? null : entries.get(sql);
        if (e == null) {
            e = parse(sql, catalogs);
            if (capacity == 0 || sql.length() > MAX_SQL_CHARS) {
                return e;
            }
            entries.put(sql, e);
        }
        lastSql = sql;
        lastEntry = e;
        return e;
    }

    /** The text last returned and its entry (still in {@link #entries}: evicting or clearing forgets it). */
    private String lastSql;
    private Entry lastEntry;

    /** The entry kept for {@code sql}, without counting it as used; null if none (tests). */
    Entry peek(String sql) {
        for (Map.Entry<String, StatementCache.Entry> e : entries.entrySet()) {   // get() would move it
            if (e.getKey().equals(sql)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** How many texts are kept (tests). */
    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        lastSql = null;
        lastEntry = null;
    }

    private void resize(int newCapacity) {
        capacity = newCapacity;
        lastSql = null;
        lastEntry = null;
        var it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static Entry parse(String sql, io.kyrodb.sql.parser.CatalogCheck catalogs) {
        List<ParsedStatement> statements = Session.parse(sql, catalogs);   // a name of another database fails here
        PlanCache[] plans = new PlanCache[statements.size()];
        for (int i = 0; i < plans.length; i++) {
            Statement s = statements.get(i).statement();
            if (s instanceof Statement.Query || s instanceof Statement.Insert || s instanceof Statement.Update
                    || s instanceof Statement.Delete || s instanceof Statement.Merge) {
                plans[i] = new PlanCache();
            }
        }
        return new Entry(List.copyOf(statements), plans);
    }
}
