package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive loop over a dumb JLine terminal fed from a string (a real terminal is tried by
 * hand under tmux). H2 stands in for the database.
 */
class InteractiveShellTest {

    @TempDir
    Path dir;

    @Test
    void promptsFollowWhatIsOpenAndHistoryKeepsWholeStatements() throws IOException, SQLException {
        String typed = """
                create table t (id int,
                 name varchar(9));
                insert into t values (1, 'a
                b');
                select /* c
                */ id from t;
                help
                quit
                select 'never run';
                """;
        String screen = run(typed);
        assertThat(screen)
                .contains("kyro=> ")
                .contains("kyro-> ")
                .contains("kyro'> ")
                .contains("kyro*> ")
                .contains("CREATE TABLE")
                .contains("INSERT 0 1")
                .contains(" ID \n----\n  1\n(1 row)\n")
                .contains("Type:  \\? for help")
                .doesNotContain("never run\n(1 row)");
        assertThat(Files.readAllLines(dir.resolve("history")))
                .extracting(line -> line.substring(line.indexOf(':') + 1))
                .containsExactly(
                        "create table t (id int,\\n name varchar(9));",
                        "insert into t values (1, 'a\\nb');",
                        "select /* c\\n*/ id from t;");
    }

    @Test
    void backslashQuitEndsTheSession() throws IOException, SQLException {
        String screen = run("\\q\nselect 'never run';\n");
        assertThat(screen).doesNotContain("never run\n");
    }

    @Test
    void endOfInputQuitsLikeCtrlD() throws IOException, SQLException {
        assertThat(run("select 1 as x;\n")).contains("(1 row)").endsWith("\\q\n");
    }

    private String run(String typed) throws IOException, SQLException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen);
             ShellSession session = new ShellSession(DriverManager.getConnection("jdbc:h2:mem:"),
                     new ResultPrinter.Aligned(terminal.writer()), terminal.writer(), err)) {
            new InteractiveShell(terminal, session, dir.resolve("history")).run("banner\n");
            terminal.writer().flush();
        }
        assertThat(err.toString()).isEmpty();
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
