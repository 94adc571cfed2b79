package io.kyrodb.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection and where its results go: runs a statement or a backslash command and prints
 * what comes back, results to {@code out}, errors and warnings to {@code err}. Input (splitting,
 * prompts, when to stop) is the caller's business.
 *
 * <p>Used by one input thread; {@link #cancel()} alone may be called from another (a signal handler).
 */
final class ShellSession implements AutoCloseable {

    /** How a statement or command went. */
    enum Outcome { OK, ERROR, QUIT }

    private final Connection connection;
    private final ResultPrinter printer;
    private final Writer out;
    private final Writer err;
    private final MetaCommands metaCommands;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final boolean terminal;
    private final long quietNanos;
    /** The statement {@link #cancel()} last asked to stop. */
    private final AtomicReference<Statement> cancelled = new AtomicReference<>();

    ShellSession(Connection connection, ResultPrinter printer, Writer out, Writer err) {
        this(connection, printer, out, err, false);
    }

    /** {@code terminal}: {@code err} is a terminal, where a running statement's progress is a status line. */
    ShellSession(Connection connection, ResultPrinter printer, Writer out, Writer err, boolean terminal) {
        this(connection, printer, out, err, terminal, ProgressDisplay.QUIET_NANOS);
    }

    /** {@code quietNanos}: how long a statement runs before its progress shows (tests pass 0). */
    ShellSession(Connection connection, ResultPrinter printer, Writer out, Writer err, boolean terminal,
                 long quietNanos) {
        this.quietNanos = quietNanos;
        this.terminal = terminal;
        this.connection = connection;
        this.printer = printer;
        this.out = out;
        this.err = err;
        this.metaCommands = new MetaCommands(this);
    }

    /**
     * Runs one statement and prints its rows or its command tag. Only the statement's first result
     * is read: the shell sends one statement at a time.
     */
    Outcome execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            flush();
            ProgressDisplay progress = ProgressDisplay.start(statement, err, terminal, quietNanos);
            boolean hasRows;
            try {
                hasRows = statement.execute(sql);
            } finally {
                progress.finish();
            }
            warnings(statement.getWarnings());
            if (hasRows) {
                long rows;
                try (ResultSet rs = statement.getResultSet()) {
                    rows = printer.printRows(rs);
                }
                if (CommandTag.isDml(sql)) printer.printTag(CommandTag.of(sql, rows)); // ... RETURNING
            } else {
                printer.printTag(CommandTag.of(sql, statement.getUpdateCount()));
            }
            return Outcome.OK;
        } catch (SQLException e) {
            toStderr(describe(e));
            return Outcome.ERROR;
        } catch (OutputFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            toStderr(internalError(e));
            return Outcome.ERROR;
        } finally {
            running.set(null);
            flush();
        }
    }

    /**
     * Runs {@code COPY ... FROM STDIN} with {@code data} (the lines that followed it) as its input,
     * and prints its tag.
     */
    Outcome copyIn(String sql, java.io.Reader data) {
        try {
            long rows = connection.unwrap(io.kyrodb.jdbc.KyroConnection.class).copyIn(sql, data);
            printer.printTag("COPY " + rows);
            return Outcome.OK;
        } catch (SQLException e) {
            toStderr(describe(e));
            return Outcome.ERROR;
        } finally {
            flush();
        }
    }

    /** Runs {@code COPY ... TO STDOUT}: the rows go to the output as they are written, then the tag. */
    Outcome copyOut(String sql) {
        try {
            flush();
            long rows = connection.unwrap(io.kyrodb.jdbc.KyroConnection.class).copyOut(sql, out);
            printer.printTag("COPY " + rows);
            return Outcome.OK;
        } catch (SQLException e) {
            toStderr(describe(e));
            return Outcome.ERROR;
        } finally {
            flush();
        }
    }

    /** Runs a backslash command line, such as {@code \d users}. */
    Outcome metaCommand(String line) {
        try {
            return metaCommands.run(line);
        } finally {
            flush();
        }
    }

    /** What {@link #cancel()} did. */
    enum Cancel {
        /** No statement was running. */
        NOTHING_RUNNING,
        /** The driver was asked to stop the running statement. */
        REQUESTED,
        /** The running statement was already asked to stop (or could not be): the user insists. */
        INSISTED
    }

    /**
     * Asks the driver to stop the statement now running, if any; says so, or why it could not, on
     * {@code err}. A second call for the same statement returns {@link Cancel#INSISTED}.
     */
    Cancel cancel() {
        Statement statement = running.get();
        if (statement == null) return Cancel.NOTHING_RUNNING;
        if (cancelled.getAndSet(statement) == statement) return Cancel.INSISTED;
        try {
            statement.cancel();
            toStderr("Cancel request sent");
        } catch (SQLException | RuntimeException e) {
            toStderr("could not cancel the statement: " + e.getMessage());
        }
        return Cancel.REQUESTED;
    }

    Connection connection() {
        return connection;
    }

    ResultPrinter printer() {
        return printer;
    }

    /** Writes text meant for people (help) to the result stream, whatever the format. */
    void say(String text) {
        OutputFailedException.append(out, text);
    }

    /** Writes a line for people (error, warning, notice) to {@code err}, after what {@code out} holds, in order. */
    void toStderr(String line) {
        flush();
        OutputFailedException.append(err, line.endsWith("\n") ? line : line + "\n");
        OutputFailedException.flush(err);
    }

    void flush() {
        OutputFailedException.flush(out);
    }

    /** {@code ERROR 42P01: message}; the message is the driver's, caret lines and all. */
    static String describe(SQLException e) {
        String state = e.getSQLState();
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return (state == null || state.isEmpty() ? "ERROR: " : "ERROR " + state + ": ") + message;
    }

    /** A driver that throws something other than SQLException has a bug: say so, with the trace. */
    private static String internalError(RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return "ERROR XX000: internal error in the driver: " + trace;
    }

    private void warnings(SQLWarning warning) {
        for (; warning != null; warning = warning.getNextWarning()) {
            if (ProgressDisplay.isNotice(warning)) {
                continue;   // shown while the statement ran
            }
            String state = warning.getSQLState();
            toStderr((state == null ? "WARNING: " : "WARNING " + state + ": ") + warning.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
