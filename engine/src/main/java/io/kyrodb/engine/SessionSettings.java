package io.kyrodb.engine;

import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.settings.SettingKind;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.settings.ServerSetting;
import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.txn.IsolationLevel;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A session's settings: what the connection asked for, changed by {@code SET}, read by
 * {@code SHOW}, restored by {@code RESET}. Only session settings change; engine and database
 * settings are fixed while the database is open (55P02).
 *
 * <p>As in PostgreSQL there are two layers: {@code SET} changes the session's value, {@code SET
 * LOCAL} (and {@code set_config(.., true)}) a value over it that the end of the transaction drops;
 * a transaction that rolls back also takes back the session values it set. A dotted name that is
 * no built-in setting ({@code app.tenant}) is a custom one ("placeholder"): once set it stays
 * known for the session, and reads as the empty string after a reset or once its transaction-local
 * value is gone, as PostgreSQL's do.
 */
final class SessionSettings {
    private final Settings connection;
    private final Map<String, String> database;
    private final Map<Setting, String> changed = new EnumMap<>(Setting.class);
    /** SET LOCAL values over {@code changed}; dropped when the transaction ends. */
    private final Map<Setting, String> local = new EnumMap<>(Setting.class);
    /** Custom settings' session values ("" when defined but reset), by lower-case name. */
    private final Map<String, String> custom = new java.util.TreeMap<>();
    private final Map<String, String> customLocal = new java.util.HashMap<>();
    /** The session layer as it was when the open transaction first changed it (null: unchanged). */
    private Map<Setting, String> savedChanged;
    private Map<String, String> savedCustom;

    /** @param database the database's own settings (kind DATABASE), as it was created with them */
    SessionSettings(Settings connection, Map<String, String> database) {
        this.connection = connection;
        this.database = database;
    }

    String get(Setting s) {
        if (s.kind() == SettingKind.DATABASE && database.containsKey(s.key())) {
            return database.get(s.key());
        }
        String v = local.get(s);
        if (v == null) {
            v = changed.get(s);
        }
        return v != null ? v : connection.get(s);
    }

