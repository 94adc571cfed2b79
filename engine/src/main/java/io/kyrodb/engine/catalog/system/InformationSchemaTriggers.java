package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.catalog.UserFunction;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.triggers: one row per trigger and event (INSERT, DELETE, UPDATE; TRUNCATE is
 * not listed, as in PostgreSQL), {@code action_order} numbering the triggers of one table, event
 * and timing in firing (name) order.
 */
final class InformationSchemaTriggers {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "triggers", List.of(
            text("trigger_catalog"), text("trigger_schema"), text("trigger_name"), text("event_manipulation"),
            text("event_object_catalog"), text("event_object_schema"), text("event_object_table"), int4("action_order"),
            text("action_condition"), text("action_statement"), text("action_orientation"), text("action_timing"),
            text("action_reference_old_table"), text("action_reference_new_table"), text("action_reference_old_row"),
            text("action_reference_new_row"), text("created")), InformationSchemaTriggers::rows);

    private InformationSchemaTriggers() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Trigger> all = ctx.catalog().routines().triggers();
        List<Object[]> rows = new ArrayList<>();
        for (Trigger t : all) {
            String schema = SchemaNames.schemaOf(t.table());
            String table = SchemaNames.localOf(t.table());
            UserFunction f = ctx.catalog().triggerFunction(t.function());
            String call = "EXECUTE FUNCTION " + (f == null ? t.function() : f.name()) + "(" + String.join(", ",
                    t.arguments().stream().map(a -> "'" + a.replace("'", "''") + "'").toList()) + ")";
            for (String event : t.eventNames()) {
                if (event.equals("TRUNCATE")) {
                    continue;
                }
                int bit = switch (event) {
                    case "INSERT" -> Trigger.INSERT;
                    case "DELETE" -> Trigger.DELETE;
                    default -> Trigger.UPDATE;
                };
                int order = 1;
                for (Trigger other : all) {
                    if (other.table().equals(t.table()) && other.fires(bit) && other.before() == t.before()
                            && other.forEachRow() == t.forEachRow() && other.name().compareTo(t.name()) < 0) {
                        order++;
                    }
                }
                rows.add(new Object[] {ctx.database(), schema, t.name(), event, ctx.database(), schema, table, order,
                        t.when(), call, t.forEachRow() ? "ROW" : "STATEMENT", t.before() ? "BEFORE" : "AFTER", null,
                        null, "OLD", "NEW", null});
            }
        }
        return rows;
    }
}
