package io.kyrodb.engine;

import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.AggregateNode;
import io.kyrodb.engine.exec.DistinctNode;
import io.kyrodb.engine.exec.ExplainDetails;
import io.kyrodb.engine.exec.FillSlotsNode;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.HashNode;
import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.Instrumentation;
import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.exec.LimitNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.exec.SortNode;
import io.kyrodb.engine.exec.TopNNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExistsExpr;
import io.kyrodb.engine.expr.ExprDeparser;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EXPLAIN's output: the plan tree as PostgreSQL 15 prints it, in one column {@code QUERY PLAN}:
 * one row per line in FORMAT TEXT (children under {@code ->}, details under their operator), one
 * row holding the whole document in JSON, YAML or XML ({@link ExplainFormat}).
 *
 * <p>Every operator goes through {@link #node}: KyroDB's Project and Filter operators are not
 * operators in PostgreSQL (every node projects and filters), so they fold into the operator below
 * them, as its {@code Output} (VERBOSE) and {@code Filter} (with {@code Rows Removed by Filter}
 * under ANALYZE); the operator's own details come from {@link PlanNode#explain}, its expressions
 * deparsed by {@link ExprDeparser} against its input's columns (qualified with their relation when
 * the plan reads more than one, as PostgreSQL does).
 *
 * <p>The subqueries in an operator's expressions follow its details as PostgreSQL shows them: an
 * uncorrelated one, run once, as {@code InitPlan n (returns $k)} before the children (an IN list
 * as a {@code hashed SubPlan n}); a correlated one, run per row, as {@code SubPlan n} after them,
 * {@code SubPlan n (index probe)} when it is a count or existence test answered from the index
 * entries of its one lookup without running the plan shown below it ({@link io.kyrodb.engine.exec.IndexProbe}).
 * A subplan two operators share (the value of a key lookup, checked again by its filter) is shown
 * under the first.
 *
 * <p>Each operator line ends with the planner's estimate, {@code (rows=n)} (PostgreSQL prints a cost
 * there too; KyroDB has no cost model beyond rows), unless COSTS OFF; a last line names the
 * estimator. With ANALYZE, what the operator did follows: {@code (actual time=first..last rows=n
 * loops=l)}, per loop as in PostgreSQL (milliseconds; without TIMING, only rows and loops), or
 * {@code (never executed)}; the summary adds {@code Planning Time} and {@code Execution Time}. The
 * inner side of a key join (its per-row primary-key lookup) runs inside the join and shows neither.
 */
