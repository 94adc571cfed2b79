package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.types.Jsonb;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One node of a parsed SQL/JSON path ({@link JsonPathParser} builds them, {@link JsonPathExecutor}
 * runs them). Expressions give sequences of jsonb items; predicates ({@link #isPredicate}) give
 * true, false or unknown. {@link #print} writes Postgres's canonical text form (jsonpath_out), so a
 * path prints as {@code '$.a ? (@ > 1)'::jsonpath} does in Postgres 15: {@code $."a"?(@ > 1)}.
 */
public sealed interface JsonPathItem {
    /** {@code last} as a level of {@code .**} (Postgres's PG_UINT32_MAX). */
    int LAST_LEVEL = Integer.MAX_VALUE;

    /** Postgres's operationPriority: where a printed operand needs brackets. */
    default int priority() {
        return 6;
    }

    default boolean isPredicate() {
        return false;
    }

    /** Writes the canonical text; {@code brackets}: parenthesize an operator node (jsonpath_out's printBracketes). */
    void print(StringBuilder sb, boolean brackets);

    /** {@code $}. */
    record Root() implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append('$');
        }
    }

    /** {@code @}: the item a filter tests. */
    record Current() implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append('@');
        }
    }

    /** {@code last}: the last index of the array a subscript applies to. */
    record Last() implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append("last");
        }
    }

    /** {@code $name}: a member of the vars object. */
    record Variable(String name) implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append('$');
            Jsonb.quote(sb, name);
        }
    }

    /** A string, number, true, false or null (a jsonb tree value). */
    record Literal(Object value) implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append(Jsonb.toText(value));
        }
    }

    /** A primary followed by accessors: {@code $.a[0].b ? (...)}. */
    record Path(JsonPathItem head, List<Accessor> accessors) implements JsonPathItem {
        @Override
        public void print(StringBuilder sb, boolean brackets) {
            boolean wrap = head.priority() < 6 || head.isPredicate() || head instanceof LikeRegex
                    || head instanceof Literal l && l.value() instanceof BigDecimal;
            if (wrap) {
                sb.append('(');
            }
            head.print(sb, false);
            if (wrap) {
                sb.append(')');
            }
            for (Accessor a : accessors) {
                a.print(sb);
            }
        }
    }

    /** The arithmetic, comparison and boolean operators and {@code starts with}. */
    record Binary(Op op, JsonPathItem left, JsonPathItem right) implements JsonPathItem {
        @Override
        public int priority() {
            return op.priority;
        }

        @Override
        public boolean isPredicate() {
            return op.priority <= 2;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            if (brackets) {
                sb.append('(');
            }
            left.print(sb, left.priority() <= priority());
            sb.append(' ').append(op.symbol).append(' ');
            right.print(sb, right.priority() <= priority());
            if (brackets) {
                sb.append(')');
            }
        }
    }

    enum Op {
        OR("||", 0), AND("&&", 1),
        EQ("==", 2), NE("!=", 2), LT("<", 2), LE("<=", 2), GT(">", 2), GE(">=", 2), STARTS_WITH("starts with", 2),
        ADD("+", 3), SUB("-", 3), MUL("*", 4), DIV("/", 4), MOD("%", 4);

        final String symbol;
        final int priority;

        Op(String symbol, int priority) {
            this.symbol = symbol;
            this.priority = priority;
        }

        boolean isComparison() {
            return priority == 2 && this != STARTS_WITH;
        }
    }

    /** Unary {@code +} or {@code -} of a non-literal (a literal number is folded by the parser). */
    record Unary(boolean minus, JsonPathItem arg) implements JsonPathItem {
        @Override
        public int priority() {
            return 5;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            if (brackets) {
                sb.append('(');
            }
            sb.append(minus ? '-' : '+');
            arg.print(sb, arg.priority() <= priority());
            if (brackets) {
                sb.append(')');
            }
        }
    }

    record Not(JsonPathItem arg) implements JsonPathItem {
        @Override
        public boolean isPredicate() {
            return true;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append("!(");
            arg.print(sb, false);
            sb.append(')');
        }
    }

    record IsUnknown(JsonPathItem arg) implements JsonPathItem {
        @Override
        public boolean isPredicate() {
            return true;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append('(');
            arg.print(sb, false);
            sb.append(") is unknown");
        }
    }

    record Exists(JsonPathItem arg) implements JsonPathItem {
        @Override
        public boolean isPredicate() {
            return true;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            sb.append("exists (");
            arg.print(sb, false);
            sb.append(')');
        }
    }

    /** {@code expr like_regex "pattern" [flag "imsxq"]}; the pattern is compiled once, by the parser. */
    record LikeRegex(JsonPathItem arg, String pattern, String flags, Pattern compiled) implements JsonPathItem {
        @Override
        public boolean isPredicate() {
            return true;
        }

        @Override
        public void print(StringBuilder sb, boolean brackets) {
            if (brackets) {
                sb.append('(');
            }
            arg.print(sb, arg.priority() <= priority());
            sb.append(" like_regex ");
            Jsonb.quote(sb, pattern);
            if (!flags.isEmpty()) {
                sb.append(" flag \"").append(flags).append('"');
            }
            if (brackets) {
                sb.append(')');
            }
        }
    }

    /** What follows a primary: member, element, wildcard, filter and method steps. */
    sealed interface Accessor {
        void print(StringBuilder sb);
    }

    /** {@code ."key"}. */
    record Key(String name) implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append('.');
            Jsonb.quote(sb, name);
        }
    }

    /** {@code .*}. */
    record AnyKey() implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append(".*");
        }
    }

    /** {@code [*]}. */
    record AnyElement() implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append("[*]");
        }
    }

    /** {@code [i, j to k, ...]}; {@code to} is null for a single index. */
    record Subscript(JsonPathItem from, JsonPathItem to) {
    }

    record Subscripts(List<Subscript> list) implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                list.get(i).from().print(sb, false);
                if (list.get(i).to() != null) {
                    sb.append(" to ");
                    list.get(i).to().print(sb, false);
                }
            }
            sb.append(']');
        }
    }

    /** {@code .**}, {@code .**{n}}, {@code .**{n to m}}; {@link #LAST_LEVEL} stands for {@code last}. */
    record AnyLevel(int first, int last) implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append(".**");
            if (first == 0 && last == LAST_LEVEL) {
                return;
            }
            sb.append('{').append(level(first));
            if (first != last) {
                sb.append(" to ").append(level(last));
            }
            sb.append('}');
        }

        private static String level(int n) {
            return n == LAST_LEVEL ? "last" : Integer.toString(n);
        }
    }

    /** {@code ?(predicate)}. */
    record Filter(JsonPathItem predicate) implements Accessor {
        @Override
        public void print(StringBuilder sb) {
            sb.append("?(");
            predicate.print(sb, false);
            sb.append(')');
        }
    }

    /** {@code .type() .size() .double() .ceiling() .floor() .abs() .keyvalue()}. */
    record Method(String name) implements Accessor {
        static final List<String> NAMES = List.of("type", "size", "double", "ceiling", "floor", "abs", "keyvalue");

        @Override
        public void print(StringBuilder sb) {
            sb.append('.').append(name).append("()");
        }
    }
}
