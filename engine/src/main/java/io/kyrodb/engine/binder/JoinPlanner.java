package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.FillSlotsNode;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.HashJoinNode;
import io.kyrodb.engine.exec.HashNode;
import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.exec.LateralJoinNode;
import io.kyrodb.engine.exec.LateralUnnestNode;
import io.kyrodb.engine.exec.NestedLoopJoinNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.exec.NoRowsNode;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.plan.rules.ConstantFoldingRule;
import io.kyrodb.engine.plan.rules.RewriteRules;
import io.kyrodb.engine.plan.rules.SubqueryDecorrelationRule;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a FROM clause with joins and its WHERE. The comma list and inner joins form a region of
 * units (tables, and outer joins planned on their own) and conditions (WHERE and the inner joins'
 * ON, split at AND). A condition that reads one unit goes down to it ({@link TableAccess}); one
 * that reads none is a filter over the region; the rest join units. Units are joined greedily
 * ({@link JoinOrder}). An outer join pushes the ON conditions that read only its nullable side
 * into that side; the others decide which pairs match. WHERE conditions on its preserved side
 * alone filter that side first; the other WHERE conditions stay above it.
 * Equalities between the two inputs of a join that give a table's whole primary key, with the
 * other input estimated much smaller, become lookups ({@link KeyJoinNode}); other equalities hash
 * keys ({@link HashJoinNode}, building the input estimated smaller); a join without one is a
 * {@link NestedLoopJoinNode}.
 */
final class JoinPlanner {
    /** A planned part of the region: its plan, the scope entries it holds, its estimated rows, its table if it is one. */
    record Unit(PlanNode plan, BitSet tables, double rows, Scope.Entry leaf, List<BoundExpr> leafConditions) {
        Unit(PlanNode plan, BitSet tables, double rows) {
            this(plan, tables, rows, null, null);
        }
    }

    /** A key join needs its outer side estimated at most this share of the table it looks up. */
    static final double KEY_JOIN_RATIO = 0.25;

    private final Binder binder;
    private final Scope scope;
    private final io.kyrodb.engine.plan.PlannerOptions options;
    private final io.kyrodb.engine.plan.CardinalityEstimator estimator;
    private final io.kyrodb.engine.plan.PlanEstimates estimates;
    private final Conjuncts conjuncts;
    private final Map<Integer, BitSet> computedSlots;
    private final Map<Scope.Entry, Integer> positions = new HashMap<>();

    JoinPlanner(Binder binder, Scope scope, List<JoinTree> from) {
        this.binder = binder;
        this.scope = scope;
        this.options = binder.options();
        this.estimator = options.estimator();
        this.estimates = binder.estimates();
        this.computedSlots = new HashMap<>();
        for (int i = 0; i < scope.entries().size(); i++) {
            positions.put(scope.entries().get(i), i);
        }
        for (JoinTree t : from) {
            collectComputedSlots(t);
        }
        this.conjuncts = new Conjuncts(scope, computedSlots);
    }

    PlanNode plan(List<JoinTree> from, BoundExpr where) {
        List<JoinTree> units = new ArrayList<>();
        List<BoundExpr> conditions = Conjuncts.split(where);
        for (JoinTree t : from) {
            flattenInner(t, units, conditions);
        }
        return region(units, conditions).plan();
    }

    private void collectComputedSlots(JoinTree t) {
        if (t instanceof JoinTree.Leaf leaf && scope.matchMarker(leaf.entry()) != null) {
            computedSlots.put(scope.matchMarker(leaf.entry()), tables(t));
        }
        if (t instanceof JoinTree.Lateral l) {
            collectComputedSlots(l.input());
        }
        if (t instanceof JoinTree.LateralQuery l) {
            collectComputedSlots(l.left());
        }
        if (t instanceof JoinTree.Join j) {
            collectComputedSlots(j.left());
            collectComputedSlots(j.right());
            for (JoinTree.Fill f : j.fills()) {
                computedSlots.put(f.slot(), tables(j));
            }
        }
    }

