package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.SequenceLog;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.expr.SequenceCalls;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.storage.ReadView;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a plan carries: the parameter values, the read view (which row versions
 * the statement sees), the session's cancel flag, which another thread may set (JDBC
 * Statement.cancel, a query timeout), the memory one operator may hold ({@code workMem} bytes,
 * the session's {@code work_mem}) and where it may spill. Operators call {@link #checkCancel} in
 * loops that can run long; the statement then fails with 57014.
 *
 * <p>A subquery's plan runs in a {@linkplain #open(PlanNode, Object[]) nested} context: the same
 * statement state, plus the rows of the enclosing queries ({@code outerRows[0]} the nearest) that
 * its outer references read. {@code subPlanResults} is shared by all of them: the results of
 * subqueries computed so far in this execution. {@code workTables}: the working table of each
 * recursive WITH query being run, keyed by its {@link WorkTable} (see {@link RecursiveUnionNode}).
 * {@code nodeState}: what an operator keeps across its runs within the execution ({@link #keptState}).
 *
 * <p>The statement owns the context: it {@linkplain #close() closes} it when it ends, however it
 * ends, which deletes every spill file its operators left open (an early LIMIT, a failure or a
 * cancel in a parent operator).
 */
public record ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                          TempSpace tempSpace, SpillFiles spills, Object[][] outerRows,
                          Map<SubPlan, Map<Object, Object>> subPlanResults, SequenceCalls sequences,
                          Map<Object, List<Object[]>> workTables, Instrumentation instrumentation,
                          Map<Object, Object> nodeState)
        implements EvalContext, AutoCloseable {

    private static final Object[][] NO_OUTER_ROWS = new Object[0][];

    public ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                       TempSpace tempSpace) {
        this(params, view, cancelRequested, workMem, tempSpace, new SequenceCalls(SequenceLog.NONE));
    }

    /** A nested context without a session's sequence state (tests). */
    public ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                       TempSpace tempSpace, SpillFiles spills, Object[][] outerRows,
                       Map<SubPlan, Map<Object, Object>> subPlanResults) {
        this(params, view, cancelRequested, workMem, tempSpace, spills, outerRows, subPlanResults,
                new SequenceCalls(SequenceLog.NONE), smallMap(), null, smallMap());
    }

    /** A statement's context; {@code sequences} is the session's (currval and lastval are per session). */
    public ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                       TempSpace tempSpace, SequenceCalls sequences) {
        this(params, view, cancelRequested, workMem, tempSpace, new SpillFiles(tempSpace), NO_OUTER_ROWS,
                smallMap(), sequences, smallMap(), null, smallMap());
    }

    /*
     * Most statements put nothing in these maps (no subquery, no recursive WITH, no operator state
     * kept across runs): a default IdentityHashMap allocates a 64-slot table, which was most of
     * what a short statement allocated. They grow as needed.
     */
    private static <K, V> Map<K, V> smallMap() {
        return new IdentityHashMap<>(2);
    }

    /** This context measuring every operator it opens (EXPLAIN ANALYZE). */
    public ExecContext instrumented(Instrumentation with) {
        return new ExecContext(params, view, cancelRequested, workMem, tempSpace, spills, outerRows, subPlanResults,
                sequences, workTables, with, nodeState);
    }

    /**
     * For EXPLAIN ANALYZE's Sort Method: {@code node} sorted by {@code method} ({@code quicksort},
     * {@code top-N heapsort}, {@code external merge}) in {@code bytes} of memory, or of disk.
     */
    void sorted(PlanNode node, String method, boolean disk, long bytes) {
        if (instrumentation != null) {
            instrumentation.sorted(node, method, disk, bytes);
        }
    }

    /** Opens an operator's input (or the root): through the instrumentation when EXPLAIN ANALYZE measures. */
    public RowIterator open(PlanNode plan) {
        return instrumentation == null ? plan.open(this) : instrumentation.open(plan, this);
    }

    public void checkCancel() {
        if (cancelRequested.get()) {
            cancelRequested.set(false);
            throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    @Override
    public Object[] outerRow(int levelsUp) {
        return outerRows[levelsUp];
    }

    @Override
    public RowIterator open(PlanNode plan, Object[] row) {
        return nested(row).open(plan);
    }

    /** The context a subquery's plan runs in for outer row {@code row}: the same statement, one level deeper. */
    ExecContext nested(Object[] row) {
        Object[][] outer = new Object[outerRows.length + 1][];
        outer[0] = row;
        System.arraycopy(outerRows, 0, outer, 1, outerRows.length);
        return new ExecContext(params, view, cancelRequested, workMem, tempSpace, spills, outer,
                subPlanResults, sequences, workTables, instrumentation, nodeState);
    }

    /**
     * What operator {@code node} keeps across its runs in this execution (a correlated subquery's
     * plan runs once per outer row), shared by the nested contexts of the statement: null before
     * it {@link #keepState keeps} anything.
     */
    @SuppressWarnings("unchecked")
    public <T> T keptState(PlanNode node) {
        return (T) nodeState.get(node);
    }

    /** Keeps {@code state} for {@code node} ({@link #keptState}). */
    public void keepState(PlanNode node, Object state) {
        nodeState.put(node, state);
    }

    @Override
    public Map<Object, Object> results(SubPlan subPlan) {
        return subPlanResults.computeIfAbsent(subPlan, p -> new HashMap<>());
    }

    @Override
    public long memoryBudget() {
        return WorkMem.budget(this);
    }

    /** Deletes the spill files still open. */
    @Override
    public void close() {
        spills.close();
    }
}
