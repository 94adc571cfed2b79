package io.kyrodb.hibernate;

import io.kyrodb.jdbc.KyroDatabaseMetaData;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Tells Hibernate to use {@link KyroDialect} for a database whose product name is
 * {@code KyroDB}; registered in {@code META-INF/services}, which Hibernate reads through
 * {@link java.util.ServiceLoader} before its own resolver.
 */
public final class KyroDialectResolver implements DialectResolver {
    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        return KyroDatabaseMetaData.PRODUCT_NAME.equals(info.getDatabaseName()) ? new KyroDialect(info) : null;
    }
}
