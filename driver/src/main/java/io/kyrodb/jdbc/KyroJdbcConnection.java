package io.kyrodb.jdbc;

import io.kyrodb.engine.BatchException;
import io.kyrodb.engine.DatabaseLocation;
import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.PreparedSql;
import io.kyrodb.engine.Session;
import io.kyrodb.engine.SqlState;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import io.kyrodb.engine.txn.IsolationLevel;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A connection: one engine {@link Session}, and the statements made on it. The Session serves one
 * thread at a time, so every engine call goes through {@link #call}, which holds this connection's
 * lock. Closing the connection closes its statements (and so their result sets), then the Session.
 *
 * <p>Transactions follow the engine's contract: autocommit by default; {@code setAutoCommit(false)}
 * opens a transaction at the first statement; isolation READ COMMITTED (default), REPEATABLE READ
 * or SERIALIZABLE; savepoints. Closing a connection rolls back an open transaction.
 *
 * <p>Applications reach the KyroDB-specific methods through the public {@link KyroConnection}
 * interface ({@code unwrap(KyroConnection.class)}); this class stays internal.
 */
final class KyroJdbcConnection implements KyroConnection {
    private final Session session;
    private final DatabaseLocation location;
    private int nextSavepointId = 1;
    private final String url;
    private final Map<String, String> settings;
    private final Object lock = new Object();
    private final Set<KyroStatement> statements = ConcurrentHashMap.newKeySet();
    private final Properties clientInfo = new Properties();
    private volatile boolean closed;
    private int networkTimeout;

    KyroJdbcConnection(Session session, DatabaseLocation location, String url, Map<String, String> settings) {
        this.session = session;
        this.location = location;
        this.url = url;
        this.settings = Map.copyOf(settings);
    }

    /**
     * Runs {@code action} on the Session under the lock, turning engine exceptions into
     * SQLExceptions (a failed batch into a BatchUpdateException).
     */
    <T> T call(Function<Session, T> action) throws SQLException {
        checkOpen();
        synchronized (lock) {
            try {
                return action.apply(session);
            } catch (BatchException e) {
                throw SqlExceptions.batch(e);
            } catch (RuntimeException e) {
                throw SqlExceptions.from(e);
            }
        }
    }

    Object lock() {
        return lock;
    }

    /** Asks the statement running on this connection to stop; called without the lock, which it holds. */
    void cancelRunning() {
        session.cancel();
    }

    String url() {
        return url;
    }

    boolean isFileDatabase() {
        return location instanceof DatabaseLocation.Directory;
    }

    /** A setting as the connection was opened with it (URL and properties), or null. */
    String setting(String key) {
        return settings.get(key);
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw SqlExceptions.create(SqlExceptions.CONNECTION_CLOSED, "the connection is closed");
        }
    }

    // ---- statements ---------------------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return register(new KyroStatement(this));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        record Prepared(PreparedSql sql, int parameterCount, boolean query) {
        }
        Prepared p = call(s -> {
            PreparedSql prepared = s.prepare(sql);
            return new Prepared(prepared, prepared.parameterCount(), prepared.isQuery());
        });
        return register(new KyroPreparedStatement(this, sql, p.sql(), p.parameterCount(), p.query()));
    }

    private <S extends KyroStatement> S register(S statement) {
        statements.add(statement);
        return statement;
    }

    void statementClosed(KyroStatement statement) {
        statements.remove(statement);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkCursor(type, concurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkCursor(type, concurrency, holdability);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkCursor(type, concurrency, ResultSet.HOLD_CURSORS_OVER_COMMIT);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
        checkCursor(type, concurrency, holdability);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        return prepareWithKeys(sql, KyroStatement.keysFlag(autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        return prepareWithKeys(sql, GeneratedKeys.of(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return prepareWithKeys(sql, GeneratedKeys.of(columnNames));
    }

    /** A statement that returns its generated keys: prepared with RETURNING appended (see {@link GeneratedKeys}). */
    private PreparedStatement prepareWithKeys(String sql, GeneratedKeys.Request request) throws SQLException {
        String rewritten = request == null ? null : GeneratedKeys.rewrite(sql, request);
        if (rewritten == null) {
            return prepareStatement(sql);
        }
        PreparedSql prepared = call(s -> s.prepare(rewritten));
        return register(new KyroPreparedStatement(this, sql, prepared, prepared.parameterCount(), false, request));
    }

    private void checkCursor(int type, int concurrency, int holdability) throws SQLException {
        checkOpen();
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            throw SqlExceptions.unsupported("A scrollable result set (result sets are TYPE_FORWARD_ONLY)");
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw SqlExceptions.unsupported("An updatable result set (result sets are CONCUR_READ_ONLY)");
        }
        checkHoldability(holdability);
    }

    @Override public CallableStatement prepareCall(String sql) throws SQLException { checkOpen(); throw SqlExceptions.unsupported("prepareCall (there are no stored procedures)"); }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException { return prepareCall(sql); }
    @Override public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException { return prepareCall(sql); }
    @Override public String nativeSQL(String sql) throws SQLException { checkOpen(); return sql; }

    // ---- transactions ---------------------------------------------------------------------------

    /**
     * Autocommit on (the default): every statement commits when it returns. Off: the first
     * statement opens a transaction that {@link #commit()} or {@link #rollback()} ends; turning it
     * back on commits, as JDBC says.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        call(s -> {
            s.setAutoCommit(autoCommit);
            return null;
        });
    }

    @Override public boolean getAutoCommit() throws SQLException { return call(Session::autoCommit); }

    @Override
    public void commit() throws SQLException {
        requireManualCommit("commit()");
        call(s -> {
            s.commit();
            return null;
        });
    }

    @Override
    public void rollback() throws SQLException {
        requireManualCommit("rollback()");
        call(s -> {
            s.rollback();
            return null;
        });
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return setSavepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        requireManualCommit("setSavepoint");
        KyroSavepoint savepoint = new KyroSavepoint(nextSavepointId++, name);
        call(s -> {
            if (!s.inTransaction()) {
                s.execute("BEGIN");
            }
            return s.execute("SAVEPOINT " + savepoint.sqlName());
        });
        return savepoint;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        requireManualCommit("rollback(Savepoint)");
        String name = KyroSavepoint.sqlName(savepoint);
        call(s -> s.execute("ROLLBACK TO SAVEPOINT " + name));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        requireManualCommit("releaseSavepoint");
        String name = KyroSavepoint.sqlName(savepoint);
        call(s -> s.execute("RELEASE SAVEPOINT " + name));
    }

    private void requireManualCommit(String method) throws SQLException {
        if (getAutoCommit()) {
            throw SqlExceptions.create(SqlExceptions.INVALID_TRANSACTION_STATE, method
                    + " cannot be used while autocommit is on: every statement is already committed when it returns");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return switch (call(Session::isolation)) {
            case READ_COMMITTED -> TRANSACTION_READ_COMMITTED;
            case REPEATABLE_READ -> TRANSACTION_REPEATABLE_READ;
            case SERIALIZABLE -> TRANSACTION_SERIALIZABLE;
        };
    }

    /** READ UNCOMMITTED runs as READ COMMITTED, as in Postgres. Takes effect from the next transaction. */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        IsolationLevel isolation = switch (level) {
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED -> IsolationLevel.READ_COMMITTED;
            case TRANSACTION_REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
            case TRANSACTION_SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
            default -> throw SqlExceptions.create("22023", "not a transaction isolation level: " + level);
        };
        call(s -> {
            s.setIsolation(isolation);
            return null;
        });
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        checkHoldability(holdability);
    }

    private static void checkHoldability(int holdability) throws SQLException {
        if (holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw SqlExceptions.unsupported("CLOSE_CURSORS_AT_COMMIT (result sets stay open: HOLD_CURSORS_OVER_COMMIT)");
        }
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw SqlExceptions.create("22023", "not a result set holdability: " + holdability);
        }
    }

    @Override public int getHoldability() throws SQLException { checkOpen(); return ResultSet.HOLD_CURSORS_OVER_COMMIT; }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    /** Closes every statement, then the Session; reports the first failure after trying all. */
    private void release() throws SQLException {
        SQLException failure = null;
        for (KyroStatement statement : List.copyOf(statements)) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        synchronized (lock) {
            try {
                session.close();
            } catch (RuntimeException e) {
                failure = failure == null ? SqlExceptions.from(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw SqlExceptions.create("22023", "abort needs an executor, not null");
        }
        if (closed) {
            return;
        }
        closed = true;
        executor.execute(() -> {
            try {
                release();
            } catch (SQLException ignored) {
                // abort cannot report: the caller has moved on
            }
        });
    }

    @Override public boolean isClosed() { return closed; }

    /** Never throws: a closed connection, or one whose engine session ended, is not valid. */
    @Override
    public boolean isValid(int timeout) {
        try {
            return !closed && !session.isClosed();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new KyroDatabaseMetaData(this);
    }

    // ---- properties ---------------------------------------------------------------------------

    /** A hint, as JDBC allows: nothing is refused because of it. */
    /**
     * Read-only transactions, as {@code default_transaction_read_only}: a write then fails with
     * 25006. Like pgjdbc, refused (25001) while a transaction is open.
     */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        call(s -> {
            if (s.readOnly() != readOnly && s.inTransaction()) {
                throw new KyroException(SqlState.ACTIVE_SQL_TRANSACTION,
                        "cannot change the transaction's read-only property in the middle of a transaction");
            }
            s.setReadOnly(readOnly);
            return null;
        });
    }

    @Override public boolean isReadOnly() throws SQLException { return call(Session::readOnly); }
    /** KyroDB has no catalogs; JDBC asks drivers to ignore this then. */
    @Override public void setCatalog(String catalog) throws SQLException { checkOpen(); }
    @Override public String getCatalog() throws SQLException { checkOpen(); return null; }

    @Override
    public void setSchema(String schema) throws SQLException {
        call(s -> {
            s.setSchema(schema);   // SET search_path TO schema (3F000 when it does not exist)
            return null;
        });
    }

    /** current_schema(): the first existing schema of the search_path (null when none exists). */
    @Override public String getSchema() throws SQLException { return call(Session::currentSchema); }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { checkOpen(); return new HashMap<>(); }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) {
            throw SqlExceptions.unsupported("A type map (there are no user-defined types)");
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw SqlExceptions.create("22023", "network timeout must not be negative: " + milliseconds);
        }
        networkTimeout = milliseconds; // embedded: there is no network to wait for
    }

    @Override public int getNetworkTimeout() throws SQLException { checkOpen(); return networkTimeout; }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("the connection is closed", SqlExceptions.CONNECTION_CLOSED, 0,
                    Map.of(String.valueOf(name), ClientInfoStatus.REASON_UNKNOWN));
        }
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("the connection is closed", SqlExceptions.CONNECTION_CLOSED, 0, Map.of());
        }
        clientInfo.clear();
        if (properties != null) {
            properties.stringPropertyNames().forEach(n -> clientInfo.setProperty(n, properties.getProperty(n)));
        }
    }

    @Override public String getClientInfo(String name) throws SQLException { checkOpen(); return clientInfo.getProperty(name); }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }

    @Override public Clob createClob() throws SQLException { checkOpen(); throw SqlExceptions.unsupported("createClob"); }
    @Override public Blob createBlob() throws SQLException { checkOpen(); throw SqlExceptions.unsupported("createBlob"); }
    @Override public NClob createNClob() throws SQLException { checkOpen(); throw SqlExceptions.unsupported("createNClob"); }
    @Override public SQLXML createSQLXML() throws SQLException { checkOpen(); throw SqlExceptions.unsupported("createSQLXML"); }
    @Override public Array createArrayOf(String typeName, Object[] elements) throws SQLException { checkOpen(); return KyroArray.of(typeName, elements); }
    @Override public Struct createStruct(String typeName, Object[] attributes) throws SQLException { checkOpen(); throw SqlExceptions.unsupported("createStruct"); }

    // ---- KyroDB extensions (KyroConnection) ------------------------------------------------------

    @Override
    public void cancelQuery() throws SQLException {
        checkOpen();
        cancelRunning();
    }

    @Override
    public long copyIn(String sql, java.io.Reader data) throws SQLException {
        return call(s -> s.copyIn(sql, data));
    }

    @Override
    public long copyOut(String sql, java.io.Writer out) throws SQLException {
        return call(s -> s.copyOut(sql, out));
    }

    @Override
    public void checkpoint() throws SQLException {
        call(s -> s.execute("CHECKPOINT"));
    }

    @Override
    public String databaseName() throws SQLException {
        return call(s -> {
            try (ExecResult.Rows rows = (ExecResult.Rows) s.execute("SELECT current_database()")) {
                return String.valueOf(rows.next()[0]);
            }
        });
    }

    @Override
    public boolean isInMemory() throws SQLException {
        checkOpen();
        return !isFileDatabase();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "a KyroConnection does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
