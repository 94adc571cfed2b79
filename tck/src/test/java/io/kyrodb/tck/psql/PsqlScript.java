package io.kyrodb.tck.psql;

import java.util.ArrayList;
import java.util.List;

/**
 * A regression script as pg_regress keeps it: the {@code .sql} input and the {@code .out} psql
 * printed for it with echo on (each statement's text, then its result table, {@code ERROR:} lines
 * or nothing). Parsed into one {@link Case} per statement. Assumes what pgvector's scripts do:
 * statements end with {@code ;} at the end of a line, comments are whole {@code --} lines.
 */
public record PsqlScript(String name, List<Case> cases) {

    /** What psql printed for a statement. */
    public sealed interface Expected {
    }

    /** No output: a command (CREATE, INSERT, SET ...) that succeeded. */
    public record Ok() implements Expected {
    }

    /** {@code ERROR:  message}. */
    public record Error(String message) implements Expected {
    }

    /** A result table: its column headers and rows, each cell as psql showed it (NULL is empty). */
    public record Rows(List<String> headers, List<List<String>> rows) implements Expected {
    }

    /** One statement: the line of the .sql where it starts, its text, what psql printed. */
    public record Case(int line, String sql, Expected expected) {
    }

    public static PsqlScript parse(String name, String sql, String out) {
        List<int[]> starts = new ArrayList<>();
        List<String> statements = splitStatements(sql, starts);
        String[] lines = out.split("\n", -1);
        int pos = 0;
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String[] text = statements.get(i).split("\n");
            pos = find(lines, pos, text);
            if (pos < 0) {
                throw new IllegalArgumentException(name + ": the .out does not echo the statement at line "
                        + starts.get(i)[0] + ": " + text[0]);
            }
            pos += text.length;
            int end = i + 1 < statements.size() ? find(lines, pos, statements.get(i + 1).split("\n")) : lines.length;
            if (end < 0) {
                end = lines.length;
            }
            cases.add(new Case(starts.get(i)[0], statements.get(i), expected(lines, pos, end)));
            pos = end;
        }
        return new PsqlScript(name, List.copyOf(cases));
    }

    private static List<String> splitStatements(String sql, List<int[]> starts) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int startLine = 0;
        String[] lines = sql.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("--"))) {
                continue;
            }
            if (current.isEmpty()) {
                startLine = n + 1;
            } else {
                current.append('\n');
            }
            current.append(line);
            if (line.stripTrailing().endsWith(";")) {
                out.add(current.toString());
                starts.add(new int[]{startLine});
                current.setLength(0);
            }
        }
        return out;
    }

    /** The index of the first line at or after {@code from} where {@code text} is echoed, or -1. */
    private static int find(String[] lines, int from, String[] text) {
        for (int p = from; p + text.length <= lines.length; p++) {
            boolean all = true;
            for (int k = 0; k < text.length && all; k++) {
                all = lines[p + k].equals(text[k]);
            }
            if (all) {
                return p;
            }
        }
        return -1;
    }

    private static Expected expected(String[] lines, int from, int to) {
        List<String> block = new ArrayList<>();
        for (int p = from; p < to; p++) {
            block.add(lines[p]);
        }
        while (!block.isEmpty() && block.getLast().isEmpty()) {
            block.removeLast();
        }
        for (String l : block) {
            if (l.startsWith("ERROR:  ")) {
                return new Error(l.substring("ERROR:  ".length()));
            }
        }
        // header | ---+--- | rows... | (n rows)
        for (int p = 0; p + 1 < block.size(); p++) {
            if (block.get(p + 1).matches("-+(\\+-+)*")) {
                List<String> headers = cells(block.get(p));
                List<List<String>> rows = new ArrayList<>();
                for (int r = p + 2; r < block.size() && !block.get(r).matches("\\(\\d+ rows?\\)"); r++) {
                    rows.add(cells(block.get(r)));
                }
                return new Rows(headers, List.copyOf(rows));
            }
        }
        return new Ok();
    }

    /** The cells of an aligned psql line: split on {@code |}, each stripped of its padding. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }
}
