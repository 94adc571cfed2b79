package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;

import java.util.List;
import java.util.Locale;

/**
 * A bound expression as PostgreSQL's deparser (ruleutils) prints it in EXPLAIN: every operator in
 * parentheses, {@code (amount > 5)}, {@code ((a + b) * 2)}; constants with their type where
 * PostgreSQL shows it, {@code 'open'::text}, {@code '2024-01-02'::date}, {@code 1.5},
 * {@code '-1'::integer}; parameters as {@code $1}; explicit casts {@code (x)::bigint}, implicit
 * ones (KyroDB widens operands where PostgreSQL has cross-type operators) left out; functions by
 * their SQL name, {@code lower(name)}. Columns are named by {@link Columns}: EXPLAIN qualifies them
 * with the table's alias when the plan reads more than one relation (a scan's own conditions only
 * under VERBOSE); a column of an enclosing query always carries its alias ({@code (c = t.id)}), as
 * PostgreSQL prints a correlated subquery's parameter. Subqueries are named by
 * {@link SubPlans} ({@code (SubPlan 1)}, {@code $0}). Stateless; one instance per naming context.
 */
public final class ExprDeparser {
    /** How a column of the row an expression is evaluated on is named. */
    public interface Columns {
        String name(ColumnExpr column);
    }

    /** How a subquery is referred to: {@code (SubPlan 1)}, {@code $0} for an InitPlan's value. */
    public interface SubPlans {
        String name(SubPlan plan);
    }

    private final Columns columns;
    private final SubPlans subPlans;
    private final boolean qualify;

    /** {@code qualify}: the columns named by {@link #plain} carry their relation's alias. */
    public ExprDeparser(Columns columns, SubPlans subPlans, boolean qualify) {
        this.columns = columns;
        this.subPlans = subPlans;
        this.qualify = qualify;
    }

    /** Names columns by their own name, qualified by their relation's alias when {@code qualify}. */
    public static ExprDeparser plain(boolean qualify) {
        return new ExprDeparser(c -> column(c, qualify), p -> "(SubPlan)", qualify);
    }

    /** {@code alias.name} (or {@code name}) of a column bound from a FROM item; null when it has no name. */
    public static String column(ColumnExpr c, boolean qualify) {
        if (c.name() == null || c.name().isEmpty()) {
            return null;
        }
        String q = c.alias() == null || c.alias().isEmpty() ? null : c.alias();
        return qualify && q != null ? identifier(q) + "." + identifier(c.name()) : identifier(c.name());
    }

