package io.kyrodb.jdbc;

import io.kyrodb.engine.BatchException;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlExceptionsTest {

    @Test
    void eachSqlStateClassMapsToItsJavaSqlSubclass() {
        assertThat((Throwable) map(SqlState.CONNECTION_DOES_NOT_EXIST)).isExactlyInstanceOf(SQLNonTransientConnectionException.class);
        assertThat((Throwable) map(SqlState.CONNECTION_FAILURE)).isExactlyInstanceOf(SQLNonTransientConnectionException.class);
        assertThat((Throwable) map(SqlState.INVALID_TEXT_REPRESENTATION)).isExactlyInstanceOf(SQLDataException.class);
        assertThat((Throwable) map(SqlState.DIVISION_BY_ZERO)).isExactlyInstanceOf(SQLDataException.class);
        assertThat((Throwable) map(SqlState.UNIQUE_VIOLATION)).isExactlyInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat((Throwable) map(SqlState.NOT_NULL_VIOLATION)).isExactlyInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat((Throwable) map(SqlState.SERIALIZATION_FAILURE)).isExactlyInstanceOf(SQLTransactionRollbackException.class);
        assertThat((Throwable) map(SqlState.SYNTAX_ERROR)).isExactlyInstanceOf(SQLSyntaxErrorException.class);
        assertThat((Throwable) map(SqlState.UNDEFINED_TABLE)).isExactlyInstanceOf(SQLSyntaxErrorException.class);
        assertThat((Throwable) map(SqlState.UNDEFINED_OBJECT)).isExactlyInstanceOf(SQLSyntaxErrorException.class);
        assertThat((Throwable) map(SqlState.QUERY_CANCELED)).isExactlyInstanceOf(SQLTimeoutException.class);
        assertThat((Throwable) map(SqlState.LOCK_NOT_AVAILABLE)).isExactlyInstanceOf(SQLException.class);
        assertThat((Throwable) map(SqlState.INVALID_TRANSACTION_STATE)).isExactlyInstanceOf(SQLException.class);
        assertThat((Throwable) map(SqlState.OUT_OF_MEMORY)).isExactlyInstanceOf(SQLException.class);
        assertThat((Throwable) map(SqlState.DATA_CORRUPTED)).isExactlyInstanceOf(SQLException.class);
    }

    @Test
    void authorizationAndFeatureClassesMapToTheirSubclassesWithCodeAndVendorCode() {
        SQLException auth = SqlExceptions.create("28P01", "password authentication failed");
        assertThat((Throwable) auth).isExactlyInstanceOf(java.sql.SQLInvalidAuthorizationSpecException.class);
        assertThat(auth.getSQLState()).isEqualTo("28P01");
        assertThat(auth.getErrorCode()).isEqualTo(Integer.parseInt("28P01", 36));
        SQLException feature = SqlExceptions.create("0A000", "not supported");
        assertThat((Throwable) feature).isExactlyInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
        assertThat(feature.getSQLState()).isEqualTo("0A000");
    }

    @ParameterizedTest
    @EnumSource(SqlState.class)
    void everySqlStateKeepsItsCodeMessageAndCause(SqlState state) {
        KyroException k = new KyroException(state, "what failed");
        SQLException e = SqlExceptions.from(k);
        assertThat(e.getSQLState()).isEqualTo(state.code());
        assertThat(e.getMessage()).isEqualTo("what failed");
        assertThat(e.getCause()).isSameAs(k);
        assertThat(e.getErrorCode()).isEqualTo(Integer.parseInt(state.code(), 36));
    }

    @Test
    void vendorCodesAreDistinctPerSqlState() {
        assertThat(java.util.Arrays.stream(SqlState.values()).map(s -> SqlExceptions.vendorCode(s.code())).distinct())
                .hasSize(SqlState.values().length);
    }

    @Test
    void multiLineMessagesWithTheCaretAreKeptAsTheyAre() {
        String message = "column \"nme\" does not exist (did you mean \"name\"?)\n  SELECT nme FROM t\n         ^ line 1, column 8";
        SQLException e = SqlExceptions.from(new KyroException(SqlState.UNDEFINED_COLUMN, message));
        assertThat((Throwable) e).isInstanceOf(SQLSyntaxErrorException.class).hasMessage(message);
    }

    @Test
    void otherEngineExceptionsBecomeInternalErrorsWithTheirCause() {
        IllegalStateException bug = new IllegalStateException("index out of sync");
        SQLException e = SqlExceptions.from(bug);
        assertThat((Throwable) e).isExactlyInstanceOf(SQLException.class);
        assertThat(e.getSQLState()).isEqualTo("XX000");
        assertThat(e.getMessage()).contains("IllegalStateException").contains("index out of sync");
        assertThat(e.getCause()).isSameAs(bug);
    }

    @Test
    void aBatchExceptionBecomesABatchUpdateExceptionWithCounts() {
        KyroException failure = new KyroException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint");
        BatchUpdateException b = SqlExceptions.batch(new BatchException(failure, new long[] {1, 1}));
        assertThat(b.getSQLState()).isEqualTo("23505");
        assertThat(b.getMessage()).isEqualTo("duplicate key value violates unique constraint");
        assertThat(b.getUpdateCounts()).containsExactly(1, 1);
        assertThat(b.getLargeUpdateCounts()).containsExactly(1L, 1L);
        assertThat(b.getCause()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(b.getCause().getCause()).isSameAs(failure);
        assertThat((Throwable) b.getNextException()).isSameAs(b.getCause());
    }

    @Test
    void unsupportedFeaturesCarryNoSqlState() {
        // 0A000 would make connection pools evict the connection.
        assertThat(SqlExceptions.unsupported("getBlob").getSQLState()).isNull();
        assertThat(SqlExceptions.unsupported("getBlob").getMessage()).startsWith("getBlob is not supported by KyroDB");
    }

    private static SQLException map(SqlState state) {
        return SqlExceptions.from(new KyroException(state, "x"));
    }
}
