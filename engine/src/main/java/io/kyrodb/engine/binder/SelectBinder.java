package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.AggregateNode;
import io.kyrodb.engine.exec.DistinctNode;
import io.kyrodb.engine.exec.DistinctOnNode;
import io.kyrodb.engine.exec.LimitWithTiesNode;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.LimitNode;
import io.kyrodb.engine.exec.OneRowNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.exec.SortKey;
import io.kyrodb.engine.exec.SortNode;
import io.kyrodb.engine.exec.TopNNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.engine.plan.rules.DistinctPushdownRule;
import io.kyrodb.engine.plan.rules.RewriteRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a SELECT into an operator tree:
 * scan/lookup -> filter (WHERE) -> aggregate -> filter (HAVING) -> project (select list + hidden
 * sort keys) -> distinct -> sort -> limit -> project (drop hidden keys).
 */
final class SelectBinder {
    private final Binder binder;
    private final Statement.Select select;
    private final Scope scope = Scope.empty();
    private final ExprBinder outer;
    /** An operand of a set operation: untyped outputs stay untyped, for the operation to resolve. */
    private boolean keepUntyped;
    /** Rows come from a secondary index or through window nodes, so not in primary-key order. */
    private boolean secondaryIndexOrder;
    /** The bound WHERE of a one-table query (null: none). */
    private BoundExpr where;

    /** {@code outer}: for a subquery, the binder of the expression it is in (null for a statement). */
    SelectBinder(Binder binder, Statement.Select select, ExprBinder outer) {
        this.binder = binder;
        // unnest(...) and set-returning PL/pgSQL calls in the select list: in FROM
        this.select = SelectListUnnest.rewrite(UserSetReturningItems.rewrite(binder, select));
        this.outer = outer;
    }

    /** Leaves {@code SELECT NULL} and {@code SELECT 'a'} untyped (a set operation's operand: PostgreSQL types them by the other side). */
    SelectBinder keepUntyped() {
        keepUntyped = true;
        return this;
    }

