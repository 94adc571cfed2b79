package io.kyrodb.jdbc;

import io.kyrodb.engine.BatchException;
import io.kyrodb.engine.KyroException;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * The one place that turns engine errors into {@code java.sql} exceptions, and the only place that
 * picks a {@code java.sql} subclass for a SQLSTATE. The SQLSTATE class decides the subclass:
 * 08 connection, 22 data, 23 constraint, 40 rollback, 42 syntax or access, 57014 timeout (query
 * canceled); anything else is a plain {@link SQLException}. Messages are kept exactly as the engine
 * wrote them (several lines, with the caret under the offending position).
 *
 * <p>Never uses 0A000: connection pools evict a connection that reports it.
 */
public final class SqlExceptions {
    /** The engine failed in a way it did not classify (a bug): XX000, with the cause kept. */
    public static final String INTERNAL_ERROR = "XX000";
    /** The URL cannot be understood, so no connection was made. */
    public static final String CANNOT_CONNECT = "08001";
    /** The connection was closed. */
    public static final String CONNECTION_CLOSED = "08003";
    /** A column or parameter index (or label) outside the result or statement. */
    public static final String INVALID_INDEX = "07009";
    /** A value cannot be converted to or from the Java type asked for. */
    public static final String UNSUPPORTED_CONVERSION = "07006";
    /** {@code executeUpdate} or a batch got a query, which returns rows. */
    public static final String QUERY_NOT_ALLOWED = "07003";
    /** {@code executeQuery} got a statement that returns no rows. */
    public static final String NOT_A_QUERY = "07005";
    /** No current row, a closed result set, or a scroll on a forward-only cursor. */
    public static final String INVALID_CURSOR_STATE = "24000";
    /** commit, rollback or a savepoint while autocommit is on; manual transactions. */
    public static final String INVALID_TRANSACTION_STATE = "25000";
    /** An object (statement) used after it was closed. */
    public static final String OBJECT_CLOSED = "55000";
    /** A text value that is not a valid number or boolean. */
    public static final String INVALID_TEXT = "22P02";
    /** A number outside the range of the Java type asked for. */
    public static final String OUT_OF_RANGE = "22003";

    private SqlExceptions() {
    }

    /**
     * Maps anything the engine threw: a {@link KyroException} by its SQLSTATE, anything else as an
     * internal error (XX000) that keeps the engine's exception as its cause.
     */
    public static SQLException from(RuntimeException e) {
        if (e instanceof KyroException k) {
            return create(k.sqlState(), k.getMessage(), k);
        }
        String what = e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
        return create(INTERNAL_ERROR, "internal error in the KyroDB engine: " + what, e);
    }

    /**
     * A batch that stopped at its first failing element. The counts are those of the elements that
     * ran; the cause (and next exception) is the mapped error of the failing element.
     */
    public static BatchUpdateException batch(BatchException e) {
        SQLException inner = e.getCause() instanceof RuntimeException r ? from(r) : null;
        return batch(e.getMessage(), e.state().code(), e.counts(), inner);
    }

    /** A batch failure the driver itself detects (a query in a batch, or an engine error). */
    public static BatchUpdateException batch(String message, String sqlState, long[] counts, Throwable cause) {
        BatchUpdateException b = new BatchUpdateException(message, sqlState, vendorCode(sqlState), counts, cause);
        if (cause instanceof SQLException s) {
            b.setNextException(s);
        }
        return b;
    }

    /** An exception of the {@code java.sql} subclass that fits {@code sqlState}. */
    public static SQLException create(String sqlState, String message) {
        return create(sqlState, message, null);
    }

    /** An exception of the {@code java.sql} subclass that fits {@code sqlState}. */
    public static SQLException create(String sqlState, String message, Throwable cause) {
        int vendor = vendorCode(sqlState);
        if ("57014".equals(sqlState)) {
            return new SQLTimeoutException(message, sqlState, vendor, cause);
        }
        return switch (sqlState.substring(0, 2)) {
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, vendor, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, vendor, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState, vendor, cause);
            case "22" -> new SQLDataException(message, sqlState, vendor, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, vendor, cause);
            case "40" -> new SQLTransactionRollbackException(message, sqlState, vendor, cause);
            case "42" -> new SQLSyntaxErrorException(message, sqlState, vendor, cause);
            default -> new SQLException(message, sqlState, vendor, cause);
        };
    }

    /**
     * A JDBC method this version does not implement. The SQLSTATE is left empty on purpose (never
     * 0A000), so that pools do not take it for a broken connection.
     */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by KyroDB " + KyroDriver.VERSION);
    }

    /**
     * The vendor code: the SQLSTATE read as a base-36 number (42P01 -> 6803353), so it is stable,
     * distinct per SQLSTATE and decodable with {@code Integer.toString(code, 36)}.
     */
    public static int vendorCode(String sqlState) {
        try {
            return Integer.parseInt(sqlState, 36);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