final class Explain {
    /** EXPLAIN's one result column. */
    static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("QUERY PLAN", SqlType.TEXT, false, "", ""));

    /** What EXPLAIN's options ask for. */
    record Options(boolean analyze, boolean verbose, boolean costs, boolean timing, String format) {
        static final Options DEFAULT = new Options(false, false, true, true, "text");
    }

    /** The lines after the plan: the estimator, changed settings, the times (each null when not shown). */
    record Summary(String estimator, Map<String, String> settings, Double planningMs, Double executionMs) {
    }

    /**
     * One operator as EXPLAIN shows it: {@code title} ({@code Seq Scan on t}), where it hangs under
     * its parent ({@code relationship}: Outer, Inner, InitPlan, SubPlan, Member; {@code subplanName}
     * for the last two), estimate and measures, details, children.
     */
    static final class Shown {
        String title;
        String relationship;
        String subplanName;
        Long planRows;
        Instrumentation.Counters counters;
        boolean measured;
        List<ExplainDetails.Property> properties = List.of();
        final List<Shown> children = new ArrayList<>();
    }

    private final Options options;
    private final PlanEstimates estimates;
    private final Instrumentation measured;
    private final boolean qualify;
    /** How each subquery is referred to in expressions: {@code $0}, {@code (SubPlan 2)}, {@code (hashed SubPlan 1)}. */
    private final Map<SubPlan, String> references = new IdentityHashMap<>();
    private final Map<SubPlan, String> labels = new IdentityHashMap<>();
    private final Set<SubPlan> shown = new HashSet<>();
    private final Map<PlanNode, List<String>> outputs = new IdentityHashMap<>();
    /** A column position of a table in one plan tree's rows. */
    private record Slot(String table, int index) {
    }

    private final Map<PlanNode, Map<Slot, String>> aliases = new IdentityHashMap<>();
    /** The plan tree being shown: the statement's, or a subquery's. */
    private PlanNode tree;
    private int subPlans;
    private int initPlanParams;

    private Explain(Options options, PlanEstimates estimates, Instrumentation measured, boolean qualify) {
        this.options = options;
        this.estimates = estimates;
        this.measured = measured;
        this.qualify = qualify;
    }

    static ExecResult render(PlanNode root) {
        return render(root, Options.DEFAULT, null, null, new Summary(null, Map.of(), null, null));
    }

    /**
     * {@code estimates}: print each operator's (null: COSTS OFF); {@code measured}: EXPLAIN ANALYZE's
     * counters (null: not run); {@code summary}: what follows the plan.
     */
    static ExecResult render(PlanNode root, Options options, PlanEstimates estimates, Instrumentation measured,
                             Summary summary) {
        Explain e = new Explain(options, estimates, measured, options.verbose() || relations(root, new HashSet<>()) > 1);
        e.number(root, new HashSet<>());
        e.shown.clear();
        e.tree = root;
        Shown top = e.node(root, null);
        List<Object[]> rows = new ArrayList<>();
        for (String line : ExplainFormat.render(top, summary, options)) {
            rows.add(new Object[]{line});
        }
        return new MaterializedRows(COLUMNS, rows);
    }

    /** How many relations the plan reads (its leaves, subqueries' included): more than one qualifies columns. */
    private static int relations(PlanNode node, Set<SubPlan> seen) {
        int n = node.children().isEmpty() ? 1 : 0;
        for (PlanNode c : node.children()) {
            n += relations(c, seen);
        }
        for (BoundExpr e : node.expressions()) {
            int[] sum = {0};
            ExprTree.forEach(e, x -> {
                SubPlan p = ExprTree.subPlanOf(x);
                if (p != null && seen.add(p)) {
                    sum[0] += relations(p.root(), seen);
                }
            });
            n += sum[0];
        }
        return n;
    }

    private static PlanNode unwrap(PlanNode node) {
        while (node instanceof WidenNode || node instanceof FillSlotsNode) {
            node = node.children().get(0);   // parts of the join below, not operators of their own
        }
        return node;
    }

    /** The Project and Filter operators that fold into the operator below them, top first. */
    private static List<PlanNode> folded(PlanNode node) {
        List<PlanNode> chain = new ArrayList<>();
        node = unwrap(node);
        while (node instanceof ProjectNode || node instanceof FilterNode) {
            chain.add(node);
            node = unwrap(node.children().get(0));
        }
        chain.add(node);
        return chain;
    }

    /** The subqueries in the expressions of {@code chain}, not shown yet: [run once, run per row]. */
    private List<List<BoundExpr>> subqueries(List<PlanNode> chain) {
        List<BoundExpr> once = new ArrayList<>();
        List<BoundExpr> perRow = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            for (BoundExpr e : chain.get(i).expressions()) {
                ExprTree.forEach(e, x -> {
                    SubPlan p = ExprTree.subPlanOf(x);
                    if (p != null && shown.add(p)) {
                        (p.correlated() ? perRow : once).add(x);
                    }
                });
            }
        }
        return List.of(once, perRow);
    }

    /** Numbers the subqueries in the order they are shown (so an expression can name one shown later). */
    private void number(PlanNode node, Set<PlanNode> seen) {
        List<PlanNode> chain = folded(node);
        PlanNode base = chain.get(chain.size() - 1);
        List<List<BoundExpr>> subs = subqueries(chain);
        for (BoundExpr e : subs.get(0)) {
            SubPlan p = ExprTree.subPlanOf(e);
            if (e instanceof InSubqueryExpr) {
                labels.put(p, "hashed SubPlan " + ++subPlans);
                references.put(p, "(hashed SubPlan " + subPlans + ")");
            } else {
                int param = initPlanParams++;
                labels.put(p, "InitPlan " + ++subPlans + " (returns $" + param + ")");
                references.put(p, "$" + param);
            }
            number(p.root(), seen);
        }
        for (PlanNode child : base.children()) {
            number(child, seen);
        }
        for (BoundExpr e : subs.get(1)) {
            SubPlan p = ExprTree.subPlanOf(e);
            labels.put(p, "SubPlan " + ++subPlans + (measured == null && probes(e) ? " (index probe)" : ""));
            references.put(p, "(SubPlan " + subPlans + ")");
            number(p.root(), seen);
        }
    }

    private Shown node(PlanNode node, String relationship) {
        return node(node, relationship, offset(node));
    }

    /** {@code offset}: where the table a scan reads sits in the rows of the query level (for its alias). */
    private Shown node(PlanNode node, String relationship, int offset) {
        List<PlanNode> chain = folded(node);
        PlanNode top = chain.get(0);
        PlanNode base = chain.get(chain.size() - 1);
        Shown s = new Shown();
        s.title = withAlias(base.describe(), base, offset);
        // PostgreSQL qualifies a scan's own conditions only under VERBOSE, those above a scan when the plan has several relations
        boolean scan = base.children().isEmpty();
        boolean qualifyHere = scan ? options.verbose() : qualify;
        s.relationship = relationship;
        boolean probe = base instanceof KeyJoinNode.Probe;   // runs inside its key join, which the estimate and the measures cover
        if (estimates != null && !probe) {
            s.planRows = Math.round(estimates.rows(top));
        }
        if (measured != null && !probe) {
            s.measured = true;
            s.counters = measured.of(top);
        }
        List<String> input = base.children().isEmpty() ? null : outputs(base.children().get(0));
        ExplainDetails details = new ExplainDetails(deparser(input, qualifyHere), input, options.verbose(),
                measured != null && s.counters != null);
        base.explain(details);
        String sortMethod = measured == null ? null : measured.sortMethod(base);
        if (sortMethod != null) {
            details.text("Sort Method", sortMethod);
        }
        List<String> filters = new ArrayList<>();
        long removed = 0;
        for (int i = chain.size() - 2; i >= 0; i--) {
            if (chain.get(i) instanceof FilterNode f) {
                List<String> columns = outputs(f.child());
                for (BoundExpr c : io.kyrodb.engine.expr.ExprTree.conjuncts(f.predicate())) {
                    if (!details.indexed(deparser(columns, false).deparse(c))) {
                        filters.add(deparser(columns, qualifyHere).deparse(c));
                    }
                }
                Instrumentation.Counters in = measured == null ? null : measured.of(f.child());
                Instrumentation.Counters out = measured == null ? null : measured.of(f);
                if (in != null && out != null && out.loops > 0) {
                    removed += Math.round((double) (in.rows - out.rows) / out.loops);
                }
            }
        }
        if (!filters.isEmpty()) {
            details.text("Filter", ExplainDetails.and(filters));
            if (measured != null && s.counters != null && s.counters.loops > 0
                    && (removed > 0 || !options.format().equals("text"))) {
                details.number("Rows Removed by Filter", removed);
            }
        }
        details.moveLast("Heap Fetches");
        if (options.verbose()) {
            List<String> out = outputs(top);
            if (out != null) {
                details.first("Output", out.stream().filter(java.util.Objects::nonNull).toList());
            }
        }
        s.properties = details.properties();
        List<List<BoundExpr>> subs = subqueries(chain);
        for (BoundExpr e : subs.get(0)) {
            s.children.add(subPlan(ExprTree.subPlanOf(e), "InitPlan"));
        }
        List<PlanNode> children = base.children();
        for (int i = 0; i < children.size(); i++) {
            String rel = children.size() == 1 ? "Outer" : base instanceof io.kyrodb.engine.exec.AppendNode ? "Member"
                    : i == 0 ? "Outer" : "Inner";
            s.children.add(base instanceof KeyJoinNode k && children.get(i) instanceof KeyJoinNode.Probe
                    ? node(children.get(i), rel, k.offset()) : node(children.get(i), rel));
        }
        for (BoundExpr e : subs.get(1)) {
            s.children.add(subPlan(ExprTree.subPlanOf(e), "SubPlan"));
        }
        return s;
    }

    private Shown subPlan(SubPlan p, String relationship) {
        PlanNode outerTree = tree;
        tree = p.root();
        Shown s = node(p.root(), relationship);
        tree = outerTree;
        s.subplanName = labels.getOrDefault(p, relationship);
        return s;
    }

    /** The offset of the table a scan fills in a join's row ({@link WidenNode}), 0 outside a join. */
    private static int offset(PlanNode node) {
        int offset = 0;
        while (true) {
            if (node instanceof WidenNode w) {
                offset = w.offset();
            }
            if (node instanceof WidenNode || node instanceof FillSlotsNode || node instanceof ProjectNode
                    || node instanceof FilterNode) {
                node = node.children().get(0);
            } else {
                return offset;
            }
        }
    }

    /**
     * {@code Seq Scan on orders o}: a scan's title with the alias the query gave its table, found from
     * the columns the plan's expressions read of it (PostgreSQL prints the alias when it differs).
     */
    private String withAlias(String title, PlanNode base, int offset) {
        Table table = scanned(base);
        if (table == null || !title.endsWith(" on " + table.name())) {
            return title;
        }
        String alias = alias(table, offset);
        if (options.verbose() && table.name().indexOf('.') < 0) {
            // VERBOSE names the relation with its schema, as PostgreSQL does (a table outside public carries it already)
            title = title.substring(0, title.length() - table.name().length()) + "public." + table.name();
        }
        return alias == null || alias.equals(table.name()) ? title : title + " " + ExprDeparser.identifier(alias);
    }

    /** The table a scan reads, or null for another operator. */
    private static Table scanned(PlanNode node) {
        return switch (node) {
            case ScanNode n -> n.table();
            case KeyLookupNode n -> n.table();
            case KeyRangeNode n -> n.table();
            case IndexScanNode n -> n.table();
            case io.kyrodb.engine.exec.IndexOnlyScanNode n -> n.lookup().table();
            case KeyJoinNode.Probe n -> n.table();
            default -> null;
        };
    }

    /** The alias of {@code table} at {@code offset} of the rows of the tree being shown; null if no column tells. */
    private String alias(Table table, int offset) {
        Map<Slot, String> aliases = this.aliases.computeIfAbsent(tree, Explain::aliases);
        for (int i = 0; i < table.columns().size(); i++) {
            String alias = aliases.get(new Slot(table.name(), offset + i));
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    /** (table, column position) to alias, from the columns the operators of one plan tree read. */
    private static Map<Slot, String> aliases(PlanNode root) {
        Map<Slot, String> out = new HashMap<>();
        List<PlanNode> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            PlanNode n = todo.remove(todo.size() - 1);
            todo.addAll(n.children());
            for (BoundExpr e : n.expressions()) {
                ExprTree.forEach(e, x -> {
                    if (x instanceof ColumnExpr c && c.table() != null && c.alias() != null && !c.name().isEmpty()) {
                        out.putIfAbsent(new Slot(c.table(), c.index()), c.alias());
                    }
                });
            }
        }
        return out;
    }

    /** Names columns by their own (FROM item) name, else by the input's column of that position. */
    private ExprDeparser deparser(List<String> input) {
        return deparser(input, qualify);
    }

    private ExprDeparser deparser(List<String> input, boolean qualify) {
        return new ExprDeparser(c -> {
            String own = ExprDeparser.column(c, qualify);
            if (own != null) {
                return own;
            }
            return input != null && c.index() < input.size() ? input.get(c.index()) : null;
        }, p -> references.getOrDefault(p, "(SubPlan)"), qualify);
    }

    /**
     * The columns {@code node} returns, as text (null where unknown): a table's columns for a scan,
     * the expressions of a projection, the keys and aggregates of an aggregation, its input's for
     * operators that pass rows through; a join's row is the FROM clause's, each table at its offset.
     */
    private List<String> outputs(PlanNode node) {
        if (outputs.containsKey(node)) {
            return outputs.get(node);
        }
        List<String> out = switch (node) {
            case ScanNode n -> columns(n.table(), 0);
            case KeyLookupNode n -> columns(n.table(), 0);
            case KeyRangeNode n -> columns(n.table(), 0);
            case IndexScanNode n -> columns(n.table(), 0);
            case WidenNode w -> {
                Table scanned = scanned(unwrap(w.child()));
                List<String> inner = scanned != null ? columns(scanned, w.offset()) : outputs(w.child());
                List<String> wide = new ArrayList<>();
                for (int i = 0; i < w.width(); i++) {
                    int at = i - w.offset();
                    wide.add(inner != null && at >= 0 && at < inner.size() ? inner.get(at) : null);
                }
                yield wide;
            }
            case ProjectNode p -> deparser(outputs(p.child())).deparseAll(p.expressions());
            case AggregateNode a -> {
                ExprDeparser d = deparser(outputs(a.child()));
                List<String> list = new ArrayList<>(d.deparseAll(a.groups()));
                for (AggregateCall call : a.aggregates()) {
                    list.add(aggregate(call, d));
                }
                yield list;
            }
            case FilterNode n -> outputs(n.child());
            case SortNode n -> outputs(n.child());
            case TopNNode n -> outputs(n.child());
            case LimitNode n -> outputs(n.child());
            case DistinctNode n -> outputs(n.child());
            case HashNode n -> outputs(n.children().get(0));
            case FillSlotsNode n -> outputs(n.child());
            default -> joined(node);
        };
        outputs.put(node, out);
        return out;
    }

    /** A join's row: each slot from the input that fills it. */
    private List<String> joined(PlanNode node) {
        List<PlanNode> children = node.children();
        if (children.size() < 2) {
            return null;
        }
        List<String> merged = null;
        for (PlanNode c : children) {
            List<String> o = outputs(c);
            if (o == null) {
                continue;
            }
            if (merged == null) {
                merged = new ArrayList<>(o);
            } else if (merged.size() == o.size()) {
                for (int i = 0; i < o.size(); i++) {
                    if (merged.get(i) == null) {
                        merged.set(i, o.get(i));
                    }
                }
            }
        }
        return merged;
    }

    /** A scan's columns, qualified with its table's alias ({@code offset}: where the table sits in a join's row). */
    private List<String> columns(Table table, int offset) {
        String alias = alias(table, offset);
        List<String> out = new ArrayList<>();
        for (var c : table.columns()) {
            String name = ExprDeparser.identifier(c.name());
            out.add(qualify ? ExprDeparser.identifier(alias != null ? alias : table.name()) + "." + name : name);
        }
        return out;
    }

    private static String aggregate(AggregateCall call, ExprDeparser d) {
        String name = call.function().name().toLowerCase(java.util.Locale.ROOT);
        if (call.argument() == null) {
            return name + "(*)";
        }
        return name + "(" + (call.distinct() ? "DISTINCT " : "") + d.deparse(call.argument()) + ")";
    }

    /**
     * Whether a correlated subquery is answered per row by probing its index, not by running the
     * plan below it (EXPLAIN ANALYZE runs the plan, to measure it, so it is said only without ANALYZE).
     */
    private static boolean probes(BoundExpr e) {
        return e instanceof ScalarSubqueryExpr s && s.count() != null || e instanceof ExistsExpr x && x.probe() != null;
    }
}
