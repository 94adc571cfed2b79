package io.kyrodb.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What is known of a prepared statement's parameters: how many there are. The engine infers each
 * parameter's type when the statement runs and does not report it yet, so types read as
 * {@link Types#OTHER} ("unknown") and nullability as unknown.
 */
public final class KyroParameterMetaData implements ParameterMetaData {
    private final int count;

    KyroParameterMetaData(int count) {
        this.count = count;
    }

    private void check(int param) throws SQLException {
        if (param < 1 || param > count) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "parameter index " + param
                    + " is out of range (the statement has " + count + " parameters)");
        }
    }

    @Override public int getParameterCount() { return count; }
    @Override public int isNullable(int param) throws SQLException { check(param); return parameterNullableUnknown; }
    @Override public boolean isSigned(int param) throws SQLException { check(param); return false; }
    @Override public int getPrecision(int param) throws SQLException { check(param); return 0; }
    @Override public int getScale(int param) throws SQLException { check(param); return 0; }
    @Override public int getParameterType(int param) throws SQLException { check(param); return Types.OTHER; }
    @Override public String getParameterTypeName(int param) throws SQLException { check(param); return "unknown"; }
    @Override public String getParameterClassName(int param) throws SQLException { check(param); return Object.class.getName(); }
    @Override public int getParameterMode(int param) throws SQLException { check(param); return parameterModeIn; }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "a KyroParameterMetaData does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
