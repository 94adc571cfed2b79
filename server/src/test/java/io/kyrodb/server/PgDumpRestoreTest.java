package io.kyrodb.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain-format pg_dump of a PostgreSQL 15 database (src/test/resources/pg_dump, unedited) restores
 * into KyroDB through the shell, as {@code psql -f} restores it into PostgreSQL: its settings,
 * OWNER TO statements, {@code pg_catalog.}-qualified calls, identity SEQUENCE NAME, COPY ... FROM
 * stdin data blocks and the {@code \restrict} pair all run, and the result is the same database.
 */
class PgDumpRestoreTest {

    /** The dump {@code name} from src/test/resources/pg_dump, as a file in {@code dir}. */
    private static Path dump(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = PgDumpRestoreTest.class.getResourceAsStream("/pg_dump/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String csv(String url, String sql) {
        ShellRun run = ShellRun.run("", "--csv", "-c", sql, url);
        assertThat(run.err()).as(sql).isEmpty();
        return run.out();
    }

    @Test
    void aPgDumpScriptRestoresWithEveryStatementSucceeding(@TempDir Path dir) throws IOException {
        String url = "jdbc:kyro:" + dir.resolve("db");
        ShellRun restore = ShellRun.run("", "--on-error-stop", "-f", dump(dir, "library.sql").toString(), url);
        assertThat(restore.err()).isEmpty();
        assertThat(restore.status()).isZero();
        assertThat(restore.out()).contains("COPY 3\n", "COPY 4\n");

        assertThat(csv(url, "select id, name, born, meta::text from authors order by id")).isEqualTo("""
                id,name,born,meta
                1,Ann,1950-01-02,"{""x"": 1}"
                2,"Bob ""the"" Builder",,{}
                3,Tab\there,2000-12-31,"{""nested"": {""a"": [1, 2]}}"
                """);
        assertThat(csv(url, "select id, author_id, title, price, tags from books order by id")).isEqualTo("""
                id,author_id,title,price,tags
                1,1,First,5.50,"{a,b}"
                2,1,"Line
                break",20.00,
                3,2,Back\\slash,0.00,{}
                4,3,é unicode,9.99,"{""with space""}"
                """);
        assertThat(csv(url, "select id, title, name from cheap_books order by id")).isEqualTo("""
                id,title,name
                1,First,Ann
                3,Back\\slash,"Bob ""the"" Builder"
                4,é unicode,Tab\there
                """);
        // the sequences go on where PostgreSQL left them, serial and identity alike
        assertThat(csv(url, "insert into authors (name) values ('New') returning id")).isEqualTo("id\n4\n");
        assertThat(csv(url, "insert into books (author_id, title) values (4, 'Next') returning id")).isEqualTo("id\n5\n");
        assertThat(csv(url, "select nextval('ticket') as n")).isEqualTo("n\n101\n");
        // constraints added after the data hold
        assertThat(ShellRun.run("", "-c", "insert into books (author_id, title) values (99, 'x')", url).err())
                .contains("23503");
        assertThat(ShellRun.run("", "-c", "insert into authors (name) values ('Ann')", url).err()).contains("23505");
        assertThat(ShellRun.run("", "-c", "insert into books (author_id, title, price) values (1, 'x', -1)", url).err())
                .contains("23514");
        assertThat(csv(url, "select obj_description('books'::regclass, 'pg_class') as c")).isEqualTo("c\nall the books\n");
        assertThat(csv(url, "select indexname from pg_indexes where tablename = 'books' order by 1")).isEqualTo("""
                indexname
                books_author
                books_lower_title
                books_pkey
                """);
        // ON DELETE CASCADE came with the foreign key
        csv(url, "delete from authors where id = 1");
        assertThat(csv(url, "select count(*) as n from books where author_id = 1")).isEqualTo("n\n0\n");
    }

    @Test
    void aDumpWithTypesFunctionsTriggersAndFullTextSearchRestores(@TempDir Path dir) throws IOException {
        Path file = dump(dir, "tasks.sql");
        String url = "jdbc:kyro:" + dir.resolve("db");
        ShellRun restore = ShellRun.run("", "--on-error-stop", "-f", file.toString(), url);
        assertThat(restore.err()).isEmpty();
        assertThat(restore.status()).isZero();
        assertThat(csv(url, "select id, title, st, owner from task order by id")).isEqualTo("""
                id,title,st,owner
                1,Write the report,new,a@x.org
                2,Fix the bug,done,
                """);
        // the generated tsvector column and its GIN index, the trigger, the SQL function, the enum and the domain
        assertThat(csv(url, "select id from task where words @@ to_tsquery('english', 'reports')")).isEqualTo("id\n1\n");
        assertThat(csv(url, "update task set updated_at = '2000-01-01' where id = 2"
                + " returning updated_at > '2020-01-01' as touched")).isEqualTo("touched\ntrue\n");   // the trigger set now()
        assertThat(csv(url, "select add(2, 3) as n")).isEqualTo("n\n5\n");
        assertThat(ShellRun.run("", "-c", "update task set st = 'lost' where id = 1", url).err()).contains("22P02");
        assertThat(ShellRun.run("", "-c", "update task set owner = 'nobody' where id = 1", url).err()).contains("23514");
    }

    @Test
    void copyFromStdinReadsTheLinesUpToTheEndMarker() {
        ShellRun run = ShellRun.run("""
                create table t (id int primary key, note text);
                copy t from stdin;
                1\tone
                2\t\\N
                \\.
                copy t (id) from stdin with (format csv);
                3
                \\.
                select id, coalesce(note, '-') as note from t order by id;
                """, "--csv", "jdbc:kyro:mem:");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("id,note\n1,one\n2,-\n3,-\n");   // CSV output has no command tags
    }

    @Test
    void aBadCopyRecordCopiesNothingAndTheScriptGoesOnAfterTheMarker() {
        ShellRun run = ShellRun.run("""
                create table t (id int primary key, note text);
                copy t from stdin;
                1\tone
                x\ttwo
                \\.
                select count(*) as n from t;
                """, "--csv", "jdbc:kyro:mem:");
        assertThat(run.err()).contains("22P02", "line 2");
        assertThat(run.out()).isEqualTo("n\n0\n");
    }

    @Test
    void aStringThatMentionsStdinIsNoCopyData() {
        ShellRun run = ShellRun.run("""
                create table t (id int primary key, note text);
                copy (select 'x from stdin' as s) to stdout;
                insert into t values (1, 'still read');
                select note from t;
                """, "--csv", "jdbc:kyro:mem:");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("x from stdin\nnote\nstill read\n");
    }

    @Test
    void copyToStdoutPrintsTheRows() {
        ShellRun run = ShellRun.run("""
                create table t (id int primary key, note text);
                insert into t values (1, 'a,b'), (2, null);
                copy t to stdout;
                copy (select note from t order by id) to stdout with (format csv, header);
                """, "jdbc:kyro:mem:");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).endsWith("1\ta,b\n2\t\\N\nCOPY 2\nnote\n\"a,b\"\n\nCOPY 2\n");
    }

