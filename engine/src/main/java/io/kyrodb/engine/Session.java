package io.kyrodb.engine;

import io.kyrodb.engine.binder.Binder;
import io.kyrodb.engine.binder.Parameters;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.TableInfo;
import io.kyrodb.engine.exec.ExecContext;
import io.kyrodb.engine.plan.CreateVectorIndexPlan;
import io.kyrodb.engine.exec.Instrumentation;
import io.kyrodb.engine.plan.HistogramEstimator;
import io.kyrodb.engine.plan.PlannerOptions;
import io.kyrodb.engine.stats.AutoAnalyze;
import io.kyrodb.engine.exec.Mutations;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.ReturningPlan;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.ReadEpochs;
import io.kyrodb.engine.storage.TableData;
import io.kyrodb.engine.types.HeapSize;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.IsolationLevel;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.engine.txn.TransactionManager;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.ParsedStatement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's view of a database, and its transaction. Used by one thread at a time, as JDBC
 * requires of a Connection (it may be a different thread for each call); only {@link #cancel()}
 * may come from another thread while a statement runs. Many sessions share one {@link Database}.
 *
 * <p>The transaction contract (ARCHITECTURE.md): a statement outside BEGIN (with autocommit on) is
 * a transaction of its own. Queries read a snapshot: a new one per statement under READ COMMITTED,
 * one per transaction under REPEATABLE READ and SERIALIZABLE. The first write takes the writer
 * lock (waiting at most lock_timeout, else 55P03); a writing statement then reads the latest
 * commit plus its own writes, so no update is lost, and a REPEATABLE READ transaction whose
 * snapshot is older than the latest commit fails with 40001 (first committer wins).
 */
public final class Session implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Session.class.getName());
    static final Object[] NO_PARAMETERS = new Object[0];
    /** A $n in a statement run without parameter values: PostgreSQL's 42P02 rather than a driver's count error. */
    private static final java.util.regex.Pattern NUMBERED_PARAMETER = java.util.regex.Pattern.compile("\\$[0-9]");
    /** The statements PREPARE made (SQL's, not the driver's), until DEALLOCATE, DISCARD ALL or close. */
    private final PreparedStatements prepared = new PreparedStatements(this);
    /** Results longer than this stream instead of being computed in full before the first row. */
    static final int STREAM_AFTER_ROWS = 256;

    private final Database database;
    private final TransactionManager transactions;
    private final SessionSettings settings;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile java.util.function.Consumer<String> notices;
    private final ReadEpochs.Slot reading;
    private final io.kyrodb.engine.expr.SequenceCalls sequences;
    /** Results still streaming; the session closes them when it closes. */
    private final java.util.Set<StreamingRows> openResults = new java.util.HashSet<>();
    /** Parses and plans by SQL text, for statements run or prepared again (statement_cache_size). */
    private final StatementCache statementCache = new StatementCache();
    /** The open cursors, of DECLARE and of PL/pgSQL's OPEN (made before {@link #plpgsql}, which shares them). */
    private final io.kyrodb.engine.cursor.Portals portals = new io.kyrodb.engine.cursor.Portals();
    private final SqlCursors cursors = new SqlCursors(this, portals);
    /** PL/pgSQL: functions, triggers and DO blocks, run through {@link EmbeddedSql}. */
    private final io.kyrodb.engine.plpgsql.PlRuntime plpgsql = new io.kyrodb.engine.plpgsql.PlRuntime(new EmbeddedSql(this));
    /** While a PL/pgSQL statement binds: its variables (else null). */
    private io.kyrodb.engine.binder.Variables embeddedVariables;
    private boolean autoCommit = true;
    private Transaction txn;
    private IsolationLevel nextIsolation;
    /** An HNSW graph built for the running CREATE INDEX, until its transaction ends. */
    private io.kyrodb.engine.catalog.VectorIndexDef prebuilt;
    private volatile boolean closed;
    /** pg_backend_pid(): a number that tells this session apart from the others in the JVM. */
    private final int backendPid = NEXT_BACKEND_PID.incrementAndGet();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_BACKEND_PID = new java.util.concurrent.atomic.AtomicInteger();

    private Session(Database database, Settings settings) {
        this.database = database;
        this.transactions = database.transactions();
        this.settings = new SessionSettings(settings, database.databaseSettings());
        this.reading = database.store().epochs().register();
        this.sequences = new io.kyrodb.engine.expr.SequenceCalls(database.sequenceLog());
        String user = this.settings.get(io.kyrodb.engine.settings.Setting.USER);
        this.activity = new SessionActivity(backendPid, user.isEmpty() ? SystemContext.DEFAULT_USER : user,
                this.settings.get(io.kyrodb.engine.settings.Setting.APPLICATION_NAME));
        database.sessionActivity(backendPid, activity);
    }

    /** What this session is doing, as other sessions see it in pg_stat_activity. */
    private final SessionActivity activity;

    /** Tells {@link #activity} the statement or transaction just ended. */
    private void activityEnded() {
        Transaction t = txn;
        activity.finished(t != null, t != null && t.failed(), t == null || t.xid() == 0 ? null : t.xid(),
                t != null && t.isWriter(), settings.get(io.kyrodb.engine.settings.Setting.APPLICATION_NAME));
    }

    /** The session's statement cache (tests). */
    StatementCache statementCache() {
        return statementCache;
    }

    /** The database this session works on (tests). */
    Database database() {
        return database;
    }

    /** Connects to the database at {@code location}, opening or creating it on first use. */
    public static Session connect(DatabaseLocation location, Map<String, String> settings) {
        Settings parsed = Settings.parse(settings);
        Session s = new Session(Databases.acquire(location, parsed), parsed);
        s.dropStaleTemporarySchemas();
        return s;
    }

    /** A session on a database the caller opened and will close itself (tests, tools). */
    static Session attach(Database database) {
        Session s = new Session(database, Settings.defaults());
        database.sessionStarted(s.backendPid);
        return s;
    }

    /** Runs one or more {@code ;}-separated statements and returns the last one's result. */
    public ExecResult execute(String sql) {
        checkOpen();
        ExecResult last = new ExecResult.Count(0);
        StatementCache.Entry statements = statementCache.get(sql, settings.statementCacheSize(), catalogCheck(sql));
        for (int i = 0; i < statements.statements().size(); i++) {
            ParsedStatement p = statements.statements().get(i);
            if (p.parameterCount() > 0 && NUMBERED_PARAMETER.matcher(sql).find()) {
                throw new KyroException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $1");
            }
            if (p.parameterCount() > 0) {
                throw new KyroException(SqlState.WRONG_PARAMETER_COUNT, "statement has " + p.parameterCount()
                        + " parameter(s) but no values were supplied; use a PreparedStatement");
            }
            last = run(p.statement(), sql, NO_PARAMETERS, statements.plan(i));
        }
        return last;
    }

    /** Parses one statement for repeated execution with {@code ?} parameters. */
    public PreparedSql prepare(String sql) {
        checkOpen();
        StatementCache.Entry statements = statementCache.get(sql, settings.statementCacheSize(), catalogCheck(sql));
        if (statements.statements().size() != 1) {
            try {
                SqlParser.parseStatement(sql);   // fails, saying there is no statement or more than one
            } catch (SqlSyntaxException e) {
                throw syntaxError(e);
            }
        }
        return new PreparedSql(this, statements.statements().get(0), sql, statements.plan(0));
    }

    /**
     * Runs {@code statement} once per parameter set, as one transaction when autocommit is on (one
     * fsync); inside an open transaction, as part of it. On the first failure throws
     * {@link BatchException} with the counts of the sets that ran; with autocommit on those are
     * committed (and durable) first.
     */
    public long[] executeBatch(PreparedSql statement, List<Object[]> parameterSets) {
        return executeBatch(statement, parameterSets, null);
    }

    /**
     * As {@link #executeBatch(PreparedSql, List)}; an INSERT/UPDATE/DELETE ... RETURNING may run
     * too when {@code returned} is given: it receives each execution's rows (the driver's
     * generated keys), and the count is the rows changed.
     */
    public long[] executeBatch(PreparedSql statement, List<Object[]> parameterSets,
                               java.util.function.Consumer<ExecResult.Rows> returned) {
        checkOpen();
        if (statement.isQuery() && !(returned != null && statement.returnsChangedRows())) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "a query cannot run in a batch: it returns rows");
        }
        boolean own = txn == null;
        if (own) {
            // Not explicit: a failing element does not put it in the failed state, so the
            // elements before it can still commit.
            txn = new Transaction(isolationForNext(), !autoCommit);
        }
        long[] counts = new long[parameterSets.size()];
        int done = 0;
        try {
            for (Object[] params : parameterSets) {
                ExecResult r = statement.run(params);
                if (r instanceof ExecResult.Rows rows) {
                    counts[done] = rows.changedCount();
                    returned.accept(rows);
                } else {
                    counts[done] = ((ExecResult.Count) r).count();
                }
                done++;
            }
        } catch (KyroException e) {
            if (own && autoCommit) {
                endTransaction(true);
            }
            throw new BatchException(e, Arrays.copyOf(counts, done));
        } catch (RuntimeException e) {
            if (own && autoCommit) {
                endTransaction(false);
            }
            throw e;
        }
        if (own && autoCommit) {
            endTransaction(true);
        }
        return counts;
    }

    // ---- Transactions, for JDBC -------------------------------------------------------------------

    public boolean autoCommit() {
        return autoCommit;
    }

    /** Turning autocommit on commits an open transaction, as JDBC says. */
    public void setAutoCommit(boolean on) {
        checkOpen();
        if (on && !autoCommit && txn != null) {
            endTransaction(true);
        }
        autoCommit = on;
    }

    public void commit() {
        checkOpen();
        if (txn != null) {
            endTransaction(true);
            activityEnded();
        }
    }

    public void rollback() {
        checkOpen();
        if (txn != null) {
            endTransaction(false);
            activityEnded();
        }
    }

    public boolean inTransaction() {
        return txn != null;
    }

    /** The isolation of the open transaction, else of the next one. */
    public IsolationLevel isolation() {
        return txn != null ? txn.isolation() : isolationForNext();
    }

    /** Whether this session's transactions are read-only (JDBC isReadOnly). */
    public boolean readOnly() {
        return settings.readOnly();
    }

    /** Makes this session's transactions read-only or not (JDBC setReadOnly): writes then fail with 25006. */
    public void setReadOnly(boolean readOnly) {
        checkOpen();
        settings.set("default_transaction_read_only", readOnly ? "on" : "off");
    }

    /** Sets the session's default isolation (JDBC setTransactionIsolation). */
    public void setIsolation(IsolationLevel level) {
        checkOpen();
        settings.set("default_transaction_isolation", level.sqlName());
    }

    /**
     * Asks the statement running in this session (on another thread) to stop; it fails with 57014.
     * Safe to call from any thread; does nothing when no statement is running.
     */
    public void cancel() {
        cancelRequested.set(true);
    }

    /** Every table the session sees, sorted by schema and name. */
    public List<TableInfo> tables() {
        checkOpen();
        Catalog catalog = txn != null && txn.isWriter() ? txn.writeCatalog() : transactions.visible().catalog();
        List<TableInfo> out = new ArrayList<>();
        out.addAll(SystemContext.tablesOf(catalog));
        return out;
    }

    /** Every view the session sees, with its columns (for DatabaseMetaData.getTables and getColumns). */
    public List<TableInfo> views() {
        checkOpen();
        Catalog catalog = metadataCatalog();
        List<TableInfo> out = new ArrayList<>();
        for (io.kyrodb.engine.catalog.View v : catalog.views()) {
            List<io.kyrodb.engine.catalog.ColumnInfo> columns = new ArrayList<>();
            List<io.kyrodb.engine.catalog.Column> cs;
            try {
                cs = Binder.viewColumns(catalog, v);
            } catch (KyroException broken) {
                cs = List.of();   // a view that no longer binds is still listed, without columns
            }
            for (int i = 0; i < cs.size(); i++) {
                columns.add(new io.kyrodb.engine.catalog.ColumnInfo(cs.get(i).name(), cs.get(i).type(), true, i + 1));
            }
            out.add(new TableInfo(io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), columns, List.of()));
        }
        return out;
    }

    /** Every sequence the session sees, by schema and name (columns empty; for DatabaseMetaData.getTables). */
    public List<TableInfo> sequences() {
        checkOpen();
        List<TableInfo> out = new ArrayList<>();
        for (io.kyrodb.engine.catalog.Sequence s : metadataCatalog().sequences()) {
            out.add(new TableInfo(io.kyrodb.engine.catalog.SchemaNames.schemaOf(s.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(s.name()), List.of(), List.of()));
        }
        return out;
    }

    /** The schemas the session sees, by name (for DatabaseMetaData.getSchemas). */
    public List<String> schemas() {
        checkOpen();
        return metadataCatalog().schemas();
    }

    /** The catalog keys ({@code schema.name}) of the materialized views the session sees. */
    public java.util.Set<String> materializedViews() {
        checkOpen();
        java.util.Set<String> out = new java.util.HashSet<>();
        for (io.kyrodb.engine.catalog.MaterializedView m : metadataCatalog().materializedViews()) {
            out.add(m.name());
        }
        return out;
    }

    /** COMMENT ON texts the session sees, by {@link Catalog#relationComment} / {@link Catalog#columnComment} key. */
    public java.util.Map<String, String> comments() {
        checkOpen();
        return metadataCatalog().comments();
    }

    /** current_schema(): the first schema of the search_path that exists, or null (JDBC getSchema). */
    public String currentSchema() {
        checkOpen();
        return systemContext(metadataCatalog()).currentSchema();
    }

    /**
     * JDBC setSchema: the search_path becomes {@code schema} alone (pgjdbc's mapping; null: the
     * default path); 3F000 when no such schema exists, so a typo fails where it is made.
     */
    public void setSchema(String schema) {
        checkOpen();
        notInFailedTransaction();
        if (schema == null) {
            settings.set("search_path", null);
            return;
        }
        if (!metadataCatalog().hasSchema(schema) && !io.kyrodb.engine.catalog.system.SystemViews.isSystemSchema(schema)) {
            throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        settings.set("search_path", io.kyrodb.engine.catalog.SearchPath.format(List.of(schema)));
    }

    /** The catalog this session's next statement reads: its transaction's own when it writes. */
    Catalog metadataCatalog() {
        return txn != null && txn.isWriter() ? txn.writeCatalog() : transactions.visible().catalog();
    }

    /** Every function made with CREATE FUNCTION that the session sees (for DatabaseMetaData.getFunctions). */
    public List<io.kyrodb.engine.catalog.UserFunction> userFunctions() {
        checkOpen();
        return metadataCatalog().functions();
    }

    /** Every foreign key the session sees. */
    public List<io.kyrodb.engine.catalog.ForeignKeyInfo> foreignKeys() {
        checkOpen();
        Catalog catalog = txn != null && txn.isWriter() ? txn.writeCatalog() : transactions.visible().catalog();
        return io.kyrodb.engine.catalog.system.ForeignKeys.of(catalog);
    }

    /** The product version, e.g. {@code 0.1.0}. */
    public static String version() {
        return io.kyrodb.engine.settings.ServerSetting.KYRO_VERSION;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Rolls back an open transaction and leaves the database (the last session closes it). */
    @Override
    public void close() {
        if (!closed) {
            try {
                if (txn != null) {
                    endTransaction(false);
                }
                dropTemporarySchemas(List.of(temporarySchema()));
            } finally {
                database.advisoryLocks().releaseSession(this);
                database.advisoryLocks().releaseTransaction(this);
                database.sessionEnded(backendPid);
                closed = true;
                portals.closeAll();
                for (StreamingRows r : List.copyOf(openResults)) {
                    r.close();
                }
                reading.close();
                Databases.release(database);
            }
        }
    }

    // ---- Running statements -------------------------------------------------------------------

    /** The transaction {@link #clockStart} belongs to: now() is the time its first statement began. */
    private Transaction clockTransaction;
    private java.time.Instant clockStart;

    ExecResult run(Statement statement, String sql, Object[] parameters, PlanCache cached) {
        checkOpen();
        activity.started(sql, txn != null);
        try {
            return timed(statement, sql, parameters, cached);
        } finally {
            activityEnded();
        }
    }

    private ExecResult timed(Statement statement, String sql, Object[] parameters, PlanCache cached) {
        cancelRequested.set(false);
        long timeout = settings.statementTimeoutMillis();
        if (timeout <= 0) {
            return dispatch(statement, sql, parameters, cached);
        }
        // statement_timeout: a timer cancels the statement as Statement.cancel() would
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        StatementTimer.Deadline timer = StatementTimer.schedule(() -> {
            timedOut.set(true);
            cancelRequested.set(true);
        }, timeout);
        try {
            return dispatch(statement, sql, parameters, cached);
        } catch (KyroException e) {
            if (timedOut.get() && e.state() == SqlState.QUERY_CANCELED) {
                throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout", e);
            }
            throw e;
        } finally {
            timer.cancel();
        }
    }

    private ExecResult dispatch(Statement statement, String sql, Object[] parameters, PlanCache cached) {
        return switch (statement) {
            case Statement.Begin b -> begin(b);
            case Statement.Commit c -> {
                if (txn != null) {
                    endTransaction(true);
                }
                yield new ExecResult.Count(0);
            }
            case Statement.Rollback r -> rollback(r);
            case Statement.Savepoint s -> {
                inTransactionBlock("SAVEPOINT").savepoint(s.name());
                portals.savepoint(s.name());
                yield new ExecResult.Count(0);
            }
            case Statement.ReleaseSavepoint r -> {
                Transaction t = inTransactionBlock("RELEASE SAVEPOINT");
                checkSavepoint(t, r.name());
                t.release(r.name());
                portals.release(r.name());
                yield new ExecResult.Count(0);
            }
            case Statement.SetTransaction s -> setTransaction(s);
            case Statement.Checkpoint c -> {
                notInTransactionBlock("CHECKPOINT");
                database.checkpoint(settings.lockTimeoutMillis());
                yield new ExecResult.Count(0);
            }
            case Statement.Vacuum v -> {
                notInTransactionBlock("VACUUM");
                List<Table> tables = v.tables().isEmpty() ? null : tables(transactions.visible().catalog(), v.tables());
                if (tables == null) {
                    database.vacuum(settings.lockTimeoutMillis(), null);
                } else {
                    for (Table t : tables) {
                        database.vacuum(settings.lockTimeoutMillis(), t);
                    }
                }
                yield v.analyze() ? analyze(new Statement.Analyze(v.pos(), v.tables())) : new ExecResult.Count(0);
            }
            case Statement.LockTable l -> lockTable(l);
            case Statement.Copy c when !c.from() -> CopyStatements.copyTo(this, c, sql, parameters, copyOutput);
            case Statement.CreateExtension c -> {
                notInFailedTransaction();
                io.kyrodb.engine.catalog.Extensions.create(c.name());
                yield new ExecResult.Count(0);
            }
            case Statement.DropExtension d -> {
                notInFailedTransaction();
                for (String name : d.names()) {
                    io.kyrodb.engine.catalog.Extensions.drop(name, d.ifExists());
                }
                yield new ExecResult.Count(0);
            }
            case Statement.Analyze a -> analyze(a);
            case Statement.Backup b -> {
                notInTransactionBlock("BACKUP");
                database.backup(java.nio.file.Path.of(b.directory()));
                yield new ExecResult.Count(0);
            }
            case Statement.SetVariable v -> {
                notInFailedTransaction();
                if (v.name().equals("transaction_isolation")) {
                    yield setTransaction(new Statement.SetTransaction(v.pos(), v.value(), null, false));
                }
                if (v.local()) {
                    openWithoutAutocommit();
                }
                settings.set(v.name(), v.value(), v.local(), txn != null || v.local());
                if (v.local() && txn == null) {
                    settings.transactionEnded(true);   // Postgres: a WARNING, and the value lasts no longer than the statement
                }
                yield new ExecResult.Count(0);
            }
            case Statement.Show s -> {
                notInFailedTransaction();
                yield settings.show(s.name(), isolation().sqlName());
            }
            case Statement.Reset r -> {
                notInFailedTransaction();
                settings.reset(r.name(), txn != null);
                yield new ExecResult.Count(0);
            }
            case Statement.Discard d -> discard(d);
            case Statement.Prepare p -> {
                notInFailedTransaction();
                yield prepared.prepare(p, sql);
            }
            case Statement.Execute e -> prepared.execute(e);
            case Statement.Deallocate d -> {
                notInFailedTransaction();
                yield prepared.deallocate(d);
            }
            case Statement.CreateIndex c when c.concurrently() && txn != null && txn.explicit() -> {
                notInTransactionBlock("CREATE INDEX CONCURRENTLY");
                yield null;
            }
            case Statement.SetConstraints s -> setConstraints(s);
            case Statement.Reindex r when (r.kind().equals("schema") || r.kind().equals("database")
                    || r.kind().equals("system")) && txn != null && txn.explicit() -> {
                notInTransactionBlock("REINDEX " + r.kind().toUpperCase(java.util.Locale.ROOT));
                yield null;
            }
            case Statement.DropIndex d when d.concurrently() && txn != null && txn.explicit() -> {
                notInTransactionBlock("DROP INDEX CONCURRENTLY");
                yield null;
            }
            default -> runInTransaction(statement, sql, parameters, cached);
        };
    }

    ExecResult runInTransaction(Statement statement, String sql, Object[] parameters,
                                        PlanCache cached) {
        notInFailedTransaction();
        boolean single = txn == null && autoCommit;
        if (txn == null) {
            txn = new Transaction(isolationForNext(), !autoCommit);
        }
        Transaction t = txn;
        if (t != clockTransaction) {
            clockTransaction = t;
            clockStart = java.time.Instant.now();
        }
        io.kyrodb.engine.types.SessionClock.install(settings.timeZone(), clockStart);
        ExecResult result;
        reading.enter();
        try {
            boolean reads = statement instanceof Statement.Query && !(statement instanceof Statement.With w && w.modifies())
                    || statement instanceof Statement.Explain;
            result = SqlCursors.handles(statement) ? cursors.run(t, statement, sql, parameters)
                    : reads ? query(t, statement, sql, parameters, cached, STREAM_AFTER_ROWS)
                    : write(t, statement, sql, parameters, cached);
        } catch (RuntimeException | Error e) {   // an Error too (OutOfMemoryError): the writer lock must not stay held
            reading.exit();
            if (single) {
                endTransaction(false);
            } else if (t.explicit()) {
                t.fail(); // Postgres: the transaction is aborted until ROLLBACK
            }
            throw e;
        }
        reading.exit();
        if (single) {
            endTransaction(true);
        }
        return result;
    }

    /**
     * Runs a query in {@code t}: its rows, computed in full in a transaction that has written, else
     * streaming once {@code streamAfter} rows are computed (0 for a cursor: none are read until it is
     * fetched from).
     */
    ExecResult query(Transaction t, Statement statement, String sql, Object[] parameters,
                     PlanCache cached, int streamAfter) {
        sequences.syncPending();   // the transaction's rows may show sequence values its commit has not made durable
        Statement.Locking locking = RowLocking.of(statement);
        if (locking != null && !t.isWriter() && !lockForRows(t, locking)) {
            // SKIP LOCKED while another transaction writes: every row is locked by it, none is returned
            Catalog catalog = t.snapshot() != null ? t.snapshot().catalog() : transactions.latest().catalog();
            QueryPlan plan = (QueryPlan) bind(statement, sql, parameters, null, catalog,
                    new ReadView(transactions.latest().seq(), false)).plan;
            return new MaterializedRows(plan.columns(), List.of());
        }
        Committed statementSnapshot = null;
        ReadView view;
        Catalog catalog;
        if (t.isWriter()) {
            view = new ReadView(transactions.latest().seq(), true);
            catalog = t.writeCatalog();
        } else if (t.isolation().snapshotPerTransaction()) {
            if (t.snapshot() == null) {
                t.snapshot(transactions.openSnapshot());
            }
            view = new ReadView(t.snapshot().seq(), false);
            catalog = t.snapshot().catalog();
        } else {
            statementSnapshot = transactions.openSnapshot();
            view = new ReadView(statementSnapshot.seq(), false);
            catalog = statementSnapshot.catalog();
        }
        ExecContext ctx = null;
        boolean streaming = false;
        try {
            if (statement instanceof Statement.Explain e) {
                return explain(e, sql, parameters, catalog, view);
            }
            Bound bound = bind(statement, sql, parameters, cached, catalog, view);
            QueryPlan query = (QueryPlan) bound.plan;
            ctx = new ExecContext(bound.parameters, view, cancelRequested, settings.workMemBytes(), database.tempSpace(),
                    sequences);
            RowIterator it = ctx.open(query.root());
            var labels = io.kyrodb.engine.types.EnumLabels.forColumns(query.columns(), ResultColumn::type);
            if (labels != null) {   // enum values written before a RENAME VALUE print their new label
                RowIterator raw = it;
                it = () -> labels.apply(raw.next());
            }
            List<Object[]> rows = new ArrayList<>();
            // A result past a few rows (a cursor's from the first) is handed out as it is read, unless
            // the transaction writes: it reads its own writes, which a later statement could change under it.
            boolean more = true;
            while (more && (t.isWriter() || rows.size() < streamAfter)) {
                Object[] row = it.next();
                more = row != null;
                if (more) {
                    rows.add(row);
                }
            }
            if (more) {
                Committed held = statementSnapshot;
                if (held == null) {
                    held = t.snapshot();
                    transactions.retainSnapshot(held);
                }
                StreamingRows stream = new StreamingRows(query.columns(), rows, it, ctx, transactions, held,
                        reading.fork(), this::streamClosed);
                streaming = true;
                openResults.add(stream);
                return stream;
            }
            return new MaterializedRows(query.columns(), rows);
        } finally {
            if (!streaming) {
                // Closing the context deletes the spill files the operators left (failure, cancel, LIMIT).
                if (ctx != null) {
                    ctx.close();
                }
                if (statementSnapshot != null) {
                    transactions.closeSnapshot(statementSnapshot);
                }
            }
        }
    }

    /**
     * SELECT ... FOR UPDATE/SHARE: with one writer at a time, locking rows is taking the writer
     * lock (kept to the end of the transaction), so a later write in the transaction cannot fail
     * on them. NOWAIT fails at once (55P03) when another transaction holds it; SKIP LOCKED then
     * returns false: every row is locked by that writer, so the query returns none.
     */
    private boolean lockForRows(Transaction t, Statement.Locking locking) {
        String clause = "SELECT FOR " + locking.strength().name().replace('_', ' ');
        if (readOnlyNow()) {
            throw new KyroException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + clause
                    + " in a read-only transaction");
        }
        if (locking.waitPolicy() == Statement.LockWait.WAIT) {
            becomeWriter(t, clause, false);
            return true;
        }
        if (!transactions.tryLockWriter()) {
            if (locking.waitPolicy() == Statement.LockWait.SKIP_LOCKED) {
                return false;
            }
            throw new KyroException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on rows for " + clause
                    + " NOWAIT: another transaction is writing to this database (one writer at a time)");
        }
        becomeWriter(t, clause, true);
        return true;
    }

    /** BEGIN READ ONLY / SET TRANSACTION READ ONLY for the transaction now, else the session default. */
    private boolean readOnlyNow() {
        return transactionReadOnly != null ? transactionReadOnly : settings.readOnly();
    }

    /** Makes {@code t} the writer: takes the writer lock (unless {@code locked}), then checks its snapshot. */
    private void becomeWriter(Transaction t, String verb, boolean locked) {
        if (readOnlyNow()) {
            throw new KyroException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + verb
                    + " in a read-only transaction");
        }
        if (!locked) {
            transactions.lockWriter(settings.lockTimeoutMillis());
        }
        Committed latest = transactions.latest();
        if (t.isolation().snapshotPerTransaction() && t.snapshot() != null && latest.seq() > t.snapshot().seq()) {
            transactions.unlockWriter();
            throw new KyroException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent"
                    + " update: another transaction committed after this " + t.isolation().sqlName()
                    + " transaction's snapshot was taken (first committer wins); retry the transaction");
        }
        t.becomeWriter(latest.catalog());
        activity.transaction(t.xid(transactions::nextXid), true);   // Postgres: a transaction's first write assigns its id
    }

    private ExecResult write(Transaction t, Statement statement, String sql, Object[] parameters,
                             PlanCache cached) {
        if (!t.isWriter() && !t.explicit() && !settings.readOnly() && statement instanceof Statement.CreateIndex c
                && "hnsw".equals(c.method())) {
            prebuildHnsw(statement, sql, parameters);
        }
        if (!t.isWriter()) {
            becomeWriter(t, readOnlyNow() ? verb(sql) : null, false);   // the verb only names the statement in 25006
        }
        boolean temporary = statement instanceof Statement.CreateTable ct ? ct.temporary()
                : statement instanceof Statement.CreateTableAs cta && cta.temporary();
        if (temporary && !t.writeCatalog().hasSchema(temporarySchema())) {
            apply(t, new Change.CreateSchema(temporarySchema()));   // made with the session's first temporary table
        }
        MaterializedViews.checkNotMaterialized(this, t.writeCatalog(), statement, sql);
        switch (statement) {
            case Statement.CreateMaterializedView m -> {
                return MaterializedViews.create(this, t, m, sql, parameters);
            }
            case Statement.RefreshMaterializedView r -> {
                return MaterializedViews.refresh(this, t, r, sql);
            }
            case Statement.DropMaterializedView d -> {
                return MaterializedViews.drop(this, t, d, sql);
            }
            default -> {
            }
        }
        if (statement instanceof Statement.Copy c) {
            return CopyStatements.copyFrom(this, t, c, sql, parameters, copyInput);
        }
        if (statement instanceof Statement.Reindex r && !r.kind().equals("index")) {
            Binder binder = new Binder(t.writeCatalog(), sql, new Parameters(parameters),
                    plannerOptions(new ReadView(transactions.latest().seq(), true)),
                    systemContext(t.writeCatalog()));
            for (io.kyrodb.sql.ast.QualifiedName index : binder.reindexed(r)) {   // each index rebuilt in turn
                change(t, new Statement.Reindex(r.pos(), "index", index), sql, parameters, null);
            }
            return new ExecResult.Count(0);
        }
        if (statement instanceof Statement.Call c) {
            return ProcedureCalls.run(this, c, sql, parameters, embeddedVariables);
        }
        if (statement instanceof Statement.Do d) {
            if (!d.language().equals("plpgsql")) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "language \"" + d.language() + "\" does not exist");
            }
            plpgsql.runDo(d.body());
            return new ExecResult.Count(0);
        }
        if (statement instanceof Statement.AlterTableSteps steps) {
            for (Statement.AlterTable step : steps.steps()) {   // each bound against the catalog the one before left
                io.kyrodb.engine.catalog.Catalog before = t.writeCatalog();
                Applied applied = change(t, step, sql, parameters, null);
                if (ConstraintValidity.concerns(step)) {
                    ConstraintValidity.mark(this, t, step, applied.plan(), before);
                }
            }
            return new ExecResult.Count(0);
        }
        if (statement instanceof Statement.CreateTableAs c) {
            Catalog beforeCreate = t.writeCatalog();
            ExecResult filled = createTableAs(t, c, sql, parameters);
            DefaultPrivileges.apply(this, t, beforeCreate, systemContext(t.writeCatalog()).user());
            noteOnCommit(c.name(), c.onCommit());
            return filled;
        }
        if (statement instanceof Statement.AlterTable a && ConstraintValidity.concerns(a)) {   // NOT VALID, VALIDATE
            io.kyrodb.engine.catalog.Catalog before = t.writeCatalog();
            ConstraintValidity.mark(this, t, a, change(t, statement, sql, parameters, null).plan(), before);
            return new ExecResult.Count(0);
        }
        Catalog beforeChange = t.writeCatalog();
        Applied applied = change(t, statement, sql, parameters, cached);
        if (statement instanceof Statement.CreateTable || statement instanceof Statement.CreateView
                || statement instanceof Statement.CreateSequence) {   // ALTER DEFAULT PRIVILEGES' grants
            DefaultPrivileges.apply(this, t, beforeChange, systemContext(t.writeCatalog()).user());
        }
        if (statement instanceof Statement.CreateTable c && c.temporary()) {
            noteOnCommit(c.name(), c.onCommit());
        }
        Mutations.Result result = applied.result();
        if (applied.plan() instanceof ReturningPlan returning) {
            sequences.syncPending();   // the rows may carry sequence values out before the commit
            return new ReturnedRows(returning.columns(), result.rows(), result.count());
        }
        if (applied.plan() instanceof io.kyrodb.engine.plan.WritingWithPlan w) {
            sequences.syncPending();
            return switch (w.body()) {
                case QueryPlan q -> new MaterializedRows(q.columns(), result.rows());
                case ReturningPlan r -> new ReturnedRows(r.columns(), result.rows(), result.count());
                default -> new ExecResult.Count(result.count());
            };
        }
        return new ExecResult.Count(result.count());
    }

    record Applied(Plan plan, Mutations.Result result) {
    }

    /** Binds and computes a writing statement, then applies its changes to {@code t}, the writer. */
    Applied change(Transaction t, Statement statement, String sql, Object[] parameters,
                           PlanCache cached) {
        ReadView view = new ReadView(transactions.latest().seq(), true);
        Bound bound = bind(statement, sql, parameters, cached, t.writeCatalog(), view);
        if (prebuilt != null && bound.plan instanceof CreateVectorIndexPlan p
                && p.definition().withId(prebuilt.id()).equals(prebuilt)) {
            bound = new Bound(p.withId(prebuilt.id()), bound.parameters);   // the commit adopts the graph built
        }
        Mutations.Result result;
        List<String> setColumns = statement instanceof Statement.Update u
                ? u.assignments().stream().map(Statement.Assignment::column).toList() : null;
        io.kyrodb.engine.plpgsql.TriggerRun triggers = io.kyrodb.engine.plpgsql.TriggerRun.of(plpgsql,
                t.writeCatalog(), bound.plan, setColumns);
        if (triggers != null) {
            triggers.beforeStatement();
        }
        sequences.deferSync(true);   // the commit makes the values durable; RETURNING rows wait below
        try (ExecContext ctx = new ExecContext(bound.parameters, view, cancelRequested, settings.workMemBytes(),
                database.tempSpace(), sequences)) {
            deferred.attach(ctx);
            result = Mutations.compute(bound.plan, ctx, t.writeCatalog(), triggers == null ? null : triggers.rows(),
                    setColumns);
        } finally {
            sequences.deferSync(false);
        }
        checkTransactionMemory(t, result.changes());
        for (Change c : result.changes()) {
            apply(t, c);
        }
        if (triggers != null) {
            triggers.afterStatement();
        }
        return new Applied(bound.plan, result);
    }

    /**
     * CREATE TABLE ... AS query: creates the table, then inserts the query's rows into it, in one
     * statement (a failure in either leaves neither); the count is the rows inserted. IF NOT EXISTS
     * on an existing table inserts nothing, as in PostgreSQL.
     */
    private ExecResult createTableAs(Transaction t, Statement.CreateTableAs c, String sql, Object[] parameters) {
        Applied created = change(t, c, sql, parameters, null);
        if (created.result().changes().isEmpty() || !c.withData()) {
            return new ExecResult.Count(0);
        }
        Statement.Insert fill = new Statement.Insert(c.pos(), c.name(), List.of(), List.of(), c.query(), null, List.of());
        return new ExecResult.Count(change(t, fill, sql, parameters, null).result().count());
    }

    /** The catalog key {@code name} finds (along the search_path when unqualified), or null. */
    String relationKey(Catalog catalog, io.kyrodb.sql.ast.QualifiedName name) {
        if (name.schema() != null) {
            String key = io.kyrodb.engine.catalog.SchemaNames.key(name.schema(), name.name());
            return catalog.hasRelation(key) ? key : null;
        }
        return systemContext(catalog).searchPath().find(catalog, name.name(), catalog::hasRelation);
    }

    /**
     * CREATE INDEX ... USING hnsw outside a transaction block builds its graph here, from a snapshot,
     * before taking the writer lock (ARCHITECTURE.md "Transactions"): writers go on meanwhile, and
     * the commit that creates the index catches up with them. Inside a transaction block the graph
     * is built in the background after the commit; searches are exact until it is ready.
     */
    private void prebuildHnsw(Statement statement, String sql, Object[] parameters) {
        io.kyrodb.engine.txn.Committed visible = transactions.visible();
        Catalog catalog = visible.catalog();
        Bound bound = bind(statement, sql, parameters, null, catalog, new ReadView(visible.seq(), false));
        if (bound.plan instanceof CreateVectorIndexPlan p && !catalog.hasRelation(p.definition().name())
                && database.vectors().prebuild(p.definition(), cancelRequested::get, progress -> notice(progress.message()))) {
            prebuilt = p.definition();
        }
    }

    /**
     * Where the statement running in this session sends its notices (an HNSW build's progress, as
     * PostgreSQL sends NOTICE messages while a statement runs): called on the statement's thread.
     * The driver sets it around each execution; null: nobody listens.
     */
    public void notices(java.util.function.Consumer<String> listener) {
        this.notices = listener;
    }

    void notice(String message) {
        java.util.function.Consumer<String> n = notices;
        if (n != null) {
            n.accept(message);
        }
    }

    /** Refuses a statement whose changes would take the transaction past transaction_memory (53200). */
    private void checkTransactionMemory(Transaction t, List<Change> changes) {
        long bytes = 0;
        for (Change c : changes) {
            bytes += switch (c) {
                case Change.Put p -> TableData.VERSION_OVERHEAD + HeapSize.of(p.key()) + HeapSize.of(p.row());
                case Change.Delete d -> TableData.VERSION_OVERHEAD + HeapSize.of(d.key());
                default -> 0;
            };
        }
        long limit = database.transactionMemory();
        if (t.bytes() + bytes > limit) {
            throw new KyroException(SqlState.OUT_OF_MEMORY, "transaction too large: its uncommitted changes would take "
                    + "about " + (t.bytes() + bytes) / (1 << 20) + " MB, past transaction_memory ("
                    + (limit >> 20) + " MB); commit in smaller transactions or raise transaction_memory");
        }
        t.addBytes(bytes);
    }

    /** Applies a checked change as uncommitted state of {@code t}; cannot fail. */
    void apply(Transaction t, Change change) {
        switch (change) {
            case Change.CreateTable c -> t.writeCatalog(t.writeCatalog().with(
                    new Table(c.name(), c.columns(), c.primaryKey(), c.checks(), c.foreignKeys(), database.store())));
            case Change.AlterTable a -> t.writeCatalog(t.writeCatalog().with(t.writeCatalog().table(a.definition().name())
                    .redefine(a.definition().columns(), a.definition().checks(), a.definition().foreignKeys())));
            case Change.CreateSequence c -> t.writeCatalog(t.writeCatalog().with(c.sequence()));
            case Change.DropSequence d -> t.writeCatalog(t.writeCatalog().withoutSequence(d.name()));
            case Change.DropTable d -> t.writeCatalog(t.writeCatalog().without(d.name()));
            case Change.CreateIndex c -> t.writeCatalog(t.writeCatalog().with(c.build(t.writeCatalog().table(c.table()),
                    database.store())));
            case Change.DropIndex d -> t.writeCatalog(t.writeCatalog().withoutIndex(d.name()));
            case Change.CreateView v -> t.writeCatalog(t.writeCatalog().with(
                    v.view()));
            case Change.DropView d -> t.writeCatalog(t.writeCatalog().withoutView(d.name()));
            case Change.CreateMaterializedView m -> t.writeCatalog(t.writeCatalog().with(m.view()));
            case Change.RefreshMaterializedView r -> t.writeCatalog(t.writeCatalog().with(
                    t.writeCatalog().materializedView(r.name()).withPopulated(r.populated())));
            case Change.CreateVectorIndex v -> t.writeCatalog(t.writeCatalog().with(v.definition()));
            case Change.CreateSchema c -> t.writeCatalog(t.writeCatalog().withSchema(c.name()));
            case Change.DropSchema d -> t.writeCatalog(t.writeCatalog().withoutSchema(d.name()));
            case Change.Comment c -> t.writeCatalog(t.writeCatalog().withComment(c.key(), c.text()));
            case Change.CreateFunction f -> t.writeCatalog(t.writeCatalog().with(f.function()));
            case Change.DropFunction d -> t.writeCatalog(t.writeCatalog().withoutFunction(d.key(), d.argumentTypes()));
            case Change.DefineType d -> t.writeCatalog(t.writeCatalog().with(d.type()));
            case Change.DropType d -> t.writeCatalog(t.writeCatalog().withoutType(d.key()));
            case Change.DefineTrigger g -> t.writeCatalog(t.writeCatalog().with(
                    t.writeCatalog().routines().withTrigger(g.key(), g.trigger())));
            case Change.DefineAccess a -> t.writeCatalog(t.writeCatalog().with(a.access()));
            case Change.Put p -> write(t, p.table(), p.key(), p.row());
            case Change.Delete d -> write(t, d.table(), d.key(), null);
        }
        t.record(change);
    }

    private static void write(Transaction t, String tableName, Object key, Object[] row) {
        Table table = t.writeCatalog().stored(tableName);   // a table or an index's entries
        t.record(table.data().write(key, row));
    }

    // ---- Temporary tables ---------------------------------------------------------------------

    /** The temporary tables with an ON COMMIT action other than PRESERVE ROWS: catalog key to action. */
    private final Map<String, Statement.OnCommit> onCommit = new java.util.LinkedHashMap<>();

    /** The schema this session's temporary tables live in (made with the first, dropped when the session ends). */
    private String temporarySchema() {
        return io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX + backendPid;
    }

    private void noteOnCommit(io.kyrodb.sql.ast.QualifiedName name, Statement.OnCommit action) {
        if (action == Statement.OnCommit.DELETE_ROWS || action == Statement.OnCommit.DROP) {
            onCommit.put(io.kyrodb.engine.catalog.SchemaNames.key(temporarySchema(), name.name()), action);
        }
    }

    /**
     * ON COMMIT DROP and ON COMMIT DELETE ROWS, as part of the committing transaction {@code t}:
     * the tables it created with DROP go, those with DELETE ROWS are emptied. A table no longer in
     * the catalog (rolled back, dropped) is forgotten.
     */
    private void applyOnCommit(Transaction t) {
        for (var it = onCommit.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Statement.OnCommit> e = it.next();
            if (t.writeCatalog().table(e.getKey()) == null) {
                it.remove();
                continue;
            }
            List<io.kyrodb.sql.ast.QualifiedName> table = List.of(new io.kyrodb.sql.ast.QualifiedName(
                    io.kyrodb.sql.ast.Pos.NONE, io.kyrodb.engine.catalog.SchemaNames.schemaOf(e.getKey()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(e.getKey())));
            boolean drop = e.getValue() == Statement.OnCommit.DROP;
            Statement action = drop ? new Statement.DropTable(io.kyrodb.sql.ast.Pos.NONE, false, table)
                    : new Statement.Truncate(io.kyrodb.sql.ast.Pos.NONE, table, false, false);
            change(t, action, (drop ? "DROP TABLE " : "TRUNCATE ") + e.getKey(), NO_PARAMETERS, null);
            if (e.getValue() == Statement.OnCommit.DROP) {
                it.remove();
            }
        }
    }

    /**
     * Drops temporary schemas no open session owns (left by a crash, or by a session that could
     * not drop its own when it closed), before this session can own one of the same name.
     */
    private void dropStaleTemporarySchemas() {
        List<String> stale = new ArrayList<>();
        for (String schema : transactions.latest().catalog().schemas()) {
            if (schema.startsWith(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX)
                    && !database.sessionLive(schema.substring(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX.length()))) {
                stale.add(schema);
            }
        }
        database.sessionStarted(backendPid);
        dropTemporarySchemas(stale);
    }

    /**
     * DROP SCHEMA ... CASCADE of {@code schemas} that exist, in a transaction of its own, unless
     * another transaction holds the writer lock for long or the database is read-only: a later
     * connection then drops them.
     */
    private void dropTemporarySchemas(List<String> schemas) {
        List<String> existing = schemas.stream().filter(transactions.latest().catalog()::hasSchema).toList();
        if (existing.isEmpty() || txn != null) {
            return;
        }
        String timeout = settings.get(io.kyrodb.engine.settings.Setting.LOCK_TIMEOUT);
        try {
            settings.set("lock_timeout", "200ms");
            run(new Statement.DropSchema(io.kyrodb.sql.ast.Pos.NONE, true, existing, true),
                    "DROP SCHEMA " + String.join(", ", existing) + " CASCADE", NO_PARAMETERS, null);
        } catch (RuntimeException e) {
            LOG.fine(() -> "left temporary schemas " + existing + " for a later connection: " + e.getMessage());
        } finally {
            settings.set("lock_timeout", timeout);
        }
    }

    /** Ends the open transaction: commits (durable and visible on return) or rolls back. */
    private void endTransaction(boolean commit) {
        if (commit && txn != null && !txn.failed()) {
            try {   // WITH HOLD cursors read what they still need under the transaction's snapshot
                portals.persistHoldable();
            } catch (RuntimeException e) {
                endTransaction(false);
                throw e;
            }
        }
        if (commit && txn != null && !txn.failed() && txn.isWriter() && deferred.hasPending()) {
            try {   // DEFERRABLE constraints the transaction left unchecked, before its COMMIT record
                deferred.check(txn.writeCatalog(), new ReadView(transactions.latest().seq(), true), true);
            } catch (RuntimeException e) {
                endTransaction(false);
                throw e;
            }
        }
        deferred.reset();
        database.advisoryLocks().releaseTransaction(this);
        Transaction t = txn;
        txn = null;
        settings.transactionEnded(commit && !t.failed());
        nextIsolation = null;
        sequences.forgetPending();   // a commit's WAL record is after theirs and waits for its sync; a rollback hid them
        transactionReadOnly = null;
        try {
            if (t.isWriter()) {
                if (commit && !t.failed()) {
                    applyOnCommit(t);
                    database.commit(t);
                } else {
                    t.undoAll();
                    transactions.unlockWriter();
                }
            }
        } finally {
            portals.transactionEnded(commit && !t.failed());
            if (t.snapshot() != null) {
                transactions.closeSnapshot(t.snapshot());
            }
            if (prebuilt != null) {
                database.vectors().discard(prebuilt);   // a no-op once its commit adopted it
                prebuilt = null;
            }
        }
    }

    // ---- Transaction statements ---------------------------------------------------------------

    /** The DEFERRABLE constraints of the transaction: SET CONSTRAINTS, and what statements left unchecked. */
    private final io.kyrodb.engine.exec.DeferredConstraints deferred = new io.kyrodb.engine.exec.DeferredConstraints();

    /**
     * SET CONSTRAINTS: outside a transaction block PostgreSQL warns and it lasts no longer than the
     * statement; IMMEDIATE checks at once what statements of the transaction left unchecked.
     */
    private ExecResult setConstraints(Statement.SetConstraints s) {
        notInFailedTransaction();
        Catalog catalog = txn != null && txn.isWriter() ? txn.writeCatalog() : transactions.visible().catalog();
        List<String> names = s.names().stream().map(n -> n.schema() == null ? n.name()
                : io.kyrodb.engine.catalog.SchemaNames.key(n.schema(), n.name())).toList();
        if (txn == null || !txn.explicit()) {
            new io.kyrodb.engine.exec.DeferredConstraints().set(catalog, names, s.deferred());   // checked, then gone
            return new ExecResult.Count(0);
        }
        try {
            deferred.set(catalog, names, s.deferred());
            if (!s.deferred() && txn.isWriter()) {
                deferred.check(catalog, new ReadView(transactions.latest().seq(), true), false);
            }
        } catch (RuntimeException e) {
            txn.fail();   // PostgreSQL: the transaction is aborted until ROLLBACK
            throw e;
        }
        return new ExecResult.Count(0);
    }

    /** READ ONLY / READ WRITE of the transaction block now open, as BEGIN or SET TRANSACTION said; null: the default. */
    private Boolean transactionReadOnly;

    private ExecResult begin(Statement.Begin b) {
        if (txn != null) {
            return new ExecResult.Count(0); // Postgres: WARNING there is already a transaction in progress
        }
        IsolationLevel level = b.isolation() != null ? IsolationLevel.parse(b.isolation()) : isolationForNext();
        txn = new Transaction(level, true);
        transactionReadOnly = b.readOnly();
        return new ExecResult.Count(0);
    }

    private ExecResult rollback(Statement.Rollback r) {
        if (r.savepoint() == null) {
            if (txn != null) {
                endTransaction(false);
            }
            return new ExecResult.Count(0);
        }
        Transaction t = inTransactionBlock("ROLLBACK TO SAVEPOINT");
        checkSavepoint(t, r.savepoint());
        t.rollbackTo(r.savepoint());
        portals.rollbackTo(r.savepoint());   // the cursors opened since close, as in PostgreSQL
        return new ExecResult.Count(0);
    }

    private ExecResult setTransaction(Statement.SetTransaction s) {
        notInFailedTransaction();
        if (s.readOnly() != null && !s.sessionDefault() && txn != null) {
            transactionReadOnly = s.readOnly();
        }
        if (s.isolation() == null) {
            return new ExecResult.Count(0);
        }
        IsolationLevel level = IsolationLevel.parse(s.isolation());
        if (s.sessionDefault()) {
            settings.set("default_transaction_isolation", level.sqlName());
        } else if (txn != null) {
            if (txn.snapshot() != null || txn.isWriter()) {
                throw new KyroException(SqlState.ACTIVE_SQL_TRANSACTION,
                        "SET TRANSACTION ISOLATION LEVEL must be called before any query");
            }
            txn = new Transaction(level, txn.explicit());
        } else {
            nextIsolation = level;
        }
        return new ExecResult.Count(0);
    }

    private Transaction inTransactionBlock(String what) {
        if (txn == null) {
            throw new KyroException(SqlState.NO_ACTIVE_TRANSACTION, what + " can only be used in transaction blocks");
        }
        return txn;
    }

    private static void checkSavepoint(Transaction t, String name) {
        if (!t.hasSavepoint(name)) {
            throw new KyroException(SqlState.INVALID_SAVEPOINT, "savepoint \"" + name + "\" does not exist");
        }
    }

    private void notInTransactionBlock(String what) {
        if (txn != null) {
            throw new KyroException(SqlState.ACTIVE_SQL_TRANSACTION, what + " cannot run inside a transaction block");
        }
    }

    private void notInFailedTransaction() {
        if (txn != null && txn.failed()) {
            throw new KyroException(SqlState.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** The statement's leading keywords for a message, e.g. {@code INSERT} or {@code CREATE TABLE}. */
    private static String verb(String sql) {
        String[] words = sql.strip().split("\\s+", 3);
        String first = words[0].toUpperCase(java.util.Locale.ROOT);
        boolean two = words.length > 1 && (first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER"));
        return two ? first + " " + words[1].toUpperCase(java.util.Locale.ROOT) : first;
    }

    private IsolationLevel isolationForNext() {
        return nextIsolation != null ? nextIsolation : settings.defaultIsolation();
    }

    // ---- PL/pgSQL's statements -------------------------------------------------------------------

    /**
     * Runs a statement of a PL/pgSQL body in the transaction of the statement that runs the body,
     * with {@code variables} bound as parameters; rows are read in full. Transaction control is
     * refused (2D000), as in a PostgreSQL function.
     */
    ExecResult runEmbedded(Statement statement, String sql, Object[] parameters, PlanCache cache,
                           io.kyrodb.engine.binder.Variables variables) {
        return runEmbedded(statement, sql, parameters, cache, variables, STREAM_AFTER_ROWS);
    }

    /** As {@link #runEmbedded}; a query streams after {@code streamAfter} rows (0: a cursor's, read as fetched). */
    ExecResult runEmbedded(Statement statement, String sql, Object[] parameters, PlanCache cache,
                           io.kyrodb.engine.binder.Variables variables, int streamAfter) {
        Transaction t = txn;
        if (t == null) {   // a function evaluated after its statement ended (rows read later): a statement of its own
            io.kyrodb.engine.binder.Variables saved = embeddedVariables;
            embeddedVariables = variables;
            try {
                return run(statement, sql, parameters, cache);
            } finally {
                embeddedVariables = saved;
            }
        }
        switch (statement) {
            case Statement.Begin b -> throw invalidTermination();
            case Statement.Commit c -> throw invalidTermination();
            case Statement.Rollback r -> throw invalidTermination();
            case Statement.Savepoint s -> throw invalidTermination();
            case Statement.ReleaseSavepoint r -> throw invalidTermination();
            default -> {
            }
        }
        io.kyrodb.engine.binder.Variables saved = embeddedVariables;
        embeddedVariables = variables;
        try {
            if (SqlCursors.handles(statement)) {   // EXECUTE 'FETCH ...' in PL/pgSQL
                return cursors.run(t, statement, sql, parameters);
            }
            return statement instanceof Statement.Query || statement instanceof Statement.Explain
                    ? query(t, statement, sql, parameters, cache, streamAfter)
                    : write(t, statement, sql, parameters, cache);
        } finally {
            embeddedVariables = saved;
        }
    }

    private static KyroException invalidTermination() {
        return new KyroException(SqlState.INVALID_TRANSACTION_TERMINATION, "invalid transaction termination:"
                + " a function or DO block cannot COMMIT, ROLLBACK or use savepoints");
    }

    Transaction transaction() {
        return txn;
    }

    /** The session's open cursors. */
    io.kyrodb.engine.cursor.Portals portals() {
        return portals;
    }

    /** The columns of open cursor {@code name} (a FETCH's result columns, before it runs), or empty. */
    List<ResultColumn> cursorColumns(String name) {
        io.kyrodb.engine.cursor.Portal p = portals.find(name);
        return p == null ? List.of() : p.columns();
    }

    /** The catalog the running statement sees: its transaction's (with its DDL), else the latest commit's. */
    Catalog currentCatalog() {
        Transaction t = txn;
        if (t != null && t.isWriter()) {
            return t.writeCatalog();
        }
        if (t != null && t.snapshot() != null) {
            return t.snapshot().catalog();
        }
        return transactions.latest().catalog();
    }

    List<String> searchPathNow() {
        Catalog catalog = currentCatalog();
        return systemContext(catalog).searchPath().effective(catalog);
    }

    void checkCanceled() {
        if (cancelRequested.get()) {
            throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    // ---- Binding ------------------------------------------------------------------------------

    /**
     * PREPARE: binds {@code body} under the catalog this session sees now, so its errors come at
     * once, and returns its parameters' types ({@code declared} where given; 42P18 for a $n that
     * no expression uses and no type was given for).
     */
    io.kyrodb.engine.types.SqlType[] bindForPrepare(Statement body, String text,
                                                    io.kyrodb.engine.types.SqlType[] declared) {
        Catalog catalog = txn != null && txn.isWriter() ? txn.writeCatalog()
                : txn != null && txn.snapshot() != null ? txn.snapshot().catalog() : transactions.latest().catalog();
        ReadView view = new ReadView(transactions.latest().seq(), false);
        Parameters types = new Parameters(new Object[declared.length], declared);
        io.kyrodb.engine.types.SessionClock.install(settings.timeZone(), java.time.Instant.now());
        new Binder(catalog, text, types, plannerOptions(view), systemContext(catalog)).hnsw(
                new io.kyrodb.engine.exec.HnswEnv(database.vectors(), settings::efSearch,
                        settings::hnswExactThreshold)).bind(body);
        int untyped = types.firstUntyped();
        if (untyped >= 0) {
            throw new KyroException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $"
                    + (untyped + 1));
        }
        return types.types();
    }

    /** EXECUTE's arguments: evaluated as a one-row SELECT, converted to the parameters' {@code types}. */
    Object[] evaluate(List<io.kyrodb.sql.ast.Expr> arguments, io.kyrodb.engine.types.SqlType[] types) {
        io.kyrodb.sql.ast.Pos at = arguments.get(0).pos();
        List<Statement.SelectItem> items = new ArrayList<>();
        for (io.kyrodb.sql.ast.Expr a : arguments) {
            items.add(new Statement.SelectExpression(a.pos(), a, null));
        }
        Statement.Select select = new Statement.Select(at, false, items, List.of(), null, List.of(), null, List.of(),
                null, null);
        Object[] row;
        try (ExecResult.Rows rows = (ExecResult.Rows) runInTransaction(select, "", NO_PARAMETERS, null)) {
            row = rows.next();
        }
        return ParameterValues.convert(row, types);
    }

    /** EXECUTE: a prepared statement's body with its parameters' values, as a driver's prepared statement runs. */
    ExecResult runPrepared(Statement body, String text, Object[] values, PlanCache cache) {
        return runInTransaction(body, text, values, cache);
    }

    private record Bound(Plan plan, Object[] parameters) {
    }

    private Bound bind(Statement statement, String sql, Object[] parameters, PlanCache cache,
                       Catalog catalog, ReadView view) {
        byte[] signature = Parameters.signature(parameters);
        // a cached plan was made under the catalog, the settings and the statistics of its time
        if (cache != null) {
            PlanCache.Entry hit = cache.lookup(catalog.version(), settings.planSettings(), signature);
            if (hit != null) {
                return new Bound(hit.plan(), ParameterValues.convert(parameters, hit.types()));
            }
        }
        Parameters types = new Parameters(parameters);
        if (embeddedVariables != null) {
            types.fix(embeddedVariables.types());
        }
        PlanCache.Recorder statistics = new PlanCache.Recorder(view);
        io.kyrodb.engine.types.SessionClock.clockRead();   // forget reads before this bind
        Plan plan = new Binder(catalog, sql, types, settings.plannerOptions(new HistogramEstimator(statistics)),
                systemContext(catalog)).hnsw(new io.kyrodb.engine.exec.HnswEnv(database.vectors(), settings::efSearch,
                        settings::hnswExactThreshold)).variables(embeddedVariables).bind(statement);
        if (cache != null && !io.kyrodb.engine.types.SessionClock.clockRead()) {
            cache.store(catalog.version(), settings.planSettings(), signature, plan, types.types(), statistics);
        }
        return new Bound(plan, ParameterValues.convert(parameters, types.types()));
    }

    /**
     * The planner's switches from the session's settings, with the histogram estimator reading
     * statistics that auto-analyze keeps fresh (under {@code view}, the statement's read view).
     */
    private PlannerOptions plannerOptions(ReadView view) {
        return settings.plannerOptions(new HistogramEstimator(table -> AutoAnalyze.current(table, view)));
    }

    /** EXPLAIN [ANALYZE]: plans the query with estimates; with ANALYZE runs it, measuring each operator. */
    private ExecResult explain(Statement.Explain e, String sql, Object[] parameters, Catalog catalog, ReadView view) {
        long start = System.nanoTime();
        Parameters types = new Parameters(parameters);
        PlannerOptions options = plannerOptions(view);
        Binder binder = new Binder(catalog, sql, types, options, systemContext(catalog))
                .hnsw(new io.kyrodb.engine.exec.HnswEnv(database.vectors(), settings::efSearch,
                        settings::hnswExactThreshold));
        binder.estimates().want();
        QueryPlan plan;
        if (e.query() instanceof Statement.Merge m) {
            if (e.analyze()) {
                throw new KyroException(SqlState.SYNTAX_ERROR, io.kyrodb.sql.parser.SourceSnippet.annotate(
                        "EXPLAIN ANALYZE MERGE is not supported (it would run the MERGE); use EXPLAIN MERGE", sql, m.pos()));
            }
            io.kyrodb.engine.plan.MergePlan merge = (io.kyrodb.engine.plan.MergePlan) binder.bind(m);
            String label = "Merge on " + io.kyrodb.engine.catalog.SchemaNames.localOf(merge.table().name())
                    + (m.alias() == null ? "" : " " + m.alias());
            plan = new QueryPlan(new io.kyrodb.engine.exec.ModifyTableNode(label, merge.join()), List.of());
        } else if (e.query() instanceof Statement.With w && w.modifies()) {
            throw new KyroException(SqlState.SYNTAX_ERROR, io.kyrodb.sql.parser.SourceSnippet.annotate(
                    "KyroDB cannot EXPLAIN a query whose WITH clause changes data (EXPLAIN its statements one by one)",
                    sql, w.pos()));
        } else {
            plan = (QueryPlan) binder.bind(e.query());
        }
        binder.estimates().complete(plan.root(), options.estimator());
        long planned = System.nanoTime();
        Instrumentation measured = null;
        if (e.analyze()) {
            measured = new Instrumentation(e.timing());
            try (ExecContext ctx = new ExecContext(ParameterValues.convert(parameters, types.types()), view,
                    cancelRequested, settings.workMemBytes(), database.tempSpace()).instrumented(measured)) {
                RowIterator it = ctx.open(plan.root());
                while (it.next() != null) {
                    // the rows are counted, not returned
                }
            }
        }
        long executed = System.nanoTime();
        Explain.Summary summary = new Explain.Summary(
                e.costs() ? options.estimator().name() + (options.costBased() ? "" : " (cost-based choices off)") : null,
                e.settings() ? settings.plannerChanges() : java.util.Map.of(),
                e.summary() ? (planned - start) / 1e6 : null,
                e.summary() && e.analyze() ? (executed - planned) / 1e6 : null);
        return Explain.render(plan.root(), new Explain.Options(e.analyze(), e.verbose(), e.costs(), e.timing(), e.format()),
                e.costs() ? binder.estimates() : null, measured, summary);
    }

    /** ANALYZE [table, ...]: statistics for the named tables (every table when none is named), from the latest commit. */
    private ExecResult analyze(Statement.Analyze a) {
        notInFailedTransaction();
        Committed snapshot = transactions.openSnapshot();
        try {
            Catalog catalog = txn != null && txn.isWriter() ? txn.writeCatalog() : snapshot.catalog();
            ReadView view = txn != null && txn.isWriter() ? new ReadView(transactions.latest().seq(), true)
                    : new ReadView(snapshot.seq(), false);
            List<Table> tables = a.tables().isEmpty() ? catalog.tables() : tables(catalog, a.tables());
            for (Table t : tables) {
                AutoAnalyze.analyze(t, view);
            }
            return new ExecResult.Count(0);
        } finally {
            transactions.closeSnapshot(snapshot);
        }
    }

    /**
     * DISCARD: ALL resets the settings, drops the temporary tables and forgets sequence values
     * (outside a transaction block, 25001); TEMP, SEQUENCES each part; PLANS has nothing to do,
     * since a prepared statement plans again when the catalog or a setting changes.
     */
    private ExecResult discard(Statement.Discard d) {
        notInFailedTransaction();
        if (d.what().equals("all") || d.what().equals("temp")) {
            notInTransactionBlock("DISCARD " + d.what().toUpperCase(java.util.Locale.ROOT));
            dropTemporarySchemas(List.of(temporarySchema()));
            onCommit.clear();
        }
        if (d.what().equals("all")) {
            prepared.clear();
            portals.closeAll();
            settings.reset("all");
            nextIsolation = null;
        }
        if (d.what().equals("all") || d.what().equals("sequences")) {
            sequences.discard();
        }
        return new ExecResult.Count(0);
    }

    /** JDBC without autocommit sends no BEGIN: a statement that needs a transaction block opens it. */
    private void openWithoutAutocommit() {
        if (txn == null && !autoCommit) {
            txn = new Transaction(isolationForNext(), true);
        }
    }

    /** The tables {@code names} name, qualified or found along search_path; 42P01 for one that is not there. */
    List<Table> tables(Catalog catalog, List<io.kyrodb.sql.ast.QualifiedName> names) {
        List<Table> tables = new ArrayList<>();
        for (io.kyrodb.sql.ast.QualifiedName name : names) {
            String key = relationKey(catalog, name);
            Table t = key == null ? null : catalog.table(key);
            if (t == null) {
                throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
            }
            tables.add(t);
        }
        return tables;
    }

    /**
     * LOCK TABLE: only in a transaction block (25P01). A mode that excludes writers (every mode but
     * ACCESS SHARE and ROW SHARE) takes the one writer lock until the transaction ends, so no other
     * transaction writes meanwhile; NOWAIT fails at once (55P03) when another holds it. Readers never
     * wait in KyroDB, so ACCESS EXCLUSIVE does not stop them as it does in PostgreSQL.
     */
    private ExecResult lockTable(Statement.LockTable l) {
        notInFailedTransaction();
        openWithoutAutocommit();
        Transaction t = inTransactionBlock("LOCK TABLE");
        try {
            Catalog catalog = t.isWriter() ? t.writeCatalog() : transactions.visible().catalog();
            tables(catalog, l.tables());
            if (l.excludesWriters() && !t.isWriter()) {
                String verb = "LOCK TABLE IN " + l.mode() + " MODE";
                if (!l.nowait()) {
                    becomeWriter(t, verb, false);
                } else if (transactions.tryLockWriter()) {
                    becomeWriter(t, verb, true);
                } else {
                    throw new KyroException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \""
                            + l.tables().get(0) + "\": another transaction is writing to this database (one writer at a time)");
                }
            }
        } catch (RuntimeException e) {
            t.fail();   // as any failed statement: the transaction is aborted until ROLLBACK
            throw e;
        }
        return new ExecResult.Count(0);
    }

    /** current_setting and set_config of this session: its settings, and whether a transaction is open. */
    private final io.kyrodb.engine.catalog.system.SessionCalls calls = new io.kyrodb.engine.catalog.system.SessionCalls() {
        @Override
        public Object callFunction(io.kyrodb.engine.catalog.UserFunction f, Object[] arguments) {
            return plpgsql.call(f, arguments);
        }

        @Override
        public List<Object[]> callSetFunction(io.kyrodb.engine.catalog.UserFunction f, Object[] arguments,
                                              List<io.kyrodb.engine.types.SqlType> columns) {
            return plpgsql.callSet(f, arguments, columns);
        }

        @Override
        public String setting(String name, boolean missingOk) {
            String v = name.trim().equalsIgnoreCase("transaction_isolation") ? isolation().sqlName() : settings.value(name);
            if (v == null && !missingOk) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
            }
            return v;
        }

        @Override
        public String setConfig(String name, String value, boolean local) {
            return settings.set(name, value, local, txn != null);
        }

        @Override
        public long transactionId() {
            Transaction t = txn;
            if (t == null) {   // not reached from a statement, which always runs in a transaction
                throw new KyroException(SqlState.NO_ACTIVE_TRANSACTION, "no transaction is open");
            }
            long xid = t.xid(transactions::nextXid);
            activity.transaction(xid, t.isWriter());
            return xid;
        }

        @Override
        public List<io.kyrodb.engine.catalog.system.SessionCalls.Activity> activity() {
            return database.activities();
        }

        @Override
        public Object advisoryLock(io.kyrodb.engine.txn.AdvisoryLocks.Key key, boolean shared, boolean transaction,
                                   boolean tryOnly) {
            long timeout = tryOnly ? 0 : settings.lockTimeoutMillis() > 0 ? settings.lockTimeoutMillis() : -1;
            var outcome = database.advisoryLocks().acquire(Session.this, key, shared, transaction, timeout,
                    cancelRequested::get);
            return switch (outcome) {
                case ACQUIRED -> tryOnly ? (Object) Boolean.TRUE : "";
                case TIMED_OUT -> {
                    if (tryOnly) {
                        yield Boolean.FALSE;
                    }
                    throw new KyroException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                }
                case CANCELED -> throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                case DEADLOCK -> throw new KyroException(SqlState.DEADLOCK_DETECTED, "deadlock detected: process "
                        + backendPid + " waits for " + (shared ? "ShareLock" : "ExclusiveLock") + " on an advisory lock"
                        + " held by a session that waits for one this session holds");
            };
        }

        @Override
        public List<io.kyrodb.engine.catalog.system.SessionCalls.AdvisoryLock> advisoryLocks() {
            List<io.kyrodb.engine.catalog.system.SessionCalls.AdvisoryLock> rows = new ArrayList<>();
            for (var l : database.advisoryLocks().locks()) {
                if (l.owner() instanceof Session s) {
                    rows.add(new io.kyrodb.engine.catalog.system.SessionCalls.AdvisoryLock(s.backendPid, l.key(),
                            l.shared(), l.granted(), l.waitStart()));
                }
            }
            return rows;
        }

        @Override
        public boolean advisoryUnlock(io.kyrodb.engine.txn.AdvisoryLocks.Key key, boolean shared) {
            if (database.advisoryLocks().release(Session.this, key, shared)) {
                return true;
            }
            notice("you don't own a lock of type " + (shared ? "ShareLock" : "ExclusiveLock"));
            return false;
        }

        @Override
        public void advisoryUnlockAll() {
            database.advisoryLocks().releaseSession(Session.this);
        }

        @Override
        public List<Cursor> cursors() {
            return portals.all().stream().map(p -> new Cursor(p.name(), p.statement(), p.holdable(), p.binary(),
                    p.scrollable(), p.created())).toList();
        }

        @Override
        public List<Prepared> preparedStatements() {
            return prepared.all().stream().map(p -> new Prepared(p.name(), p.text(), p.prepared(),
                    java.util.Arrays.stream(p.types()).map(t -> t.displayName().replaceAll("\\(.*\\)", "")).toList()))
                    .toList();
        }
    };

    /**
     * A streaming result ended. An autocommit query's transaction ended when its stream began; the
     * transaction-level advisory locks its rows took while streaming go now, with the statement.
     */
    private void streamClosed(StreamingRows r) {
        openResults.remove(r);
        if (txn == null) {
            database.advisoryLocks().releaseTransaction(this);
        }
    }

    /** COPY ... FROM STDIN's data while {@link #copyIn} runs it, else null. */
    private java.io.Reader copyInput;
    /** Where COPY ... TO STDOUT writes while {@link #copyOut} runs it, else null. */
    private java.io.Writer copyOutput;

    /**
     * Runs {@code sql}, a {@code COPY table [(columns)] FROM STDIN [options]}, with its data read from
     * {@code data} (PostgreSQL's text or CSV layout, as the options say; a line {@code \.} ends it):
     * what a PostgreSQL client streams after the statement. Returns the rows copied. The reader is
     * read to its end (what follows a {@code \.} line is ignored) and not closed.
     */
    public long copyIn(String sql, java.io.Reader data) {
        copyInput = java.util.Objects.requireNonNull(data, "data");
        return streamCopy(sql, true);
    }

    /**
     * Runs {@code sql}, a {@code COPY {table [(columns)] | (query)} TO STDOUT [options]}, writing the
     * rows to {@code out} in PostgreSQL's text or CSV layout. Returns the rows written; {@code out}
     * is flushed, not closed.
     */
    public long copyOut(String sql, java.io.Writer out) {
        copyOutput = java.util.Objects.requireNonNull(out, "out");
        return streamCopy(sql, false);
    }

    /** Runs {@code sql}, which must be COPY FROM STDIN ({@code from}) or TO STDOUT, with the stream just set. */
    private long streamCopy(String sql, boolean from) {
        try {
            if (!(prepare(sql).statement() instanceof Statement.Copy c && c.from() == from && c.file() == null)) {
                throw new KyroException(SqlState.SYNTAX_ERROR, (from ? "copyIn runs COPY ... FROM STDIN"
                        : "copyOut runs COPY ... TO STDOUT") + ", not: " + sql.strip());
            }
            return ((ExecResult.Count) execute(sql)).count();
        } finally {
            copyInput = null;
            copyOutput = null;
        }
    }

    /** This session's settings: what SET changes. */
    SessionSettings settings() {
        return settings;
    }

    /** What catalog views and system functions see: {@code catalog}, and who and where this session is. */
    SystemContext systemContext(Catalog catalog) {
        String user = settings.get(io.kyrodb.engine.settings.Setting.USER);
        return new SystemContext(catalog, user.isEmpty() ? SystemContext.DEFAULT_USER : user,
                databaseName(database.location()), backendPid, settings::rows,
                io.kyrodb.engine.catalog.SearchPath.of(settings.get(io.kyrodb.engine.settings.Setting.SEARCH_PATH),
                        user.isEmpty() ? SystemContext.DEFAULT_USER : user).withTemporary(temporarySchema()),
                v -> Binder.viewColumns(catalog, v), database.vectors()::buildsInProgress, calls);
    }

    /** current_database(): a directory's name, a named in-memory database's name, else {@code memory}. */
    static String databaseName(DatabaseLocation location) {
        return switch (location) {
            case DatabaseLocation.Directory d -> d.path().getFileName() == null ? d.path().toString()
                    : d.path().getFileName().toString();
            case DatabaseLocation.NamedMemory m -> m.name();
            case DatabaseLocation.PrivateMemory p -> "memory";
        };
    }

    /**
     * db.schema.table in {@code sql}: accepted when db is this database (current_database()),
     * else 0A000 as in PostgreSQL.
     */
    private io.kyrodb.sql.parser.CatalogCheck catalogCheck(String sql) {
        return (catalog, name, pos) -> {
            if (!catalog.equals(databaseName(database.location()))) {
                throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, io.kyrodb.sql.parser.SourceSnippet.annotate(
                        "cross-database references are not implemented: " + name, sql, pos));
            }
        };
    }

    static List<ParsedStatement> parse(String sql) {
        return parse(sql, io.kyrodb.sql.parser.CatalogCheck.ACCEPT);
    }

    static List<ParsedStatement> parse(String sql, io.kyrodb.sql.parser.CatalogCheck catalogs) {
        try {
            return SqlParser.parseScript(sql, catalogs);
        } catch (SqlSyntaxException e) {
            throw syntaxError(e);
        }
    }

    static KyroException syntaxError(SqlSyntaxException e) {
        for (SqlState state : SqlState.values()) {
            if (e.sqlState().equals(state.code())) {
                return new KyroException(state, e.getMessage());
            }
        }
        return new KyroException(SqlState.SYNTAX_ERROR, e.getMessage());
    }

    private void checkOpen() {
        if (closed) {
            throw new KyroException(SqlState.CONNECTION_DOES_NOT_EXIST, "the session is closed");
        }
    }
}
