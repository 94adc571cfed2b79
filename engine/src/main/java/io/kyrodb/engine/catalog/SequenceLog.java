package io.kyrodb.engine.catalog;

/**
 * Where a committed sequence makes its state durable before it hands out a value past what it
 * logged last (the database's WAL; nothing for an in-memory database). Returns once the record is
 * durable. {@code set}: the value is set (setval, a wrap-around), not merely advanced.
 */
public interface SequenceLog {
    SequenceLog NONE = (name, value, called, set) -> { };

    void log(String name, long value, boolean called, boolean set);
}
