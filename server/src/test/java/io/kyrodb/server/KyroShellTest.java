package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell end to end against KyroDB itself, over {@code jdbc:kyro:mem:}, reading stdin. */
class KyroShellTest {

    private static final String MEM = "mem:";

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

    @Test
    void describeReadsKyroDbMetadata() {
        ShellRun run = ShellRun.run("create table people (id int primary key, name text not null);\n"
                + "\\d\n\\d people\n", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                    List of relations
                 Schema |  Name  | Type \s
                --------+--------+-------
                 public | people | table

                         Table "public.people"
                 Column |  Type   | Nullable | Default\s
                --------+---------+----------+---------
                 id     | integer | not null |\s
                 name   | text    | not null |\s
                Indexes:
                    "people_pkey" PRIMARY KEY (id)

                """);
    }

    @Test
    void describeShowsExclusionConstraints() {
        ShellRun run = ShellRun.run("create table booking (id int primary key, room int, during int4range,"
                + " exclude using gist (room with =, during with &&));\n\\d booking\n", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                         Table "public.booking"
                 Column |   Type    | Nullable | Default\s
                --------+-----------+----------+---------
                 id     | integer   | not null |\s
                 room   | integer   |          |\s
                 during | int4range |          |\s
                Indexes:
                    "booking_pkey" PRIMARY KEY (id)
                    "booking_room_during_excl" EXCLUDE USING gist (room WITH =, during WITH &&)

                """);
    }

    @Test
    void describeNamesTypesAsPsqlDoes() {
        ShellRun run = ShellRun.run("create table t (a bigint, b boolean, c text[], d char(3), e timestamptz,"
                + " f varchar(5), g double precision);\n\\d t\n", "--csv", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("a,bigint,", "b,boolean,", "c,text[],", "d,character(3),",
                "e,timestamp with time zone,", "f,character varying(5),", "g,double precision,");
    }

    @Test
    void describeShowsIntervalTypmods() {
        ShellRun run = ShellRun.run("create table t (a interval, b interval day to second(3), c interval(2),"
                + " d interval year);\n\\d t\n", "--csv", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("a,interval,", "b,interval day to second(3),", "c,interval(2),",
                "d,interval year,");
    }

    @Test
    void describeShowsDefaultsAndGeneratedColumnsAsPsqlDoes() {
        ShellRun run = ShellRun.run("create table t (id serial primary key, name text default 'x', p int,"
                + " q int generated always as (p * 2) stored);\n\\d t\n", "--csv", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("id,integer,not null,nextval('t_id_seq'::regclass)\n", "name,text,\"\",'x'\n",
                "p,integer,\"\",\"\"\n", "q,integer,\"\",generated always as (p * 2) stored\n");
    }

    @Test
    void describePlusShowsComments() {
        ShellRun run = ShellRun.run("create schema app;\ncreate table app.people (id int primary key, name text);\n"
                + "comment on table app.people is 'who is who';\ncomment on column app.people.name is 'full name';\n"
                + "\\d+\n\\d+ app.people\n", "--csv", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Schema,Name,Type,Description\napp,people,table,who is who\n")
                .contains("Column,Type,Nullable,Default,Description\nid,integer,not null,\"\",\"\"\n"
                        + "name,text,\"\",\"\",full name\n");
    }

    @Test
    void describePlusShowsAViewsDefinitionAndCheckOption() {
        ShellRun run = ShellRun.run("create table t (a int, b text);\n"
                + "create view v as select a, b from t where a > 0 with local check option;\n"
                + "create view w as select a from t;\n\\d+ v\n\\d w\n", MEM);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("View \"public.v\"", "View definition:\n select a, b from t where a > 0;\n",
                "Options: check_option=local\n", "View \"public.w\"");
        assertThat(run.out()).doesNotContain("select a from t;");   // \d without + shows no definition
    }

    @Test
    void fileDatabaseKeepsDataBetweenRuns(@TempDir Path dir) {
        String url = dir.resolve("db").toString(); // a bare path: the shell adds jdbc:kyro:
        ShellRun first = ShellRun.run("", url, "-c", "create table t (id int primary key, v text)",
                "-c", "insert into t values (1, 'kept')");
        assertThat(first.err()).isEmpty();
        assertThat(first.status()).isZero();
        ShellRun second = ShellRun.run("", "--csv", "file:" + url, "-c", "select id, v from t");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo("id,v\n1,kept\n");
    }
}
