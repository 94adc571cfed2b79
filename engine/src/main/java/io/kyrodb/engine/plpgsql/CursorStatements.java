package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.cursor.Portal;
import io.kyrodb.engine.cursor.Portals;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.FetchDirection;
import io.kyrodb.sql.plpgsql.PlStatement;
import io.kyrodb.sql.plpgsql.PlStatement.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPEN, FETCH, MOVE, CLOSE and FOR rec IN cursor of one {@link Invocation}: a cursor variable holds
 * its portal's name (a bound one starts as its own name, a refcursor one as NULL until OPEN gives it
 * {@code <unnamed portal n>}); the portal ({@link Portal}) is in the session's {@link Portals}, with
 * SQL's DECLAREd cursors, and stays open until CLOSE or the transaction's end (so a function can
 * return a refcursor the caller FETCHes from). The query starts at OPEN with the variables' values
 * then; its rows are read as the cursor moves.
 */
final class CursorStatements {
    private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z_][A-Za-z_0-9$]*|\"(?:[^\"]|\"\")+\")\\s*"
            + "(?:\\((.*)\\))?\\s*", Pattern.DOTALL);

    private final Invocation invocation;
    private final Portals portals;

    CursorStatements(Invocation invocation, Portals portals) {
        this.invocation = invocation;
        this.portals = portals;
    }

    void open(PlStatement.Open o, Scope scope) {
        Scope.Var v = cursorVariable(o.cursor(), scope);
        if (v.cursor != null) {
            if (o.query() != null) {
                throw new KyroException(SqlState.SYNTAX_ERROR, "cursor \"" + o.cursor() + "\" is bound to a query:"
                        + " OPEN it without FOR (OPEN ... FOR is for refcursor variables)");
            }
            openBound(v, o.arguments(), scope);
            return;
        }
        if (o.query() == null) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "cursor \"" + o.cursor() + "\" is not bound to a query:"
                    + " OPEN it FOR a query");
        }
        String name = portalName(v);
        portals.checkFree(name);
        ExecResult.Rows rows = o.dynamic() ? invocation.dynamicOpen(o.query(), o.using(), scope)
                : invocation.open(invocation.body.statement(o.query().text()), scope);
        portals.add(new Portal(name, o.query().text().strip(), rows, o.scroll() == PlStatement.Scroll.SCROLL,
                false, false));
        v.value = name;
    }

    void fetch(PlStatement.Fetch f, Scope scope) {
        Scope.Var v = cursorVariable(f.cursor(), scope);
        if (v.value == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "cursor variable \"" + f.cursor() + "\" is null");
        }
        Portal p = portals.get(v.value.toString());
        long count = 1;
        if (f.count() != null) {
            Invocation.Value c = invocation.evaluate(f.count(), scope);
            if (c.value() == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "relative or absolute cursor position is null");
            }
            count = ((Number) Casts.convert(c.value(), SqlType.BIGINT, true)).longValue();
        }
        if (f.move()) {
            long moved = p.move(f.direction(), count);
            invocation.rowCount = moved;
            invocation.setFound(moved > 0);
            return;
        }
        List<Object[]> rows = p.fetch(f.direction(), count);
        Object[] row = rows.isEmpty() ? null : rows.get(0);
        invocation.into(f.into(), p.columns(), row, scope);
        invocation.rowCount = row == null ? 0 : 1;
        invocation.setFound(row != null);
    }

    void close(PlStatement.Close c, Scope scope) {
        Scope.Var v = cursorVariable(c.cursor(), scope);
        if (v.value == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "cursor variable \"" + c.cursor() + "\" is null");
        }
        portals.close(v.value.toString());
    }

    /** The bound cursor variable {@code FOR rec IN c [(args)] LOOP} names, or null when it is a query loop. */
    static Scope.Var boundCursorLoop(PlStatement.ForQuery f, Scope scope) {
        if (f.targets().size() != 1) {
            return null;
        }
        Matcher m = CALL.matcher(f.query().text());
        if (!m.matches()) {
            return null;
        }
        Scope.Var v = scope.find(name(m.group(1)));
        return v != null && v.cursor != null ? v : null;
    }

    /** FOR rec IN c [(args)] LOOP: opens the bound cursor, runs the body for each row, closes it. */
    void loop(PlStatement.ForQuery f, Scope scope) {
        Scope.Var v = boundCursorLoop(f, scope);
        Matcher m = CALL.matcher(f.query().text());
        m.matches();
        List<Text> arguments = m.group(2) == null ? List.of()
                : split(m.group(2), f.query().offset() + m.start(2));
        Portal p = openBound(v, arguments, scope);
        Scope inner = new Scope(scope);
        inner.declare(new Scope.Var(f.targets().get(0), SqlType.RECORD, true, false, false));
        boolean any = false;
        try {
            for (List<Object[]> rows = p.fetch(FetchDirection.NEXT, 1); !rows.isEmpty();
                 rows = p.fetch(FetchDirection.NEXT, 1)) {
                invocation.runner.checkCancel();
                any = true;
                invocation.into(f.targets(), p.columns(), rows.get(0), inner);
                if (!invocation.iteration(f.label(), f.body(), inner)) {
                    break;
                }
            }
        } finally {
            portals.discard(p.name());
        }
        invocation.setFound(any);
    }

    private Portal openBound(Scope.Var v, List<Text> arguments, Scope scope) {
        PlStatement.Cursor c = v.cursor;
        if (arguments.size() != c.parameters().size()) {
            throw new KyroException(SqlState.SYNTAX_ERROR, c.parameters().isEmpty()
                    ? "cursor \"" + v.name + "\" has no arguments"
                    : (arguments.size() < c.parameters().size() ? "not enough" : "too many") + " arguments for cursor \""
                    + v.name + "\"");
        }
        String name = portalName(v);
        portals.checkFree(name);
        Scope parameters = new Scope(scope);
        for (int i = 0; i < arguments.size(); i++) {
            String[] parameter = c.parameters().get(i);
            SqlType type = Invocation.resolveType(parameter[1]);
            Object value = Invocation.cast(invocation.evaluate(arguments.get(i), scope).value(), type);
            parameters.scalar(parameter[0].toLowerCase(Locale.ROOT), type, value);
        }
        ExecResult.Rows rows = invocation.open(invocation.body.statement(c.query().text()), parameters);
        Portal p = new Portal(name, c.query().text().strip(), rows, c.scroll() == PlStatement.Scroll.SCROLL, false,
                false);
        portals.add(p);
        v.value = name;
        return p;
    }

    private String portalName(Scope.Var v) {
        return v.value != null ? v.value.toString() : portals.nextUnnamed();
    }

    /**
     * The cursor variable {@code name}: a bound cursor, a refcursor, or a text one (refcursor is text
     * in SQL, so a function's refcursor argument arrives as text: {@code f(rc refcursor)}).
     */
    private static Scope.Var cursorVariable(String name, Scope scope) {
        Scope.Var v = scope.find(name);
        if (v == null || (v.cursor == null && !v.refcursor && !(!v.record && v.type != null
                && v.type.kind() == io.kyrodb.engine.types.TypeKind.TEXT))) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "variable \"" + name + "\" must be of type cursor or"
                    + " refcursor");
        }
        return v;
    }

    private static String name(String word) {
        return word.startsWith("\"") ? word.substring(1, word.length() - 1).replace("\"\"", "\"")
                : word.toLowerCase(Locale.ROOT);
    }

    /** Splits a cursor's argument list at the commas outside parentheses and quotes. */
    private static List<Text> split(String text, int offset) {
        List<Text> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == ']') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(new Text(text.substring(start, i), offset + start));
                start = i + 1;
            }
        }
        out.add(new Text(text.substring(start), offset + start));
        return out;
    }
}
