package io.kyrodb.server;

import io.kyrodb.server.ShellSession.Outcome;

/**
 * Turns lines of input into statements and backslash commands and runs them, for every kind of
 * input (terminal, stdin, {@code -f}, {@code -c}). A line that starts with a backslash, outside any
 * string or comment, is a command; even in the middle of a statement, as in psql, which leaves the
 * statement pending.
 */
final class InputProcessor {

    private final ShellSession session;
    private final boolean stopOnError;
    private final StatementSplitter splitter = new StatementSplitter();
    private boolean failed;

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
        if (splitter.state() == StatementSplitter.State.NORMAL && line.stripLeading().startsWith("\\")) {
            return handle(session.metaCommand(line));
        }
        for (String sql : splitter.feed(line + "\n")) {
            Outcome outcome = handle(session.execute(sql));
            if (outcome != Outcome.OK) {
                splitter.reset();
                return outcome;
            }
        }
        return Outcome.OK;
    }

    /** Ends the input: runs a last statement left without its {@code ;}, as psql does. */
    Outcome finish() {
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
