package io.kyrodb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats engine runs side by side: an aligned text table (one row per engine, one column per
 * measurement in the order workloads first report them, short tags last), the notes under it, and
 * the same figures as CSV. A figure an engine does not have (it failed, or never ran that workload)
 * prints as {@code -} in the table and as an empty CSV field.
 */
public final class ReportTable {

    static final String GAP = "   ";
    static final int NOTE_WIDTH = 100;

    private final List<EngineRun> runs;
    private final Map<String, String> columns = new LinkedHashMap<>();

    public ReportTable(List<EngineRun> runs) {
        this.runs = List.copyOf(runs);
        for (EngineRun run : runs) {
            for (Measurement m : run.measurements()) {
                columns.putIfAbsent(m.key(), m.label());
            }
        }
    }

    /** The table, one line per engine under a header line; every line ends with a newline. */
    public String text() {
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("engine");
        header.addAll(columns.values());
        header.add("notes");
        lines.add(header.toArray(String[]::new));
        for (EngineRun run : runs) {
            List<String> cells = new ArrayList<>();
            cells.add(run.engine());
            for (String key : columns.keySet()) {
                Measurement m = find(run, key);
                cells.add(m == null ? "-" : String.format(Locale.ROOT, "%,." + m.decimals() + "f", m.value()));
            }
            cells.add(tags(run));
            lines.add(cells.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                if (c > 0) {
                    row.append(GAP);
                }
                boolean text = c == 0 || c == line.length - 1;
                String pad = " ".repeat(widths[c] - line[c].length());
                row.append(text ? line[c] + pad : pad + line[c]);
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Per engine: version, durability, workload notes and failure, wrapped; ends with a newline. */
    public String notes() {
        int nameWidth = 0;
        for (EngineRun run : runs) {
            nameWidth = Math.max(nameWidth, run.engine().length());
        }
        StringBuilder out = new StringBuilder();
        for (EngineRun run : runs) {
            List<String> notes = new ArrayList<>();
            if (!run.version().isEmpty()) {
                notes.add("version: " + run.version());
            }
            if (!run.durability().isEmpty()) {
                notes.add("durability: " + run.durability());
            }
            notes.addAll(run.notes());
            if (run.failed()) {
                notes.add("FAILED: " + run.failure());
            }
            String first = "  " + run.engine() + " ".repeat(nameWidth - run.engine().length()) + "  ";
            String indent = " ".repeat(first.length() + 2);
            for (int i = 0; i < notes.size(); i++) {
                out.append(wrap(notes.get(i), i == 0 ? first : " ".repeat(first.length()), indent));
            }
        }
        return out.toString();
    }

    /** Header {@code engine,version,<measurement keys>,notes,failure}, then one line per engine. */
    public String csv() {
        StringBuilder out = new StringBuilder("engine,version");
        for (String key : columns.keySet()) {
            out.append(',').append(key);
        }
        out.append(",notes,failure\n");
        for (EngineRun run : runs) {
            out.append(csvField(run.engine())).append(',').append(csvField(run.version()));
            for (String key : columns.keySet()) {
                Measurement m = find(run, key);
                out.append(',');
                if (m != null) {
                    out.append(String.format(Locale.ROOT, "%." + m.decimals() + "f", m.value()));
                }
            }
            out.append(',').append(csvField(String.join("; ", run.tags())));
            out.append(',').append(csvField(run.failed() ? run.failure() : "")).append('\n');
        }
        return out.toString();
    }

    private static String tags(EngineRun run) {
        List<String> tags = new ArrayList<>(run.tags());
        if (run.failed()) {
            tags.add(0, "FAILED (see notes)");
        }
        return String.join(", ", tags);
    }

    private static Measurement find(EngineRun run, String key) {
        for (Measurement m : run.measurements()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }

    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Word-wraps {@code text} to {@link #NOTE_WIDTH}, first line after {@code first}, the rest after {@code indent}. */
    static String wrap(String text, String first, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() > NOTE_WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        return out.append(line).append('\n').toString();
    }
}
