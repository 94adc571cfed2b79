package io.kyrodb.engine.catalog;

/**
 * Where a committed sequence logs its state before it hands out a value past what it logged last
 * (the database's WAL; nothing for an in-memory database). {@link #log} appends and returns the
 * record's LSN (0: nothing to wait for); {@link #sync} returns once everything through an LSN is
 * durable. {@code set}: the value is set (setval, a wrap-around), not merely advanced.
 */
public interface SequenceLog {
    SequenceLog NONE = new SequenceLog() {
        @Override
        public long log(String name, long value, boolean called, boolean set) {
            return 0;
        }

        @Override
        public void sync(long lsn) {
        }
    };

    long log(String name, long value, boolean called, boolean set);

    void sync(long lsn);
}
