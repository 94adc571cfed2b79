package io.kyrodb.sql.ast;

import java.util.List;

/**
 * Expressions as written, before binding. Each node keeps the position the engine's errors point
 * at: the operator for operators, the first token otherwise.
 */
public sealed interface Expr {
    Pos pos();

    enum LiteralKind { INTEGER, DECIMAL, STRING, BOOLEAN, NULL }

    /**
     * A constant. {@code INTEGER} and {@code DECIMAL} keep their source text (the engine picks the
     * type from the magnitude), {@code STRING} its unescaped value, {@code BOOLEAN} a Boolean.
     */
    record Literal(Pos pos, LiteralKind kind, Object value) implements Expr {
    }

    /** The {@code index}-th (0-based) {@code ?} of the statement, or {@code $(index + 1)}. */
    record Parameter(Pos pos, int index) implements Expr {
    }

    /** {@code (record).field}, or {@code (record).*} when {@code field} is null. */
    record FieldSelection(Pos pos, Expr record, String field) implements Expr {
    }

    /** {@code [qualifier.]name}, case-folded; {@code qualifier} is null when not written. */
    record ColumnRef(Pos pos, String qualifier, String name) implements Expr {
        public String display() {
            return qualifier == null ? name : qualifier + "." + name;
        }
    }

    /** {@code BIT_NOT}: the integer prefix operator {@code ~}. */
    enum UnaryOp { NEGATE, PLUS, NOT, BIT_NOT }

    record Unary(Pos pos, UnaryOp op, Expr operand) implements Expr {
    }

    enum BinaryOp {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"), CONCAT("||"),
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="), AND("AND"), OR("OR"),
        /** pgvector's distances: {@code <->} l2, {@code <#>} negative inner product, {@code <=>} cosine, {@code <+>} l1. */
        L2_DISTANCE("<->"), NEG_INNER_PRODUCT("<#>"), COSINE_DISTANCE("<=>"), L1_DISTANCE("<+>"),
        /** jsonb's {@code -> ->> #> #>>}; containment {@code @> <@} and overlap {@code &&} (jsonb, arrays). */
        JSON_GET("->"), JSON_GET_TEXT("->>"), JSON_PATH("#>"), JSON_PATH_TEXT("#>>"), CONTAINS("@>"),
        CONTAINED_BY("<@"), OVERLAPS("&&"),
        /**
         * jsonb's {@code #-} (delete at a path), {@code ?} (the key or string element exists; also spelt
         * {@code ??}, as pgjdbc has it where {@code ?} marks a parameter), {@code ?|} and {@code ?&} (any /
         * all of the keys exist).
         */
        DELETE_PATH("#-"), EXISTS_KEY("?"), EXISTS_ANY("?|"), EXISTS_ALL("?&"),
        /** SQL/JSON path: {@code jsonb @? jsonpath} (selects an item), {@code jsonb @@ jsonpath} (predicate holds). */
        JSON_PATH_EXISTS("@?"), JSON_PATH_MATCH("@@"),
        /** pgvector's bit distances: {@code <~>} hamming, {@code <%>} jaccard. */
        HAMMING_DISTANCE("<~>"), JACCARD_DISTANCE("<%>"),
        /** {@code ^}: exponentiation (left-associative, binding tighter than {@code * /}, as in PostgreSQL). */
        POWER("^"),
        /** Integer bit operators: {@code & | #} (and, or, xor), {@code << >>} (shifts by an integer). */
        BIT_AND("&"), BIT_OR("|"), BIT_XOR("#"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"),
        /** Range operators: {@code &<} (does not extend right of), {@code &>} (left of), {@code -|-} (adjacent). */
        OVER_LEFT("&<"), OVER_RIGHT("&>"), ADJACENT("-|-");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** This comparison with its operands swapped: {@code 3 < x} is {@code x > 3}; other operators as they are. */
        public BinaryOp flipped() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }

        public boolean isVectorDistance() {
            return ordinal() >= L2_DISTANCE.ordinal() && ordinal() <= L1_DISTANCE.ordinal();
        }

        public boolean isBitDistance() {
            return this == HAMMING_DISTANCE || this == JACCARD_DISTANCE;
        }

        public boolean isContainerOperator() {
            return ordinal() >= JSON_GET.ordinal() && ordinal() <= JSON_PATH_MATCH.ordinal();
        }

        public boolean isBitwise() {
            return ordinal() >= BIT_AND.ordinal() && ordinal() <= SHIFT_RIGHT.ordinal();
        }

        public boolean isArithmetic() {
            return ordinal() <= MODULO.ordinal();
        }
    }

    record Binary(Pos pos, BinaryOp op, Expr left, Expr right) implements Expr {
    }

    record IsNull(Pos pos, Expr operand, boolean negated) implements Expr {
    }

    /** {@code x IS [NOT] TRUE|FALSE}. */
    record IsBoolean(Pos pos, Expr operand, boolean value, boolean negated) implements Expr {
    }

    record Between(Pos pos, Expr value, Expr low, Expr high, boolean negated) implements Expr {
    }

    record InList(Pos pos, Expr value, List<Expr> list, boolean negated) implements Expr {
    }

    /** {@code x [NOT] IN (SELECT ...)}. */
    record InSubquery(Pos pos, Expr value, Statement.Query query, boolean negated) implements Expr {
    }