    /** Inner joins dissolve into the region: their inputs become units, their ON conditions the region's. */
    private static void flattenInner(JoinTree t, List<JoinTree> units, List<BoundExpr> conditions) {
        if (t instanceof JoinTree.Join j && j.type() == JoinType.INNER && j.fills().isEmpty()) {
            flattenInner(j.left(), units, conditions);
            flattenInner(j.right(), units, conditions);
            conditions.addAll(Conjuncts.split(j.on()));
        } else {
            units.add(t);
        }
    }

    BitSet tables(JoinTree t) {
        BitSet b = new BitSet();
        for (Scope.Entry e : t.entries()) {
            b.set(positions.get(e));
        }
        return b;
    }

    /** Plans units joined by {@code conditions} (all of which must hold). */
    private Unit region(List<JoinTree> trees, List<BoundExpr> conditions) {
        List<BitSet> sets = new ArrayList<>();
        List<List<BoundExpr>> pushed = new ArrayList<>();
        for (JoinTree t : trees) {
            sets.add(tables(t));
            pushed.add(new ArrayList<>());
        }
        List<BoundExpr> constant = new ArrayList<>();
        List<BoundExpr> joining = new ArrayList<>();
        List<BitSet> joiningTables = new ArrayList<>();
        boolean empty = false;
        for (BoundExpr written : conditions) {
            BoundExpr c = RewriteRules.CONSTANT_FOLDING.apply(written, options);
            if (ConstantFoldingRule.keepsAll(c)) {
                continue;
            }
            empty |= ConstantFoldingRule.keepsNothing(c);
            BitSet ts = conjuncts.tables(c);
            if (ts.isEmpty()) {
                constant.add(c);
                continue;
            }
            int home = RewriteRules.PUSH_DOWN.home(ts, sets, options);
            if (home >= 0) {
                pushed.get(home).add(c);
            } else {
                joining.add(c);
                joiningTables.add(ts);
            }
        }
        if (empty) {   // a condition folded to FALSE or NULL: nothing to read
            BitSet all = new BitSet();
            sets.forEach(all::or);
            return new Unit(estimates.put(new NoRowsNode(), 1), all, 1);
        }
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            units.add(unit(trees.get(i), sets.get(i), pushed.get(i)));
        }
        Unit joined = new JoinOrder(this, units, joining, joiningTables).join();
        if (!constant.isEmpty()) {
            BoundExpr c = Conjuncts.and(constant);
            double rows = Math.max(1, joined.rows() * estimator.selectivity(c, scope::columnRef));
            joined = new Unit(estimates.put(new FilterNode(joined.plan(), c), rows), joined.tables(), rows);
        }
        return joined;
    }

    private Unit unit(JoinTree t, BitSet tables, List<BoundExpr> conditions) {
        Integer marker = t instanceof JoinTree.Leaf leaf ? scope.matchMarker(leaf.entry()) : null;
        Unit u = unitWithoutMarker(t, tables, conditions);
        if (marker == null) {
            return u;
        }
        // an outer join's null-extendable table without a NOT NULL column: its rows carry TRUE in
        // the marker slot (a key join never reads such a table: it has no primary key)
        PlanNode marked = estimates.put(new FillSlotsNode(u.plan(), new int[]{marker},
                List.of(new io.kyrodb.engine.expr.ConstExpr(Boolean.TRUE, io.kyrodb.engine.types.SqlType.BOOLEAN))), u.rows());
        return new Unit(marked, u.tables(), u.rows());
    }

    private Unit unitWithoutMarker(JoinTree t, BitSet tables, List<BoundExpr> conditions) {
        if (t instanceof JoinTree.Lateral l) {
            BitSet inputTables = tables(l.input());
            List<BoundExpr> toInput = new ArrayList<>();
            List<BoundExpr> above = new ArrayList<>();
            for (BoundExpr c : conditions) {
                (Conjuncts.within(conjuncts.tables(c), inputTables) ? toInput : above).add(c);
            }
            Unit input = side(l.input(), toInput);
            PlanNode node = new LateralUnnestNode(input.plan(), l.arrays(), l.entry().offset(), l.ordinality());
            if (!above.isEmpty()) {
                node = new FilterNode(node, Conjuncts.and(above));
            }
            return new Unit(node, tables, input.rows() * 4);
        }
        if (t instanceof JoinTree.Leaf leaf && leaf.entry().source() != null) {
            PlanNode node = new WidenNode(leaf.entry().source(), leaf.entry().offset(), scope.width());
            if (!conditions.isEmpty()) {
                node = new FilterNode(node, Conjuncts.and(conditions));
            }
            return new Unit(node, tables, io.kyrodb.engine.plan.HistogramEstimator.DEFAULT_ROWS / 10, null, List.of());
        }
        if (t instanceof JoinTree.Leaf leaf) {
            List<SubqueryDecorrelationRule.Rewrite> rewrites = decorrelations(leaf.entry(), conditions);
            if (!rewrites.isEmpty()) {
                List<BoundExpr> rest = new ArrayList<>(conditions);
                rewrites.forEach(r -> rest.removeIf(c -> c == r.condition()));
                TableAccess.Access a = TableAccess.of(leaf.entry(), scope.width(), rest, estimator,
                        scope::columnRef, estimates);
                // no longer one table's rows: a key join must not look this unit up by key
                return new Unit(RewriteRules.DECORRELATION.join(a.plan(), a.rows(), rewrites, estimates, scope.width(),
                        e -> ConditionText.of(e, scope)), tables, a.rows());
            }
            TableAccess.Access a = TableAccess.of(leaf.entry(), scope.width(), conditions, estimator,
                    scope::columnRef, estimates, options.indexScan() ? binder.catalog() : null,
                    options.costBased() && options.seqScan());
            return new Unit(a.plan(), tables, a.rows(), leaf.entry(), List.copyOf(conditions));
        }
        if (t instanceof JoinTree.LateralQuery lateral) {
            return lateral(lateral, tables, conditions);
        }
        JoinTree.Join j = (JoinTree.Join) t;
        BitSet lt = tables(j.left());
        BitSet rt = tables(j.right());
        List<BoundExpr> toLeft = new ArrayList<>();
        List<BoundExpr> toRight = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conditions) {
            // a WHERE condition on the preserved side alone may filter that side before the join
            BitSet ts = conjuncts.tables(c);
            if (j.type() == JoinType.LEFT && Conjuncts.within(ts, lt)) {
                toLeft.add(c);
            } else if (j.type() == JoinType.RIGHT && Conjuncts.within(ts, rt)) {
                toRight.add(c);
            } else {
                above.add(c);
            }
        }
        Unit u = outerJoin(j, tables, toLeft, toRight);
        if (!above.isEmpty()) {
            BoundExpr c = Conjuncts.and(above);
            double rows = Math.max(1, u.rows() * estimator.selectivity(c, scope::columnRef));
            u = new Unit(estimates.put(new FilterNode(u.plan(), c), rows), tables, rows);
        }
        return u;
    }

    /** The subquery conditions on one table that the decorrelation rule rewrites into joins above it. */
    private List<SubqueryDecorrelationRule.Rewrite> decorrelations(Scope.Entry entry, List<BoundExpr> conditions) {
        if (!RewriteRules.DECORRELATION.enabled(options) || conditions.stream().allMatch(c -> ExprTree.subPlans(c).isEmpty())) {
            return List.of();
        }
        List<BoundExpr> plain = conditions.stream().filter(c -> ExprTree.subPlans(c).isEmpty()).toList();
        double rows = estimator.tableRows(entry.table())
                * (plain.isEmpty() ? 1 : estimator.selectivity(Conjuncts.and(plain), scope::columnRef));
        return RewriteRules.DECORRELATION.choose(conditions, rows, binder::decorrelated, options);
    }

    /**
     * A LATERAL subquery joined to what precedes it: the left side planned as a region (with the
     * conditions on it alone), the subquery run per left row, the other conditions above.
     */
    private Unit lateral(JoinTree.LateralQuery l, BitSet tables, List<BoundExpr> conditions) {
        BitSet lt = tables(l.left());
        List<BoundExpr> toLeft = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conditions) {
            if (Conjuncts.within(conjuncts.tables(c), lt)) {
                toLeft.add(c);
            } else {
                above.add(c);
            }
        }
        Unit left = side(l.left(), toLeft);
        PlanNode plan = new LateralJoinNode(left.plan(), l.entry().source(), l.entry().offset(), l.type(), l.on());
        if (!above.isEmpty()) {
            plan = new FilterNode(plan, Conjuncts.and(above));
        }
        return new Unit(plan, tables, left.rows());
    }

    /**
     * A LEFT, RIGHT or FULL join (or one that merges USING columns), planned as one unit;
     * {@code toLeft}/{@code toRight}: conditions already known to filter one input.
     */
    private Unit outerJoin(JoinTree.Join j, BitSet tables, List<BoundExpr> toLeft, List<BoundExpr> toRight) {
        BitSet lt = tables(j.left());
        BitSet rt = tables(j.right());
        List<BoundExpr> on = new ArrayList<>();
        for (BoundExpr c : Conjuncts.split(j.on())) {
            BitSet ts = conjuncts.tables(c);
            if (!ts.isEmpty() && j.type() == JoinType.LEFT && Conjuncts.within(ts, rt)) {
                toRight.add(c);
            } else if (!ts.isEmpty() && j.type() == JoinType.RIGHT && Conjuncts.within(ts, lt)) {
                toLeft.add(c);
            } else {
                on.add(c);
            }
        }
        Unit left = side(j.left(), toLeft);
        Unit right = side(j.right(), toRight);
        double matched = joinedRows(left, right, on);
        double rows = switch (j.type()) {
            case INNER -> matched;
            case LEFT -> Math.max(matched, left.rows());
            case RIGHT -> Math.max(matched, right.rows());
            case FULL -> Math.max(matched, left.rows() + right.rows());
            case SEMI, ANTI, NULL_AWARE_ANTI -> left.rows();   // not made from a FROM clause's join
        };
        Unit joined = join(left, right, j.type(), on, rows);
        if (!j.fills().isEmpty()) {
            int[] slots = new int[j.fills().size()];
            List<BoundExpr> values = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = j.fills().get(i).slot();
                values.add(j.fills().get(i).value());
            }
            joined = new Unit(estimates.put(new FillSlotsNode(joined.plan(), slots, values), joined.rows()), tables,
                    joined.rows());
        }
        return joined;
    }

    private Unit side(JoinTree t, List<BoundExpr> conditions) {
        List<JoinTree> units = new ArrayList<>();
        List<BoundExpr> all = new ArrayList<>(conditions);
        flattenInner(t, units, all);
        return region(units, all);
    }

    /**
     * Joins two units with {@code conditions} deciding which pairs match: a hash join on the
     * equalities between them if there are any, else a nested loop.
     */
    Unit join(Unit left, Unit right, JoinType type, List<BoundExpr> conditions, double rows) {
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> keyConditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : conditions) {
            if (c instanceof CompareExpr cmp && cmp.op() == BinaryOp.EQ) {
                BitSet lt = conjuncts.tables(cmp.left());
                BitSet rt = conjuncts.tables(cmp.right());
                if (!lt.isEmpty() && !rt.isEmpty()) {
                    if (Conjuncts.within(lt, left.tables()) && Conjuncts.within(rt, right.tables())) {
                        leftKeys.add(cmp.left());
                        rightKeys.add(cmp.right());
                        keyConditions.add(c);
                        continue;
                    }
                    if (Conjuncts.within(rt, left.tables()) && Conjuncts.within(lt, right.tables())) {
                        leftKeys.add(cmp.right());
                        rightKeys.add(cmp.left());
                        keyConditions.add(new CompareExpr(BinaryOp.EQ, cmp.right(), cmp.left()));
                        continue;
                    }
                }
            }
            residual.add(c);
        }
        BitSet tables = (BitSet) left.tables().clone();
        tables.or(right.tables());
        BoundExpr filter = Conjuncts.and(residual);
        String filterText = filter == null ? null : ConditionText.of(residual, scope);
        // enable_hashjoin off: an equality join runs as a key join or a nested loop when one can answer it
        boolean hashOff = !options.hashJoin() && type != JoinType.FULL;
        if (!leftKeys.isEmpty()) {
            Unit keyJoin = keyJoin(left, right, type, leftKeys, rightKeys, residual, tables, rows, hashOff);
            if (keyJoin == null && type != JoinType.FULL) {
                keyJoin = keyJoin(right, left, type.swapped(), rightKeys, leftKeys, residual, tables, rows, hashOff);
            }
            if (keyJoin == null) {
                keyJoin = indexJoin(left, right, type, leftKeys, rightKeys, residual, tables, rows, hashOff);
            }
            if (keyJoin == null && type != JoinType.FULL) {
                keyJoin = indexJoin(right, left, type.swapped(), rightKeys, leftKeys, residual, tables, rows, hashOff);
            }
            if (keyJoin != null) {
                return keyJoin;
            }
        }
        if (!leftKeys.isEmpty() && !(hashOff && options.nestLoop())) {
            if (options.costBased() && left.rows() < right.rows()) {   // build the smaller input
                Unit u = left;
                left = right;
                right = u;
                List<BoundExpr> k = leftKeys;
                leftKeys = rightKeys;
                rightKeys = k;
                keyConditions = keyConditions.stream()
                        .map(c -> (BoundExpr) new CompareExpr(BinaryOp.EQ, ((CompareExpr) c).right(), ((CompareExpr) c).left()))
                        .toList();
                type = type.swapped();
            }
            HashNode hash = estimates.put(new HashNode(right.plan()), right.rows());
            PlanNode plan = estimates.put(new HashJoinNode(left.plan(), hash, type, List.copyOf(leftKeys),
                    List.copyOf(rightKeys), filter, slots(right.tables()), ConditionText.of(keyConditions, scope),
                    filterText), rows);
            return new Unit(plan, tables, rows);
        }
        if (!leftKeys.isEmpty()) {
            // a nested loop checks the equalities as part of its filter
            filter = Conjuncts.and(conditions);
            filterText = ConditionText.of(conditions, scope);
        }
        if (type == JoinType.RIGHT) {
            Unit u = left;
            left = right;
            right = u;
            type = JoinType.LEFT;
        }
        PlanNode plan = estimates.put(new NestedLoopJoinNode(left.plan(), right.plan(), type, filter,
                slots(right.tables()), filterText), rows);
        return new Unit(plan, tables, rows);
    }

    /**
     * {@code outer} joined by looking up each of its rows' keys in {@code inner}'s primary key,
     * when {@code inner} is one table whose whole key (or a leading part of a composite one) the
     * equalities give, the join keeps at most the outer side's unmatched rows, and the rows the
     * lookups read are estimated well under the table's; else null.
     */
    private Unit keyJoin(Unit outer, Unit inner, JoinType type, List<BoundExpr> outerKeys, List<BoundExpr> innerKeys,
                         List<BoundExpr> residual, BitSet tables, double rows, boolean hashOff) {
        Scope.Entry leaf = inner.leaf();
        if (leaf == null || !leaf.table().hasPrimaryKey() || (type != JoinType.INNER && type != JoinType.LEFT)
                || !options.indexScan() || !options.nestLoop()) {
            return null;
        }
        if (!hashOff && !options.costBased()) {
            return null;   // with the cost-based choices off: a hash join, unless hash joins are switched off
        }
        List<BoundExpr> lookup = new ArrayList<>();
        List<io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef> prefix = new ArrayList<>();
        List<BoundExpr> conditions = new ArrayList<>();
        boolean[] used = new boolean[innerKeys.size()];
        for (int k = 0; k < leaf.table().primaryKeyWidth(); k++) {
            int slot = leaf.offset() + leaf.table().primaryKeyColumn(k);
            int found = -1;
            for (int i = 0; i < innerKeys.size() && found < 0; i++) {
                if (!used[i] && KeyLookups.isColumn(innerKeys.get(i), slot)) {
                    found = i;
                }
            }
            if (found < 0) {
                if (k == 0) {
                    return null;
                }
                break;   // a leading part of a composite key: each outer row reads the rows it starts
            }
            used[found] = true;
            prefix.add(new io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef(leaf.table(), leaf.table().primaryKeyColumn(k)));
            lookup.add(outerKeys.get(found));
            conditions.add(new CompareExpr(BinaryOp.EQ, innerKeys.get(found), outerKeys.get(found)));
        }
        // cost-based: look up keys only while the rows they read stay well under the table (a hash
        // join reads the whole table, whatever its filter keeps: compare with the table's rows)
        double tableRows = estimator.tableRows(leaf.table());
        double keys = prefix.size() == leaf.table().primaryKeyWidth() ? tableRows : estimator.groups(prefix, tableRows);
        if (!hashOff && outer.rows() > keys * KEY_JOIN_RATIO) {
            return null;
        }
        List<BoundExpr> filter = new ArrayList<>(inner.leafConditions());
        for (int i = 0; i < innerKeys.size(); i++) {
            if (!used[i]) {
                filter.add(new CompareExpr(BinaryOp.EQ, outerKeys.get(i), innerKeys.get(i)));
            }
        }
        filter.addAll(residual);
        PlanNode plan = estimates.put(new KeyJoinNode(outer.plan(), leaf.table(), null, leaf.offset(), List.copyOf(lookup),
                Conjuncts.and(filter), type, ConditionText.indexCondition(conditions, scope, leaf),
                filter.isEmpty() ? null : ConditionText.of(filter, scope)), rows);
        return new Unit(plan, tables, rows);
    }

    /**
     * {@code outer} joined by looking up each of its rows' key in a secondary index of
     * {@code inner}'s table whose leading column an equality gives ({@link KeyJoinNode} with an
     * index), when {@code inner} is one table, the join keeps at most the outer side's unmatched
     * rows, and the rows the lookups find are estimated at most {@link #INDEX_JOIN_RATIO} of the
     * table's (a hash join reads them all); else null. Only plain ordered indexes over a column
     * whose stored form equals exactly when SQL's equality does (integers, text, uuid, date); the
     * join's equalities stay in its filter, so the index only narrows.
     */
    private Unit indexJoin(Unit outer, Unit inner, JoinType type, List<BoundExpr> outerKeys, List<BoundExpr> innerKeys,
                           List<BoundExpr> residual, BitSet tables, double rows, boolean hashOff) {
        Scope.Entry leaf = inner.leaf();
        if (leaf == null || (type != JoinType.INNER && type != JoinType.LEFT) || !options.indexScan()
                || !options.nestLoop() || !IndexLookups.ENABLED || (!hashOff && !options.costBased())) {
            return null;
        }
        Table table = leaf.table();
        double tableRows = estimator.tableRows(table);
        for (Index index : binder.catalog().indexesOf(table.name())) {
            if (index.gin() || !index.plain() || !exactKey(index.type(0).kind())) {
                continue;
            }
            int slot = leaf.offset() + index.column(0);
            for (int i = 0; i < innerKeys.size(); i++) {
                if (!KeyLookups.isColumn(innerKeys.get(i), slot)) {
                    continue;
                }
                var column = new io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef(table, index.column(0));
                double perKey = tableRows / Math.max(1, estimator.groups(List.of(column), tableRows));
                if (!hashOff && outer.rows() * perKey > tableRows * INDEX_JOIN_RATIO) {
                    continue;   // too many rows through this index; another one's column may find fewer
                }
                List<BoundExpr> filter = new ArrayList<>(inner.leafConditions());
                List<BoundExpr> equalities = new ArrayList<>();
                for (int k = 0; k < innerKeys.size(); k++) {
                    equalities.add(new CompareExpr(BinaryOp.EQ, innerKeys.get(k), outerKeys.get(k)));
                }
                filter.addAll(equalities);
                filter.addAll(residual);
                List<BoundExpr> shown = new ArrayList<>(inner.leafConditions());
                for (int k = 0; k < innerKeys.size(); k++) {
                    if (k != i) {
                        shown.add(equalities.get(k));
                    }
                }
                shown.addAll(residual);
                PlanNode plan = estimates.put(new KeyJoinNode(outer.plan(), table, index, leaf.offset(),
                        List.of(outerKeys.get(i)), Conjuncts.and(filter), type,
                        ConditionText.indexCondition(List.of(equalities.get(i)), scope, leaf),
                        shown.isEmpty() ? null : ConditionText.of(shown, scope)), rows);
                return new Unit(plan, tables, rows);
            }
        }
        return null;
    }

    /**
     * A join through a secondary index reads at most this share of the table's rows: each row it
     * finds costs an index entry and a primary-key lookup, measured at 15-80 times a row a hash
     * join's scan reads in order (the analytic bench's q01 and q04, whose lookups would find 5%
     * and 10% of a table, ran slower through the index).
     */
    static final double INDEX_JOIN_RATIO = 0.02;

    /** Whether equal values of a column of {@code kind} are stored equal and unequal ones not (an index probe finds exactly the equal rows). */
    private static boolean exactKey(io.kyrodb.engine.types.TypeKind kind) {
        return switch (kind) {
            case SMALLINT, INTEGER, BIGINT, TEXT, VARCHAR, UUID, DATE -> true;
            default -> false;
        };
    }

    /** The row slots a unit holding {@code tables} fills: their columns and the slots computed from them. */
    private int[] slots(BitSet tables) {
        List<Integer> out = new ArrayList<>();
        for (int i = tables.nextSetBit(0); i >= 0; i = tables.nextSetBit(i + 1)) {
            Scope.Entry e = scope.entries().get(i);
            for (int c = 0; c < e.table().columns().size(); c++) {
                out.add(e.offset() + c);
            }
        }
        computedSlots.forEach((slot, from) -> {
            if (Conjuncts.within(from, tables)) {
                out.add(slot);
            }
        });
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    Conjuncts conjuncts() {
        return conjuncts;
    }

    io.kyrodb.engine.plan.PlannerOptions options() {
        return options;
    }

    /**
     * The estimated rows of {@code a} and {@code b} joined by {@code conditions} (all must hold):
     * the cross product, times each equality's join selectivity (by the distinct counts of the
     * columns it compares) and each other condition's selectivity.
     */
    double joinedRows(Unit a, Unit b, List<BoundExpr> conditions) {
        double rows = a.rows() * b.rows();
        for (BoundExpr c : conditions) {
            if (c instanceof CompareExpr cmp && cmp.op() == BinaryOp.EQ) {
                io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef l = columnRef(cmp.left());
                io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef r = columnRef(cmp.right());
                BitSet lt = conjuncts.tables(cmp.left());
                BitSet rt = conjuncts.tables(cmp.right());
                if (!lt.isEmpty() && !rt.isEmpty()) {
                    boolean forward = Conjuncts.within(lt, a.tables()) && Conjuncts.within(rt, b.tables());
                    boolean backward = Conjuncts.within(rt, a.tables()) && Conjuncts.within(lt, b.tables());
                    if (forward || backward) {
                        rows *= forward ? estimator.equiJoinSelectivity(l, a.rows(), r, b.rows())
                                : estimator.equiJoinSelectivity(l, b.rows(), r, a.rows());
                        continue;
                    }
                }
            }
            rows *= estimator.selectivity(c, scope::columnRef);
        }
        return Math.max(1, rows);
    }

    private io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef columnRef(BoundExpr e) {
        while (e instanceof CastExpr cast && !cast.explicit()) {
            e = cast.operand();
        }
        return e instanceof ColumnExpr col ? scope.columnRef(col.index()) : null;
    }
}
