package io.kyrodb.tck.psql;

import io.kyrodb.tck.slt.SltSources;
import io.kyrodb.tck.slt.SltValues;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs pgvector's regression scripts ({@code shared/conformance/pgvector/*.sql}) through JDBC and
 * compares with the {@code .out} psql printed: a result's rows and values (as text, the way psql
 * shows them), and for {@code ERROR:} that the statement failed, with the SQLSTATE class the
 * message implies ({@link PsqlErrorClass}). Statements that need what KyroDB lacks (halfvec,
 * sparsevec, arrays, aggregates ...) are listed in {@code pgvector/expected-failures.txt}.
 * Each file runs on a fresh in-memory database. Skipped when the shared directory is absent.
 */
class PgvectorConformanceTest {

    @TestFactory
    Stream<DynamicTest> pgvectorRegressionScripts() throws IOException {
        Path dir = SltSources.sharedDir().map(d -> d.resolve("conformance/pgvector")).orElse(null);
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "no shared/conformance/pgvector directory");
        PsqlExpectedFailures expected;
        try (InputStream in = PgvectorConformanceTest.class.getResourceAsStream("/pgvector/expected-failures.txt")) {
            expected = PsqlExpectedFailures.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        return scripts.stream().map(sql -> DynamicTest.dynamicTest(sql.getFileName().toString(), () -> {
            String name = sql.getFileName().toString();
            Path out = sql.resolveSibling(name.replace(".sql", ".out"));
            PsqlScript script = PsqlScript.parse(name, Files.readString(sql), Files.readString(out));
            List<String> problems = run(script, expected);
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        }));
    }

    private static List<String> run(PsqlScript script, PsqlExpectedFailures expected) throws SQLException {
        List<String> problems = new ArrayList<>();
        Set<PsqlExpectedFailures.Entry> used = new HashSet<>();
        int passed = 0;
        int allowed = 0;
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            for (PsqlScript.Case k : script.cases()) {
                String failure = check(c, k);
                PsqlExpectedFailures.Entry entry = expected.covering(script.name(), k.line());
                if (failure == null) {
                    passed++;
                    if (entry != null && entry.from() == entry.to()) {
                        problems.add(script.name() + ":" + k.line() + " passes now: remove line " + entry.listLine()
                                + " of expected-failures.txt");
                    }
                } else if (entry != null) {
                    allowed++;
                    used.add(entry);
                } else {
                    problems.add(script.name() + ":" + k.line() + ": " + failure + "\n    " + k.sql());
                }
            }
        }
        for (PsqlExpectedFailures.Entry e : expected.entriesFor(script.name())) {
            if (e.from() != e.to() && !used.contains(e)) {
                problems.add("expected-failures.txt line " + e.listLine() + " covers no failing statement: remove it");
            }
        }
        System.out.println("pgvector " + script.name() + ": " + script.cases().size() + " statements, " + passed
                + " passed, " + allowed + " failed as listed, " + (script.cases().size() - passed - allowed)
                + " failed unlisted");
        return problems;
    }

    /** Null when the statement did what the .out shows, else what differed. */
    private static String check(Connection c, PsqlScript.Case k) {
        String sql = k.sql().strip();
        sql = sql.substring(0, sql.length() - 1); // the ;
        try (Statement st = c.createStatement()) {
            boolean hasRows = st.execute(sql);
            return switch (k.expected()) {
                case PsqlScript.Error e -> "succeeded, but psql printed ERROR:  " + e.message();
                case PsqlScript.Ok ok -> hasRows ? "returned rows, psql printed none" : null;
                case PsqlScript.Rows r -> hasRows ? compare(st.getResultSet(), r) : "returned no rows, psql printed a table";
            };
        } catch (SQLException e) {
            if (k.expected() instanceof PsqlScript.Error err) {
                String want = PsqlErrorClass.of(err.message());
                String got = e.getSQLState() == null ? "" : e.getSQLState();
                if (want != null && !got.startsWith(want)) {
                    return "failed with " + got + " (" + e.getMessage() + "), psql's \"" + err.message()
                            + "\" is class " + want;
                }
                return null;
            }
            return "failed: " + e.getSQLState() + " " + e.getMessage();
        }
    }

    private static String compare(ResultSet rs, PsqlScript.Rows expected) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        if (columns != expected.headers().size()) {
            return columns + " columns, psql printed " + expected.headers().size();
        }
        List<List<String>> actual = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(psqlText(rs.getObject(i)));
            }
            actual.add(row);
        }
        if (!actual.equals(expected.rows())) {
            return "rows " + actual + ", psql printed " + expected.rows();
        }
        return null;
    }

    /** A value as psql prints it: booleans as t/f, NULL as nothing, floats shortest-exact. */
    static String psqlText(Object v) {
        return switch (v) {
            case null -> "";
            case Boolean b -> b ? "t" : "f";
            default -> SltValues.render(v, 'T').strip();
        };
    }
}
