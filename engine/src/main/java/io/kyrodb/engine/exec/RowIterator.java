package io.kyrodb.engine.exec;

/** Pull-based row stream: {@link #next()} returns each row once, then null. */
@FunctionalInterface
public interface RowIterator {
    Object[] next();
}
