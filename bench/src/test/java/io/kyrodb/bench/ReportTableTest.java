package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    private static EngineRun ok(String name, double rowsPerSecond, double p50) {
        return new EngineRun(name, name + " 1.0", "fsync per commit",
                List.of(new Measurement("insert_rows_per_s", "insert rows/s", rowsPerSecond, 0),
                        new Measurement("lookup_p50_us", "lookup p50 us", p50, 1)),
                List.of("tx per batch"), List.of(), null);
    }

    @Test
    void alignsNumbersRightAndTextLeft() {
        ReportTable table = new ReportTable(List.of(ok("H2", 123456.4, 9.04), ok("SQLite", 98765.6, 12.96)));
        assertThat(table.text()).isEqualTo("""
                engine   insert rows/s   lookup p50 us   notes
                H2             123,456             9.0   tx per batch
                SQLite          98,766            13.0   tx per batch
                """);
    }

    @Test
    void failedEngineShowsDashesAndItsReasonInTheNotes() {
        EngineRun failed = new EngineRun("KyroDB", "", "", List.of(), List.of(), List.of(),
                "in open: SQLException [08001]: No suitable driver");
        ReportTable table = new ReportTable(List.of(failed, ok("H2", 1000, 5)));
        assertThat(table.text()).isEqualTo("""
                engine   insert rows/s   lookup p50 us   notes
                KyroDB               -               -   FAILED (see notes)
                H2               1,000             5.0   tx per batch
                """);
        assertThat(table.notes()).isEqualTo("""
                  KyroDB  FAILED: in open: SQLException [08001]: No suitable driver
                  H2      version: H2 1.0
                          durability: fsync per commit
                """);
    }

    @Test
    void columnsFollowTheOrderWorkloadsFirstReportThem() {
        EngineRun partial = new EngineRun("A", "", "", List.of(new Measurement("b", "B", 2, 0)),
                List.of(), List.of(), "in lookup: wrong row");
        EngineRun full = new EngineRun("Bee", "", "",
                List.of(new Measurement("a", "A", 1, 0), new Measurement("b", "B", 2, 0)),
                List.of(), List.of(), null);
        assertThat(new ReportTable(List.of(partial, full)).text()).isEqualTo("""
                engine   B   A   notes
                A        2   -   FAILED (see notes)
                Bee      2   1
                """);
    }

    @Test
    void longNotesWrapUnderTheirEngine() {
        String note = "word ".repeat(40).strip();
        EngineRun run = new EngineRun("X", "", "", List.of(), List.of(), List.of(note), null);
        String notes = new ReportTable(List.of(run)).notes();
        for (String line : notes.split("\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(ReportTable.NOTE_WIDTH);
        }
        assertThat(notes).startsWith("  X  word word");
        assertThat(notes.split("\n")[1]).startsWith("       word");
        assertThat(notes.replaceAll("\\s+", " ").strip()).isEqualTo("X " + note);
    }

    @Test
    void csvHasRawNumbersAndQuotesWhereNeeded() {
        EngineRun failed = new EngineRun("KyroDB", "", "", List.of(), List.of(), List.of(),
                "in insert: \"kv\" exists, twice");
        ReportTable table = new ReportTable(List.of(ok("H2", 123456.4, 9.04), failed));
        assertThat(table.csv()).isEqualTo("""
                engine,version,insert_rows_per_s,lookup_p50_us,notes,failure
                H2,H2 1.0,123456,9.0,tx per batch,
                KyroDB,,,,,"in insert: ""kv"" exists, twice"
                """);
    }
}