    QueryPlan bind() {
        List<JoinTree> joins = joins();
        PlanNode node = joins == null ? from() : null;
        ExprBinder base = binder.expressions(scope, "WHERE", outer);
        if (joins != null) {
            BoundExpr where = select.where() == null ? null : base.condition(select.where(), "WHERE");
            node = new JoinPlanner(binder, scope, joins).plan(joins, where);
        } else if (select.where() != null) {
            BoundExpr filter = RewriteRules.CONSTANT_FOLDING.apply(base.condition(select.where(), "WHERE"),
                    binder.options());
            where = filter;   // planned below, once the rest of the query says which columns it reads
        }
        for (Statement.Locking l : select.locking()) {
            for (io.kyrodb.sql.ast.QualifiedName of : l.of()) {
                if (scope.entry(of.name()) == null) {
                    throw binder.error(SqlState.UNDEFINED_TABLE, "relation \"" + of.name()
                            + "\" in FOR " + l.strength().name().replace('_', ' ') + " clause not found in FROM clause",
                            of.pos());
                }
            }
        }
        ExprBinder items = base.inClause("SELECT");
        ExprBinder.Grouping grouping = null;
        if (!select.groupBy().isEmpty() || usesAggregates()) {
            List<BoundExpr> groups = new ArrayList<>();
            ExprBinder groupBinder = base.inClause("GROUP BY");
            List<int[]> sets = null;
            if (GroupingSetPlanning.isGroupingSets(select.groupBy())) {
                sets = GroupingSetPlanning.bind((Expr.FunctionCall) select.groupBy().get(0), groups,
                        g -> groupBy(g, groupBinder));
            } else {
                for (Expr g : select.groupBy()) {
                    groups.add(groupBy(g, groupBinder));
                }
            }
            grouping = new ExprBinder.Grouping(groups, base.inClause("SELECT"));
            grouping.sets = sets;
            items = base.aggregating(grouping);
        } else if (select.having() != null) {
            grouping = new ExprBinder.Grouping(List.of(), base.inClause("SELECT"));
            items = base.aggregating(grouping);
        }
        Windowing windowing = null;
        int width = grouping == null ? scope.width() : grouping.groups.size() + WindowCalls.aggregateBound(select);
        if (WindowCalls.any(select)) {
            windowing = new Windowing(binder, width, select.windows());
            items = items.windowing(windowing);
        }
        SelectListSrfs srfs = new SelectListSrfs(windowing == null ? width : width + WindowCalls.windowBound(select));
        ExprBinder orderItems = items;
        items = items.setReturning(srfs);

        List<BoundExpr> outputs = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e) {
                SelectListSrfs.checkPlacement(items, e.expr());
            }
            selectItem(item, items, outputs, columns);
        }
        BoundExpr having = select.having() == null ? null : orderItems.inClause("HAVING").condition(select.having(),
                "HAVING");
        items = orderItems;   // ORDER BY and DISTINCT ON take no set-returning function

        int visible = outputs.size();
        List<SortKey> sortKeys = new ArrayList<>();
        for (Statement.SortItem s : select.orderBy()) {
            int column = sortColumn(s, items, outputs, columns);
            boolean nullsFirst = s.nullsFirst() != null ? s.nullsFirst() : s.descending();
            sortKeys.add(new SortKey(column, s.descending(), nullsFirst));
        }
        boolean distinctOn = !select.distinctOn().isEmpty();
        if (select.distinct() && !distinctOn && outputs.size() > visible) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list", select.orderBy().get(0).pos());
        }
        int[] distinctOnColumns = distinctOn ? distinctOn(items, outputs, columns, sortKeys) : null;
        if (joins == null && where != null) {
            node = filtered(node, where, columnsRead(outputs, grouping, windowing));
        }
        if (joins != null) {
            node = RewriteRules.COLUMN_PRUNING.apply(node, joinColumnsRead(outputs, grouping, windowing, srfs),
                    binder.options(), binder.estimates());
        }

        if (grouping != null) {
            PlanNode input = node;
            if (!grouping.order.isEmpty()) {
                node = OrderedInput.sort(node, scope.width(), grouping.order, grouping.orderKeys);
            }
            if (grouping.sets == null && grouping.order.isEmpty() && joins != null) {
                node = RewriteRules.DISTINCT_PUSHDOWN.apply(node, grouping.groups, grouping.aggregates, scope.width(),
                        distinctPushdownSlots(), binder.options(), binder.estimates());
            }
            node = grouping.sets != null ? GroupingSetPlanning.plan(node, grouping)
                    : new AggregateNode(node, grouping.groups, List.copyOf(grouping.aggregates));
            if (estimating() && grouping.sets == null) {
                List<io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef> refs = new ArrayList<>();
                for (BoundExpr g : grouping.groups) {
                    refs.add(g instanceof ColumnExpr c ? scope.columnRef(c.index()) : null);
                }
                binder.estimates().put(node, binder.options().estimator().groups(refs, rowsOf(input)));
            }
            if (having != null) {
                node = new FilterNode(node, having);
            }
        }
        boolean sortedByWindows = false;
        int presorted = 0;   // leading sort keys the rows arrive sorted by
        if (windowing != null && !windowing.isEmpty()) {
            int[] inputOrder = grouping == null && joins == null ? InputOrder.of(node) : new int[0];
            boolean keepOrder = !select.distinct() && !distinctOn && srfs.isEmpty()
                    && satisfies(inputOrder, sortKeys, outputs);
            node = windowing.plan(node, inputOrder, keepOrder);
            sortedByWindows = windowing.keptInputOrder();
            secondaryIndexOrder = true;   // the window nodes' order, not the key order
            if (!sortedByWindows && srfs.isEmpty() && !select.distinct() && !distinctOn) {
                presorted = binder.options().incrementalSort()
                        ? leadingKeys(windowing.outputOrder(), sortKeys, outputs) : 0;
                sortedByWindows = presorted > 0 && presorted == sortKeys.size();
            }
        }
        if (!srfs.isEmpty()) {
            node = srfs.plan(node);
        }
        node = new ProjectNode(node, List.copyOf(outputs));
        if (distinctOn) {
            node = new DistinctOnNode(new SortNode(node, List.copyOf(sortKeys)), distinctOnColumns);
            sortKeys.clear();   // sorted already
        } else if (select.distinct()) {
            node = new DistinctNode(node);
        }
        BoundExpr limit = null;
        BoundExpr offset = null;
        if (select.limit() != null || select.offset() != null) {
            ExprBinder constant = binder.expressions(Scope.empty(), "LIMIT", outer);
            limit = rowCount(constant, select.limit());
            offset = rowCount(constant, select.offset());
        }
        List<SortKey> order = List.copyOf(sortKeys);
        if (!sortKeys.isEmpty() && !sortedByWindows && !inKeyOrder(sortKeys, outputs, grouping)) {
            node = limit != null && !select.withTies() ? new TopNNode(node, order, limit, offset)
                    : new SortNode(node, order, presorted);
            if (node instanceof TopNNode topN && grouping == null && !select.distinct() && joins == null
                    && scope.entries().size() == 1) {
                node = HnswPlanning.scan(binder, scope.entries().get(0).table(), where, outputs, topN);
            }
        }
        if (select.withTies()) {
            node = new LimitWithTiesNode(node, limit, offset, distinctOn ? distinctOnOrder : order);
        } else if (select.limit() != null || select.offset() != null) {
            node = new LimitNode(node, limit, offset);
            if (estimating() && limit instanceof ConstExpr k && k.value() instanceof Number n) {
                binder.estimates().put(node, Math.min(rowsOf(node.children().get(0)), n.doubleValue()));
            }
        }
        if (outputs.size() > visible) {
            List<BoundExpr> keep = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                keep.add(new ColumnExpr(i, outputs.get(i).type(), "", "", true));
            }
            node = new ProjectNode(node, keep);
        }
        return new QueryPlan(node, List.copyOf(columns));
    }

    /** The ORDER BY of a DISTINCT ON query (what WITH TIES compares). */
    private List<SortKey> distinctOnOrder = List.of();

    /**
     * DISTINCT ON (exprs): the output columns it compares (added as hidden outputs when needed).
     * The ORDER BY must start with them (in any order, 42P10 otherwise); {@code sortKeys} becomes
     * the ORDER BY followed by the DISTINCT ON columns it lacks, so that each group's first row is
     * the one the ORDER BY puts first.
     */
    private int[] distinctOn(ExprBinder items, List<BoundExpr> outputs, List<ResultColumn> columns,
                             List<SortKey> sortKeys) {
        List<Integer> on = new ArrayList<>();
        for (Expr e : select.distinctOn()) {
            int c = sortColumn(new Statement.SortItem(e.pos(), e, false, null), items, outputs, columns);
            if (!on.contains(c)) {
                on.add(c);
            }
        }
        for (int i = 0; i < Math.min(on.size(), sortKeys.size()); i++) {
            if (!on.contains(sortKeys.get(i).column())) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                        select.distinctOn().get(0).pos());
            }
        }
        distinctOnOrder = List.copyOf(sortKeys);
        for (int c : on) {
            if (sortKeys.stream().noneMatch(k -> k.column() == c)) {
                sortKeys.add(new SortKey(c, false, false));
            }
        }
        return on.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether rows already come in the ORDER BY's order: one table, read in primary-key order (a
     * scan, range or lookup), no grouping, and the sort keys are a leading part of the primary key,
     * ascending. Then no sort is needed (and ORDER BY id LIMIT n reads n rows).
     */
    private boolean inKeyOrder(List<SortKey> sortKeys, List<BoundExpr> outputs, ExprBinder.Grouping grouping) {
        if (grouping != null || select.distinct() || scope.entries().size() != 1 || secondaryIndexOrder) {
            return false;
        }
        Table table = scope.entries().get(0).table();
        if (sortKeys.size() > table.primaryKeyWidth()) {
            return false;
        }
        for (int i = 0; i < sortKeys.size(); i++) {
            SortKey k = sortKeys.get(i);
            if (k.descending() || !(outputs.get(k.column()) instanceof ColumnExpr c) || c.index() != table.primaryKeyColumn(i)) {
                return false;
            }
        }
        return true;
    }

    /** The FROM clause's row layout and estimates, as {@link DistinctPushdownRule} asks for them. */
    private DistinctPushdownRule.Slots distinctPushdownSlots() {
        return new DistinctPushdownRule.Slots() {
            @Override
            public ColumnExpr column(int slot) {
                for (Scope.Entry e : scope.entries()) {
                    int i = slot - e.offset();
                    if (i >= 0 && i < e.table().columns().size()) {
                        io.kyrodb.engine.catalog.Column c = e.table().columns().get(i);
                        return new ColumnExpr(slot, c.type(), e.alias(), c.name(), !c.notNull());
                    }
                }
                return null;
            }

            @Override
            public int end(int offset) {
                for (Scope.Entry e : scope.entries()) {
                    if (e.offset() == offset) {
                        return offset + e.table().columns().size();
                    }
                }
                return -1;
            }

            @Override
            public double distinct(List<ColumnExpr> keys, double rows) {
                List<io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef> refs = new ArrayList<>();
                for (ColumnExpr k : keys) {
                    io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef ref = scope.columnRef(k.index());
                    if (ref == null) {
                        return rows;   // a column without statistics: no reason to expect duplicates
                    }
                    refs.add(ref);
                }
                return binder.options().estimator().groups(refs, rows);
            }

            @Override
            public double rows(PlanNode node) {
                return rowsOf(node);
            }
        };
    }

    /**
     * Whether rows sorted by the columns {@code inputOrder} ({@link InputOrder}) are in the ORDER BY's
     * order: each sort key, ascending with NULLs last, is the select list's plain column of the
     * next of those columns.
     */
    private static boolean satisfies(int[] inputOrder, List<SortKey> sortKeys, List<BoundExpr> outputs) {
        return !sortKeys.isEmpty() && leadingKeys(inputOrder, sortKeys, outputs) == sortKeys.size();
    }

    /**
     * How many leading ORDER BY keys rows sorted by the columns {@code order} (ascending, NULLs
     * last) arrive sorted by: each such key is ascending with NULLs last and the select list's
     * plain column of the next of those columns.
     */
    private static int leadingKeys(int[] order, List<SortKey> sortKeys, List<BoundExpr> outputs) {
        int n = 0;
        while (n < order.length && n < sortKeys.size()) {
            SortKey k = sortKeys.get(n);
            if (k.descending() || k.nullsFirst() || !(outputs.get(k.column()) instanceof ColumnExpr c)
                    || c.index() != order[n]) {
                break;
            }
            n++;
        }
        return n;
    }

    /** Whether this statement's operators get row estimates (EXPLAIN); joins and index choices always ask. */
    private boolean estimating() {
        return binder.estimates().wanted();
    }

    private double tableRows(Table table) {
        return binder.options().estimator().tableRows(table);
    }


    /** An operator's estimated rows: the planner's, else those of its first input (or 1). */
    private double rowsOf(PlanNode node) {
        double r = binder.estimates().rows(node);
        if (r >= 0) {
            return r;
        }
        if (node instanceof ScanNode scan) {
            return binder.estimates().put(scan, tableRows(scan.table())) == scan ? binder.estimates().rows(scan) : 1;
        }
        return node.children().isEmpty() ? 1 : rowsOf(node.children().get(0));
    }

    /**
     * One table (or none) read under {@code filter}: the cheapest access, the filter, and above it
     * the subqueries the decorrelation rule turned into joins; no read at all when the filter
     * folded to FALSE or NULL.
     */
    private PlanNode filtered(PlanNode node, BoundExpr filter, java.util.BitSet reads) {
        if (io.kyrodb.engine.plan.rules.ConstantFoldingRule.keepsNothing(filter)) {
            return binder.estimates().put(new io.kyrodb.engine.exec.NoRowsNode(), 1);
        }
        List<io.kyrodb.engine.plan.rules.SubqueryDecorrelationRule.Rewrite> rewrites = List.of();
        if (scope.entries().size() == 1) {
            List<BoundExpr> parts = Conjuncts.split(filter);
            List<BoundExpr> plain = parts.stream().filter(p -> io.kyrodb.engine.expr.ExprTree.subPlans(p).isEmpty()).toList();
            double outerRows = tableRows(scope.entries().get(0).table()) * (plain.isEmpty() ? 1
                    : binder.options().estimator().selectivity(Conjuncts.and(plain), scope::columnRef));
            rewrites = RewriteRules.DECORRELATION.choose(parts, outerRows, binder::decorrelated, binder.options());
            if (!rewrites.isEmpty()) {
                List<BoundExpr> rest = new ArrayList<>(parts);
                rewrites.forEach(r -> rest.removeIf(p -> p == r.condition()));
                filter = Conjuncts.and(rest);
            }
        }
        if (filter != null) {
            PlanNode access = null;
            double rows = 1;
            BoundExpr check = filter;   // what the Filter node checks
            if (scope.entries().size() == 1) {
                Table table = scope.entries().get(0).table();
                access = KeyLookups.find(table, filter);
                if (access == null) {
                    access = KeyLookups.range(table, filter);
                }
                if (access == null && binder.options().indexScan()) {
                    access = IndexLookups.find(binder.catalog(), table, filter);
                    if (access instanceof io.kyrodb.engine.exec.IndexScanNode scan && binder.options().indexOnly()) {
                        access = indexOnly(scan, filter, reads, rewrites);
                        check = access == scan ? filter : indexOnlyFilter;
                    }
                    if (access != null && binder.options().costBased() && binder.options().seqScan()
                            && IndexLookups.scanCheaper(access, Conjuncts.split(filter), tableRows(table),
                            e -> binder.options().estimator().selectivity(e, scope::columnRef))) {
                        access = null;
                        check = filter;
                    }
                    secondaryIndexOrder = access != null;
                }
                if (estimating() || access != null || !rewrites.isEmpty()) {
                    rows = tableRows(table) * binder.options().estimator().selectivity(filter, scope::columnRef);
                    if (access != null) {
                        binder.estimates().put(access, rows);
                    }
                }
            }
            node = check == null ? access : binder.estimates().put(new FilterNode(access != null ? access : node,
                    check), rows);
        }
        if (!rewrites.isEmpty()) {
            double rows = binder.estimates().rows(node);
            if (rows < 0) {
                rows = tableRows(scope.entries().get(0).table());
            }
            node = RewriteRules.DECORRELATION.join(node, rows, rewrites, binder.estimates(),
                    scope.width(), e -> ConditionText.of(e, scope));
        }
        return node;
    }

    /** What {@link #indexOnly} leaves of the filter for a Filter node to check (null: nothing). */
    private BoundExpr indexOnlyFilter;

    /**
     * {@code scan} as an Index Only Scan when the query reads nothing else of the table (then
     * {@code filter} loses the conditions the index answers exactly); else {@code scan}.
     */
    private PlanNode indexOnly(io.kyrodb.engine.exec.IndexScanNode scan, BoundExpr filter, java.util.BitSet reads,
                               List<io.kyrodb.engine.plan.rules.SubqueryDecorrelationRule.Rewrite> rewrites) {
        java.util.BitSet all = reads == null ? null : (java.util.BitSet) reads.clone();
        if (all != null) {
            rewrites.forEach(r -> IndexOnlyScans.read(r.condition(), all));   // the joins above read their keys
        }
        IndexOnlyScans.Plan plan = IndexOnlyScans.plan(scan, filter, all);
        if (plan == null) {
            return scan;
        }
        indexOnlyFilter = plan.filter();
        return plan.scan();
    }

    /**
     * The columns of the table the query reads above its WHERE: the select list, or with grouping
     * the groups and the aggregates' inputs; null when that is not known here (window functions,
     * locking clauses), which keeps every row whole.
     */
    private java.util.BitSet columnsRead(List<BoundExpr> outputs, ExprBinder.Grouping grouping, Windowing windowing) {
        if (windowing != null || !select.locking().isEmpty() || scope.entries().size() != 1) {
            return null;
        }
        java.util.BitSet out = new java.util.BitSet();
        if (grouping == null) {
            outputs.forEach(o -> IndexOnlyScans.read(o, out));
            return out;
        }
        grouping.groups.forEach(g -> IndexOnlyScans.read(g, out));
        grouping.aggregates.forEach(a -> IndexOnlyScans.read(a, out));
        grouping.order.forEach(o -> IndexOnlyScans.read(o, out));
        return out;
    }

    /**
     * The slots of the joined rows the query reads above its FROM clause, as {@link #columnsRead}
     * says for one table; null when that is not known here (window functions, locking clauses,
     * set-returning functions in the select list of a query without grouping).
     */
    private java.util.BitSet joinColumnsRead(List<BoundExpr> outputs, ExprBinder.Grouping grouping,
                                             Windowing windowing, SelectListSrfs srfs) {
        if (windowing != null || !select.locking().isEmpty() || (grouping == null && !srfs.isEmpty())) {
            return null;
        }
        java.util.BitSet out = new java.util.BitSet();
        if (grouping == null) {
            outputs.forEach(o -> IndexOnlyScans.read(o, out));
            return out;
        }
        grouping.groups.forEach(g -> IndexOnlyScans.read(g, out));
        grouping.aggregates.forEach(a -> IndexOnlyScans.read(a, out));
        grouping.order.forEach(o -> IndexOnlyScans.read(o, out));
        return out;
    }

    /** The FROM clause bound as joins, or null when it names at most one table ({@link #from}). */
    private List<JoinTree> joins() {
        if (select.from().isEmpty()
                || (select.from().size() == 1 && select.from().get(0) instanceof Statement.TableReference ref
                    && ref.sample() == null && binder.isStoredTable(ref.name()))) {
            return null;
        }
        return new FromBinder(binder, scope, outer).bind(select.from());
    }

    private PlanNode from() {
        PlanNode node = null;
        for (FromItem item : select.from()) {
            Statement.TableReference ref = (Statement.TableReference) item;
            binder.noteAlias(ref);
            Table table = binder.relation(ref.name());
            String alias = ref.alias() != null ? ref.alias() : table.name();
            if (scope.entry(alias) != null) {
                throw binder.error(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once",
                        ref.pos());
            }
            scope.add(table, alias);
            node = new ScanNode(table);
        }
        return node == null ? new OneRowNode() : node;
    }

    private boolean usesAggregates() {
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e && containsAggregate(e.expr())) {
                return true;
            }
        }
        for (Statement.SortItem s : select.orderBy()) {
            if (containsAggregate(s.expr())) {
                return true;
            }
        }
        return false;
    }

    static boolean containsAggregate(Expr e) {
        return switch (e) {
            case Expr.FunctionCall f -> (f.over() == null && ExprBinder.isAggregate(f.name()))
                    || f.arguments().stream().anyMatch(SelectBinder::containsAggregate)
                    || (f.over() != null && (f.over().partitionBy().stream().anyMatch(SelectBinder::containsAggregate)
                        || f.over().orderBy().stream().anyMatch(o -> containsAggregate(o.expr()))));
            case Expr.Unary u -> containsAggregate(u.operand());
            case Expr.Binary b -> containsAggregate(b.left()) || containsAggregate(b.right());
            case Expr.IsNull n -> containsAggregate(n.operand());
            case Expr.IsBoolean b -> containsAggregate(b.operand());
            case Expr.Between b -> containsAggregate(b.value()) || containsAggregate(b.low()) || containsAggregate(b.high());
            case Expr.InList i -> containsAggregate(i.value()) || i.list().stream().anyMatch(SelectBinder::containsAggregate);
            case Expr.Like l -> containsAggregate(l.value()) || containsAggregate(l.pattern())
                    || (l.escape() != null && containsAggregate(l.escape()));
            case Expr.Cast c -> containsAggregate(c.operand());
            case Expr.Case c -> (c.operand() != null && containsAggregate(c.operand()))
                    || c.whens().stream().anyMatch(w -> containsAggregate(w.condition()) || containsAggregate(w.result()))
                    || (c.elseResult() != null && containsAggregate(c.elseResult()));
            case Expr.InSubquery i -> containsAggregate(i.value());   // the subquery's own aggregates are its own
            case Expr.Subquery s -> false;
            case Expr.Exists x -> false;
            case Expr.Literal l -> false;
            case Expr.Parameter p -> false;
            case Expr.ColumnRef c -> false;
            case Expr.IsDistinctFrom d -> containsAggregate(d.left()) || containsAggregate(d.right());
            case Expr.RegexMatch r -> containsAggregate(r.value()) || containsAggregate(r.pattern());
            case Expr.ArrayConstructor a -> a.elements().stream().anyMatch(SelectBinder::containsAggregate);
            case Expr.Subscript s -> containsAggregate(s.array()) || (s.index() != null && containsAggregate(s.index()))
                    || (s.upper() != null && containsAggregate(s.upper()));
            case Expr.Quantified q -> containsAggregate(q.value()) || containsAggregate(q.array());
            case Expr.ArraySubquery a -> false;
            case Expr.NamedArgument n -> containsAggregate(n.value());
            case Expr.FieldSelection f -> containsAggregate(f.record());
        };
    }

    /** GROUP BY takes an output column position ({@code GROUP BY 1}) or an expression over the input. */
    private BoundExpr groupBy(Expr g, ExprBinder groupBinder) {
        if (g instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            Statement.SelectItem item = positional(lit, "GROUP BY");
            if (item instanceof Statement.SelectExpression se) {
                if (containsAggregate(se.expr())) {
                    throw binder.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY", g.pos());
                }
                return groupBinder.bind(se.expr(), null);
            }
            throw binder.error(SqlState.SYNTAX_ERROR, "GROUP BY position " + lit.value() + " refers to *", g.pos());
        }
        Statement.SelectExpression named = g instanceof Expr.ColumnRef ref ? outputNamed(ref, groupBinder) : null;
        if (named != null) {
            if (containsAggregate(named.expr())) {
                throw binder.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY", g.pos());
            }
            return groupBinder.bind(named.expr(), null);
        }
        return groupBinder.bind(g, null);
    }

    /**
     * A bare name in GROUP BY that is no input column names an output column ({@code SELECT
     * date_trunc('month', ts) AS m ... GROUP BY m}), as in PostgreSQL: input columns win; two
     * different outputs of that name are ambiguous (42702). Null when the name is an input column or
     * no output's.
     */
    private Statement.SelectExpression outputNamed(Expr.ColumnRef ref, ExprBinder groupBinder) {
        if (ref.qualifier() != null || scope.has(ref)) {
            return null;
        }
        Statement.SelectExpression found = null;
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression se
                    && ref.name().equals(se.alias() != null ? se.alias() : defaultLabel(se.expr()))) {
                if (found != null && !found.expr().equals(se.expr()) && !containsAggregate(se.expr())
                        && !groupBinder.bind(found.expr(), null).equals(groupBinder.bind(se.expr(), null))) {
                    throw binder.error(SqlState.AMBIGUOUS_COLUMN, "GROUP BY \"" + ref.name() + "\" is ambiguous", ref.pos());
                }
                found = found == null ? se : found;
            }
        }
        return found;
    }

    private Statement.SelectItem positional(Expr.Literal lit, String clause) {
        long position = Long.parseLong((String) lit.value());
        if (position < 1 || position > select.items().size()) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, clause + " position " + position
                    + " is not in select list (1 to " + select.items().size() + ")", lit.pos());
        }
        return select.items().get((int) position - 1);
    }

    private void selectItem(Statement.SelectItem item, ExprBinder items, List<BoundExpr> outputs,
                            List<ResultColumn> columns) {
        if (item instanceof Statement.AllColumns all) {
            if (scope.entries().isEmpty()) {
                throw binder.error(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", all.pos());
            }
            if (all.qualifier() == null && scope.star() != null) {
                for (Expr.ColumnRef ref : scope.star()) {
                    BoundExpr b = items.bind(new Expr.ColumnRef(all.pos(), ref.qualifier(), ref.name()), null);
                    outputs.add(b);
                    columns.add(b instanceof ColumnExpr c
                            ? new ResultColumn(ref.name(), b.type(), c.nullable(), c.table(), c.name())
                            : new ResultColumn(ref.name(), b.type(), true, "", ""));
                }
                return;
            }
            boolean matched = false;
            for (Scope.Entry e : scope.entries()) {
                if (all.qualifier() != null && !Scope.matches(all.qualifier(), e)) {
                    continue;
                }
                matched = true;
                for (Column c : e.table().columns()) {
                    BoundExpr b = items.bind(new Expr.ColumnRef(all.pos(), e.alias(), c.name()), null);
                    outputs.add(b);
                    columns.add(new ResultColumn(c.name(), c.type(), !c.notNull(), e.table().name(), c.name()));
                }
            }
            if (!matched) {
                throw binder.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + all.qualifier()
                        + "\"", all.pos());
            }
            return;
        }
        Statement.SelectExpression se = (Statement.SelectExpression) item;
        if (se.expr() instanceof Expr.FieldSelection all && all.field() == null) {   // (record).*: one column a field
            List<String> names = new ArrayList<>();
            List<BoundExpr> fields = items.recordFields(all.record(), names);
            for (int i = 0; i < fields.size(); i++) {
                BoundExpr b = keepUntyped ? fields.get(i) : finalType(fields.get(i));
                outputs.add(b);
                columns.add(new ResultColumn(names.get(i), b.type(), true, "", ""));
            }
            return;
        }
        if (se.alias() == null && se.expr() instanceof Expr.ColumnRef ref) {
            binder.noteBareOutput(ref);   // its name is the column's: a rename of the column keeps it with AS
        }
        BoundExpr b = keepUntyped ? items.bind(se.expr(), null) : finalType(items.bind(se.expr(), null));
        outputs.add(b);
        String label = se.alias() != null ? se.alias() : defaultLabel(se.expr());
        if (b instanceof ColumnExpr c && !c.name().isEmpty()) {
            columns.add(new ResultColumn(label, b.type(), c.nullable(), c.table(), c.name()));
        } else {
            columns.add(new ResultColumn(label, b.type(), true, "", ""));
        }
    }

    /** An untyped value in the select list ({@code SELECT 'a'}, {@code SELECT NULL}) is text, as in Postgres. */
    static BoundExpr finalType(BoundExpr b) {
        if (b.type().kind() != TypeKind.UNKNOWN) {
            return b;
        }
        return b instanceof ConstExpr c ? new ConstExpr(c.value(), SqlType.TEXT) : new CastExpr(b, SqlType.TEXT, false);
    }

    /** Postgres's column names: the column, the function, the cast type, else {@code ?column?}. */
    static String defaultLabel(Expr e) {
        return switch (e) {
            case Expr.ColumnRef c -> c.name();
            case Expr.FunctionCall f -> f.name();
            case Expr.Cast c -> c.operand() instanceof Expr.ColumnRef ref ? ref.name() : switch (c.type().name().replace("[]", "")) {
                case "int", "int4", "integer" -> "int4";
                case "bigint", "int8" -> "int8";
                case "smallint", "int2" -> "int2";
                case "real", "float4" -> "float4";
                case "double precision", "float8" -> "float8";
                case "boolean", "bool" -> "bool";
                default -> c.type().name().replace("[]", "");
            };
            case Expr.Case c -> "case";
            case Expr.ArrayConstructor a -> "array";
            case Expr.ArraySubquery a -> "array";
            case Expr.Subscript s -> defaultLabel(s.array());
            case Expr.Exists x -> "exists";
            case Expr.Subquery s -> SetOperationBinder.leftmost(s.query()).items().get(0) instanceof Statement.SelectExpression se
                    ? (se.alias() != null ? se.alias() : defaultLabel(se.expr())) : "?column?";
            default -> "?column?";
        };
    }

    /**
     * ORDER BY resolves, as Postgres does, a position ({@code ORDER BY 2}), then an output column
     * name, then an expression over the input (added as a hidden output column).
     */
    private int sortColumn(Statement.SortItem s, ExprBinder items, List<BoundExpr> outputs, List<ResultColumn> columns) {
        Expr e = s.expr();
        if (e instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            long position = Long.parseLong((String) lit.value());
            if (position < 1 || position > columns.size()) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + position
                        + " is not in select list (1 to " + columns.size() + ")", lit.pos());
            }
            return (int) position - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            int found = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).label().equals(ref.name())) {
                    if (found >= 0 && !outputs.get(found).equals(outputs.get(i))) {
                        throw binder.error(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + ref.name() + "\" is ambiguous",
                                ref.pos());
                    }
                    found = found < 0 ? i : found;
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        BoundExpr b = items.inClause("ORDER BY").bind(e, null);
        int existing = outputs.indexOf(b);
        if (existing >= 0) {
            return existing;
        }
        outputs.add(b);
        return outputs.size() - 1;
    }

    static BoundExpr rowCount(ExprBinder constant, Expr e) {
        if (e == null) {
            return null;
        }
        BoundExpr b = constant.bind(e, SqlType.BIGINT);
        if (!b.type().kind().isInteger() && b.type().kind() != TypeKind.UNKNOWN) {
            throw constant.error(SqlState.DATATYPE_MISMATCH, "argument of LIMIT/OFFSET must be type bigint, not type "
                    + b.type().displayName(), e.pos());
        }
        return constant.coerce(b, SqlType.BIGINT, e.pos());
    }
}
