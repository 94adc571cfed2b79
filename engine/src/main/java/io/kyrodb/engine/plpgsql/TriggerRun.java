package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.exec.RowTriggers;
import io.kyrodb.engine.plan.DeletePlan;
import io.kyrodb.engine.plan.InsertPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.ReturningPlan;
import io.kyrodb.engine.plan.TruncatePlan;
import io.kyrodb.engine.plan.UpdatePlan;

import java.util.ArrayList;
import java.util.List;

/**
 * The triggers of one writing statement (INSERT, UPDATE, DELETE, TRUNCATE, MERGE), in PostgreSQL's order:
 * BEFORE STATEMENT, then per row BEFORE ROW (which may change the row or skip it) as the statement
 * meets its rows, then, once its changes are applied, AFTER ROW for each changed row in the order
 * changed, then AFTER STATEMENT. Triggers of one kind fire in name order. Disabled triggers and
 * those whose WHEN is not true do not fire; UPDATE OF c fires only when the UPDATE assigns c.
 */
public final class TriggerRun implements RowTriggers {
    private record Event(Table table, int event, Object[] oldRow, Object[] newRow, List<String> setColumns) {
    }

    private final PlRuntime runtime;
    private final Catalog catalog;
    private final List<Table> tables;
    /** The statement's events: one, or INSERT and UPDATE for INSERT ... ON CONFLICT DO UPDATE. */
    private final int events;
    private final List<String> setColumns;
    private final List<Event> queued = new ArrayList<>();
    /** The order AFTER STATEMENT triggers of several events fire in (PostgreSQL's, per statement kind). */
    private final List<Integer> afterOrder;

