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
 */
final class SessionSettings {
    private final Settings connection;
    private final Map<String, String> database;
    private final Map<Setting, String> changed = new EnumMap<>(Setting.class);

    /** @param database the database's own settings (kind DATABASE), as it was created with them */
    SessionSettings(Settings connection, Map<String, String> database) {
        this.connection = connection;
        this.database = database;
    }

    String get(Setting s) {
        if (s.kind() == SettingKind.DATABASE && database.containsKey(s.key())) {
            return database.get(s.key());
        }
        String v = changed.get(s);
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
        generation++;
    }

    /** Counts changes, so prepared statements plan again after a SET (the planner switches). */
    private long generation;

    long generation() {
        return generation;
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
                on(Setting.ENABLE_INDEXONLYSCAN));
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

    /** The TimeZone setting, parsed (and kept until it changes). */
    java.time.ZoneId timeZone() {
        String z = get(Setting.TIMEZONE);
        if (!z.equals(zoneText)) {
            zone = io.kyrodb.engine.types.SessionClock.parseZone(z);
            zoneText = z;
        }
        return zone;
    }

    /** SET name = value ({@code value} null: DEFAULT). */
    void set(String name, String value) {
        refuseServerSetting(name);
        Setting s = find(name);
        if (s.kind() != SettingKind.SESSION) {
            throw new KyroException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name
                    + "\" cannot be changed now: it is a " + s.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " setting, fixed while the database is open (give it in the URL)");
        }
        if (value == null) {
            changed.remove(s);
        } else {
            changed.put(s, s == Setting.SEARCH_PATH
                    ? io.kyrodb.engine.catalog.SearchPath.format(io.kyrodb.engine.catalog.SearchPath.parse(value))
                    : s.normalize(value));
        }
        changed();
    }

    void reset(String name) {
        refuseServerSetting(name);
        if (name.equals("all")) {
            changed.clear();
        } else {
            changed.remove(find(name));
        }
        changed();
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
