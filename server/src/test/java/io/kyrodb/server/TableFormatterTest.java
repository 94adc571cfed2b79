package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each case must match psql 15's own output byte for byte; the .out files under
 * src/test/resources/psql were captured from psql (the queries are in the README there).
 */
class TableFormatterTest {

    private static final String N = null; // SQL NULL

    @Test
    void twoColumns() {
        check("two_columns", table(headers("a", "bbbbb"), numeric(true, false), row("1", "x")));
    }

    @Test
    void numbersRightTextLeftNullEmpty() {
        check("mixed", table(headers("id", "name", "score"), numeric(true, false, true),
                row("1", "alice", "9.5"), row("22", N, N), row("3", "bob", "-1.25")));
    }

    @Test
    void nullInLastTextColumnLeavesTheSeparatorSpace() {
        check("null_last", table(headers("id", "note"), numeric(true, false), row("7", N)));
    }

    @Test
    void headersWiderThanValuesAreCentredLeftBiased() {
        check("wide_header", table(headers("long header", "h", "num header"), numeric(true, false, true),
                row("1", "ab", "2.5")));
    }

    @Test
    void lineBreaksInValuesAreMarkedWithPlus() {
        check("multiline_values", table(headers("x", "y", "z"), numeric(false, true, false),
                row("a\nbb", "2", "one\ntwo\nthree")));
    }

    @Test
    void lineBreakInLastColumnPadsBeforeThePlus() {
        check("multiline_last", table(headers("id", "txt"), numeric(true, false), row("1", "first\nsecond line")));
    }

    @Test
    void wideCharactersCountTwoColumns() {
        check("east_asian", table(headers("name", "n", "e"), numeric(false, true, false), row("日本語", "1", "é")));
    }

    @Test
    void noRows() {
        check("no_rows", table(headers("a", "b"), numeric(true, false)));
    }

    @Test
    void noColumns() {
        check("no_columns", new ResultTable(null, List.of(), List.of(), List.of(List.of()), List.of("(1 row)")));
    }

    @Test
    void tabsExpandAndCarriageReturnsShowEscaped() {
        check("control_chars", table(headers("t", "r", "last"), numeric(false, false, false), row("a\tb", "x\ry", "z")));
    }

    @Test
    void headerWithLineBreak() {
        check("multiline_header", table(headers("two\nlines", "w"), numeric(true, false), row("1", "v")));
    }

    @Test
    void emptyStringLooksLikeNull() {
        check("empty_string", table(headers("e", "n", "f"), numeric(false, true, false), row("", "1", "")));
    }

    @Test
    void titleIsCentredOverTheTable() {
        check("title", new ResultTable("List of relations", headers("Schema", "Name", "Type"),
                numeric(false, false, false), List.of(row("public", "users", "table")), List.of("(1 row)")));
    }

    @Test
    void otherControlCharactersAreEscapedAsHex() {
        assertThat(TableFormatter.displayLines("a\u001bb")).containsExactly("a\\x1bb");
        assertThat(TableFormatter.width("a\\x1bb")).isEqualTo(6);
    }

    private static void check(String psqlCase, ResultTable table) {
        assertThat(TableFormatter.format(table)).isEqualTo(psql(psqlCase));
    }

    @SafeVarargs
    private static ResultTable table(List<String> headers, List<Boolean> numeric, List<String>... rows) {
        return new ResultTable(null, headers, numeric, Arrays.asList(rows), List.of(ResultTable.rowCount(rows.length)));
    }

    private static List<String> headers(String... names) {
        return List.of(names);
    }

    private static List<Boolean> numeric(Boolean... flags) {
        return List.of(flags);
    }

    private static List<String> row(String... values) {
        return new ArrayList<>(Arrays.asList(values)); // allows nulls
    }

    private static String psql(String name) {
        try (InputStream in = TableFormatterTest.class.getResourceAsStream("/psql/" + name + ".out")) {
            assertThat(in).as("psql reference output %s.out", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
