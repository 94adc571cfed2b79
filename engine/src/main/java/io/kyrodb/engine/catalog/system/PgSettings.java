package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_settings: the session's settings as SHOW reports them (read when scanned, so it follows
 * SET), then the read-only server parameters. enumvals (text[]) is left out.
 */
final class PgSettings {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_settings", List.of(
            text("name"), text("setting"), text("unit"), text("category"), text("short_desc"), text("extra_desc"),
            text("context"), text("vartype"), text("source"), text("min_val"), text("max_val"), text("boot_val"),
            text("reset_val"), text("sourcefile"), int4("sourceline"), bool("pending_restart")), PgSettings::rows);

    private PgSettings() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (SystemContext.SettingRow s : ctx.settings().get()) {
            boolean bool = s.defaultValue().equals("on") || s.defaultValue().equals("off");
            rows.add(new Object[] {s.name(), s.value(), null, "KyroDB", s.description(), null, s.context(),
                    bool ? "bool" : "string", s.value().equals(s.defaultValue()) ? "default" : "session", null, null,
                    s.defaultValue(), s.value(), null, null, false});
        }
        return rows;
    }
}
