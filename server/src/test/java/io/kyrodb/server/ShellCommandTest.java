package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The shell end to end over JDBC, with H2 as the database so it runs without KyroDB's engine (H2
 * folds names to upper case and has its own SQLSTATEs: these tests check the shell, not the SQL).
 * {@link KyroShellTest} does the same against KyroDB.
 */
class ShellCommandTest {

    private static final String H2 = "jdbc:h2:mem:";

    private static final String SETUP = """
            create table t (id int primary key, name varchar(20), score decimal(5, 2));
            insert into t values (1, 'alice', 9.5), (2, null, null),
              (3, 'b;o''b', -1.25);
            """;

    @Test
    void stdinRunsStatementsAndPrintsLikePsql() {
        ShellRun run = ShellRun.run(SETUP + "select * from t order by id;\nupdate t set score = 0 where id > 1;\n"
                + "delete from t where id = 3;\ndrop table t;\n", "shell", H2);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                INSERT 0 3
                 ID | NAME  | SCORE\s
                ----+-------+-------
                  1 | alice |  9.50
                  2 |       |     \s
                  3 | b;o'b | -1.25
                (3 rows)

                UPDATE 2
                DELETE 1
                DROP TABLE
                """);
    }

    @Test
    void errorsGoToStderrAndTheRestStillRunsWithStatusZero() {
        ShellRun run = ShellRun.run("select * from nope;\nselect 1 as one;\n", "shell", H2);
        assertThat(run.status()).isZero();
        assertThat(run.err()).containsPattern("^ERROR 42S0\\d: Table \"NOPE\" not found");
        assertThat(run.out()).isEqualTo(" ONE \n-----\n   1\n(1 row)\n\n");
    }

    @Test
    void onErrorStopStopsAtTheFirstFailureWithStatusThree() {
        ShellRun run = ShellRun.run("create table t (a int);\nselect * from nope;\ninsert into t values (1);\n",
                "shell", "--on-error-stop", H2);
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("CREATE TABLE\n");
        assertThat(run.err()).startsWith("ERROR 42S0").doesNotContain("INSERT");
    }

    @Test
    void lastStatementWithoutSemicolonRuns() {
        ShellRun run = ShellRun.run("select 1 as one; select 2 as two", "shell", "--csv", H2);
        assertThat(run.out()).isEqualTo("ONE\n1\nTWO\n2\n");
    }

    @Test
    void csvPrintsOnlyTheData() {
        ShellRun run = ShellRun.run(SETUP + "select id, name, score, '' as empty from t order by id;\n",
                "shell", "--csv", H2);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ID,NAME,SCORE,EMPTY
                1,alice,9.50,""
                2,,,""
                3,b;o'b,-1.25,""
                """);
    }

    @Test
    void commandRunsAndExits() {
        ShellRun run = ShellRun.run("select 99;\n", "shell", "-c", "select 1 as a; select 2 as b", H2);
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(" A \n---\n 1\n(1 row)\n\n B \n---\n 2\n(1 row)\n\n");
    }

    @Test
    void failingCommandStopsItsOwnStatementsAndExitsOneLikePsql() {
        ShellRun run = ShellRun.run("", "-c", "select 1 as a; select * from nope; select 3 as c", "-c", "select 4 as d", H2);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains(" A ").doesNotContain(" C ").contains(" D ");
        assertThat(run.err()).startsWith("ERROR 42S0");
    }

    @Test
    void failingCommandWithOnErrorStopExitsThree() {
        ShellRun run = ShellRun.run("", "--on-error-stop", "-c", "select * from nope", "-c", "select 4 as d", H2);
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void commandsAndFilesRunInTheOrderGiven(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("script.sql"), "insert into t values (2);\n-- done\n");
        ShellRun run = ShellRun.run("", "--csv", "-c", "create table t (a int)", "-f", file.toString(),
                "-c", "select * from t", H2);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("A\n2\n");
    }

    @Test
    void fileErrorsCountOnlyWithOnErrorStop(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.sql"), "select * from nope;\nselect 5 as five;\n");
        assertThat(ShellRun.run("", "-f", file.toString(), H2).status()).isZero();
        ShellRun stopped = ShellRun.run("", "--on-error-stop", "-f", file.toString(), H2);
        assertThat(stopped.status()).isEqualTo(3);
        assertThat(stopped.out()).isEmpty();
    }

    @Test
    void missingFileExitsOne(@TempDir Path dir) {
        Path missing = dir.resolve("missing.sql");
        ShellRun run = ShellRun.run("", "-f", missing.toString(), "-c", "select 1 as a", H2);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("kyro: " + missing + ": No such file or directory\n");
        assertThat(run.out()).contains(" A ");
    }

    @Test
    void dashFileReadsStdin() {
        ShellRun run = ShellRun.run("select 7 as x;", "--csv", "-f", "-", H2);
        assertThat(run.out()).isEqualTo("X\n7\n");
    }

    @Test
    void backslashQuitStopsReading() {
        ShellRun run = ShellRun.run("select 1 as a;\n\\q\nselect 2 as b;\n", "--csv", H2);
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("A\n1\n");
    }

    @Test
    void describeListsTablesAndColumns() {
        ShellRun run = ShellRun.run(SETUP + "create unique index t_name on t (name);\n\\d\n\\d t\n\\d T;\n", H2);
        assertThat(run.err()).isEmpty();
        String describe = """
                                  Table "PUBLIC.T"
                 Column |         Type          | Nullable | Default\s
                --------+-----------------------+----------+---------
                 ID     | integer               | not null |\s
                 NAME   | character varying(20) |          |\s
                 SCORE  | decimal(5,2)          |          |\s
                Indexes:
                    "CONSTRAINT_5" PRIMARY KEY (ID)
                    "T_NAME" UNIQUE (NAME)

                """;
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                INSERT 0 3
                CREATE INDEX
                   List of relations
                 Schema | Name | Type \s
                --------+------+-------
                 PUBLIC | T    | table

                """ + describe + describe);
    }

    @Test
    void commandMayBeABackslashCommand() {
        ShellRun run = ShellRun.run("", "--csv", "-c", "create table t (a int)", "-c", "\\d", H2);
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("Schema,Name,Type\nPUBLIC,T,table\n");
    }

    @Test
    void describeOfAMissingTableIsAnError() {
        ShellRun run = ShellRun.run("\\d nope\n", "--on-error-stop", H2);
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("Did not find any relation named \"nope\".\n");
    }

    @Test
    void emptyDatabaseHasNoRelations() {
        ShellRun run = ShellRun.run("\\d\n", "--on-error-stop", H2);
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Did not find any relations.\n");
    }

    @Test
    void unknownBackslashCommand() {
        ShellRun run = ShellRun.run("\\x\n", H2);
        assertThat(run.err()).isEqualTo("invalid command \\x\nTry \\? for help.\n");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(ShellRun.run("\\?\n", H2).out()).contains("\\q", "\\d NAME", "Ctrl-C");
    }

    @Test
    void databaseThatCannotBeOpenedExitsTwo() {
        ShellRun run = ShellRun.run("", "shell", "jdbc:nosuch:thing");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ERROR 08001: No suitable driver found for jdbc:nosuch:thing\n");
    }

    @Test
    void urlsGainTheKyroPrefixWhenTheyHaveNone() {
        assertThat(ShellCommand.jdbcUrl("mem:")).isEqualTo("jdbc:kyro:mem:");
        assertThat(ShellCommand.jdbcUrl("./data")).isEqualTo("jdbc:kyro:./data");
        assertThat(ShellCommand.jdbcUrl("file:kyro-data")).isEqualTo("jdbc:kyro:file:kyro-data");
        assertThat(ShellCommand.jdbcUrl("jdbc:kyro:mem:x")).isEqualTo("jdbc:kyro:mem:x");
        assertThat(ShellCommand.jdbcUrl("JDBC:h2:mem:")).isEqualTo("JDBC:h2:mem:");
        assertThat(ShellCommand.DEFAULT_URL).isEqualTo("jdbc:kyro:file:kyro-data");
    }

    @Test
    void shellIsTheDefaultCommandForShellArguments() {
        CommandLine kyro = new CommandLine(new KyroCommand(null));
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[0])).containsExactly("shell");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"-c", "select 1"}))
                .containsExactly("shell", "-c", "select 1");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"mem:"})).containsExactly("shell", "mem:");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"./db"})).containsExactly("shell", "./db");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"shell", "mem:"})).containsExactly("shell", "mem:");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"--version"})).containsExactly("--version");
        assertThat(KyroCommand.withDefaultSubcommand(kyro, new String[] {"srve"})).containsExactly("srve");
    }

    @Test
    void mistypedCommandIsAUsageError() {
        ShellRun run = ShellRun.run("", "srve");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument at index 0: 'srve'");
    }

    @Test
    void versionNamesTheBuild() {
        ShellRun run = ShellRun.run("", "--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("kyro 0.").contains("Java ");
    }
}
