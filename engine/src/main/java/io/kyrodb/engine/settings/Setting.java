package io.kyrodb.engine.settings;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting KyroDB knows, declared once with its name, kind, default and description. URLs
 * ({@code ;key=value}), connection properties and {@code SET} all go through this list; a key that
 * is not here is an error naming it.
 */
public enum Setting {
    SYNC("sync", SettingKind.ENGINE, "on", Values.BOOL,
            "on: a commit returns only after the WAL is fsynced. off: commits return before the "
                    + "fsync, so an OS crash or power loss may lose the last commits (a process crash does not)."),
    USER("user", SettingKind.SESSION, "", Values.ANY,
            "Accepted for tools and pools, which always send it; KyroDB is embedded and has no accounts."),
    PASSWORD("password", SettingKind.SESSION, "", Values.ANY,
            "Accepted for tools and pools, which always send it; KyroDB is embedded and has no accounts."),
    APPLICATION_NAME("application_name", SettingKind.SESSION, "", Values.ANY,
            "A label for the connection, as in Postgres."),
    LOCK_TIMEOUT("lock_timeout", SettingKind.SESSION, "10s", Values.DURATION,
            "How long a transaction waits for the writer lock (one writer at a time per database) before "
                    + "failing with 55P03; 0 waits forever. A number is milliseconds; units ms, s, min."),
    STATEMENT_TIMEOUT("statement_timeout", SettingKind.SESSION, "0", Values.DURATION,
            "Cancels any statement that runs longer than this (57014, \"canceling statement due to statement "
                    + "timeout\"); 0 turns it off. A number is milliseconds; units ms, s, min."),
    STATEMENT_CACHE_SIZE("statement_cache_size", SettingKind.SESSION, "256", Values.COUNT,
            "How many SQL texts a connection keeps parsed, with their plans, for statements run or prepared again "
                    + "with the same text (least recently used first out); a plan is made again whenever DDL, "
                    + "a SET or new statistics could change it. 0 turns the cache off."),
    DEFAULT_TRANSACTION_ISOLATION("default_transaction_isolation", SettingKind.SESSION, "read committed",
            Values.ISOLATION, "The isolation level of new transactions: read committed, repeatable read or serializable."),
    DEFAULT_TRANSACTION_READ_ONLY("default_transaction_read_only", SettingKind.SESSION, "off", Values.BOOL,
            "Whether new transactions are read-only: a write (DML or DDL) then fails with 25006. "
                    + "JDBC's Connection.setReadOnly sets it."),
    MEMTABLE_SIZE("memtable_size", SettingKind.ENGINE, "64MB", Values.SIZE,
            "Committed changes held in memory before they are written to a sorted run and checkpointed "
                    + "(bounds the WAL that recovery replays). Capped at a sixteenth of the JVM's maximum heap."),
    CACHE_SIZE("cache_size", SettingKind.ENGINE, "256MB", Values.SIZE,
            "The block cache shared by the database's runs. Capped at a quarter of the JVM's maximum heap."),
    TRANSACTION_MEMORY("transaction_memory", SettingKind.ENGINE, "256MB", Values.SIZE,
            "The most a transaction's uncommitted changes may occupy in memory; past it the statement fails "
                    + "with 53200 (commit in smaller transactions). Capped at a quarter of the JVM's maximum heap."),
    PK_INDEX("pk_index", SettingKind.DATABASE, "learned", Values.INDEX,
            "How runs find a primary key: learned (an error-bounded piecewise linear model of key positions) or "
                    + "btree (binary search over each block's first key). Chosen when the database is created."),
    LEARNED_INDEX_EPSILON("learned_index_epsilon", SettingKind.ENGINE, "16", Values.EPSILON,
            "The learned index's largest error bound in positions, for runs written from now on (a run uses at "
                    + "most an eighth of its entries per block, at least 2): smaller finds a key with fewer "
                    + "comparisons, larger keeps a smaller model (1 to 16384)."),
    WORK_MEM("work_mem", SettingKind.SESSION, "64MB", Values.SIZE,
            "Memory one sort, aggregation or result of a statement may use; sorts spill to disk past it, "
                    + "what cannot spill fails with 53200. Units B, kB, MB, GB (a bare number is bytes)."),
    HNSW_EF_SEARCH("hnsw.ef_search", SettingKind.SESSION, "40", Values.EF_SEARCH,
            "The candidate list of an HNSW index search (pgvector's hnsw.ef_search, 1 to 1000): larger finds the "
                    + "true nearest neighbours more often and takes longer; a search keeps at least LIMIT candidates."),
    HNSW_EXACT_THRESHOLD("hnsw.exact_threshold", SettingKind.SESSION, "1000", Values.COUNT,
            "A nearest-neighbour query an HNSW index could answer searches exactly when fewer rows than this match "
                    + "its WHERE (KyroDB's own; 0 always walks the index)."),
    CLIENT_MIN_MESSAGES("client_min_messages", SettingKind.SESSION, "notice", Values.ANY,
            "Accepted for Postgres clients that set it (Hibernate does before DROP TABLE IF EXISTS); "
                    + "KyroDB sends no notices, so it changes nothing."),
    DEFAULT_TEXT_SEARCH_CONFIG("default_text_search_config", SettingKind.SESSION, "pg_catalog.english", Values.ANY,
            "The text search configuration of to_tsvector, to_tsquery and the others when a call names none "
                    + "(simple or english), as Postgres's initdb sets it for an English locale."),
    IDLE_IN_TRANSACTION_SESSION_TIMEOUT("idle_in_transaction_session_timeout", SettingKind.SESSION, "0",
            Values.DURATION, "Accepted for PostgreSQL scripts that set it (pg_dump's output does); KyroDB ends no "
                    + "idle transactions, so it changes nothing."),
    CHECK_FUNCTION_BODIES("check_function_bodies", SettingKind.SESSION, "on", Values.BOOL,
            "Accepted for PostgreSQL scripts that set it (pg_dump's output does); changes nothing."),
    XMLOPTION("xmloption", SettingKind.SESSION, "content", Values.ANY,
            "Accepted for PostgreSQL scripts that set it (pg_dump's output does); KyroDB has no xml type."),
    ROW_SECURITY("row_security", SettingKind.SESSION, "on", Values.BOOL,
            "Accepted for PostgreSQL scripts that set it (pg_dump's output does); KyroDB has no row-level "
                    + "security policies, so it changes nothing."),
    DEFAULT_TABLESPACE("default_tablespace", SettingKind.SESSION, "", Values.ANY,
            "Accepted for PostgreSQL scripts that set it (pg_dump's output does); KyroDB has no tablespaces."),
    DEFAULT_TABLE_ACCESS_METHOD("default_table_access_method", SettingKind.SESSION, "heap", Values.ANY,
            "Accepted for PostgreSQL scripts that set it (pg_dump's output does); every table is stored in "
                    + "KyroDB's own engine."),
    TIMEZONE("timezone", SettingKind.SESSION, "UTC", Values.TIMEZONE,
            "The time zone timestamptz values are shown in and local times are read in: a zone name "
                    + "(Europe/Berlin), UTC, or an offset (+02:00). SET TIME ZONE 'x' sets it."),
    ENABLE_HASHJOIN("enable_hashjoin", SettingKind.SESSION, "on", Values.BOOL,
            "Whether the planner may join by hashing; off: equality joins run as key lookups or nested loops "
                    + "(a FULL join still hashes)."),
    ENABLE_NESTLOOP("enable_nestloop", SettingKind.SESSION, "on", Values.BOOL,
            "Whether the planner may join by nested loops, primary-key lookups per row included; off: only "
                    + "joins without an equality use one."),
    ENABLE_INCREMENTAL_SORT("enable_incremental_sort", SettingKind.SESSION, "on", Values.BOOL,
            "Whether an ORDER BY whose leading keys are a window's PARTITION BY may sort each partition's rows "
                    + "as they come out of the window (Incremental Sort, as in Postgres); off: one sort of every row."),
    ENABLE_INDEXSCAN("enable_indexscan", SettingKind.SESSION, "on", Values.BOOL,
            "Whether the planner may read through secondary indexes and join by primary-key lookups (a "
                    + "query's own primary-key conditions still read by key); off plans as if no secondary index existed."),
    ENABLE_INDEXONLYSCAN("enable_indexonlyscan", SettingKind.SESSION, "on", Values.BOOL,
            "Whether a query that reads only a secondary index's columns and the primary key may answer from the "
                    + "index entries without reading the rows (Index Only Scan), as in Postgres; enable_indexscan off "
                    + "turns it off too."),
    ENABLE_SEQSCAN("enable_seqscan", SettingKind.SESSION, "on", Values.BOOL,
            "Whether the planner may scan a table where a secondary index can answer its condition; off: the "
                    + "index is used whenever one applies (a table no index can answer is still scanned), as in Postgres."),
    ENABLE_JOIN_REORDER("enable_join_reorder", SettingKind.SESSION, "on", Values.BOOL,
            "Whether inner joins are ordered by estimated size; off: in FROM order, each next table the first one "
                    + "an equality connects."),
    ENABLE_PUSHDOWN("enable_pushdown", SettingKind.SESSION, "on", Values.BOOL,
            "The rewrite that moves a join's single-table conditions down to the table they read (key lookups, "
                    + "filters before the join); off: the join that brings their table in checks them."),
    OPTIMIZER_COST_BASED("optimizer_cost_based", SettingKind.SESSION, "on", Values.BOOL,
            "off turns every cost-based choice off: joins in FROM order, hash joins build their second input, no "
                    + "key joins, an index whenever one applies. Estimates then only feed EXPLAIN."),
    ENABLE_CONSTANT_FOLDING("enable_constant_folding", SettingKind.SESSION, "on", Values.BOOL,
            "The rewrite that computes immutable expressions over constants once when a statement is planned "
                    + "(WHERE 1 = 0 reads nothing); off: they are computed for each row."),
    ENABLE_DECORRELATION("enable_decorrelation", SettingKind.SESSION, "on", Values.BOOL,
            "The rewrite that runs [NOT] EXISTS, [NOT] IN (subquery) and correlated aggregate subqueries in WHERE "
                    + "as hash semi/anti joins or a grouped lookup, where the estimate says it pays; off: once per row."),
    ENABLE_DISTINCT_PUSHDOWN("enable_distinct_pushdown", SettingKind.SESSION, "on", Values.BOOL,
            "The rewrite that reduces a join's input to its distinct join keys and grouped/aggregated columns when "
                    + "every aggregate ignores duplicates (count(DISTINCT), min, max, ...) and the estimate says it pays; "
                    + "off: every input row is joined."),
    ENABLE_COLUMN_PRUNING("enable_column_pruning", SettingKind.SESSION, "on", Values.BOOL,
            "The rewrite that has a key join decode only the columns of the looked-up table the query reads "
                    + "(the others are stepped over in the stored row); off: every column is decoded."),
    SEARCH_PATH("search_path", SettingKind.SESSION, "\"$user\", public", Values.ANY,
            "The schemas unqualified names are looked up in, in order (pg_catalog is searched first unless it is "
                    + "listed); objects are created in the first one that exists. \"$user\" is the schema named after "
                    + "the user, when there is one.");

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(\\d+)\\s*([kKmMgGtT]?[bB])?");

