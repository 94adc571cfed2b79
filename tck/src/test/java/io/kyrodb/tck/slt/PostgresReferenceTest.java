package io.kyrodb.tck.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Checks the tck's own scripts against PostgreSQL, whose answers they must hold: every record must
 * pass there too. Off unless {@code -Dkyro.tck.postgres=<JDBC URL>} names a database on a server
 * where the user may create databases, e.g.
 * {@code ./mvnw -pl tck -am test -Dtest=PostgresReferenceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dkyro.tck.postgres='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'}.
 * Each script runs in a fresh database with the C collation (text orders by code point, as ours
 * does), dropped afterwards. {@code -Dkyro.tck.include=a,b} picks the scripts whose name contains one of the parts. A script with the line {@code # postgres needs: vector} runs only
 * where the server has pgvector ({@code CREATE EXTENSION vector} in its database); elsewhere it is
 * skipped, not failed.
 */
@EnabledIfSystemProperty(named = "kyro.tck.postgres", matches = ".+")
class PostgresReferenceTest {

    @TestFactory
    Stream<DynamicTest> ownScriptsPassOnPostgres() {
        String adminUrl = System.getProperty("kyro.tck.postgres");
        List<String> include = java.util.Arrays.stream(System.getProperty("kyro.tck.include", "").split(","))
                .filter(part -> !part.isBlank()).toList();
        return SltSources.scriptsUnder(SltSources.ownRoot(), "", true).stream()
                .filter(source -> include.isEmpty() || include.stream().anyMatch(source.name()::contains))
                .map(source -> DynamicTest.dynamicTest(source.name(), () -> {
                    String text = Files.readString(source.path(), StandardCharsets.UTF_8);
                    SltScript script = SltParser.parse(source.name(), text);
                    List<String> failures = runOnFreshDatabase(adminUrl, script, neededExtensions(text), ctype(text));
                    assertTrue(failures.isEmpty(), () -> failures.size() + " records differ on PostgreSQL:\n"
                            + String.join("\n", failures));
                }));
    }

    /** The extensions a script names in {@code # postgres needs: a, b} lines. */
    static List<String> neededExtensions(String scriptText) {
        List<String> out = new ArrayList<>();
        for (String line : scriptText.split("\n")) {
            String t = line.strip();
            if (t.startsWith("# postgres needs:")) {
                for (String name : t.substring("# postgres needs:".length()).split(",")) {
                    if (!name.isBlank()) {
                        out.add(name.strip());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The LC_CTYPE a script's database needs, from a {@code # postgres ctype: C.UTF-8} line; else
     * C. The collation stays C (KyroDB compares text by code point); the ctype decides how
     * PostgreSQL maps the case of letters outside ASCII, which KyroDB maps as a UTF-8 ctype does.
     */
    static String ctype(String scriptText) {
        for (String line : scriptText.split("\n")) {
            String t = line.strip();
            if (t.startsWith("# postgres ctype:")) {
                return t.substring("# postgres ctype:".length()).strip();
            }
        }
        return "C";
    }

    private static List<String> runOnFreshDatabase(String adminUrl, SltScript script, List<String> extensions,
                                                   String ctype) throws SQLException, IOException {
        if (!ctype.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException(script.name() + ": bad ctype " + ctype);
        }
        String database = "kyro_tck_" + script.name().replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            try {
                st.execute("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE '"
                        + ctype + "'");
            } catch (SQLException noLocale) {
                Assumptions.abort(script.name() + " needs a database with LC_CTYPE " + ctype + ", which this server"
                        + " cannot create (is the locale installed?): " + noLocale.getMessage());
            }
            try {
                String url = withDatabase(adminUrl, database);
                for (String extension : extensions) {
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.execute("CREATE EXTENSION IF NOT EXISTS " + extension);
                    } catch (SQLException missing) {
                        Assumptions.abort(script.name() + " needs the " + extension + " extension, which this server lacks: "
                                + missing.getMessage());
                    }
                }
                return run(script, url);
            } finally {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static List<String> run(SltScript script, String url) {
        List<String> failures = new ArrayList<>();
        try (SltScriptRun run = new SltScriptRun(script, url, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Condition.POSTGRES_NAMES)) {
            for (SltRecord record : script.records()) {
                RecordOutcome outcome = run.execute(record);
                if (outcome.status() == RecordOutcome.Status.FAILED) {
                    failures.add(script.name() + ":" + record.line() + ": " + outcome.message());
                }
            }
        }
        return failures;
    }

    /** The URL with its database name replaced: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//");
        int slash = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String prefix = slash < 0 || (query >= 0 && slash > query)
                ? url.substring(0, query < 0 ? url.length() : query)
                : url.substring(0, slash);
        return prefix + "/" + database + params;
    }
}
