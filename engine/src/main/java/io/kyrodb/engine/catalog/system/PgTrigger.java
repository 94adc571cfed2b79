package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Trigger;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_trigger: one row per trigger made by CREATE TRIGGER (KyroDB keeps no internal triggers for
 * foreign keys, so {@code tgisinternal} is false throughout). {@code tgtype} has PostgreSQL's bits:
 * 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate; {@code tgenabled} is O or D.
 */
final class PgTrigger {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_trigger", List.of(
            oid("oid"), oid("tgrelid"), oid("tgparentid"), text("tgname"), oid("tgfoid"), int2("tgtype"),
            text("tgenabled"), bool("tgisinternal"), oid("tgconstrrelid"), oid("tgconstrindid"), oid("tgconstraint"),
            bool("tgdeferrable"), bool("tginitdeferred"), int2("tgnargs"), text("tgattr"), text("tgargs"),
            text("tgqual"), text("tgoldtable"), text("tgnewtable")), PgTrigger::rows);

    private PgTrigger() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Trigger t : ctx.catalog().routines().triggers()) {
            String schema = SchemaNames.schemaOf(t.table());
            String table = SchemaNames.localOf(t.table());
            io.kyrodb.engine.catalog.Table def = ctx.catalog().table(t.table());
            List<String> attnums = new ArrayList<>();
            for (String c : t.updateColumns()) {
                attnums.add(String.valueOf(def == null ? 0 : def.columnIndex(c) + 1));
            }
            StringBuilder args = new StringBuilder();
            for (String a : t.arguments()) {
                args.append(a).append("\\000");
            }
            rows.add(new Object[] {Relations.oid("trigger", t.key()), Relations.oid(schema, table), 0L, t.name(),
                    tgfoid(ctx, t), (short) type(t), t.enabled() ? "O" : "D", false, 0L, 0L, 0L,
                    false, false, (short) t.arguments().size(), String.join(" ", attnums), args.toString(), t.when(),
                    null, null});
        }
        return rows;
    }

    static int type(Trigger t) {
        int type = (t.forEachRow() ? 1 : 0) | (t.before() ? 2 : 0);
        type |= t.fires(Trigger.INSERT) ? 4 : 0;
        type |= t.fires(Trigger.DELETE) ? 8 : 0;
        type |= t.fires(Trigger.UPDATE) ? 16 : 0;
        type |= t.fires(Trigger.TRUNCATE) ? 32 : 0;
        return type;
    }

    /** The trigger's function's pg_proc OID (as UserProcs gives it), 0 when the function is gone. */
    private static long tgfoid(SystemContext ctx, Trigger t) {
        io.kyrodb.engine.catalog.UserFunction f = ctx.catalog().triggerFunction(t.function());
        return f == null ? 0L : UserProcs.oid(f);
    }
}
