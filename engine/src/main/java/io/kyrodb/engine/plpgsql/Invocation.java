package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.binder.Variables;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;
import io.kyrodb.sql.plpgsql.PlStatement;
import io.kyrodb.sql.plpgsql.PlStatement.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of a PL/pgSQL body (a function call, a trigger firing, a DO block): walks its
 * statements, keeping the variables in {@link Scope}s. Expressions and SQL run through the
 * {@link SqlRunner} as parameterized statements whose plans the {@link Body} keeps. EXIT, CONTINUE
 * and RETURN unwind as signals; an exception block runs under a savepoint, rolled back when one of
 * its handlers catches an error.
 */
final class Invocation {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z_0-9$]*");
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    /** What a body returns when it ends without RETURN. */
    static final Object NO_RETURN = new Object();

    private final PlRuntime runtime;
    final SqlRunner runner;
    final Body body;
    private final boolean trigger;
    /** A set-returning function's rows (RETURN NEXT, RETURN QUERY); null for any other body. */
    private final ReturnedRows returnedRows;
    private Scope.Var found;
    long rowCount;
    /** The error the innermost running handler caught (for RAISE without arguments). */
    private KyroException caught;

    private static final class ExitSignal extends RuntimeException {
        final String label;
        final boolean isContinue;

        ExitSignal(String label, boolean isContinue) {
            super(null, null, false, false);
            this.label = label;
            this.isContinue = isContinue;
        }
    }

    private static final class ReturnSignal extends RuntimeException {
        final Object value;

        ReturnSignal(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    Invocation(PlRuntime runtime, SqlRunner runner, Body body, boolean trigger) {
        this(runtime, runner, body, trigger, null);
    }

    Invocation(PlRuntime runtime, SqlRunner runner, Body body, boolean trigger, ReturnedRows returnedRows) {
        this.runtime = runtime;
        this.runner = runner;
        this.body = body;
        this.trigger = trigger;
        this.returnedRows = returnedRows;
    }

    /** Runs the body in {@code top} (which holds the arguments); its RETURN value, or {@link #NO_RETURN}. */
    Object run(Scope top) {
        found = top.scalar("found", SqlType.BOOLEAN, false);
        try {
            block(body.block, top);
        } catch (ReturnSignal r) {
            return r.value;
        } catch (ExitSignal e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, e.isContinue ? "CONTINUE cannot be used outside a loop"
                    : e.label == null ? "EXIT cannot be used outside a loop, unless it has a label"
                    : "there is no label \"" + e.label + "\" attached to any block or loop enclosing this statement");
        }
        return NO_RETURN;
    }

    // ---- Statements -----------------------------------------------------------------------------

    private void execute(List<PlStatement> statements, Scope scope) {
        for (PlStatement s : statements) {
            execute(s, scope);
        }
    }

    private void execute(PlStatement s, Scope scope) {
        switch (s) {
            case PlStatement.Block b -> block(b, scope);
            case PlStatement.Assign a -> assign(a, scope);
            case PlStatement.If i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (condition(i.conditions().get(k), scope, "IF")) {
                        execute(i.branches().get(k), scope);
                        return;
                    }
                }
                execute(i.orElse(), scope);
            }
            case PlStatement.Case c -> caseStatement(c, scope);
            case PlStatement.Loop l -> loop(l.label(), scope, () -> true, l.body());
            case PlStatement.While w -> loop(w.label(), scope, () -> condition(w.condition(), scope, "WHILE"), w.body());
            case PlStatement.ForInteger f -> forInteger(f, scope);
            case PlStatement.ForQuery f -> forQuery(f, scope);
            case PlStatement.Exit e -> {
                if (e.condition() == null || condition(e.condition(), scope, e.isContinue() ? "CONTINUE" : "EXIT")) {
                    throw new ExitSignal(e.label(), e.isContinue());
                }
            }
            case PlStatement.Return r -> throw new ReturnSignal(returned(r, scope));
            case PlStatement.ReturnNext r -> returnNext(r, scope);
            case PlStatement.ReturnQuery r -> returnQuery(r, scope);
            case PlStatement.ForEach f -> forEach(f, scope);
            case PlStatement.Assert a -> {
                if (!condition(a.condition(), scope, "ASSERT")) {
                    Object message = a.message() == null ? null : evaluate(a.message(), scope).value;
                    throw new RaisedException("P0004", message == null ? "assertion failed" : Values.toText(message),
                            null, null);
                }
            }
            case PlStatement.Raise r -> raise(r, scope);
            case PlStatement.Perform p -> {
                SqlRunner.Result r = run(body.statement(p.query().text()), scope);
                setFound(!r.rows().isEmpty());
                rowCount = r.rows().size();
            }
            case PlStatement.Sql q -> sql(q, scope);
            case PlStatement.Execute e -> dynamic(e, scope);
            case PlStatement.GetDiagnostics g when g.stacked() -> stackedDiagnostics(g, scope);
            case PlStatement.GetDiagnostics g -> {
                for (String[] item : g.items()) {
                    if (!item[1].equals("row_count")) {
                        throw new KyroException(SqlState.SYNTAX_ERROR, "unrecognized GET DIAGNOSTICS item \"" + item[1]
                                + "\" (KyroDB knows ROW_COUNT)");
                    }
                    assignTo(item[0], rowCount, SqlType.BIGINT, scope);
                }
            }
            case PlStatement.Null n -> {
            }
            case PlStatement.Open o -> new CursorStatements(this, runtime.portals).open(o, scope);
            case PlStatement.Fetch f -> new CursorStatements(this, runtime.portals).fetch(f, scope);
            case PlStatement.Close c -> new CursorStatements(this, runtime.portals).close(c, scope);
        }
    }

    private void block(PlStatement.Block b, Scope outer) {
        Scope scope = new Scope(outer);
        if (b.handlers().isEmpty()) {
            try {
                declare(b, scope);
                execute(b.body(), scope);
            } catch (ExitSignal e) {
                if (e.isContinue || e.label == null || !e.label.equals(b.label())) {
                    throw e;
                }
            }
            return;
        }
        String savepoint = runtime.nextSavepoint();
        runner.savepoint(savepoint);
        long openCursors = runtime.portals.mark();
        try {
            declare(b, scope);
            execute(b.body(), scope);
            runner.release(savepoint);
        } catch (ExitSignal e) {
            runner.release(savepoint);
            if (e.isContinue || e.label == null || !e.label.equals(b.label())) {
                throw e;
            }
        } catch (ReturnSignal r) {
            runner.release(savepoint);
            throw r;
        } catch (KyroException e) {
            runner.rollbackTo(savepoint);
            runner.release(savepoint);
            runtime.portals.closeSince(openCursors);
            String code = e.sqlState();
            for (PlStatement.Handler h : b.handlers()) {
                for (String condition : h.conditions()) {
                    if (Conditions.matches(condition, code)) {
                        Scope handling = new Scope(scope);
                        handling.scalar("sqlstate", SqlType.TEXT, code);
                        handling.scalar("sqlerrm", SqlType.TEXT, messageOf(e));
                        KyroException before = caught;
                        caught = e;
                        try {
                            execute(h.body(), handling);
                        } finally {
                            caught = before;
                        }
                        return;
                    }
                }
            }
            throw e;
        }
    }

    /** GET STACKED DIAGNOSTICS inside a handler: what the caught error says. */
    private void stackedDiagnostics(PlStatement.GetDiagnostics g, Scope scope) {
        if (caught == null) {
            throw new RaisedException("0Z002", "GET STACKED DIAGNOSTICS cannot be used outside an exception handler",
                    null, null);
        }
        for (String[] item : g.items()) {
            String value = switch (item[1]) {
                case "returned_sqlstate" -> caught.sqlState();
                case "message_text" -> messageOf(caught);
                case "pg_exception_detail" -> caught instanceof RaisedException r && r.detail() != null ? r.detail() : "";
                case "pg_exception_hint" -> caught instanceof RaisedException r && r.hint() != null ? r.hint() : "";
                case "pg_exception_context", "column_name", "constraint_name", "pg_datatype_name", "table_name",
                     "schema_name" -> "";
                default -> throw new KyroException(SqlState.SYNTAX_ERROR, "unrecognized GET STACKED DIAGNOSTICS item \""
                        + item[1] + "\"");
            };
            assignTo(item[0], value, SqlType.TEXT, scope);
        }
    }

    /** RETURN NEXT: the expression's value (or record), or RETURNS TABLE's column variables, as the next row. */
    private void returnNext(PlStatement.ReturnNext r, Scope scope) {
        if (returnedRows == null) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "cannot use RETURN NEXT in a non-SETOF function");
        }
        if (r.expr() == null) {
            if (returnedRows.outNames == null) {
                throw new KyroException(SqlState.DATATYPE_MISMATCH, "RETURN NEXT must have a parameter");
            }
            Object[] row = new Object[returnedRows.outNames.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = scope.find(returnedRows.outNames.get(i)).value;
            }
            returnedRows.add(row, null);
            return;
        }
        if (returnedRows.outNames != null) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "RETURN NEXT cannot have a parameter in function with"
                    + " OUT parameters");
        }
        Scope.Var v = scope.find(bareName(r.expr().text()));
        if (v != null && v.record) {
            if (v.row == null) {
                throw notAssigned(v);
            }
            returnedRows.add(v.row.isNull() ? new Object[v.row.names().size()] : v.row.values(), v.row.types());
            return;
        }
        Value value = evaluate(r.expr(), scope);
        returnedRows.add(new Object[]{value.value}, List.of(value.type));
    }

    /** RETURN QUERY [EXECUTE]: the query's rows, appended to the result; FOUND says whether it had any. */
    private void returnQuery(PlStatement.ReturnQuery r, Scope scope) {
        if (returnedRows == null) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "cannot use RETURN QUERY in a non-SETOF function");
        }
        SqlRunner.Result result = r.dynamic() ? dynamicResult(r.query(), r.using(), scope)
                : run(body.statement(r.query().text()), scope);
        List<SqlType> types = new ArrayList<>();
        for (ResultColumn c : result.columns()) {
            types.add(c.type());
        }
        for (Object[] row : result.rows()) {
            returnedRows.add(row, types);
        }
        if (result.columns().size() != returnedRows.types.size()) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "structure of query does not match function result type"
                    + " (returned " + result.columns().size() + " columns, the function returns "
                    + returnedRows.types.size() + ")");
        }
        rowCount = result.rows().size();
        setFound(!result.rows().isEmpty());
    }

    /** FOREACH x [SLICE n] IN ARRAY a: each element (or each slice of n dimensions, as an array). */
    private void forEach(PlStatement.ForEach f, Scope scope) {
        Value value = evaluate(f.array(), scope);
        if (value.value == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "FOREACH expression must not be null");
        }
        if (!(value.value instanceof SqlArray array)) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "FOREACH expression must yield an array, not type "
                    + value.type.displayName());
        }
        int[] dims = array.dims();
        if (f.slice() < 0 || (f.slice() > dims.length && dims.length > 0)) {
            throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "slice dimension (" + f.slice()
                    + ") is out of the valid range 0.." + dims.length);
        }
        Scope.Var v = scope.find(f.variable());
        if (v == null) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "\"" + f.variable() + "\" is not a known variable");
        }
        Object[] elements = array.elements();
        int per = 1;
        int[] sliceDims = new int[f.slice()];
        for (int d = 0; d < f.slice(); d++) {
            sliceDims[d] = dims[dims.length - f.slice() + d];
            per *= sliceDims[d];
        }
        SqlType elementType = value.type.isArray() ? value.type.element() : SqlType.UNKNOWN;
        for (int at = 0; at < elements.length; at += per) {
            runner.checkCancel();
            Object item = f.slice() == 0 ? elements[at]
                    : SqlArray.ofShape(sliceDims, java.util.Arrays.copyOfRange(elements, at, at + per));
            assignTo(f.variable(), item, f.slice() == 0 ? elementType : value.type, scope);
            if (!iteration(f.label(), f.body(), scope)) {
                break;
            }
        }
    }

    private static String messageOf(KyroException e) {
        if (e instanceof RaisedException r) {
            return r.text();
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void declare(PlStatement.Block b, Scope scope) {
        for (PlStatement.Declaration d : b.declarations()) {
            if (d.aliasFor() != null) {
                Scope.Var v = scope.find(d.aliasFor());
                if (v == null) {
                    throw new KyroException(SqlState.SYNTAX_ERROR, "variable \"" + d.aliasFor() + "\" does not exist");
                }
                scope.declare(aliasOf(v, d.name()));
                continue;
            }
            if (d.cursor() != null) {   // bound: named after itself until assigned another name
                Scope.Var v = scope.declare(new Scope.Var(d.name(), SqlType.TEXT, false, false, false));
                v.cursor = d.cursor();
                v.value = d.name();
                continue;
            }
            String type = BLANKS.matcher(d.type().toLowerCase(Locale.ROOT)).replaceAll(" ");
            if (type.equals("refcursor") || type.equals("pg_catalog.refcursor")) {
                Scope.Var v = new Scope.Var(d.name(), SqlType.TEXT, false, d.constant(), d.notNull());
                v.refcursor = true;
                if (d.defaultValue() != null) {
                    v.value = cast(evaluate(d.defaultValue(), scope).value, SqlType.TEXT);
                }
                scope.declare(v);
                continue;
            }
            if (type.equals("record")) {
                scope.declare(new Scope.Var(d.name(), SqlType.RECORD, true, d.constant(), d.notNull()));
                continue;
            }
            if (type.endsWith("%rowtype") || (!type.contains("%") && rowTable(type) != null)) {
                Table t = rowTable(type.endsWith("%rowtype") ? type.substring(0, type.length() - 8).strip() : type);
                if (t == null) {
                    throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + type.substring(0,
                            type.length() - 8).strip() + "\" does not exist");
                }
                Scope.Var v = scope.declare(new Scope.Var(d.name(), SqlType.RECORD, true, d.constant(), d.notNull()));
                v.row = RowValue.nullOf(columnNames(t), columnTypes(t));
                continue;
            }
            SqlType sqlType = type.endsWith("%type") ? typeOfReference(type.substring(0, type.length() - 5).strip(), scope)
                    : resolveType(d.type());
            Scope.Var v = new Scope.Var(d.name(), sqlType, false, d.constant(), d.notNull());
            if (d.defaultValue() != null) {
                Value value = evaluate(d.defaultValue(), scope);
                v.value = cast(value.value, sqlType);
            }
            if (v.notNull && v.value == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value cannot be assigned to variable \""
                        + d.name() + "\" declared NOT NULL");
            }
            scope.declare(v);
        }
    }

    private static Scope.Var aliasOf(Scope.Var v, String name) {
        Scope.Var alias = new Scope.Var(name, v.type, v.record, v.constant, v.notNull);
        alias.value = v.value;
        alias.row = v.row;
        alias.cursor = v.cursor;
        alias.refcursor = v.refcursor;
        return alias;
    }

    private Table rowTable(String name) {
        String[] parts = name.split("\\.");
        if (parts.length > 2 || name.contains(" ") || name.contains("(") || name.contains("[")) {
            return null;
        }
        if (parts.length == 2) {
            return runner.catalog().table(SchemaNames.key(parts[0], parts[1]));
        }
        for (String schema : runner.searchPath()) {
            Table t = runner.catalog().table(SchemaNames.key(schema, name));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** {@code table.column%TYPE} or {@code variable%TYPE}. */
    private SqlType typeOfReference(String ref, Scope scope) {
        int dot = ref.lastIndexOf('.');
        if (dot < 0) {
            Scope.Var v = scope.find(ref);
            if (v == null || v.record) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "variable \"" + ref + "\" does not exist");
            }
            return v.type;
        }
        Table t = rowTable(ref.substring(0, dot));
        String column = ref.substring(dot + 1);
        if (t == null) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + ref.substring(0, dot) + "\" does not exist");
        }
        int i = t.columnIndex(column);
        if (i < 0) {
            throw new KyroException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + ref.substring(0, dot) + "\" does not exist");
        }
        return t.columns().get(i).type();
    }

    static SqlType resolveType(String written) {
        String text = "CAST(NULL AS " + written + ")";
        try {
            Expr e = SqlParser.parseExpression(text);
            if (e instanceof Expr.Cast c) {
                return TypeResolver.resolve(c.type(), text);
            }
        } catch (SqlSyntaxException e) {
            // reported below
        }
        throw new KyroException(SqlState.UNDEFINED_OBJECT, "type \"" + written + "\" does not exist");
    }

    static List<String> columnNames(Table t) {
        List<String> out = new ArrayList<>();
        for (Column c : t.columns()) {
            out.add(c.name());
        }
        return out;
    }

    static List<SqlType> columnTypes(Table t) {
        List<SqlType> out = new ArrayList<>();
        for (Column c : t.columns()) {
            out.add(c.type());
        }
        return out;
    }

    private void assign(PlStatement.Assign a, Scope scope) {
        String target = a.field() == null ? a.target() : a.target() + "." + a.field();
        Scope.Var v = scope.find(a.target());
        if (a.field() == null && v != null && v.record) {
            Scope.Var source = scope.find(bareName(a.expr().text()));
            if (source != null && source.record) {
                v.row = source.row == null ? null : source.row.copy();
                return;
            }
            SqlRunner.Result r = run(body.expression(a.expr().text()), scope);
            Object value = r.rows().isEmpty() ? null : r.rows().get(0)[0];
            if (value != null) {
                throw new KyroException(SqlState.DATATYPE_MISMATCH, "cannot assign a non-composite value to a record"
                        + " variable");
            }
            v.row = v.row == null ? null : RowValue.nullOf(v.row.names(), v.row.types());
            return;
        }
        Value value = evaluate(a.expr(), scope);
        assignTo(target, value.value, value.type, scope);
    }

    /** Assigns {@code value} to {@code target} ({@code v} or {@code r.field}), converted to its type. */
    private void assignTo(String target, Object value, SqlType from, Scope scope) {
        int dot = target.indexOf('.');
        if (dot > 0) {
            String name = target.substring(0, dot);
            String field = target.substring(dot + 1);
            Scope.Var v = scope.find(name);
            if (v == null || !v.record) {
                throw new KyroException(SqlState.SYNTAX_ERROR, "\"" + target + "\" is not a known variable");
            }
            if (v.row == null) {
                throw notAssigned(v);
            }
            int f = v.row.field(field);
            if (f < 0) {
                throw new KyroException(SqlState.UNDEFINED_COLUMN, "record \"" + name + "\" has no field \"" + field + "\"");
            }
            if (v.row.isNull()) {
                v.row = new RowValue(v.row.names(), v.row.types(), v.row.values(), false);
            }
            v.row.values()[f] = cast(value, v.row.types().get(f));
            return;
        }
        Scope.Var v = scope.find(target);
        if (v == null) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "\"" + target + "\" is not a known variable");
        }
        if (v.constant) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "variable \"" + target + "\" is declared CONSTANT");
        }
        if (v.record) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "cannot assign a non-composite value to a record variable");
        }
        Object converted = cast(value, v.type);
        if (converted == null && v.notNull) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value cannot be assigned to variable \""
                    + target + "\" declared NOT NULL");
        }
        v.value = converted;
    }

    static Object cast(Object value, SqlType to) {
        if (value == null || to.kind() == TypeKind.UNKNOWN || to.kind() == TypeKind.RECORD) {
            return value;
        }
        return Casts.convert(value, to, true);
    }

    private void caseStatement(PlStatement.Case c, Scope scope) {
        Scope inner = scope;
        if (c.subject() != null) {
            Value subject = evaluate(c.subject(), scope);
            inner = new Scope(scope);
            inner.scalar("__case_subject", subject.type, subject.value);
        }
        for (int k = 0; k < c.whens().size(); k++) {
            Text when = c.whens().get(k);
            Text test = c.subject() == null ? when : new Text("__case_subject IN (" + when.text() + ")", when.offset());
            if (condition(test, inner, "CASE")) {
                execute(c.branches().get(k), scope);
                return;
            }
        }
        if (c.orElse() == null) {
            throw new RaisedException("20000", "case not found", null, "CASE statement is missing ELSE part.");
        }
        execute(c.orElse(), scope);
    }

    private void loop(String label, Scope scope, java.util.function.BooleanSupplier test, List<PlStatement> statements) {
        while (true) {
            runner.checkCancel();
            if (!test.getAsBoolean()) {
                return;
            }
            if (!iteration(label, statements, scope)) {
                return;
            }
        }
    }

    /** One pass of a loop's body: false when an EXIT for this loop ended it. */
    boolean iteration(String label, List<PlStatement> statements, Scope scope) {
        try {
            execute(statements, scope);
            return true;
        } catch (ExitSignal e) {
            if (e.label != null && !e.label.equals(label)) {
                throw e;
            }
            return e.isContinue;
        }
    }

    private void forInteger(PlStatement.ForInteger f, Scope scope) {
        long lower = integer(evaluate(f.lower(), scope), "lower");
        long upper = integer(evaluate(f.upper(), scope), "upper");
        long step = f.step() == null ? 1 : integer(evaluate(f.step(), scope), "BY");
        if (step <= 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "BY value of FOR loop must be greater than zero");
        }
        Scope inner = new Scope(scope);
        Scope.Var v = inner.scalar(f.variable(), SqlType.INTEGER, null);
        for (long i = lower; f.reverse() ? i >= upper : i <= upper; i = f.reverse() ? i - step : i + step) {
            runner.checkCancel();
            v.value = (int) i;
            if (!iteration(f.label(), f.body(), inner)) {
                break;
            }
        }
    }

    private static long integer(Value v, String what) {
        if (v.value == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, what + " bound of FOR loop cannot be null");
        }
        Object i = Casts.convert(v.value, SqlType.INTEGER, true);
        return ((Number) i).longValue();
    }

    private void forQuery(PlStatement.ForQuery f, Scope scope) {
        if (!f.dynamic() && CursorStatements.boundCursorLoop(f, scope) != null) {
            new CursorStatements(this, runtime.portals).loop(f, scope);
            return;
        }
        SqlRunner.Result r = f.dynamic() ? dynamicResult(f.query(), f.using(), scope)
                : run(body.statement(f.query().text()), scope);
        Scope inner = new Scope(scope);
        List<String> targets = new ArrayList<>(f.targets());
        if (targets.size() == 1 && (scope.find(targets.get(0)) == null)) {
            inner.declare(new Scope.Var(targets.get(0), SqlType.RECORD, true, false, false));
        }
        boolean any = false;
        for (Object[] row : r.rows()) {
            runner.checkCancel();
            any = true;
            into(targets, r.columns(), row, inner);
            if (!iteration(f.label(), f.body(), inner)) {
                break;
            }
        }
        setFound(any);
    }

    private Object returned(PlStatement.Return r, Scope scope) {
        if (r.expr() == null) {
            return null;
        }
        if (returnedRows != null) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "RETURN cannot have a parameter in function returning"
                    + " set (use RETURN NEXT or RETURN QUERY)");
        }
        Scope.Var v = scope.find(bareName(r.expr().text()));
        if (v != null && v.record) {
            if (v.row == null) {
                throw notAssigned(v);
            }
            return v.row.isNull() ? null : v.row.copy();
        }
        Value value = evaluate(r.expr(), scope);
        if (trigger && value.value != null) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the structure"
                    + " of the triggering table");
        }
        return value.value;
    }

    /** The variable name {@code text} is when it is just one (an identifier, maybe quoted), else "". */
    private static String bareName(String text) {
        String t = text.strip();
        if (t.length() > 1 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return NAME.matcher(t).matches() ? t.toLowerCase(Locale.ROOT) : "";
    }

    private void raise(PlStatement.Raise r, Scope scope) {
        if (r.format() == null && r.condition() == null && r.sqlState() == null && r.options().isEmpty()) {
            if (caught == null) {
                throw new RaisedException("0Z002", "RAISE without parameters cannot be used outside an exception"
                        + " handler", null, null);
            }
            throw caught;
        }
        String message = null;
        String code = null;
        if (r.format() != null) {
            message = format(r.format(), r.arguments(), scope);
        } else if (r.condition() != null) {
            code = Conditions.code(r.condition());
            if (code == null) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \""
                        + r.condition() + "\"");
            }
            message = r.condition();
        } else if (r.sqlState() != null) {
            code = checkedCode(r.sqlState());
            message = r.sqlState();
        }
        String detail = null;
        String hint = null;
        for (PlStatement.RaiseOption o : r.options()) {
            Object value = evaluate(o.value(), scope).value;
            String text = value == null ? null : Values.toText(value);
            if (text == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "RAISE statement option cannot be null");
            }
            switch (o.name()) {
                case "MESSAGE" -> {
                    if (message != null && r.format() != null) {
                        throw new KyroException(SqlState.SYNTAX_ERROR, "RAISE option already specified: MESSAGE");
                    }
                    message = text;
                }
                case "DETAIL" -> detail = text;
                case "HINT" -> hint = text;
                case "ERRCODE" -> {
                    String named = Conditions.code(text);
                    code = named != null ? named : checkedCode(text);
                }
                case "COLUMN", "CONSTRAINT", "DATATYPE", "TABLE", "SCHEMA" -> {
                }
                default -> throw new KyroException(SqlState.SYNTAX_ERROR, "unrecognized RAISE statement option \""
                        + o.name().toLowerCase(Locale.ROOT) + "\"");
            }
        }
        if (message == null) {
            message = code != null ? code : "P0001";
        }
        switch (r.level()) {
            case "EXCEPTION" -> throw new RaisedException(code == null ? "P0001" : code, message, detail, hint);
            case "NOTICE", "WARNING", "INFO" -> runner.notice(message + (detail == null ? "" : "\n  Detail: " + detail)
                    + (hint == null ? "" : "\n  Hint: " + hint));
            default -> {   // LOG and DEBUG go to the server log, which an embedded database does not keep
            }
        }
    }

    private static String checkedCode(String code) {
        if (!Conditions.isSqlState(code)) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "invalid SQLSTATE code \"" + code + "\"");
        }
        return code;
    }

    /** RAISE's format: each {@code %} takes the next argument's text (NULL as {@code <NULL>}), {@code %%} is a %. */
    private String format(String format, List<Text> arguments, Scope scope) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (c == '%') {
                if (next >= arguments.size()) {
                    throw new KyroException(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE");
                }
                Object v = evaluate(arguments.get(next++), scope).value;
                out.append(v == null ? "<NULL>" : Values.toText(v));
            } else {
                out.append(c);
            }
        }
        if (next < arguments.size()) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE");
        }
        return out.toString();
    }

    private void sql(PlStatement.Sql q, Scope scope) {
        Embedded e = body.statement(q.sql().text());
        SqlRunner.Result r = run(e, scope);
        boolean query = e.statement instanceof Statement.Query;
        if (q.into().isEmpty()) {
            if (query) {
                throw new KyroException(SqlState.SYNTAX_ERROR, "query has no destination for result data (use PERFORM"
                        + " to discard the results of a SELECT)");
            }
            rowCount = r.count();
            setFound(r.count() > 0);
            return;
        }
        if (r.rows().size() > 1 && (q.strict() || !query)) {
            throw new RaisedException("P0003", "query returned more than one row", null,
                    query ? null : "Make sure the query returns a single row, or use LIMIT 1.");
        }
        if (r.rows().isEmpty() && q.strict()) {
            throw new RaisedException("P0002", "query returned no rows", null, null);
        }
        into(q.into(), r.columns(), r.rows().isEmpty() ? null : r.rows().get(0), scope);
        rowCount = query ? r.rows().size() : r.count();
        setFound(!r.rows().isEmpty());
    }

    /** INTO targets: one record variable takes the whole row; else each target a column, in order. */
    void into(List<String> targets, List<ResultColumn> columns, Object[] row, Scope scope) {
        if (targets.size() == 1 && !targets.get(0).contains(".")) {
            Scope.Var v = scope.find(targets.get(0));
            if (v != null && v.record) {
                List<String> names = new ArrayList<>();
                List<SqlType> types = new ArrayList<>();
                for (ResultColumn c : columns) {
                    names.add(c.label());
                    types.add(c.type());
                }
                v.row = row == null ? RowValue.nullOf(names, types) : new RowValue(List.copyOf(names),
                        List.copyOf(types), row.clone(), false);
                return;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Object value = row == null || i >= row.length ? null : row[i];
            assignTo(targets.get(i), value, i < columns.size() ? columns.get(i).type() : SqlType.UNKNOWN, scope);
        }
    }

    private void dynamic(PlStatement.Execute e, Scope scope) {
        SqlRunner.Result r = dynamicResult(e.command(), e.using(), scope);
        if (!e.into().isEmpty()) {
            if (r.rows().size() > 1 && e.strict()) {
                throw new RaisedException("P0003", "query returned more than one row", null, null);
            }
            if (r.rows().isEmpty() && e.strict()) {
                throw new RaisedException("P0002", "query returned no rows", null, null);
            }
            into(e.into(), r.columns(), r.rows().isEmpty() ? null : r.rows().get(0), scope);
        }
        rowCount = r.columns().isEmpty() ? r.count() : r.rows().size();
    }

    SqlRunner.Result dynamicResult(Text command, List<Text> using, Scope scope) {
        return dynamic(command, using, scope, runner::run);
    }

    /** OPEN ... FOR EXECUTE: the dynamic query's rows, unread. */
    io.kyrodb.engine.ExecResult.Rows dynamicOpen(Text command, List<Text> using, Scope scope) {
        return dynamic(command, using, scope, runner::open);
    }

    /** How an embedded statement runs: to its end ({@link SqlRunner#run}) or opened for a cursor. */
    private interface Runs<T> {
        T run(Statement statement, String sql, Object[] parameters, Object cache, Variables variables);
    }

    private <T> T dynamic(Text command, List<Text> using, Scope scope, Runs<T> how) {
        Object text = evaluate(command, scope).value;
        if (text == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "query string argument of EXECUTE is null");
        }
        List<Object> values = new ArrayList<>();
        for (Text u : using) {
            values.add(evaluate(u, scope).value);
        }
        List<Integer> order = new ArrayList<>();
        String sql = Embedded.positionalParameters(Values.toText(text), order);
        Object[] parameters = new Object[order.size()];
        for (int i = 0; i < parameters.length; i++) {
            int n = order.get(i);
            if (n < 0 || n >= values.size()) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "there is no parameter $" + (n + 1));
            }
            parameters[i] = values.get(n);
        }
        Statement statement;
        try {
            statement = SqlParser.parseStatement(sql).statement();
        } catch (SqlSyntaxException x) {
            throw new KyroException(SqlState.SYNTAX_ERROR, x.getMessage());
        }
        return how.run(statement, sql, parameters, null, null);
    }

    // ---- Expressions ----------------------------------------------------------------------------

    record Value(Object value, SqlType type) {
    }

    Value evaluate(Text expr, Scope scope) {
        SqlRunner.Result r = run(body.expression(expr.text()), scope);
        if (r.columns().size() != 1) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "query \"SELECT " + expr.text() + "\" returned "
                    + r.columns().size() + " columns");
        }
        if (r.rows().size() > 1) {
            throw new KyroException(SqlState.CARDINALITY_VIOLATION, "query \"SELECT " + expr.text()
                    + "\" returned more than one row");
        }
        return new Value(r.rows().isEmpty() ? null : r.rows().get(0)[0], r.columns().get(0).type());
    }

    private boolean condition(Text expr, Scope scope, String what) {
        Value v = evaluate(expr, scope);
        if (v.value != null && !(v.value instanceof Boolean)) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "argument of " + what + " must be type boolean, not type "
                    + v.type.displayName());
        }
        return Boolean.TRUE.equals(v.value);
    }

    /** Runs an embedded statement with the variables it names bound as its parameters. */
    SqlRunner.Result run(Embedded e, Scope scope) {
        return bound(e, scope, runner::run);
    }

    /** Opens an embedded query for a cursor, the variables it names bound as its parameters: its rows, unread. */
    io.kyrodb.engine.ExecResult.Rows open(Embedded e, Scope scope) {
        return bound(e, scope, runner::open);
    }

    private <T> T bound(Embedded e, Scope scope, Runs<T> how) {
        int n = e.refs.size();
        Object[] parameters = new Object[n];
        SqlType[] types = new SqlType[n];
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Embedded.Ref ref = e.refs.get(i);
            if (ref.qualifier() == null) {
                Scope.Var v = scope.find(ref.name());
                if (v != null && !v.record) {
                    parameters[i] = v.value;
                    types[i] = v.type;
                }
            } else {
                Scope.Var v = scope.find(ref.qualifier());
                if (v != null && v.record) {
                    if (v.row == null) {
                        throw notAssigned(v);
                    }
                    int f = v.row.field(ref.name());
                    if (f < 0) {
                        throw new KyroException(SqlState.UNDEFINED_COLUMN, "record \"" + ref.qualifier()
                                + "\" has no field \"" + ref.name() + "\"");
                    }
                    parameters[i] = v.row.isNull() ? null : v.row.values()[f];
                    types[i] = v.row.types().get(f);
                }
            }
            key.append(types[i] == null ? "-" : types[i].toString()).append(',');
        }
        Variables variables = new Variables() {
            @Override
            public Slot slot(String qualifier, String name) {
                for (int i = 0; i < n; i++) {
                    Embedded.Ref ref = e.refs.get(i);
                    if (types[i] != null && ref.name().equals(name) && java.util.Objects.equals(ref.qualifier(), qualifier)) {
                        return new Slot(i, types[i]);
                    }
                }
                return null;
            }

            @Override
            public SqlType[] types() {
                return types;
            }
        };
        return how.run(e.statement, e.sql, parameters, e.plans(key.toString(), runner), variables);
    }

    void setFound(boolean value) {
        found.value = value;
    }

    private static KyroException notAssigned(Scope.Var v) {
        return new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "record \"" + v.name
                + "\" is not assigned yet");
    }
}
