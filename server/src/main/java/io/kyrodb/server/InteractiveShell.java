package io.kyrodb.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

import io.kyrodb.server.ShellSession.Outcome;

/**
 * The shell at a terminal, psql-style: prompt {@code kyro=> }, and while a statement is open
 * {@code kyro-> } (or {@code kyro'> }, {@code kyro"> }, {@code kyro*> } inside a string, a quoted
 * name or a comment). A statement runs when a line ends it with {@code ;}. Ctrl-C clears what is
 * typed, or cancels the running statement (a second Ctrl-C quits, for a driver that cannot cancel);
 * Ctrl-D and {@code \q} quit. History keeps whole statements (not their lines) in
 * {@code ~/.kyro_history}, or in {@code $KYRO_HISTORY}.
 */
final class InteractiveShell {

    private final Terminal terminal;
    private final ShellSession session;
    private final Path historyFile;

    InteractiveShell(Terminal terminal, ShellSession session, Path historyFile) {
        this.terminal = terminal;
        this.session = session;
        this.historyFile = historyFile;
    }

    /** Reads and runs until {@code \q} or Ctrl-D. */
    void run(String banner) {
        StatementHistory history = new StatementHistory();
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(null); // JLine would otherwise drop backslashes from the line it returns
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("kyro")
                .parser(parser)
                .history(history)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "kyro-> ") // a recalled multi-line statement
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history
                .build();
        // Outside readLine (which handles Ctrl-C itself), Ctrl-C stops the running statement; pressed
        // again for the same statement (the driver cannot cancel, or takes too long), it quits.
        terminal.handle(Terminal.Signal.INT, signal -> {
            if (session.cancel() == ShellSession.Cancel.INSISTED) {
                session.toStderr("Interrupted again: quitting kyro");
                Runtime.getRuntime().halt(130); // not exit(): shutdown hooks could wait on the busy statement
            }
        });

        InputProcessor input = new InputProcessor(session, false);
        StringBuilder entry = new StringBuilder(); // the lines of the statement being typed
        session.say(banner);
        session.flush();
        while (true) {
            String text;
            try {
                text = reader.readLine(input.copying() ? ">> " : prompt(input.splitter()));
            } catch (UserInterruptException e) {
                input.splitter().reset();
                entry.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                session.say("\\q\n");
                break;
            }
            // A paste can bring several lines at once; take them one by one, as if typed.
            boolean quit = false;
            for (String line : text.split("\n", -1)) {
                boolean copying = input.copying();
                if (!copying && input.splitter().isIdle() && entry.isEmpty() && isWord(line, "quit", "exit")) {
                    quit = true;
                    break;
                }
                if (!copying && input.splitter().isIdle() && entry.isEmpty() && isWord(line, "help")) {
                    session.say("You are using kyro, the command-line interface to KyroDB.\n"
                            + "Type:  \\? for help\n       \\q to quit\n");
                    continue;
                }
                if (!copying) entry.append(line).append('\n');   // COPY's data lines stay out of the history
                Outcome outcome = input.line(line);
                if (!copying && input.copying()) {
                    session.say("Enter data to be copied followed by a newline.\n"
                            + "End with a backslash and a period on a line by itself, or an EOF signal.\n");
                }
                if (outcome == Outcome.QUIT || input.splitter().isIdle() && !input.copying()) remember(history, entry);
                if (outcome == Outcome.QUIT) {
                    quit = true;
                    break;
                }
            }
            if (quit) break;
        }
        try {
            history.save();
        } catch (IOException e) {
            session.toStderr("could not save history to " + historyFile + ": " + e.getMessage());
        }
    }

    /** psql's prompts: what is open at the end of the text typed so far. */
    static String prompt(StatementSplitter splitter) {
        return switch (splitter.state()) {
            case SINGLE_QUOTE -> "kyro'> ";
            case DOUBLE_QUOTE -> "kyro\"> ";
            case BLOCK_COMMENT -> "kyro*> ";
            case DOLLAR_QUOTE -> "kyro$> ";
            default -> splitter.inStatement() ? "kyro-> " : "kyro=> ";
        };
    }

    /** psql also takes {@code quit}, {@code exit} and {@code help} alone on a line, {@code ;} allowed. */
    private static boolean isWord(String line, String... words) {
        String text = line.strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(";")) text = text.substring(0, text.length() - 1).strip();
        for (String word : words) {
            if (text.equals(word)) return true;
        }
        return false;
    }

    private static void remember(StatementHistory history, StringBuilder entry) {
        String text = entry.toString().strip();
        entry.setLength(0);
        if (!text.isEmpty()) history.addStatement(text);
    }

    /**
     * JLine adds each line read to the history; this one takes only what the shell hands it, so a
     * statement typed over five lines comes back as one entry.
     */
    static final class StatementHistory extends DefaultHistory {
        private boolean adding;

        void addStatement(String text) {
            adding = true;
            try {
                add(Instant.now(), text);
            } finally {
                adding = false;
            }
        }

        @Override
        public void add(Instant time, String line) {
            if (adding) super.add(time, line);
        }
    }
}
