package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's PL/pgSQL: calls functions, fires triggers and runs DO blocks through its
 * {@link SqlRunner}. Keeps each function's parsed body (with its statements' plans) while the
 * function is unchanged, and counts nested calls: past {@link #MAX_DEPTH} (a trigger that fires
 * itself, a function that recurses without end) the call fails with 54001, as PostgreSQL's
 * max_stack_depth does. Used by the session's thread only.
 */
public final class PlRuntime {
    /** Nested function, trigger and DO levels allowed. */
    public static final int MAX_DEPTH = 64;
    private static final int CACHED_BODIES = 256;

    private final SqlRunner runner;
    private final Map<String, Body> bodies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Body> eldest) {
            return size() > CACHED_BODIES;
        }
    };
    private int depth;
    private long savepoints;
    /** The session's open cursors: they close with its transaction. */
    final io.kyrodb.engine.cursor.Portals portals;

    public PlRuntime(SqlRunner runner) {
        this.runner = runner;
        this.portals = runner.portals();
    }

    String nextSavepoint() {
        return "\u0000plpgsql_" + (++savepoints);
    }

    /** Calls {@code f} with {@code arguments} (of its argument types); its result, of its return type. */
    public Object call(UserFunction f, Object[] arguments) {
        if (f.outParameters()) {   // the one row of its OUT parameters: the value of the only one, or a record
            List<SqlType> types = f.tableColumns().stream().map(io.kyrodb.engine.catalog.Column::type).toList();
            List<Object[]> rows = callSet(f, arguments, types);
            Object[] row = rows.isEmpty() ? new Object[types.size()] : rows.get(0);
            return types.size() == 1 ? row[0] : new io.kyrodb.engine.types.SqlRecord(
                    f.tableColumns().stream().map(io.kyrodb.engine.catalog.Column::name).toList(), row);
        }
        Body body = body(f);
        Scope top = arguments(f, arguments);
        Object result = enter(() -> new Invocation(this, runner, body, false).run(top));
        if (f.returnsVoid()) {
            return "";   // void prints as nothing, and is not NULL
        }
        if (result == Invocation.NO_RETURN) {
            throw new RaisedException("2F005", "control reached end of function without RETURN", null, null);
        }
        return Invocation.cast(result, f.returnType());
    }

    /**
     * Calls set-returning {@code f} (RETURNS SETOF / TABLE) with {@code arguments}: the rows its
     * RETURN NEXT and RETURN QUERY gathered, of {@code columns} types (RETURNS TABLE's columns and
     * OUT parameters are also variables of the body, NULL at first, an INOUT one its argument).
     * A function with OUT parameters that is not SETOF returns one row: their values at its end.
     */
    public List<Object[]> callSet(UserFunction f, Object[] arguments, List<SqlType> columns) {
        Body body = body(f);
        Scope top = arguments(f, arguments);
        List<String> outNames = null;
        if (!f.tableColumns().isEmpty()) {
            outNames = new java.util.ArrayList<>();
            for (io.kyrodb.engine.catalog.Column c : f.tableColumns()) {
                if (!f.argumentNames().contains(c.name())) {
                    top.scalar(c.name(), c.type(), null);
                }
                outNames.add(c.name());
            }
        }
        ReturnedRows rows = new ReturnedRows(columns, outNames);
        enter(() -> new Invocation(this, runner, body, false, rows).run(top));
        if (f.outParameters() && !f.setof()) {
            Object[] row = new Object[outNames.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = top.find(outNames.get(i)).value;
            }
            rows.add(row, f.tableColumns().stream().map(io.kyrodb.engine.catalog.Column::type).toList());
        }
        return rows.rows;
    }

    private static Scope arguments(UserFunction f, Object[] arguments) {
        Scope top = new Scope(null);
        for (int i = 0; i < arguments.length; i++) {
            SqlType type = f.argumentTypes().get(i);
            top.scalar("$" + (i + 1), type, arguments[i]);
            String name = f.argumentNames().get(i);
            if (!name.isEmpty()) {
                top.scalar(name, type, arguments[i]);
            }
        }
        return top;
    }

    /** Runs a DO block's body. */
    public void runDo(String text) {
        Body body = Body.parse(text);
        enter(() -> new Invocation(this, runner, body, false).run(new Scope(null)));
    }

    /**
     * Runs trigger {@code t}'s function for one row ({@code oldRow}/{@code newRow} null where the
     * event has none); returns the row it returned (null: skip the row, for BEFORE).
     */
    public RowValue fireRow(Trigger t, Table table, int event, RowValue oldRow, RowValue newRow) {
        UserFunction f = function(t);
        Scope top = triggerScope(t, table, event, true);
        List<String> names = Invocation.columnNames(table);
        List<SqlType> types = Invocation.columnTypes(table);
        top.record("new", newRow != null ? newRow : RowValue.nullOf(names, types));
        top.record("old", oldRow != null ? oldRow : RowValue.nullOf(names, types));
        Body body = body(f);
        Object result = enter(() -> new Invocation(this, runner, body, true).run(top));
        if (result == Invocation.NO_RETURN) {
            throw new RaisedException("2F005", "control reached end of trigger procedure without RETURN", null, null);
        }
        if (result != null && (!(result instanceof RowValue r) || r.values().length != names.size())) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the structure"
                    + " of the triggering table");
        }
        return (RowValue) result;
    }

    /** Runs statement-level trigger {@code t} (its result is ignored, as in PostgreSQL). */
    public void fireStatement(Trigger t, Table table, int event) {
        UserFunction f = function(t);
        Scope top = triggerScope(t, table, event, false);
        List<String> names = Invocation.columnNames(table);
        List<SqlType> types = Invocation.columnTypes(table);
        top.record("new", RowValue.nullOf(names, types));
        top.record("old", RowValue.nullOf(names, types));
        Body body = body(f);
        Object result = enter(() -> new Invocation(this, runner, body, true).run(top));
        if (result == Invocation.NO_RETURN) {
            throw new RaisedException("2F005", "control reached end of trigger procedure without RETURN", null, null);
        }
    }

    /** Whether trigger {@code t}'s WHEN condition holds for the row (true without one). */
    public boolean when(Trigger t, Table table, RowValue oldRow, RowValue newRow) {
        if (t.when() == null) {
            return true;
        }
        Body body = bodies.computeIfAbsent("\u0001when\u0000" + t.key() + "\u0000" + t.when(),
                k -> Body.parse("BEGIN RETURN " + t.when() + "; END"));
        Scope top = new Scope(null);
        List<String> names = Invocation.columnNames(table);
        List<SqlType> types = Invocation.columnTypes(table);
        top.record("new", newRow != null ? newRow : RowValue.nullOf(names, types));
        top.record("old", oldRow != null ? oldRow : RowValue.nullOf(names, types));
        Object result = new Invocation(this, runner, body, false).run(top);
        return Boolean.TRUE.equals(result);
    }

    private Scope triggerScope(Trigger t, Table table, int event, boolean row) {
        Scope top = new Scope(null);
        top.scalar("tg_name", SqlType.TEXT, t.name());
        top.scalar("tg_when", SqlType.TEXT, t.before() ? "BEFORE" : "AFTER");
        top.scalar("tg_level", SqlType.TEXT, row ? "ROW" : "STATEMENT");
        top.scalar("tg_op", SqlType.TEXT, switch (event) {
            case Trigger.INSERT -> "INSERT";
            case Trigger.UPDATE -> "UPDATE";
            case Trigger.DELETE -> "DELETE";
            default -> "TRUNCATE";
        });
        top.scalar("tg_table_name", SqlType.TEXT, SchemaNames.localOf(table.name()));
        top.scalar("tg_relname", SqlType.TEXT, SchemaNames.localOf(table.name()));
        top.scalar("tg_table_schema", SqlType.TEXT, SchemaNames.schemaOf(table.name()));
        top.scalar("tg_nargs", SqlType.INTEGER, t.arguments().size());
        top.scalar("tg_argv", SqlType.arrayOf(SqlType.TEXT), SqlArray.of(t.arguments().toArray()));
        return top;
    }

    private UserFunction function(Trigger t) {
        UserFunction f = runner.catalog().triggerFunction(t.function());
        if (f == null) {
            throw new KyroException(SqlState.UNDEFINED_FUNCTION, "function " + t.function() + " of trigger \""
                    + t.name() + "\" does not exist");
        }
        return f;
    }

    private Body body(UserFunction f) {
        String key = f.key() + "\u0000" + f.body();
        Body b = bodies.get(key);
        if (b == null) {
            b = Body.parse(f.body());
            bodies.put(key, b);
        }
        return b;
    }

    private Object enter(java.util.function.Supplier<Object> run) {
        if (depth >= MAX_DEPTH) {
            throw new KyroException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded: more than "
                    + MAX_DEPTH + " nested function calls and trigger firings (a trigger that fires itself, or a"
                    + " function that recurses without end?)");
        }
        depth++;
        try {
            return run.get();
        } catch (StackOverflowError e) {
            throw new KyroException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        } finally {
            depth--;
            if (depth == 0) {
                runner.callEnded();
            }
        }
    }
}
