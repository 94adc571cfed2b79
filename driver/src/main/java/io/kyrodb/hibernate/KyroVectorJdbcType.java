package io.kyrodb.hibernate;

import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.vector.internal.PGVectorJdbcType;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * hibernate-vector's pgvector type, binding a vector the way KyroDB's driver takes it: as a
 * {@code float[]} through {@code setObject} (pgvector's own type binds a {@code real[]} made with
 * {@code createArrayOf} and casts it). SQL text, casts and reading stay hibernate-vector's.
 */
final class KyroVectorJdbcType extends PGVectorJdbcType {
    KyroVectorJdbcType(JdbcType elementJdbcType, int sqlType, String typeName) {
        super(elementJdbcType, sqlType, typeName);
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                st.setObject(index, javaType.unwrap(value, float[].class, options));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                st.setObject(name, javaType.unwrap(value, float[].class, options));
            }
        };
    }
}
