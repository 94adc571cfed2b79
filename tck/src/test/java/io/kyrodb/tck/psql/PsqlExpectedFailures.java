package io.kyrodb.tck.psql;

import java.util.ArrayList;
import java.util.List;

/**
 * The reviewed list of psql-script statements that may fail for now, one entry a line:
 * {@code file.sql  # reason} (the whole file), {@code file.sql:12  # reason} (the statement
 * starting on line 12) or {@code file.sql:12-30  # reason} (every statement starting in those
 * lines). The reason is required. A listed statement still runs; if every statement an entry
 * covers passes, the entry is stale and the run fails until it is removed, so the list only shrinks.
 */
final class PsqlExpectedFailures {
    record Entry(String file, int from, int to, String reason, int listLine) {
        boolean covers(String name, int line) {
            return file.equals(name) && line >= from && line <= to;
        }
    }

    private final List<Entry> entries;

    private PsqlExpectedFailures(List<Entry> entries) {
        this.entries = entries;
    }

    static PsqlExpectedFailures parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            if (hash < 0 || line.substring(hash + 1).isBlank()) {
                throw new IllegalArgumentException("expected-failures line " + (n + 1) + " gives no reason: " + line);
            }
            String target = line.substring(0, hash).strip();
            String reason = line.substring(hash + 1).strip();
            int colon = target.indexOf(':');
            if (colon < 0) {
                out.add(new Entry(target, 1, Integer.MAX_VALUE, reason, n + 1));
                continue;
            }
            String range = target.substring(colon + 1);
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            out.add(new Entry(target.substring(0, colon), from, to, reason, n + 1));
        }
        return new PsqlExpectedFailures(List.copyOf(out));
    }

    /** The entry that allows the statement of {@code file} starting at {@code line} to fail, or null. */
    Entry covering(String file, int line) {
        for (Entry e : entries) {
            if (e.covers(file, line)) {
                return e;
            }
        }
        return null;
    }

    List<Entry> entriesFor(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).toList();
    }
}
