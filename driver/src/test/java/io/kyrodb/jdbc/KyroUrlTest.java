package io.kyrodb.jdbc;

import io.kyrodb.engine.DatabaseLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KyroUrlTest {

    @Test
    void privateMemory() throws SQLException {
        KyroUrl url = KyroUrl.parse("jdbc:kyro:mem:");
        assertThat(url.location()).isEqualTo(new DatabaseLocation.PrivateMemory());
        assertThat(url.settings()).isEmpty();
    }

    @Test
    void namedMemory() throws SQLException {
        assertThat(KyroUrl.parse("jdbc:kyro:mem:orders_db-1.test").location())
                .isEqualTo(new DatabaseLocation.NamedMemory("orders_db-1.test"));
    }

    @Test
    void fileWithAbsolutePath() throws SQLException {
        assertThat(KyroUrl.parse("jdbc:kyro:file:/var/data/kyro").location())
                .isEqualTo(new DatabaseLocation.Directory(Path.of("/var/data/kyro")));
    }

    @Test
    void bareAndRelativePathsResolveAgainstTheWorkingDirectory() throws SQLException {
        Path expected = Path.of("").toAbsolutePath().resolve("data/db").normalize();
        assertThat(KyroUrl.parse("jdbc:kyro:data/db").location()).isEqualTo(new DatabaseLocation.Directory(expected));
        assertThat(KyroUrl.parse("jdbc:kyro:file:data/db").location()).isEqualTo(new DatabaseLocation.Directory(expected));
        assertThat(KyroUrl.parse("jdbc:kyro:./data/../data/db").location()).isEqualTo(new DatabaseLocation.Directory(expected));
    }

    @Test
    void tildeMeansTheHomeDirectory() throws SQLException {
        Path home = Path.of(System.getProperty("user.home"));
        assertThat(KyroUrl.parse("jdbc:kyro:~/kyro/db").location()).isEqualTo(new DatabaseLocation.Directory(home.resolve("kyro/db")));
        assertThat(KyroUrl.parse("jdbc:kyro:file:~").location()).isEqualTo(new DatabaseLocation.Directory(home));
    }

    @Test
    void settingsFollowTheLocationWithKeysInLowerCase() throws SQLException {
        KyroUrl url = KyroUrl.parse("jdbc:kyro:mem:x;SYNC=off; application_name = my app ;user=sa;");
        assertThat(url.location()).isEqualTo(new DatabaseLocation.NamedMemory("x"));
        assertThat(url.settings()).containsExactly(
                Map.entry("sync", "off"), Map.entry("application_name", " my app "), Map.entry("user", "sa"));
    }

    @Test
    void settingsWorkWithEveryLocationForm() throws SQLException {
        assertThat(KyroUrl.parse("jdbc:kyro:mem:;sync=on").settings()).containsEntry("sync", "on");
        KyroUrl file = KyroUrl.parse("jdbc:kyro:file:/tmp/db;sync=off");
        assertThat(file.location()).isEqualTo(new DatabaseLocation.Directory(Path.of("/tmp/db")));
        assertThat(file.settings()).containsEntry("sync", "off");
        assertThat(KyroUrl.parse("jdbc:kyro:/tmp/db;password=a=b").settings()).containsEntry("password", "a=b");
    }

    @Test
    void unknownKeysAreLeftForTheEngineToReject() throws SQLException {
        assertThat(KyroUrl.parse("jdbc:kyro:mem:;no_such_setting=1").settings()).containsEntry("no_such_setting", "1");
    }

    @Test
    void acceptsOnlyKyroUrls() {
        assertThat(KyroUrl.accepts("jdbc:kyro:mem:")).isTrue();
        assertThat(KyroUrl.accepts("jdbc:kyro:")).isTrue();
        assertThat(KyroUrl.accepts("jdbc:h2:mem:")).isFalse();
        assertThat(KyroUrl.accepts("JDBC:KYRO:mem:")).isFalse();
        assertThat(KyroUrl.accepts(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:kyro:", "jdbc:kyro:file:", "jdbc:kyro:   ", "jdbc:kyro:;sync=on"})
    void missingLocationIs08001(String url) {
        assertThatThrownBy(() -> KyroUrl.parse(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no database location")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void badMemoryNameIs08001() {
        assertBad("jdbc:kyro:mem:my db", "in-memory database name \"my db\"");
        assertBad("jdbc:kyro:mem:a/b", "in-memory database name \"a/b\"");
    }

    @Test
    void memWithoutColonIsRefusedRatherThanTakenAsAPath() {
        assertBad("jdbc:kyro:mem", "jdbc:kyro:mem:");
    }

    @Test
    void otherSchemesAreRefused() {
        assertBad("jdbc:kyro:tcp://localhost/db", "unknown location type \"tcp:\"");
        assertBad("jdbc:kyro:memory:x", "unknown location type \"memory:\"");
    }

    @Test
    void malformedSettingsAre08001() {
        assertBad("jdbc:kyro:mem:;sync", "setting \"sync\" has no value");
        assertBad("jdbc:kyro:mem:;=on", "has no key");
        assertBad("jdbc:kyro:mem:;sync=on;SYNC=off", "setting \"sync\" is given twice");
    }

    @Test
    void otherPrefixesAre08001() {
        assertBad("jdbc:h2:mem:", "does not start with jdbc:kyro:");
    }

    @Test
    void passwordsAreNotEchoedInErrors() {
        assertThatThrownBy(() -> KyroUrl.parse("jdbc:kyro:mem:;password=s3cret;sync"))
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("password=***");
    }

    @Test
    void propertiesAreMergedWithTheUrl() throws SQLException {
        Properties p = new Properties();
        p.setProperty("User", "sa");
        p.setProperty("password", "");
        p.setProperty("sync", "off");
        KyroUrl url = KyroUrl.parse("jdbc:kyro:mem:;sync=off;application_name=x");
        assertThat(url.settings(p)).containsOnly(Map.entry("sync", "off"), Map.entry("application_name", "x"),
                Map.entry("user", "sa"), Map.entry("password", ""));
        assertThat(url.settings(null)).containsOnly(Map.entry("sync", "off"), Map.entry("application_name", "x"));
    }

    @Test
    void aKeyWithDifferentValuesInUrlAndPropertiesIs08001NamingIt() throws SQLException {
        Properties p = new Properties();
        p.setProperty("SYNC", "on");
        KyroUrl url = KyroUrl.parse("jdbc:kyro:mem:;sync=off");
        assertThatThrownBy(() -> url.settings(p))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("setting \"sync\" has different values")
                .hasMessageContaining("\"off\" in the URL, \"on\" in the properties")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void conflictingPasswordsAreReportedWithoutTheirValues() throws SQLException {
        Properties p = new Properties();
        p.setProperty("password", "two");
        KyroUrl url = KyroUrl.parse("jdbc:kyro:mem:;password=one");
        assertThatThrownBy(() -> url.settings(p))
                .hasMessageContaining("setting \"password\" has different values")
                .hasMessageNotContaining("one")
                .hasMessageNotContaining("two");
    }

    private static void assertBad(String url, String messagePart) {
        assertThatThrownBy(() -> KyroUrl.parse(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }
}
