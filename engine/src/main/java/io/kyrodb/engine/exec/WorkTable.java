package io.kyrodb.engine.exec;

/**
 * The working table of one recursive WITH query: the key under which {@link RecursiveUnionNode}
 * leaves, in the {@link ExecContext}, the rows its last iteration produced, for the
 * {@link WorkTableScanNode}s of its recursive term to read. Compared by identity.
 */
public final class WorkTable {
    private final String name;

    public WorkTable(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
