package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shell end to end against KyroDB itself, over {@code jdbc:kyro:mem:}, reading stdin. */
class KyroShellTest {

    private static final String MEM = "mem:";

    @BeforeAll
    static void kyroDriverIsThere() {
        boolean present;
        try {
            present = DriverManager.getDriver("jdbc:kyro:mem:") != null;
        } catch (SQLException e) {
            present = false;
        }
        assumeTrue(present, "the KyroDB JDBC driver is not on main yet");
    }

    @Test
    void statementsFromStdin() {
        ShellRun run = ShellRun.run("""
                create table t (id int primary key, name text);
                insert into t values (1, 'alice'), (2, null),
                  (3, 'b;o''b');
                select id, name from t order by id;
                update t set name = 'carol' where id = 2;
                delete from t where id = 3;
                drop table t;
                """, MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                INSERT 0 3
                 id | name \s
                ----+-------
                  1 | alice
                  2 |\s
                  3 | b;o'b
                (3 rows)

                UPDATE 1
                DELETE 1
                DROP TABLE
                """);
    }

    @Test
    void errorsCarryTheSqlStateAndTheCaret() {
        ShellRun run = ShellRun.run("create table t (id int, name text);\nselect nme from t;\nselect 1 as one;\n", MEM);
        assertThat(run.status()).isZero();
        assertThat(run.err()).startsWith("ERROR 42703: ").contains("nme").contains("^");
        assertThat(run.out()).endsWith(" one \n-----\n   1\n(1 row)\n\n");
    }

    @Test
    void onErrorStopExitsThree() {
        ShellRun run = ShellRun.run("create table t (id int);\nselect * from nope;\ninsert into t values (1);\n",
                "--on-error-stop", MEM);
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("CREATE TABLE\n");
        assertThat(run.err()).startsWith("ERROR 42P01: ");
    }

    @Test
    void csv() {
        ShellRun run = ShellRun.run("create table t (id int, name text);\ninsert into t values (1, 'a,b'), (2, null);\n"
                + "select id, name from t order by id;\n", "--csv", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("id,name\n1,\"a,b\"\n2,\n");
    }
}