    /** How a setting's value is checked. */
    enum Values { BOOL, ANY, DURATION, ISOLATION, SIZE, INDEX, EPSILON, TIMEZONE, EF_SEARCH, COUNT }

    private final String key;
    private final SettingKind kind;
    private final String defaultValue;
    private final Values values;
    private final String description;

    Setting(String key, SettingKind kind, String defaultValue, Values values, String description) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.values = values;
        this.description = description;
    }

    public String key() { return key; }
    public SettingKind kind() { return kind; }
    public String defaultValue() { return defaultValue; }
    public String description() { return description; }

    public static List<Setting> all() {
        return Arrays.asList(values());
    }

    public static Optional<Setting> find(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Setting s : values()) {
            if (s.key.equals(k)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Checks and normalizes a value: booleans become {@code on}/{@code off}. */
    public String normalize(String value) {
        String v = value.trim();
        if (values == Values.BOOL) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes", "1" -> { return "on"; }
                case "off", "false", "no", "0" -> { return "off"; }
                default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for setting \"" + key + "\": \"" + value + "\" (expected on or off)");
            }
        }
        if (values == Values.DURATION) {
            long ms = millis(v);
            return ms == 0 ? "0" : ms % 60_000 == 0 ? ms / 60_000 + "min" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        if (values == Values.SIZE) {
            long n = bytes(v);
            long min = this == WORK_MEM ? 64 << 10 : this == MEMTABLE_SIZE ? 4 << 10 : 0;
            if (n < min) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for setting \"" + key
                        + "\": " + value + " is below the minimum of " + formatBytes(min));
            }
            return formatBytes(n);
        }
        if (values == Values.INDEX) {
            return io.kyrodb.engine.storage.run.IndexKind.parse(v).sqlName();
        }
        if (values == Values.EPSILON) {
            try {
                int e = Integer.parseInt(v);
                if (e >= 1 && e <= 16384) {
                    return Integer.toString(e);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for setting \"" + key + "\": \""
                    + value + "\" (expected a whole number from 1 to 16384)");
        }
        if (values == Values.EF_SEARCH) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + key
                        + "\": \"" + value + "\"");
            }
            if (n < 1 || n > 1000) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, n + " is outside the valid range for parameter \""
                        + key + "\" (1 .. 1000)");
            }
            return Long.toString(n);
        }
        if (values == Values.COUNT) {
            try {
                long n = Long.parseLong(v);
                if (n >= 0 && n <= Integer.MAX_VALUE) {
                    return Long.toString(n);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + key + "\": \""
                    + value + "\" (expected a whole number from 0 to " + Integer.MAX_VALUE + ")");
        }
        if (values == Values.TIMEZONE) {
            return io.kyrodb.engine.types.SessionClock.zoneName(io.kyrodb.engine.types.SessionClock.parseZone(v));
        }
        if (values == Values.ISOLATION) {
            return io.kyrodb.engine.txn.IsolationLevel.parse(v).sqlName();
        }
        return v;
    }

    /** A duration setting's value in milliseconds: {@code 250}, {@code 250ms}, {@code 2s}, {@code 1min}. */
    public static long millis(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid duration \"" + value
                    + "\" (expected a number of milliseconds, or a number with ms, s, min or h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> n * 1000;
            case "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n;
        };
    }

    /** A size setting's value in bytes: {@code 1048576}, {@code 512kB}, {@code 64MB}, {@code 1GB}. */
    public static long bytes(String value) {
        String v = value.trim();
        java.util.regex.Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid size \"" + value
                    + "\" (expected a number of bytes, or a number with B, kB, MB, GB or TB)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "size \"" + value + "\" is too large");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "size \"" + value + "\" is too large");
        }
        return n << shift;
    }

    /** The shortest exact form of a size: {@code 64MB}, {@code 1536kB}, {@code 100B}. */
    static String formatBytes(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (u < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
