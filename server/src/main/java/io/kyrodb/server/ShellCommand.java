package io.kyrodb.server;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.kyrodb.server.ShellSession.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kyro shell}: runs SQL against a database, psql-style. At a terminal it is interactive;
 * otherwise it reads statements from stdin, or runs the {@code -c} commands and {@code -f} files, in
 * the order given, and exits. Exit status as in psql; see {@link KyroCommand}.
 */
@Command(name = "shell",
        mixinStandardHelpOptions = true,
        versionProvider = KyroCommand.Version.class,
        description = {
            "Runs SQL against a database, psql-style.",
            "Interactive at a terminal; otherwise it reads stdin, or runs the -c commands and -f files in "
                    + "the order given, then exits. Statements end with ';'.",
        },
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  all went well (a failing statement read from stdin or -f does not count,",
            "     unless --on-error-stop)",
            "  1  a -c command failed, or a file could not be read",
            "  2  bad usage, or the database could not be opened",
            "  3  --on-error-stop stopped at a failing statement",
        })
final class ShellCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "jdbc:kyro:file:kyro-data";

    @ParentCommand
    private KyroCommand kyro;

    @Parameters(arity = "0..1", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "the database: a jdbc: URL, or what follows jdbc:kyro: (a directory, file:PATH, "
                    + "mem:, mem:NAME). Default: ${DEFAULT-VALUE}, in the current directory.")
    private String url;

    @Option(names = "--csv", description = "print query results as CSV with a header row, and nothing else")
    private boolean csv;

    @Option(names = "--on-error-stop", description = "stop at the first failing statement and exit with status 3")
    private boolean onErrorStop;

    /** The -c commands and -f files, in the order given. */
    private final List<Action> actions = new ArrayList<>();

    private record Action(boolean isFile, String text) {}

    @Option(names = {"-c", "--command"}, paramLabel = "SQL",
            description = "run SQL (statements, or one backslash command) and exit; may be repeated")
    private void command(String sql) {
        actions.add(new Action(false, sql));
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "run the statements in FILE (- for stdin) and exit; may be repeated")
    private void file(String path) {
        actions.add(new Action(true, path));
    }

    /** Puts {@code jdbc:kyro:} in front of what is not already a JDBC URL. */
    static String jdbcUrl(String url) {
        return url.regionMatches(true, 0, "jdbc:", 0, 5) ? url : "jdbc:kyro:" + url;
    }

    @Override
    public Integer call() throws IOException {
        Streams streams = kyro.streams;
        Writer err = new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8);
        boolean interactive = actions.isEmpty() && streams.terminal();
        Terminal terminal = interactive ? TerminalBuilder.builder().system(true).build() : null;
        try {
            Writer out = interactive
                    ? terminal.writer()
                    : new BufferedWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), 1 << 16);
            String jdbcUrl = jdbcUrl(url);
            Connection connection;
            try {
                connection = DriverManager.getConnection(jdbcUrl);
            } catch (SQLException e) {
                OutputFailedException.append(err, ShellSession.describe(e) + "\n");
                OutputFailedException.flush(err);
                return 2;
            }
            ResultPrinter printer = csv ? new ResultPrinter.Csv(out) : new ResultPrinter.Aligned(out);
            ShellSession session = new ShellSession(connection, printer, out, err, interactive);
            try {
                if (!actions.isEmpty()) return runActions(session, streams);
                if (interactive) {
                    new InteractiveShell(terminal, session, historyFile()).run(banner(connection, jdbcUrl));
                    return 0;
                }
                BufferedReader stdin = new BufferedReader(new InputStreamReader(streams.in(), StandardCharsets.UTF_8));
                return runInput(new InputProcessor(session, onErrorStop), stdin) == Outcome.ERROR ? 3 : 0;
            } finally {
                session.flush();
                try {
                    session.close();
                } catch (SQLException e) {
                    session.toStderr(ShellSession.describe(e));
                }
            }
        } catch (OutputFailedException e) {
            return 1; // stdout is gone (kyro ... | head): nobody is left to tell
        } finally {
            if (terminal != null) terminal.close();
        }
    }

    private int runActions(ShellSession session, Streams streams) {
        int status = 0;
        for (Action action : actions) {
            Outcome outcome;
            if (action.isFile()) {
                try (BufferedReader reader = open(action.text(), streams)) {
                    outcome = runInput(new InputProcessor(session, onErrorStop), reader);
                } catch (IOException e) {
                    session.toStderr("kyro: " + action.text() + ": " + reason(e));
                    if (onErrorStop) return 1;
                    status = 1;
                    continue;
                }
            } else {
                // psql sends a -c string as one query, which stops at its first error: so do we.
                try {
                    outcome = runInput(new InputProcessor(session, true), new BufferedReader(new StringReader(action.text())));
                } catch (IOException e) {
                    throw new AssertionError(e); // a StringReader does not fail
                }
                if (outcome == Outcome.ERROR && !onErrorStop) {
                    status = 1;
                    continue;
                }
            }
            if (outcome == Outcome.QUIT) break;
            if (outcome == Outcome.ERROR) return 3;
        }
        return status;
    }

    /** Feeds every line to {@code input}; returns ERROR if it stopped at a failure, QUIT after {@code \q}. */
    private static Outcome runInput(InputProcessor input, BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            Outcome outcome = input.line(line);
            if (outcome == Outcome.OK && input.copying()) {
                outcome = input.copyFrom(reader);   // the data lines go to the COPY as it reads them
            }
            if (outcome != Outcome.OK) return outcome;
        }
        return input.finish();
    }

    private static BufferedReader open(String file, Streams streams) throws IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(streams.in(), StandardCharsets.UTF_8)) {
                @Override
                public void close() {} // stdin stays open for a later "-f -"
            };
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static Path historyFile() {
        String override = System.getenv("KYRO_HISTORY");
        if (override != null && !override.isBlank()) return Path.of(override);
        return Path.of(System.getProperty("user.home"), ".kyro_history");
    }

    private static String banner(Connection connection, String jdbcUrl) {
        String database;
        try {
            DatabaseMetaData meta = connection.getMetaData();
            database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            database = "unknown database";
        }
        return "kyro " + KyroCommand.version() + " (" + database.strip() + ") on " + jdbcUrl
                + "\nType \\? for help, \\q to quit.\n\n";
    }
}