    /** {@code (SELECT ...)} used as a value. */
    record Subquery(Pos pos, Statement.Query query) implements Expr {
    }

    /** {@code EXISTS (SELECT ...)}. */
    record Exists(Pos pos, Statement.Query query) implements Expr {
    }

    /** {@code value [NOT] LIKE|ILIKE pattern [ESCAPE escape]}; {@code escape} null: the default, backslash. */
    record Like(Pos pos, Expr value, Expr pattern, boolean caseInsensitive, boolean negated, Expr escape)
            implements Expr {
        public Like(Pos pos, Expr value, Expr pattern, boolean caseInsensitive, boolean negated) {
            this(pos, value, pattern, caseInsensitive, negated, null);
        }
    }

    /**
     * {@code name(args)}, {@code name(DISTINCT args)} or {@code name(*)}; name is case-folded.
     * {@code orderBy}: an ordered aggregate's ORDER BY (empty when not written); {@code filter}:
     * FILTER (WHERE ...) or null; {@code over}: the window of a window function call, or null;
     * {@code withinGroup}: {@code orderBy} was written as an ordered-set aggregate's
     * {@code WITHIN GROUP (ORDER BY ...)} (percentile_cont, percentile_disc, mode).
     */
    record FunctionCall(Pos pos, String name, List<Expr> arguments, boolean distinct, boolean star,
                        List<Statement.SortItem> orderBy, Expr filter, WindowSpec over, boolean withinGroup)
            implements Expr {
        public FunctionCall(Pos pos, String name, List<Expr> arguments, boolean distinct, boolean star) {
            this(pos, name, arguments, distinct, star, List.of(), null, null);
        }

        public FunctionCall(Pos pos, String name, List<Expr> arguments, boolean distinct, boolean star,
                            List<Statement.SortItem> orderBy, Expr filter, WindowSpec over) {
            this(pos, name, arguments, distinct, star, orderBy, filter, over, false);
        }
    }

    /**
     * {@code name => value} (or {@code name := value}) among a function call's arguments, after
     * the positional ones; the binder puts it in its parameter's place.
     */
    record NamedArgument(Pos pos, String name, Expr value) implements Expr {
        /** The name {@code VARIADIC array}, a call's last argument, is kept under: no written name can be it. */
        public static final String VARIADIC = "\u0000variadic";
    }

    enum FrameUnit { ROWS, RANGE, GROUPS }

    enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One end of a window frame; {@code offset} only for PRECEDING and FOLLOWING. */
    record FrameBound(BoundKind kind, Expr offset) {
    }

    /** The rows a frame leaves out around the current row: {@code EXCLUDE ...}, NO_OTHERS when not written. */
    enum FrameExclusion { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

    /**
     * A window frame: {@code unit BETWEEN start AND end [EXCLUDE ...]} ({@code end} CURRENT ROW when
     * only a start is written).
     */
    record Frame(Pos pos, FrameUnit unit, FrameBound start, FrameBound end, FrameExclusion exclusion) {
        public Frame(Pos pos, FrameUnit unit, FrameBound start, FrameBound end) {
            this(pos, unit, start, end, FrameExclusion.NO_OTHERS);
        }
    }

    /**
     * {@code OVER name} ({@code name} set, the rest empty) or {@code OVER ([existing] PARTITION BY ...
     * ORDER BY ... frame)} ({@code name} the existing window or null; {@code frame} null when not written).
     */
    record WindowSpec(Pos pos, String name, List<Expr> partitionBy, List<Statement.SortItem> orderBy, Frame frame) {
    }

    /** {@code a IS [NOT] DISTINCT FROM b}. */
    record IsDistinctFrom(Pos pos, Expr left, Expr right, boolean negated) implements Expr {
    }

    /** POSIX regular expression match: {@code ~}, {@code ~*}, {@code !~}, {@code !~*}. */
    record RegexMatch(Pos pos, Expr value, Expr pattern, boolean caseInsensitive, boolean negated) implements Expr {
    }

    record Cast(Pos pos, Expr operand, TypeName type) implements Expr {
    }

    /** {@code ARRAY[e, ...]}. */
    record ArrayConstructor(Pos pos, List<Expr> elements) implements Expr {
    }

    /** {@code ARRAY(SELECT ...)}: the single column of the subquery's rows as an array (also what {@code op ANY (SELECT ...)} compares with). */
    record ArraySubquery(Pos pos, Statement.Query query) implements Expr {
    }

    /** {@code array[index]} (1-based). */
    /**
     * {@code array[index]}, or with {@code slice} {@code array[index:upper]} (either bound may be
     * null there: {@code a[:2]}, {@code a[2:]}).
     */
    record Subscript(Pos pos, Expr array, Expr index, boolean slice, Expr upper) implements Expr {
        public Subscript(Pos pos, Expr array, Expr index) {
            this(pos, array, index, false, null);
        }
    }

    /** {@code value op ANY|SOME|ALL (array)}; {@code op} is a comparison. */
    record Quantified(Pos pos, BinaryOp op, boolean all, Expr value, Expr array) implements Expr {
    }

    record When(Expr condition, Expr result) {
    }

    /** {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}; {@code operand} and {@code elseResult} may be null. */
    record Case(Pos pos, Expr operand, List<When> whens, Expr elseResult) implements Expr {
    }
}
