package io.kyrodb.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The line psql prints for a statement that returns no rows: {@code INSERT 0 3}, {@code UPDATE 2},
 * {@code CREATE TABLE}, {@code BEGIN}. JDBC gives only an update count, so the words come from the
 * statement's own leading keywords, the way PostgreSQL names its command tags.
 */
final class CommandTag {

    /** Commands whose tag carries the number of rows they touched. */
    private static final Set<String> COUNTED = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "COPY", "MOVE",
            "FETCH");
    /** Words between CREATE/DROP/ALTER and the kind of object that do not name it. */
    private static final Set<String> MODIFIERS =
            Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL");

    private CommandTag() {}

    /**
     * The main command of {@code sql}: {@code INSERT}, {@code CREATE TABLE}, {@code BEGIN}... For
     * {@code WITH ... INSERT} it is the command after the common table expressions, and
     * {@code CREATE TABLE ... AS SELECT} counts as {@code SELECT}, as in PostgreSQL.
     */
    static String command(String sql) {
        List<String> words = topLevelWords(sql);
        if (words.isEmpty()) return "";
        String first = words.get(0);
        switch (first) {
            case "CREATE", "DROP", "ALTER" -> {
                int i = 1;
                while (i < words.size() && MODIFIERS.contains(words.get(i))) i++;
                if (i == words.size()) return first;
                String object = words.get(i);
                if (first.equals("CREATE") && object.equals("TABLE") && words.subList(i, words.size()).contains("AS")) {
                    return "SELECT";
                }
                if (object.equals("MATERIALIZED") && i + 1 < words.size()) object += " " + words.get(i + 1);
                return first + " " + object;
            }
            case "WITH" -> {
                // The CTE bodies sit inside parentheses; the first top-level verb is the command.
                for (String word : words.subList(1, words.size())) {
                    if (COUNTED.contains(word)) return word;
                }
                return "SELECT";
            }
            case "START" -> {
                return "START TRANSACTION";
            }
            case "END" -> {
                return "COMMIT";
            }
            case "ABORT" -> {
                return "ROLLBACK";
            }
            case "TRUNCATE" -> {
                return "TRUNCATE TABLE";
            }
            case "DECLARE" -> {
                return "DECLARE CURSOR";
            }
            case "CLOSE" -> {
                return words.size() > 1 && words.get(1).equals("ALL") ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
            }
            default -> {
                return first;
            }
        }
    }

    /** The tag to print after {@code sql} returned {@code count} (negative: no count). */
    static String of(String sql, long count) {
        String command = command(sql);
        if (!COUNTED.contains(command) || count < 0) return command;
        // PostgreSQL's INSERT tag still carries the OID column that tables no longer have.
        return command.equals("INSERT") ? "INSERT 0 " + count : command + " " + count;
    }

    /** Whether the command reports its row count even when it returns rows (DML ... RETURNING). */
    static boolean isDml(String sql) {
        String command = command(sql);
        return command.equals("INSERT") || command.equals("UPDATE") || command.equals("DELETE")
                || command.equals("MERGE");
    }

    /**
     * The keywords and names outside parentheses, strings, quoted identifiers and comments, in upper
     * case. Enough to name the command; not a parser.
     */
    private static List<String> topLevelWords(String sql) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end; // a doubled quote just starts the next (empty) run
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                if (depth == 0) words.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
                i = j - 1;
            }
        }
        return words;
    }
}
