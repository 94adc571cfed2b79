package io.kyrodb.jdbc;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.ResultColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * getGeneratedKeys as pgjdbc does it: an INSERT, UPDATE or DELETE asked for its keys
 * (RETURN_GENERATED_KEYS, column names or column indexes) runs with {@code RETURNING *} (or the
 * named columns) appended, and the rows it returns are the keys. A statement that already has a
 * RETURNING clause, or is no INSERT/UPDATE/DELETE, runs as written (its keys are empty).
 */
final class GeneratedKeys {
    private GeneratedKeys() {
    }

    /** The keys a statement asks for: all columns, some by name, or some by 1-based index. */
    record Request(String[] names, int[] indexes) {
        static final Request ALL = new Request(null, null);
    }

    /** {@code sql} with RETURNING appended, or null when it is not a DML statement without one. */
    static String rewrite(String sql, Request request) {
        String trimmed = stripTrailing(sql);
        List<String> words = words(trimmed);
        if (words.isEmpty() || !(words.get(0).equals("insert") || words.get(0).equals("update")
                || words.get(0).equals("delete")) || words.contains("returning")) {
            return null;
        }
        StringBuilder out = new StringBuilder(trimmed).append(" RETURNING ");
        if (request.names() == null) {
            out.append('*');
        } else {
            for (int i = 0; i < request.names().length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(identifier(request.names()[i]));
            }
        }
        return out.toString();
    }

    /** A plain lower-case name as written (it folds the same); anything else double-quoted. */
    private static String identifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") || name.equals("*")) {
            return name;
        }
        if (name.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            return name.toLowerCase(Locale.ROOT);   // Hibernate and Spring pass names in either case
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The statement without trailing blanks, semicolons and comments. */
    private static String stripTrailing(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** The words of {@code sql} outside string literals, quoted names and comments, lower-cased. */
    static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int j = sql.indexOf('\n', i);
                i = j < 0 ? n : j + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int j = sql.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Collects the returned rows of one or more executions into the keys result. */
    static final class Collector {
        private final Request request;
        private List<ResultColumn> columns = List.of();
        private final List<Object[]> rows = new ArrayList<>();

        Collector(Request request) {
            this.request = request;
        }

        /** Reads (and closes) {@code result}'s rows; returns how many rows the statement changed. */
        long add(ExecResult.Rows result) {
            try (result) {
                List<ResultColumn> all = result.columns();
                int[] pick = pick(all.size());
                List<ResultColumn> cols = new ArrayList<>(pick.length);
                for (int p : pick) {
                    cols.add(all.get(p));
                }
                columns = cols;
                for (Object[] row; (row = result.next()) != null; ) {
                    Object[] keys = new Object[pick.length];
                    for (int k = 0; k < pick.length; k++) {
                        keys[k] = row[pick[k]];
                    }
                    rows.add(keys);
                }
                return result.changedCount();
            }
        }

        private int[] pick(int width) {
            if (request.indexes() == null) {
                int[] all = new int[width];
                for (int i = 0; i < width; i++) {
                    all[i] = i;
                }
                return all;
            }
            int[] out = new int[request.indexes().length];
            for (int i = 0; i < out.length; i++) {
                int idx = request.indexes()[i];
                if (idx < 1 || idx > width) {
                    throw new IllegalArgumentException("column index " + idx + " is not between 1 and " + width);
                }
                out[i] = idx - 1;
            }
            return out;
        }

        KyroResultSet resultSet() {
            return KyroResultSet.of(new ListRows(columns, rows));
        }
    }

    /** The request for {@code int[]} indexes or {@code String[]} names; null (none) when empty. */
    static Request of(int[] indexes) {
        return indexes == null || indexes.length == 0 ? null : new Request(null, indexes.clone());
    }

    static Request of(String[] names) {
        return names == null || names.length == 0 ? null : new Request(names.clone(), null);
    }
}
