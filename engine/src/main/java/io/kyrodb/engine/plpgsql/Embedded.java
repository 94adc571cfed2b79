package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.binder.ColumnRefs;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One expression or SQL statement of a PL/pgSQL body, parsed once: the statement, the names in it
 * that may be variables (every column reference, in the order met: a variable's parameter index is
 * its place in this list) and the plans made for it, one per shape of the variables' types (a
 * record variable may hold rows of different shapes). Belongs to one parsed body; used by one
 * session's thread at a time.
 */
final class Embedded {
    /** A name as written: {@code qualifier.name} or {@code name} (qualifier null). */
    record Ref(String qualifier, String name) {
    }

    final Statement statement;
    final String sql;
    final List<Ref> refs;
    private final Map<String, Object> plans = new HashMap<>();

    private Embedded(Statement statement, String sql, List<Ref> refs) {
        this.statement = statement;
        this.sql = sql;
        this.refs = refs;
    }

    /** An expression, run as {@code SELECT expr}. */
    static Embedded expression(String text) {
        return statement("SELECT " + text);
    }

    /** A statement; {@code $n} (a function's n-th argument) is read as the name {@code "$n"}. */
    static Embedded statement(String text) {
        String sql = zeroBasedArgv(positionalNames(text));
        Statement statement;
        try {
            statement = SqlParser.parseStatement(sql).statement();
        } catch (SqlSyntaxException e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, e.getMessage());
        }
        List<Ref> refs = new ArrayList<>();
        ColumnRefs.visit(statement, ref -> {
            Ref r = new Ref(ref.qualifier(), ref.name());
            if (!refs.contains(r)) {
                refs.add(r);
            }
        });
        return new Embedded(statement, sql, List.copyOf(refs));
    }

    /** The plan cache for variables of these types (a key made from them). */
    Object plans(String typeKey, SqlRunner runner) {
        return plans.computeIfAbsent(typeKey, k -> runner.newPlanCache());
    }

    /**
     * TG_ARGV counts from 0 in PostgreSQL (its arrays count from 1): {@code tg_argv[i]} outside
     * quotes is read as {@code tg_argv[(i) + 1]}.
     */
    static String zeroBasedArgv(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("tg_argv");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                continue;
            }
            if (lower.startsWith("tg_argv", i) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))
                    && text.charAt(i - 1) != '_')) {
                int j = i + 7;
                while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                if (j < text.length() && text.charAt(j) == '[') {
                    int depth = 0;
                    int k = j;
                    for (; k < text.length(); k++) {
                        if (text.charAt(k) == '[') {
                            depth++;
                        } else if (text.charAt(k) == ']' && --depth == 0) {
                            break;
                        }
                    }
                    if (k < text.length()) {
                        out.append("tg_argv[(").append(zeroBasedArgv(text.substring(j + 1, k))).append(") + 1]");
                        i = k;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code text} with each {@code $n} outside quotes written {@code "$n"}. */
    static String positionalNames(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        return replacePositional(text, true, digits -> "\"$" + digits + "\"");
    }

    /**
     * Dynamic SQL of EXECUTE: each {@code $n} outside quotes becomes {@code ?}; {@code order}
     * receives n - 1 for each, in order (the parameter values to pass).
     */
    static String positionalParameters(String text, List<Integer> order) {
        return replacePositional(text, false, digits -> {
            order.add(Integer.parseInt(digits) - 1);
            return "?";
        });
    }

    /**
     * {@code text} with each {@code $n} outside quotes and double quotes replaced by what
     * {@code replacement} gives for n's digits; {@code wordStart}: only where no letter, digit or _ precedes it.
     */
    private static String replacePositional(String text, boolean wordStart, java.util.function.UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '$' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)) && (!wordStart
                    || i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')) {
                int j = i + 1;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                out.append(replacement.apply(text.substring(i + 1, j)));
                i = j - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