    /** A name as PostgreSQL quotes it: bare when it is lower case letters, digits and underscores. */
    public static String identifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") || name.startsWith("(")) {   // (subquery): a name KyroDB made
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public String deparse(BoundExpr e) {
        return switch (e) {
            case ColumnExpr c -> {
                String n = columns.name(c);
                yield n != null ? n : "?column?";
            }
            case OuterColumnExpr c -> c.name() == null || c.name().isEmpty() ? "?column?"
                    : c.alias() != null && !c.alias().isEmpty()
                    ? identifier(c.alias()) + "." + identifier(c.name()) : identifier(c.name());
            case ConstExpr c -> constant(c.value(), c.type());
            case ParamExpr p -> "$" + (p.index() + 1);
            case CastExpr c -> cast(c);
            case CompareExpr c -> "(" + operand(c.left()) + " " + c.op().symbol() + " " + operand(c.right()) + ")";
            case ArithmeticExpr a -> "(" + operand(a.left()) + " " + a.op().symbol() + " " + operand(a.right()) + ")";
            case ConcatExpr c -> "(" + operand(c.left()) + " || " + operand(c.right()) + ")";
            case NegateExpr n -> "(- " + operand(n.operand()) + ")";
            case LogicalExpr l -> logical(l);
            case NotExpr n -> "(NOT " + deparse(n.operand()) + ")";
            case IsNullExpr n -> "(" + deparse(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case IsBooleanExpr b -> "(" + deparse(b.operand()) + " IS " + (b.negated() ? "NOT " : "")
                    + (b.value() ? "TRUE" : "FALSE") + ")";
            case InListExpr in -> inList(in);
            case LikeExpr l -> "(" + operand(l.value()) + " " + (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~")
                    + " " + operand(l.pattern()) + ")";
            case CaseExpr c -> caseExpr(c);
            case FunctionExpr f -> scalar(f);
            case BuiltinExpr b when b.function() == TextSearchFunction.TS_RANK || b.function() == TextSearchFunction.TS_RANK_CD ->
                    function(b.function() == TextSearchFunction.TS_RANK ? "ts_rank" : "ts_rank_cd", rankArguments(b.arguments()));
            case BuiltinExpr b when b.function() == TextSearchFunction.MATCH ->
                    "(" + operand(b.arguments().get(0)) + " @@ " + operand(b.arguments().get(1)) + ")";
            case BuiltinExpr b when (b.function() == JsonbFunction.EXISTS_ANY || b.function() == JsonbFunction.EXISTS_ALL)
                    && b.arguments().size() == 2 -> "(" + operand(b.arguments().get(0))
                    + (b.function() == JsonbFunction.EXISTS_ANY ? " ?| " : " ?& ") + operand(b.arguments().get(1)) + ")";
            case BuiltinExpr b when b.function() == DateTimeFunction.OVERLAPS -> "((" + deparse(b.arguments().get(0)) + ", "
                    + deparse(b.arguments().get(1)) + ") OVERLAPS (" + deparse(b.arguments().get(2)) + ", "
                    + deparse(b.arguments().get(3)) + "))";
            case BuiltinExpr b -> function(b.function() instanceof Enum<?> en ? en.name() : b.function().getClass().getSimpleName(),
                    b.arguments());
            case VectorFunctionExpr v -> vector(v);
            case ContainerFunctionExpr c when containerOperator(c.function()) != null && c.arguments().size() == 2 ->
                    "(" + operand(c.arguments().get(0)) + " " + containerOperator(c.function()) + " "
                            + operand(c.arguments().get(1)) + ")";
            case ContainerFunctionExpr c when c.function() == ContainerFunction.ARRAY_CONSTRUCT ->
                    "ARRAY[" + String.join(", ", c.arguments().stream().map(this::deparse).toList()) + "]";
            case ContainerFunctionExpr c -> function(c.function().name(), c.arguments());
            case CatalogFunctionExpr c -> function(c.function().name(), c.arguments());
            case UserFunctionExpr u -> function(u.function().name(), u.arguments());
            case DateTimeArithmeticExpr d -> "(" + operand(d.left()) + " " + dateTimeOp(d.op()) + " " + operand(d.right()) + ")";
            case QuantifiedExpr q -> "(" + operand(q.value()) + " " + q.op().symbol() + " " + (q.all() ? "ALL" : "ANY")
                    + " (" + deparse(q.array()) + "))";
            case SequenceExpr s -> function(s.function().name(), s.arguments());
            case ScalarSubqueryExpr s -> subPlans.name(s.subPlan());
            case ExistsExpr x -> subPlans.name(x.subPlan());
            case InSubqueryExpr in -> in.negated() ? "(NOT " + subPlans.name(in.subPlan()) + ")" : subPlans.name(in.subPlan());
            case ArraySubqueryExpr a -> "(ARRAY(" + subPlans.name(a.subPlan()) + "))";
            // an expression kind added later: its kind's name until it gets a case here
            default -> "(" + e.getClass().getSimpleName().replace("Expr", "").toLowerCase(Locale.ROOT) + ")";
        };
    }

    /** The operator jsonb's and arrays' operator functions print as ({@code ->}, {@code @>}, {@code ?} ...), else null. */
    private static String containerOperator(ContainerFunction f) {
        return switch (f) {
            case JSON_GET -> "->";
            case JSON_GET_TEXT -> "->>";
            case JSON_PATH -> "#>";
            case JSON_PATH_TEXT -> "#>>";
            case JSON_CONTAINS, ARRAY_CONTAINS -> "@>";
            case JSON_CONTAINED_BY, ARRAY_CONTAINED_BY -> "<@";
            case JSON_EXISTS -> "?";
            case ARRAY_OVERLAP -> "&&";
            case JSONB_CONCAT -> "||";
            default -> null;
        };
    }

    /** An operator's operand: constants and columns bare, the rest already in their parentheses. */
    private String operand(BoundExpr e) {
        return deparse(e);
    }

    private String logical(LogicalExpr l) {
        // PostgreSQL flattens nested ANDs (and ORs) into one parenthesized list
        StringBuilder b = new StringBuilder("(");
        appendFlat(b, l, l.isAnd());
        return b.append(')').toString();
    }

    private void appendFlat(StringBuilder b, BoundExpr e, boolean and) {
        if (e instanceof LogicalExpr l && l.isAnd() == and) {
            appendFlat(b, l.left(), and);
            b.append(and ? " AND " : " OR ");
            appendFlat(b, l.right(), and);
        } else {
            b.append(deparse(e));
        }
    }

    /** {@code x IN (1, 2)} is PostgreSQL's {@code (x = ANY ('{1,2}'::integer[]))} once its list is constant. */
    private String inList(InListExpr in) {
        boolean constants = in.list().stream().allMatch(x -> x instanceof ConstExpr);
        if (constants && !in.list().isEmpty()) {
            StringBuilder list = new StringBuilder("{");
            for (int i = 0; i < in.list().size(); i++) {
                Object v = ((ConstExpr) in.list().get(i)).value();
                list.append(i == 0 ? "" : ",").append(v == null ? "NULL" : arrayElement(Values.toText(v)));
            }
            String array = quote(list.append('}').toString()) + "::" + typeName(in.list().get(0).type()) + "[]";
            return "(" + operand(in.value()) + (in.negated() ? " <> ALL (" : " = ANY (") + array + "))";
        }
        StringBuilder b = new StringBuilder("(").append(operand(in.value())).append(in.negated() ? " NOT IN (" : " IN (");
        for (int i = 0; i < in.list().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(deparse(in.list().get(i)));
        }
        return b.append("))").toString();
    }

    private static String arrayElement(String text) {
        if (text.isEmpty() || text.matches(".*[\\s{},\"\\\\].*") || text.equalsIgnoreCase("null")) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return text;
    }

    private String caseExpr(CaseExpr c) {
        StringBuilder b = new StringBuilder("CASE");
        for (int i = 0; i < c.conditions().size(); i++) {
            b.append(" WHEN ").append(deparse(c.conditions().get(i))).append(" THEN ").append(deparse(c.results().get(i)));
        }
        if (c.elseResult() != null) {
            b.append(" ELSE ").append(deparse(c.elseResult()));
        }
        return b.append(" END").toString();
    }

    /** The functions PostgreSQL's grammar spells as keywords or operators, the others by name. */
    private String scalar(FunctionExpr f) {
        List<BoundExpr> a = f.arguments();
        return switch (f.function()) {
            case COALESCE, NULLIF, GREATEST, LEAST -> {
                String call = function(f.function().name(), a);
                yield f.function().name() + call.substring(call.indexOf('('));
            }
            case DISTINCT_FROM -> "(" + deparse(a.get(0)) + " IS DISTINCT FROM " + deparse(a.get(1)) + ")";
            case NOT_DISTINCT_FROM -> "(" + deparse(a.get(0)) + " IS NOT DISTINCT FROM " + deparse(a.get(1)) + ")";
            case REGEX_MATCHES -> "(" + deparse(a.get(0)) + " ~ " + deparse(a.get(1)) + ")";
            case REGEX_MATCHES_CI -> "(" + deparse(a.get(0)) + " ~* " + deparse(a.get(1)) + ")";
            default -> function(f.function().name(), a);
        };
    }

    /** ts_rank's arguments as written: without the default weights (NULL) and normalization (0) the binder filled in. */
    private static List<BoundExpr> rankArguments(List<BoundExpr> a) {
        List<BoundExpr> out = new java.util.ArrayList<>(a);
        if (out.get(3) instanceof ConstExpr c && Integer.valueOf(0).equals(c.value())) {
            out.remove(3);
        }
        if (out.get(0) instanceof ConstExpr c && c.value() == null) {
            out.remove(0);
        }
        return out;
    }

    private String function(String name, List<BoundExpr> arguments) {
        StringBuilder b = new StringBuilder(name.toLowerCase(Locale.ROOT)).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(deparse(arguments.get(i)));
        }
        return b.append(')').toString();
    }

    private String vector(VectorFunctionExpr v) {
        String op = switch (v.function()) {
            case L2_DISTANCE -> "<->";
            case NEGATIVE_INNER_PRODUCT -> "<#>";
            case COSINE_DISTANCE -> "<=>";
            case L1_DISTANCE -> "<+>";
            default -> null;
        };
        if (op != null && v.arguments().size() == 2) {
            return "(" + operand(v.arguments().get(0)) + " " + op + " " + operand(v.arguments().get(1)) + ")";
        }
        return function(v.function().sqlName(), v.arguments());
    }

    private static String dateTimeOp(DateTimeArithmeticExpr.Op op) {
        return switch (op) {
            case DATE_PLUS_DAYS, DAYS_PLUS_DATE, DATE_PLUS_TIME, TIME_PLUS_DATE, PLUS_INTERVAL, INTERVAL_PLUS -> "+";
            case DATE_MINUS_DAYS, DATE_MINUS_DATE, MINUS_INTERVAL, MINUS_SAME -> "-";
            case INTERVAL_TIMES, TIMES_INTERVAL -> "*";
            case INTERVAL_DIVIDED -> "/";
            default -> op.name();
        };
    }

    /** An explicit cast as {@code (x)::type} ({@code 'v'::type} for a constant); an implicit one is not shown. */
    private String cast(CastExpr c) {
        if (!c.explicit()) {
            return deparse(c.operand());
        }
        if (c.operand() instanceof ConstExpr k) {
            return k.value() == null ? "NULL::" + typeName(c.type()) : quote(Values.toText(k.value())) + "::" + typeName(c.type());
        }
        String inner = deparse(c.operand());
        return (inner.startsWith("(") && inner.endsWith(")") ? inner : "(" + inner + ")") + "::" + typeName(c.type());
    }

    /**
     * A constant as PostgreSQL prints one: an integer that fits {@code integer} bare (PostgreSQL types
     * the literal {@code 5} as integer and compares it with a bigint column by a cross-type operator),
     * a numeric with a decimal point bare, a boolean as {@code true}, anything else quoted with its type.
     */
    public static String constant(Object value, SqlType type) {
        if (value == null) {
            return type.kind() == TypeKind.UNKNOWN ? "NULL" : "NULL::" + typeName(type);
        }
        String text = Values.toText(value);
        return switch (type.kind()) {
            case BOOLEAN -> text.startsWith("t") ? "true" : "false";
            case INTEGER, BIGINT, SMALLINT -> {
                long v = ((Number) value).longValue();
                yield v >= 0 && v <= Integer.MAX_VALUE ? text
                        : quote(text) + "::" + (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? "integer" : "bigint");
            }
            case NUMERIC -> !text.isEmpty() && Character.isDigit(text.charAt(0)) && text.matches(".*[.eE].*") ? text
                    : quote(text) + "::numeric";
            case UNKNOWN -> quote(text);
            default -> quote(text) + "::" + typeName(type);
        };
    }

    private static String typeName(SqlType type) {
        return type.kind() == TypeKind.UNKNOWN ? "text" : type.displayName();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Deparses each of {@code exprs}. */
    public List<String> deparseAll(List<? extends BoundExpr> exprs) {
        return exprs.stream().map(this::deparse).toList();
    }
}