    private TriggerRun(PlRuntime runtime, Catalog catalog, List<Table> tables, int events, List<String> setColumns,
                       List<Integer> afterOrder) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.tables = tables;
        this.events = events;
        this.setColumns = setColumns;
        this.afterOrder = afterOrder;
    }

    /** INSERT ... ON CONFLICT DO UPDATE: AFTER STATEMENT UPDATE, then INSERT. */
    private static final List<Integer> UPSERT_ORDER = List.of(Trigger.UPDATE, Trigger.INSERT, Trigger.DELETE,
            Trigger.TRUNCATE);
    /** MERGE: AFTER STATEMENT DELETE, UPDATE, then INSERT. */
    private static final List<Integer> MERGE_ORDER = List.of(Trigger.DELETE, Trigger.UPDATE, Trigger.INSERT);

    /**
     * The triggers {@code plan} fires, or null when it writes no table with enabled triggers.
     * {@code setColumns}: the columns an UPDATE assigns (null: not known, as every column).
     */
    public static TriggerRun of(PlRuntime runtime, Catalog catalog, Plan plan, List<String> setColumns) {
        if (catalog.routines().triggers().isEmpty()) {
            return null;
        }
        Plan p = plan instanceof ReturningPlan r ? r.write() : plan;
        List<Table> tables;
        int event;
        switch (p) {
            case InsertPlan i -> {
                tables = List.of(i.table());
                event = i.conflict() != null && !i.conflict().doNothing() ? Trigger.INSERT | Trigger.UPDATE
                        : Trigger.INSERT;
            }
            case UpdatePlan u -> {
                tables = List.of(u.table());
                event = Trigger.UPDATE;
            }
            case DeletePlan d -> {
                tables = List.of(d.table());
                event = Trigger.DELETE;
            }
            case TruncatePlan t -> {
                tables = t.tables();
                event = Trigger.TRUNCATE;
            }
            case io.kyrodb.engine.plan.MergePlan m -> {
                // statement triggers fire for each action kind the WHEN clauses name, taken or not
                tables = List.of(m.table());
                event = 0;
                for (io.kyrodb.engine.plan.MergePlan.Clause c : m.clauses()) {
                    event |= switch (c.action()) {
                        case INSERT -> Trigger.INSERT;
                        case UPDATE -> Trigger.UPDATE;
                        case DELETE -> Trigger.DELETE;
                        case NOTHING -> 0;
                    };
                }
            }
            default -> {
                return null;
            }
        }
        List<Integer> order = p instanceof io.kyrodb.engine.plan.MergePlan ? MERGE_ORDER : UPSERT_ORDER;
        for (Table t : tables) {
            for (Trigger trigger : catalog.routines().triggersOf(t.name())) {
                if (trigger.enabled() && (trigger.events() & event) != 0) {
                    return new TriggerRun(runtime, catalog, tables, event, setColumns, order);
                }
            }
        }
        // the rows ON DELETE / ON UPDATE actions change fire their tables' AFTER ROW triggers
        if (event == Trigger.UPDATE || event == Trigger.DELETE) {
            for (Table child : catalog.tables()) {
                for (io.kyrodb.engine.catalog.ForeignKey fk : child.foreignKeys()) {
                    if (fk.refTable().equals(tables.get(0).name())
                            && !catalog.routines().triggersOf(child.name()).isEmpty()) {
                        return new TriggerRun(runtime, catalog, tables, event, setColumns, order);
                    }
                }
            }
        }
        return null;
    }

    /** The row triggers, for the statement's rows (null for TRUNCATE, which has none). */
    public RowTriggers rows() {
        return events == Trigger.TRUNCATE ? null : this;
    }

    public void beforeStatement() {
        for (int event : List.of(Trigger.INSERT, Trigger.UPDATE, Trigger.DELETE, Trigger.TRUNCATE)) {
            if ((events & event) != 0) {
                for (Table t : tables) {
                    for (Trigger trigger : triggers(t, true, false, event, setColumns)) {
                        runtime.fireStatement(trigger, t, event);
                    }
                }
            }
        }
    }

    /** After the statement's changes are applied: the queued AFTER ROW triggers, then AFTER STATEMENT. */
    public void afterStatement() {
        for (int i = 0; i < queued.size(); i++) {   // a trigger's own statements queue in their own runs
            Event e = queued.get(i);
            for (Trigger trigger : triggers(e.table(), false, true, e.event(), e.setColumns())) {
                RowValue oldRow = row(e.table(), e.oldRow());
                RowValue newRow = row(e.table(), e.newRow());
                if (runtime.when(trigger, e.table(), oldRow, newRow)) {
                    runtime.fireRow(trigger, e.table(), e.event(), oldRow, newRow);
                }
            }
        }
        queued.clear();
        for (int event : afterOrder) {
            if ((events & event) != 0) {
                for (Table t : tables) {
                    for (Trigger trigger : triggers(t, false, false, event, setColumns)) {
                        runtime.fireStatement(trigger, t, event);
                    }
                }
            }
        }
    }

    @Override
    public Object[] before(Table table, int event, Object[] oldRow, Object[] newRow, List<String> setColumns) {
        Object[] current = event == Trigger.DELETE ? oldRow : newRow;
        for (Trigger trigger : triggers(table, true, true, event, setColumns)) {
            RowValue oldValue = row(table, oldRow);
            RowValue newValue = event == Trigger.DELETE ? null : row(table, current);
            if (!runtime.when(trigger, table, oldValue, newValue)) {
                continue;
            }
            RowValue result = runtime.fireRow(trigger, table, event, oldValue, newValue);
            if (result == null) {
                return null;
            }
            if (event != Trigger.DELETE) {
                current = result.values();
            }
        }
        return current;
    }

    @Override
    public void after(Table table, int event, Object[] oldRow, Object[] newRow, List<String> setColumns) {
        if (!triggers(table, false, true, event, setColumns).isEmpty()) {
            queued.add(new Event(table, event, oldRow, newRow, setColumns));
        }
    }

    private List<Trigger> triggers(Table table, boolean before, boolean row, int event, List<String> set) {
        List<Trigger> out = new ArrayList<>();
        for (Trigger t : catalog.routines().triggersOf(table.name())) {
            if (t.enabled() && t.before() == before && t.forEachRow() == row && t.fires(event)
                    && (event != Trigger.UPDATE || t.updateColumns().isEmpty() || set == null
                    || t.updateColumns().stream().anyMatch(set::contains))) {
                out.add(t);
            }
        }
        return out;
    }

    private static RowValue row(Table table, Object[] values) {
        return values == null ? null : new RowValue(Invocation.columnNames(table), Invocation.columnTypes(table),
                values.clone(), false);
    }
}
