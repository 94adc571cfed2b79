package io.kyrodb.engine;

import io.kyrodb.engine.binder.Binder;
import io.kyrodb.engine.binder.Parameters;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.TableInfo;
import io.kyrodb.engine.exec.Mutations;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.ParsedStatement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One connection's view of a database. Not thread-safe: one thread at a time, as JDBC requires of a
 * Connection's statements. Many sessions share one {@link Database}.
 */
public final class Session implements AutoCloseable {
    private static final Object[] NO_PARAMETERS = new Object[0];

    private final Database database;
    private final Settings settings;
    private boolean closed;

    private Session(Database database, Settings settings) {
        this.database = database;
        this.settings = settings;
    }

    /** Connects to the database at {@code location}, opening or creating it on first use. */
    public static Session connect(DatabaseLocation location, Map<String, String> settings) {
        Settings parsed = Settings.parse(settings);
        return new Session(Databases.acquire(location, parsed), parsed);
    }

    /** Runs one or more {@code ;}-separated statements and returns the last one's result. */
    public ExecResult execute(String sql) {
        checkOpen();
        List<ParsedStatement> statements = parse(sql);
        ExecResult last = new ExecResult.Count(0);
        for (ParsedStatement p : statements) {
            if (p.parameterCount() > 0) {
                throw new KyroException(SqlState.WRONG_PARAMETER_COUNT, "statement has " + p.parameterCount()
                        + " parameter(s) but no values were supplied; use a PreparedStatement");
            }
            last = run(p.statement(), sql, NO_PARAMETERS, null, true);
        }
        return last;
    }

    /** Parses one statement for repeated execution with {@code ?} parameters. */
    public PreparedSql prepare(String sql) {
        checkOpen();
        try {
            return new PreparedSql(this, SqlParser.parseStatement(sql), sql);
        } catch (SqlSyntaxException e) {
            throw syntaxError(e);
        }
    }

    /**
     * Runs {@code statement} once per parameter set; every change is durable when this returns or
     * throws. On the first failure throws {@link BatchException} with the counts of what ran.
     */
    public long[] executeBatch(PreparedSql statement, List<Object[]> parameterSets) {
        checkOpen();
        if (statement.isQuery()) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "a query cannot run in a batch: it returns rows");
        }
        return database.write(() -> {
            long[] counts = new long[parameterSets.size()];
            int done = 0;
            try {
                for (Object[] params : parameterSets) {
                    counts[done] = ((ExecResult.Count) statement.run(params, false)).count();
                    done++;
                }
            } catch (KyroException e) {
                database.sync();
                throw new BatchException(e, java.util.Arrays.copyOf(counts, done));
            }
            database.sync();
            return counts;
        });
    }

    /** Every table, sorted by schema and name. */
    public List<TableInfo> tables() {
        checkOpen();
        return database.read(() -> {
            List<TableInfo> out = new ArrayList<>();
            for (Table t : database.catalog().tables()) {
                out.add(t.info());
            }
            return out;
        });
    }

    /** The product version, e.g. {@code 0.1.0}. */
    public static String version() {
        return "0.1.0";
    }

    public Settings settings() {
        return settings;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Databases.release(database);
        }
    }

    // ---- Running statements -------------------------------------------------------------------

    /**
     * Binds (unless {@code cached} still fits the catalog) and runs one statement. Queries share the
     * database lock; writing statements hold it alone, and journal their changes before applying them.
     */
    ExecResult run(Statement statement, String sql, Object[] parameters, PreparedSql.PlanCache cached, boolean sync) {
        checkOpen();
        if (statement instanceof Statement.Select) {
            return database.read(() -> {
                Bound bound = bind(statement, sql, parameters, cached);
                QueryPlan query = (QueryPlan) bound.plan;
                List<Object[]> rows = new ArrayList<>();
                RowIterator it = query.root().open(bound.parameters);
                for (Object[] row; (row = it.next()) != null; ) {
                    rows.add(row);
                }
                return new MaterializedRows(query.columns(), rows);
            });
        }
        return database.write(() -> {
            Bound bound = bind(statement, sql, parameters, cached);
            Mutations.Result result = Mutations.compute(bound.plan, bound.parameters, database.catalog());
            database.commit(result.changes(), sync);
            return new ExecResult.Count(result.count());
        });
    }

    private record Bound(Plan plan, Object[] parameters) {
    }

    private Bound bind(Statement statement, String sql, Object[] parameters, PreparedSql.PlanCache cache) {
        long version = database.catalog().version();
        String signature = Parameters.signature(parameters);
        if (cache != null) {
            PreparedSql.PlanCache.Entry hit = cache.lookup(version, signature);
            if (hit != null) {
                return new Bound(hit.plan(), ParameterValues.convert(parameters, hit.types()));
            }
        }
        Parameters types = new Parameters(parameters);
        Plan plan = new Binder(database.catalog(), sql, types).bind(statement);
        if (cache != null) {
            cache.store(version, signature, plan, types.types());
        }
        return new Bound(plan, ParameterValues.convert(parameters, types.types()));
    }

    static List<ParsedStatement> parse(String sql) {
        try {
            return SqlParser.parseScript(sql);
        } catch (SqlSyntaxException e) {
            throw syntaxError(e);
        }
    }

    static KyroException syntaxError(SqlSyntaxException e) {
        return new KyroException(SqlState.SYNTAX_ERROR, e.getMessage());
    }

    private void checkOpen() {
        if (closed) {
            throw new KyroException(SqlState.CONNECTION_DOES_NOT_EXIST, "the session is closed");
        }
    }
}