    @Test
    void restrictAllowsOnlyUnrestrictWithTheSameKey() {
        ShellRun run = ShellRun.run("""
                \\restrict abc
                \\d
                \\unrestrict wrong
                select 1 as a;
                \\unrestrict abc
                \\unrestrict abc
                """, "--csv", "jdbc:kyro:mem:");
        assertThat(run.err()).contains("backslash commands are restricted", "wrong key", "not currently in restricted mode");
        assertThat(run.out()).isEqualTo("a\n1\n");
    }

    @Test
    void rolesAndADumpWithGrantsRestore(@TempDir Path dir) throws IOException {
        Path file = dump(dir, "grants.sql");
        String url = "jdbc:kyro:" + dir.resolve("db");
        ShellRun restore = ShellRun.run("", "--on-error-stop", "-f", file.toString(), url);
        assertThat(restore.err()).isEmpty();
        assertThat(restore.status()).isZero();
        // the roles of pg_dumpall --roles-only, with the membership; the SCRAM verifier is not kept as given
        assertThat(csv(url, "select rolname, rolcanlogin, rolconnlimit from pg_roles where rolname like 'kt%'"
                + " order by 1")).isEqualTo("""
                rolname,rolcanlogin,rolconnlimit
                kt_dump_app,true,10
                kt_dump_readers,false,-1
                """);
        assertThat(csv(url, "select count(*) as n from pg_authid where rolpassword like '%Iu91NIRJ%'")).isEqualTo("n\n0\n");
        assertThat(csv(url, "select has_table_privilege('kt_dump_app', 'orders', 'INSERT') as app_insert,"
                + " has_table_privilege('kt_dump_app', 'reporting.daily', 'SELECT') as inherited,"
                + " has_column_privilege('kt_dump_readers', 'orders', 'total', 'UPDATE') as col,"
                + " has_table_privilege('kt_dump_readers', 'orders', 'DELETE') as del")).isEqualTo("""
                app_insert,inherited,col,del
                true,true,true,false
                """);
        // the NOT VALID constraint came back not validated: the old row stays, new ones are checked
        assertThat(csv(url, "select convalidated from pg_constraint where conname = 'total_nonneg'"))
                .isEqualTo("convalidated\nfalse\n");
        assertThat(ShellRun.run("", "-c", "insert into orders (customer, total) values ('cy', -1)", url).err())
                .contains("23514");
        assertThat(csv(url, "select count(*) as n from orders")).isEqualTo("n\n2\n");
    }
}
