package io.kyrodb.sql.plpgsql;

import java.util.List;

/**
 * A PL/pgSQL function body or DO block as written: statements whose expressions and embedded SQL
 * are kept as source text ({@link Text}), for the engine to parse with KyroSql's parser and bind
 * with the block's variables. {@code line} is the statement's line in the body, for error context.
 */
public sealed interface PlStatement {
    int line();

    /** Source text of an expression or SQL statement and where it starts in the body (0-based offset). */
    record Text(String text, int offset) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A variable of DECLARE: {@code type} as written ({@code integer}, {@code t.c%TYPE}, {@code record});
     * {@code cursor} non-null for a bound cursor ({@code c CURSOR [(params)] FOR query}, type null).
     */
    record Declaration(int line, String name, String type, boolean constant, boolean notNull, Text defaultValue,
                       String aliasFor, Cursor cursor) {
        public Declaration(int line, String name, String type, boolean constant, boolean notNull, Text defaultValue,
                           String aliasFor) {
            this(line, name, type, constant, notNull, defaultValue, aliasFor, null);
        }
    }

    /** SCROLL, NO SCROLL, or neither written (DEFAULT). */
    enum Scroll { DEFAULT, SCROLL, NO_SCROLL }

    /** A bound cursor's declaration: its parameters ({name, type as written}) and query. */
    record Cursor(Scroll scroll, List<String[]> parameters, Text query) {
    }

    /**
     * OPEN cursor: a bound one with its {@code arguments}; or {@code query} (FOR query) for an unbound
     * refcursor, run as dynamic SQL with {@code using} when {@code dynamic} (FOR EXECUTE).
     */
    record Open(int line, String cursor, Scroll scroll, List<Text> arguments, Text query, boolean dynamic,
                List<Text> using) implements PlStatement {
    }

    /**
     * FETCH [direction] [FROM] cursor INTO targets, or MOVE ({@code move}, no targets); {@code count}
     * (ABSOLUTE, RELATIVE, FORWARD, BACKWARD n) null when none.
     */
    record Fetch(int line, boolean move, io.kyrodb.sql.ast.FetchDirection direction, Text count, String cursor, List<String> into)
            implements PlStatement {
    }

    record Close(int line, String cursor) implements PlStatement {
    }

    /**
     * An exception handler: its conditions, each a lower-case condition name ({@code unique_violation},
     * {@code others}) or a five-character SQLSTATE.
     */
    record Handler(List<String> conditions, List<PlStatement> body) {
    }

    record Block(int line, String label, List<Declaration> declarations, List<PlStatement> body,
                 List<Handler> handlers) implements PlStatement {
    }

    /** {@code target[.field] := expr}. */
    record Assign(int line, String target, String field, Text expr) implements PlStatement {
    }

    /** IF/ELSIF: {@code conditions.get(i)} guards {@code branches.get(i)}; {@code orElse} may be empty. */
    record If(int line, List<Text> conditions, List<List<PlStatement>> branches, List<PlStatement> orElse)
            implements PlStatement {
    }

    /**
     * CASE [subject] WHEN ... : with a subject each WHEN holds values to compare (comma-separated
     * text), else a condition; {@code orElse} null when no ELSE was written (no match is 20000).
     */
    record Case(int line, Text subject, List<Text> whens, List<List<PlStatement>> branches, List<PlStatement> orElse)
            implements PlStatement {
    }

    record Loop(int line, String label, List<PlStatement> body) implements PlStatement {
    }

    record While(int line, String label, Text condition, List<PlStatement> body) implements PlStatement {
    }

    record ForInteger(int line, String label, String variable, boolean reverse, Text lower, Text upper, Text step,
                      List<PlStatement> body) implements PlStatement {
    }

    /** FOR target IN query LOOP, or FOR target IN EXECUTE text [USING args] LOOP ({@code dynamic}). */
    record ForQuery(int line, String label, List<String> targets, boolean dynamic, Text query, List<Text> using,
                    List<PlStatement> body) implements PlStatement {
    }

    /** EXIT or CONTINUE ({@code isContinue}) [label] [WHEN condition]. */
    record Exit(int line, boolean isContinue, String label, Text condition) implements PlStatement {
    }

    /** RETURN [expr]: {@code expr} null when none. */
    record Return(int line, Text expr) implements PlStatement {
    }

    /** RETURN NEXT [expr] (a set-returning function's next row): {@code expr} null when none. */
    record ReturnNext(int line, Text expr) implements PlStatement {
    }

    /** RETURN QUERY query, or RETURN QUERY EXECUTE text [USING args] ({@code dynamic}). */
    record ReturnQuery(int line, Text query, boolean dynamic, List<Text> using) implements PlStatement {
    }

    /** FOREACH target [SLICE n] IN ARRAY expr LOOP ({@code slice} 0 without SLICE). */
    record ForEach(int line, String label, String variable, int slice, Text array, List<PlStatement> body)
            implements PlStatement {
    }

    /** ASSERT condition [, message]: {@code message} null when none. */
    record Assert(int line, Text condition, Text message) implements PlStatement {
    }

    /** A RAISE option: MESSAGE, DETAIL, HINT, ERRCODE ... = expr. */
    record RaiseOption(String name, Text value) {
    }

    /**
     * RAISE [level] ['format', args | SQLSTATE 'code' | condition] [USING options]: {@code level}
     * upper-case (EXCEPTION by default); everything else null or empty when not written; no
     * format, condition or option at all is a re-raise (inside a handler).
     */
    record Raise(int line, String level, String format, List<Text> arguments, String condition, String sqlState,
                 List<RaiseOption> options) implements PlStatement {
    }

    /** PERFORM query: the query as a SELECT ({@code SELECT } and what followed PERFORM). */
    record Perform(int line, Text query) implements PlStatement {
    }

    /** An embedded SQL statement, its INTO clause (if any) taken out into {@code into}. */
    record Sql(int line, Text sql, List<String> into, boolean strict) implements PlStatement {
    }

    /** EXECUTE text [INTO [STRICT] targets] [USING args]. */
    record Execute(int line, Text command, List<String> into, boolean strict, List<Text> using) implements PlStatement {
    }

    /**
     * GET [CURRENT | STACKED] DIAGNOSTICS target = item, ...: {@code items} pairs of target and
     * item name (lower case: row_count; returned_sqlstate, message_text ... when {@code stacked}).
     */
    record GetDiagnostics(int line, List<String[]> items, boolean stacked) implements PlStatement {
    }

    record Null(int line) implements PlStatement {
    }
}
