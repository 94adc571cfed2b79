package io.kyrodb.server;

import io.kyrodb.server.ShellSession.Outcome;

/**
 * Turns lines of input into statements and backslash commands and runs them, for every kind of
 * input (terminal, stdin, {@code -f}, {@code -c}). A line that starts with a backslash, outside any
 * string or comment, is a command; even in the middle of a statement, as in psql, which leaves the
 * statement pending. After {@code COPY ... FROM STDIN}, the lines up to one that is {@code \.} (or
 * the end of the input) are its data, as psql sends them: pg_dump's scripts load tables so.
 */
final class InputProcessor {

    private final ShellSession session;
    private final boolean stopOnError;
    private final StatementSplitter splitter = new StatementSplitter();
    private boolean failed;
    /** While reading COPY ... FROM STDIN's data: the statement, else null. */
    private String copyStatement;
    private final StringBuilder copyData = new StringBuilder();

    private static final java.util.regex.Pattern COPY = java.util.regex.Pattern.compile("(?i)\\s*COPY\\b");

    /** The COPY statement {@code sql} is when it reads STDIN ({@code from}) or writes STDOUT, else null. */
    private static io.kyrodb.sql.ast.Statement.Copy streamCopy(String sql, boolean from) {
        if (!COPY.matcher(sql).lookingAt()) {   // only COPY statements are parsed here
            return null;
        }
        try {   // parsed, so a "from stdin" inside a string or comment is no COPY FROM STDIN
            return io.kyrodb.sql.parser.SqlParser.parseStatement(sql).statement()
                    instanceof io.kyrodb.sql.ast.Statement.Copy c && c.from() == from && c.file() == null ? c : null;
        } catch (RuntimeException notKyroSql) {
            return null;   // the server reports it
        }
    }

    /** With {@code stopOnError}, the first failure ends the input ({@link #line} returns ERROR). */
    InputProcessor(ShellSession session, boolean stopOnError) {
        this.session = session;
        this.stopOnError = stopOnError;
    }

    /**
     * Takes one line (without its line break). Returns OK to go on reading, QUIT after {@code \q}, and
     * ERROR when a statement failed and input must stop.
     */
    Outcome line(String line) {
        if (copyStatement != null) {
            if (!line.equals("\\.")) {
                copyData.append(line).append('\n');
                return Outcome.OK;
            }
            return endCopy();
        }
        if (splitter.state() == StatementSplitter.State.NORMAL && line.stripLeading().startsWith("\\")) {
            return handle(session.metaCommand(line));
        }
        for (String sql : splitter.feed(line + "\n")) {
            if (streamCopy(sql, true) != null) {
                copyStatement = sql;   // the data follows on the next lines (the rest of this one is dropped)
                copyData.setLength(0);
                splitter.reset();
                return Outcome.OK;
            }
            Outcome outcome = handle(streamCopy(sql, false) != null ? session.copyOut(sql) : session.execute(sql));
            if (outcome != Outcome.OK) {
                splitter.reset();
                return outcome;
            }
        }
        return Outcome.OK;
    }

    /** Whether the lines now read are COPY ... FROM STDIN's data. */
    boolean copying() {
        return copyStatement != null;
    }

    private Outcome endCopy() {
        String sql = copyStatement;
        copyStatement = null;
        String data = copyData.toString();
        copyData.setLength(0);
        return handle(session.copyIn(sql, new java.io.StringReader(data)));
    }

    /**
     * Runs the pending {@code COPY ... FROM STDIN} with its data read from {@code input} as the COPY
     * consumes it (a script or piped input: no copy of the data block in memory), then skips to
     * the line after the end marker. Only while {@link #copying}.
     */
    Outcome copyFrom(java.io.BufferedReader input) throws java.io.IOException {
        String sql = copyStatement;
        copyStatement = null;
        CopyDataReader data = new CopyDataReader(input);
        Outcome outcome = session.copyIn(sql, data);
        data.drain();
        return handle(outcome);
    }

    /** Ends the input: runs a last statement left without its {@code ;}, as psql does. */
    Outcome finish() {
        if (copyStatement != null) {
            return endCopy();   // the input ended the data, as an EOF ends it in psql
        }
        String last = splitter.finish();
        return last == null ? Outcome.OK : handle(session.execute(last));
    }

    /** Whether any statement or command failed so far. */
    boolean failed() {
        return failed;
    }

    StatementSplitter splitter() {
        return splitter;
    }

    private Outcome handle(Outcome outcome) {
        if (outcome != Outcome.ERROR) return outcome;
        failed = true;
        return stopOnError ? Outcome.ERROR : Outcome.OK;
    }
}
