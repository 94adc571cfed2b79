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
            "A label for the connection, as in Postgres.");

    /** How a setting's value is checked. */
    enum Values { BOOL, ANY }

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
        return v;
    }
}
