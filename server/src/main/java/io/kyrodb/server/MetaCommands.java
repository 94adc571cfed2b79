package io.kyrodb.server;

import java.sql.SQLException;

import io.kyrodb.server.ShellSession.Outcome;

/**
 * The shell's backslash commands: {@code \q}, {@code \?}, {@code \d} and {@code \d NAME}. A command
 * takes the rest of its line as its argument, as in psql.
 */
final class MetaCommands {

    static final String HELP = """
            General
              \\q                quit kyro
              \\?                show this help

            Informational
              \\d                list tables and views
              \\d NAME           describe table or view NAME (its columns and indexes)
              \\d+ [NAME]        the same with each relation's or column's description (COMMENT ON)

            Input
              \\restrict KEY    allow no other backslash command until \\unrestrict KEY (pg_dump's scripts
                                begin and end with the pair)
              \\unrestrict KEY  end \\restrict

            SQL statements end with ';' and may span lines. COPY ... FROM STDIN reads the lines after it,
            up to a line \\. (as in pg_dump's scripts); COPY ... TO STDOUT prints the rows.
            Ctrl-C clears the statement being typed, or cancels the one running (twice: quits kyro).
            Ctrl-D quits.

            """;

    private final ShellSession session;
    /** While not null, the key of the restrict command: every command but unrestrict with that key is refused. */
    private String restrictKey;

    MetaCommands(ShellSession session) {
        this.session = session;
    }

    /** Runs {@code line}, which starts with a backslash. */
    Outcome run(String line) {
        String text = line.strip();
        int space = indexOfWhitespace(text);
        String command = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space).strip();
        // psql would take "t;" as the name in "\d t;"; a name cannot end with an unquoted ';' anyway.
        while (argument.endsWith(";")) argument = argument.substring(0, argument.length() - 1).strip();
        if (restrictKey != null && !command.equals("\\unrestrict")) {
            session.toStderr("backslash commands are restricted; only \\unrestrict is allowed");
            return Outcome.ERROR;
        }
        return switch (command) {
            case "\\restrict" -> {
                if (argument.isEmpty()) {
                    session.toStderr("\\restrict: missing required argument");
                    yield Outcome.ERROR;
                }
                restrictKey = argument;
                yield Outcome.OK;
            }
            case "\\unrestrict" -> {
                if (restrictKey == null || !restrictKey.equals(argument)) {
                    session.toStderr(restrictKey == null ? "\\unrestrict: not currently in restricted mode"
                            : "\\unrestrict: wrong key");
                    yield Outcome.ERROR;
                }
                restrictKey = null;
                yield Outcome.OK;
            }
            case "\\q" -> Outcome.QUIT;
            case "\\?" -> {
                session.say(HELP);
                yield Outcome.OK;
            }
            case "\\d" -> argument.isEmpty() ? listRelations(false) : describe(argument, false);
            case "\\d+" -> argument.isEmpty() ? listRelations(true) : describe(argument, true);
            default -> {
                session.toStderr("invalid command " + command + "\nTry \\? for help.");
                yield Outcome.ERROR;
            }
        };
    }

    private Outcome listRelations(boolean verbose) {
        try {
            ResultTable relations = new Describer(session.connection().getMetaData()).relations(verbose);
            // psql says so on stderr, so CSV output stays data only; it is not an error.
            if (relations.rows().isEmpty()) session.toStderr("Did not find any relations.");
            else session.printer().printTable(relations);
            return Outcome.OK;
        } catch (SQLException e) {
            session.toStderr(ShellSession.describe(e));
            return Outcome.ERROR;
        }
    }

    private Outcome describe(String name, boolean verbose) {
        try {
            ResultTable table = new Describer(session.connection().getMetaData()).table(name, verbose);
            if (table == null) {
                session.toStderr("Did not find any relation named \"" + name + "\".");
                return Outcome.ERROR;
            }
            session.printer().printTable(table);
            return Outcome.OK;
        } catch (SQLException e) {
            session.toStderr(ShellSession.describe(e));
            return Outcome.ERROR;
        }
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
