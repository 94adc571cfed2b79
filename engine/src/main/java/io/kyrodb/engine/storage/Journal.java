package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

// TEMPORARY placeholder until the WAL lands; not committed.
public final class Journal {
    public static Journal open(Path dir, boolean sync) { throw new IllegalStateException("file databases: WAL pending"); }
    public void recover(Consumer<Change> apply) { }
    public void append(List<Change> changes) { }
    public void sync() { }
    public void close(Catalog catalog) { }
    public void closeQuietly() { }
}
