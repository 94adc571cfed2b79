package io.kyrodb.tck.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {

    private static SltScript parse(String text) throws SltSyntaxException {
        return SltParser.parse("t.test", text);
    }

    @Test
    void readsStatementsAndQueriesWithTheirLines() throws Exception {
        SltScript script = parse("""
                statement ok
                CREATE TABLE t1(a INTEGER,
                  b TEXT)

                # a comment between records

                query IT rowsort
                SELECT a, b
                  FROM t1
                ----
                1
                x
                2
                (empty)
                """);
        assertThat(script.records()).containsExactly(
                new SltRecord.Statement(1, List.of(), false, null, "CREATE TABLE t1(a INTEGER,\n  b TEXT)"),
                new SltRecord.Query(7, List.of(), "IT", SortMode.ROWSORT, null, "SELECT a, b\n  FROM t1",
                        List.of("1", "x", "2", "(empty)")));
    }

    @Test
    void commentLinesInsideARecordAreDroppedAndDoNotSeparateRecords() throws Exception {
        SltScript script = parse("""
                statement ok
                # not part of the SQL
                INSERT INTO t1 VALUES(1)
                # still the same record
                """);
        assertThat(script.records()).containsExactly(
                new SltRecord.Statement(1, List.of(), false, null, "INSERT INTO t1 VALUES(1)"));
    }

    @Test
    void statementErrorMayNameASqlState() throws Exception {
        SltScript script = parse("""
                statement error
                DROP TABLE nope

                statement error 42P01
                DROP TABLE nope
                """);
        assertThat(script.records()).containsExactly(
                new SltRecord.Statement(1, List.of(), true, null, "DROP TABLE nope"),
                new SltRecord.Statement(4, List.of(), true, "42P01", "DROP TABLE nope"));
    }

    @Test
    void queryWithoutResultSectionExpectsNoRows() throws Exception {
        SltRecord.Query q = (SltRecord.Query) parse("query I nosort label-1\nSELECT 1 WHERE false\n").records().get(0);
        assertThat(q.expected()).isEmpty();
        assertThat(q.label()).isEqualTo("label-1");
        assertThat(q.sortMode()).isEqualTo(SortMode.NOSORT);
    }

    @Test
    void queryDefaultsToNosortAndKeepsAHashLine() throws Exception {
        SltRecord.Query q = (SltRecord.Query) parse("""
                query III
                SELECT a, b, c FROM t1
                ----
                30 values hashing to 3c13dee48d9356ae19af2515e05e6b54
                """).records().get(0);
        assertThat(q.sortMode()).isEqualTo(SortMode.NOSORT);
        assertThat(q.expected()).containsExactly("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54");
    }

    @Test
    void conditionsWithTrailingCommentsAttachToTheNextRecord() throws Exception {
        SltScript script = parse("""
                onlyif sqlite # empty RHS
                skipif mysql
                query I nosort
                SELECT 1 IN ()
                ----
                0
                """);
        SltRecord record = script.records().get(0);
        assertThat(record.line()).isEqualTo(1);
        assertThat(record.conditions()).containsExactly(new Condition(true, "sqlite"), new Condition(false, "mysql"));
        assertThat(Condition.allAdmit(record.conditions())).isFalse();
    }

    @Test
    void weAnswerToKyrodbAndPostgresql() {
        assertThat(new Condition(true, "kyrodb").admits()).isTrue();
        assertThat(new Condition(true, "postgresql").admits()).isTrue();
        assertThat(new Condition(true, "sqlite").admits()).isFalse();
        assertThat(new Condition(false, "KyroDB").admits()).isFalse();
        assertThat(new Condition(false, "postgresql").admits()).isFalse();
        assertThat(new Condition(false, "mssql").admits()).isTrue();
    }

    @Test
    void controlRecords() throws Exception {
        SltScript script = parse("""
                hash-threshold 8

                onlyif mssql
                halt

                restart
                """);
        assertThat(script.records()).containsExactly(
                new SltRecord.HashThreshold(1, List.of(), 8),
                new SltRecord.Halt(3, List.of(new Condition(true, "mssql"))),
                new SltRecord.Restart(6, List.of()));
        assertThat(script.restarts()).isTrue();
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception {
        SltScript script = parse("statement ok\r\nSELECT 1\r\n\r\nquery I\r\nSELECT 1\r\n----\r\n1\r\n");
        assertThat(script.records()).hasSize(2);
        assertThat(((SltRecord.Query) script.records().get(1)).expected()).containsExactly("1");
    }

    @Test
    void rejectsUnknownRecordsWithFileAndLine() {
        assertThatThrownBy(() -> parse("statement ok\nSELECT 1\n\nstatment ok\nSELECT 2\n"))
                .isInstanceOf(SltSyntaxException.class)
                .hasMessageStartingWith("t.test:4: unknown record 'statment'");
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThatThrownBy(() -> parse("statement error 4201\nSELECT 1\n")).hasMessageContaining("not a SQLSTATE");
        assertThatThrownBy(() -> parse("statement maybe\nSELECT 1\n")).hasMessageContaining("statement ok");
        assertThatThrownBy(() -> parse("query IX\nSELECT 1\n")).hasMessageContaining("types of I, T and R");
        assertThatThrownBy(() -> parse("query I sorted\nSELECT 1\n")).hasMessageContaining("unknown sort mode 'sorted'");
        assertThatThrownBy(() -> parse("query I\n----\n1\n")).hasMessageContaining("query without SQL");
        assertThatThrownBy(() -> parse("statement ok\n")).hasMessageContaining("statement without SQL");
        assertThatThrownBy(() -> parse("hash-threshold x\n")).hasMessageContaining("hash-threshold <count>");
        assertThatThrownBy(() -> parse("restart\nSELECT 1\n")).hasMessageContaining("must stand alone");
        assertThatThrownBy(() -> parse("skipif sqlite\n")).hasMessageContaining("conditions not followed by a record");
        assertThatThrownBy(() -> parse("statement ok\nSELECT 1\n----\n1\n")).hasMessageContaining("no result section");
    }
}
