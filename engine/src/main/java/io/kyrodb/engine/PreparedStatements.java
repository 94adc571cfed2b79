package io.kyrodb.engine;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Statement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements a session prepared with SQL's PREPARE, by name, until DEALLOCATE, DISCARD ALL or
 * the session's end (they are not transactional, as in PostgreSQL: a rollback keeps them). PREPARE
 * binds the statement once, so a missing table or an undeterminable $n fails there; EXECUTE
 * evaluates its arguments, converts them to the parameters' types and runs the statement with
 * them, keeping its plan in the entry's {@link PlanCache} as a driver's prepared statement does.
 * Owned by one session, used on its thread.
 */
final class PreparedStatements {
    /** One prepared statement: {@code text} the PREPARE statement as written (pg_prepared_statements.statement). */
    record Entry(String name, String text, Statement body, String bodyText, SqlType[] types, Instant prepared,
                 PlanCache cache) {
    }

    private final Session session;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    PreparedStatements(Session session) {
        this.session = session;
    }

    ExecResult prepare(Statement.Prepare p, String sql) {
        if (entries.containsKey(p.name())) {
            throw new KyroException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + p.name() + "\" already exists");
        }
        SqlType[] declared = new SqlType[p.parameterCount()];
        for (int i = 0; i < p.types().size(); i++) {
            declared[i] = TypeResolver.resolve(p.types().get(i), sql);
        }
        SqlType[] types = session.bindForPrepare(p.body(), p.text(), declared);
        String text = sql.substring(Math.max(0, p.pos().offset()), statementEnd(sql, p)).strip();
        entries.put(p.name(), new Entry(p.name(), text, p.body(), p.text(), types, Instant.now(), new PlanCache()));
        return new ExecResult.Count(0);
    }

    /** Where the PREPARE statement ends in {@code sql} (a script may hold more): its body's end, then a ';'. */
    private static int statementEnd(String sql, Statement.Prepare p) {
        int bodyAt = sql.indexOf(p.text(), Math.max(0, p.pos().offset()));
        if (bodyAt < 0) {
            return sql.length();
        }
        int end = bodyAt + p.text().length();
        while (end < sql.length() && Character.isWhitespace(sql.charAt(end))) {
            end++;
        }
        return end < sql.length() && sql.charAt(end) == ';' ? end + 1 : bodyAt + p.text().length();
    }

    ExecResult execute(Statement.Execute e) {
        Entry entry = find(e.name());
        if (e.arguments().size() != entry.types().length) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
                    + e.name() + "\"\n  Detail: Expected " + entry.types().length + " parameters but got "
                    + e.arguments().size() + ".");
        }
        Object[] values = e.arguments().isEmpty() ? new Object[0] : session.evaluate(e.arguments(), entry.types());
        return session.runPrepared(entry.body(), entry.bodyText(), values, entry.cache());
    }

    ExecResult deallocate(Statement.Deallocate d) {
        if (d.name() == null) {
            entries.clear();
        } else if (entries.remove(d.name()) == null) {
            throw notFound(d.name());
        }
        return new ExecResult.Count(0);
    }

    /** DISCARD ALL. */
    void clear() {
        entries.clear();
    }

    List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    private Entry find(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw notFound(name);
        }
        return entry;
    }

    private static KyroException notFound(String name) {
        return new KyroException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
    }
}