    /**
     * EXPLAIN (SETTINGS): the settings this session changed that steer planning (as PostgreSQL lists
     * those marked for EXPLAIN), by name, in declaration order.
     */
    Map<String, String> plannerChanges() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<Setting, String> e : changed.entrySet()) {
            String key = e.getKey().key();
            if (key.startsWith("enable_") || key.startsWith("optimizer_") || key.startsWith("hnsw.")
                    || key.equals("work_mem") || key.equals("search_path")) {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    private long lockTimeoutMillis = -1;   // parsed on first use after a change
    private long workMemBytes = -1;
    private long statementTimeoutMillis = -1;
    private int statementCacheSize = -1;

    /** statement_cache_size: how many SQL texts the session keeps parsed and planned (0: none). */
    int statementCacheSize() {
        if (statementCacheSize < 0) {
            statementCacheSize = Integer.parseInt(get(Setting.STATEMENT_CACHE_SIZE));
        }
        return statementCacheSize;
    }

    long lockTimeoutMillis() {
        if (lockTimeoutMillis < 0) {
            lockTimeoutMillis = Setting.millis(get(Setting.LOCK_TIMEOUT));
        }
        return lockTimeoutMillis;
    }

    long statementTimeoutMillis() {
        if (statementTimeoutMillis < 0) {
            statementTimeoutMillis = Setting.millis(get(Setting.STATEMENT_TIMEOUT));
        }
        return statementTimeoutMillis;
    }

    long workMemBytes() {
        if (workMemBytes < 0) {
            workMemBytes = Setting.bytes(get(Setting.WORK_MEM));
        }
        return workMemBytes;
    }

    private void changed() {
        lockTimeoutMillis = -1;
        workMemBytes = -1;
        statementTimeoutMillis = -1;
        statementCacheSize = -1;
        planSettings = null;
        zoneCurrent = false;
    }

    /** Settings a plan cannot depend on: a SET of one of them keeps the session's plans. */
    private static final java.util.Set<Setting> NOT_PLANNED = java.util.EnumSet.of(Setting.APPLICATION_NAME,
            Setting.CLIENT_MIN_MESSAGES, Setting.LOCK_TIMEOUT, Setting.STATEMENT_TIMEOUT, Setting.STATEMENT_CACHE_SIZE,
            Setting.PASSWORD, Setting.DEFAULT_TRANSACTION_ISOLATION, Setting.DEFAULT_TRANSACTION_READ_ONLY);

    private String planSettings;

    /**
     * The values of every setting a plan may depend on that differ from the connection's, as one
     * string: equal strings, equal plans. A plan is kept across {@code SET x; ...; RESET x} and
     * across SETs of settings no plan reads (application_name, timeouts).
     */
    String planSettings() {
        if (planSettings == null) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<Setting, String> e : changed.entrySet()) {
                if (!NOT_PLANNED.contains(e.getKey()) && !e.getValue().equals(connection.get(e.getKey()))) {
                    b.append(e.getKey().key()).append('=').append(e.getValue()).append('\n');
                }
            }
            planSettings = b.toString();
        }
        return planSettings;
    }

    boolean on(Setting s) {
        return "on".equals(get(s));
    }

    /** The planner's switches from this session's settings, with {@code estimator}. */
    io.kyrodb.engine.plan.PlannerOptions plannerOptions(io.kyrodb.engine.plan.CardinalityEstimator estimator) {
        return new io.kyrodb.engine.plan.PlannerOptions(estimator, on(Setting.OPTIMIZER_COST_BASED),
                on(Setting.ENABLE_HASHJOIN), on(Setting.ENABLE_NESTLOOP), on(Setting.ENABLE_INDEXSCAN),
                on(Setting.ENABLE_JOIN_REORDER), on(Setting.ENABLE_PUSHDOWN),
                on(Setting.ENABLE_CONSTANT_FOLDING), on(Setting.ENABLE_DECORRELATION), on(Setting.ENABLE_SEQSCAN),
                on(Setting.ENABLE_INDEXONLYSCAN), on(Setting.ENABLE_DISTINCT_PUSHDOWN),
                on(Setting.ENABLE_COLUMN_PRUNING), on(Setting.ENABLE_INCREMENTAL_SORT));
    }

    /** hnsw.ef_search, read by each HNSW search when it starts. */
    int efSearch() {
        return Integer.parseInt(get(Setting.HNSW_EF_SEARCH));
    }

    /** hnsw.exact_threshold. */
    int hnswExactThreshold() {
        return Integer.parseInt(get(Setting.HNSW_EXACT_THRESHOLD));
    }

    boolean readOnly() {
        return "on".equals(get(Setting.DEFAULT_TRANSACTION_READ_ONLY));
    }

    private String isolationText;
    private IsolationLevel isolation;

    /** default_transaction_isolation, parsed (and kept until it changes: every statement asks). */
    IsolationLevel defaultIsolation() {
        String text = get(Setting.DEFAULT_TRANSACTION_ISOLATION);
        if (!text.equals(isolationText)) {
            isolation = IsolationLevel.parse(text);
            isolationText = text;
        }
        return isolation;
    }

    private String zoneText;
    private java.time.ZoneId zone;
    private boolean zoneCurrent;

    /** The TimeZone setting, parsed (and kept until it changes). */
    java.time.ZoneId timeZone() {
        if (zoneCurrent) {
            return zone;   // no SET since it was parsed (every statement asks)
        }
        String z = get(Setting.TIMEZONE);
        if (!z.equals(zoneText)) {
            zone = io.kyrodb.engine.types.SessionClock.parseZone(z);
            zoneText = z;
        }
        zoneCurrent = true;
        return zone;
    }

    /** SET name = value ({@code value} null: DEFAULT), outside a transaction. */
    void set(String name, String value) {
        set(name, value, false, false);
    }

    /**
     * SET [LOCAL] name = value ({@code value} null: DEFAULT). {@code inTransaction}: a transaction
     * is open, whose end drops LOCAL values and whose rollback takes back the others. Returns the
     * value the setting now has (set_config's result).
     */
    String set(String name, String value, boolean isLocal, boolean inTransaction) {
        ServerSetting server = ServerSetting.find(name).orElse(null);
        if (server != null && value != null && server.accepts(value)) {
            return server.value();   // a script setting what KyroDB has anyway (pg_dump: client_encoding, ...)
        }
        refuseServerSetting(name);
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        Setting s = Setting.find(key).orElse(null);
        if (s == null) {
            checkCustomName(name, key);
            saveForRollback(inTransaction);
            custom.putIfAbsent(key, "");
            if (isLocal) {
                customLocal.put(key, value == null ? "" : value);
            } else {
                customLocal.remove(key);
                custom.put(key, value == null ? "" : value);
            }
            changed();
            return customValue(key);
        }
        if (s.kind() != SettingKind.SESSION) {
            throw new KyroException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name
                    + "\" cannot be changed now: it is a " + s.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " setting, fixed while the database is open (give it in the URL)");
        }
        String normalized = value == null ? null : s == Setting.SEARCH_PATH
                ? io.kyrodb.engine.catalog.SearchPath.format(io.kyrodb.engine.catalog.SearchPath.parse(value))
                : s.normalize(value);
        saveForRollback(inTransaction);
        if (isLocal) {
            local.put(s, normalized != null ? normalized : connection.get(s));
        } else {
            local.remove(s);
            if (normalized == null) {
                changed.remove(s);
            } else {
                changed.put(s, normalized);
            }
        }
        changed();
        return s == Setting.PASSWORD ? "********" : get(s);
    }

    /** The open transaction ended ({@code committed}: it committed): LOCAL values go, a rollback restores SETs. */
    void transactionEnded(boolean committed) {
        boolean any = !local.isEmpty() || !customLocal.isEmpty() || savedChanged != null;
        if (!committed && savedChanged != null) {
            changed.clear();
            changed.putAll(savedChanged);
            for (String k : custom.keySet()) {   // a placeholder stays defined, as in PostgreSQL
                custom.put(k, savedCustom.getOrDefault(k, ""));
            }
        }
        savedChanged = null;
        savedCustom = null;
        local.clear();
        customLocal.clear();
        if (any) {
            changed();
        }
    }

    private void saveForRollback(boolean inTransaction) {
        if (inTransaction && savedChanged == null) {
            savedChanged = new EnumMap<>(Setting.class);
            savedChanged.putAll(changed);
            savedCustom = new java.util.HashMap<>(custom);
        }
    }

    private String customValue(String key) {
        String v = customLocal.get(key);
        return v != null ? v : custom.get(key);
    }

    /**
     * A name that is no built-in setting: a custom one needs a dot and identifier-like parts
     * (42602), one without a dot is unknown (42704), as in PostgreSQL.
     */
    private static void checkCustomName(String name, String key) {
        if (key.indexOf('.') < 0) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        for (String part : key.split("\\.", -1)) {
            if (!part.matches("[a-z_\\u0080-\\uffff][a-z0-9_$\\u0080-\\uffff]*")) {
                throw new KyroException(SqlState.INVALID_NAME, "invalid configuration parameter name \"" + name
                        + "\": custom parameter names must be two or more simple identifiers separated by dots");
            }
        }
    }

    /**
     * The value of {@code name} as SHOW gives it, or null when no setting has that name (a custom
     * one never set, or an unknown one); {@code transaction_isolation} is the session's to answer.
     */
    String value(String name) {
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        Setting s = Setting.find(key).orElse(null);
        if (s != null) {
            return s == Setting.PASSWORD ? "********" : get(s);
        }
        ServerSetting server = ServerSetting.find(key).orElse(null);
        if (server != null) {
            return server.value();
        }
        return customValue(key);
    }

    void reset(String name) {
        refuseServerSetting(name);
        if (name.equals("all")) {
            changed.clear();
            local.clear();
            custom.replaceAll((k, v) -> "");
            customLocal.clear();
            changed();
            return;
        }
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (Setting.find(key).isEmpty()) {
            checkCustomName(name, key);
            custom.put(key, "");
            customLocal.remove(key);
            changed();
            return;
        }
        Setting s = find(name);
        changed.remove(s);
        local.remove(s);
        changed();
    }

    /** RESET or SET in a transaction: as {@link #reset}, remembering the values for a rollback. */
    void reset(String name, boolean inTransaction) {
        saveForRollback(inTransaction);
        reset(name);
    }

    /** SHOW name: one row, one column named after the setting ({@code all}: name, setting, description). */
    ExecResult show(String name, String transactionIsolation) {
        if (name.equals("transaction_isolation")) {
            return single(name, transactionIsolation);
        }
        if (name.equals("all")) {
            List<Object[]> rows = new ArrayList<>();
            for (Setting s : Setting.all()) {
                if (s != Setting.PASSWORD) {
                    rows.add(new Object[]{s.key(), get(s), s.description()});
                }
            }
            return new MaterializedRows(List.of(column("name"), column("setting"), column("description")), rows);
        }
        ServerSetting server = ServerSetting.find(name).orElse(null);
        if (server != null) {
            return single(server.key(), server.value());
        }
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (Setting.find(key).isEmpty() && customValue(key) != null) {
            return single(key, customValue(key));
        }
        Setting s = find(name);
        return single(s.key(), s == Setting.PASSWORD ? "********" : get(s));
    }

    /** pg_settings' rows: every setting but the password as SHOW reports it, then the read-only server parameters. */
    List<SystemContext.SettingRow> rows() {
        List<SystemContext.SettingRow> rows = new ArrayList<>();
        for (Setting s : Setting.all()) {
            if (s != Setting.PASSWORD) {
                String context = switch (s.kind()) {
                    case SESSION -> "user";
                    case ENGINE -> "postmaster";
                    case DATABASE -> "internal";
                };
                rows.add(new SystemContext.SettingRow(s.key(), get(s), s.defaultValue(), context, s.description()));
            }
        }
        for (ServerSetting s : ServerSetting.all()) {
            rows.add(new SystemContext.SettingRow(s.key(), s.value(), s.value(), "internal", s.description()));
        }
        return rows;
    }

    private static void refuseServerSetting(String name) {
        ServerSetting.find(name).ifPresent(s -> {
            throw new KyroException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + s.key() + "\" cannot be changed");
        });
    }

    private static ExecResult single(String label, String value) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{value});
        return new MaterializedRows(List.of(column(label)), rows);
    }

    private static ResultColumn column(String label) {
        return new ResultColumn(label, SqlType.TEXT, false, "", "");
    }

    private static Setting find(String name) {
        return Setting.find(name).orElseThrow(() -> new KyroException(SqlState.UNDEFINED_OBJECT,
                "unrecognized configuration parameter \"" + name + "\""));
    }
}
