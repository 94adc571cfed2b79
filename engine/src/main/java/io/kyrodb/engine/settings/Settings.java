package io.kyrodb.engine.settings;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A checked set of setting values; what is not given has its default. Immutable. */
public final class Settings {
    private final Map<Setting, String> values;

    private Settings(Map<Setting, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Settings defaults() {
        return new Settings(new EnumMap<>(Setting.class));
    }

    /**
     * Checks every key and value. An unknown key fails with 42704 naming it; {@code user} and
     * {@code password} are always accepted.
     */
    public static Settings parse(Map<String, String> raw) {
        EnumMap<Setting, String> values = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            Setting s = Setting.find(e.getKey()).orElseThrow(() -> new KyroException(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + e.getKey() + "\" (known: "
                            + String.join(", ", Setting.all().stream().map(Setting::key).toList()) + ")"));
            values.put(s, s.normalize(e.getValue() == null ? "" : e.getValue()));
        }
        return new Settings(values);
    }

    public String get(Setting s) {
        return values.getOrDefault(s, s.defaultValue());
    }

    public boolean isOn(Setting s) {
        return "on".equals(get(s));
    }

    /** Whether {@code s} was given explicitly (not just defaulted). */
    public boolean isSet(Setting s) {
        return values.containsKey(s);
    }

    public Map<Setting, String> explicit() {
        return values;
    }
}
