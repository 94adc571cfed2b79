package io.kyrodb.engine.catalog;

import io.kyrodb.engine.storage.Store;
import io.kyrodb.engine.storage.TableData;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table: its definition and its rows. {@code primaryKey} holds the key columns' positions; a
 * table without one is keyed by a hidden row id. The definition is immutable; the rows change only
 * through the transaction contract (ARCHITECTURE.md).
 */
public final class Table {
    public static final String DEFAULT_SCHEMA = "public";

    private final String name;
    private final List<Column> columns;
    private final int[] primaryKey;
    private final List<CheckConstraint> checks;
    private final List<ForeignKey> foreignKeys;
    private final TableData data;
    /** A system view's rows, computed each time it is scanned; null for a stored table. */
    private final Supplier<Iterator<Object[]>> systemRows;

    private Table(String name, List<Column> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = new int[0];
        this.checks = List.of();
        this.foreignKeys = List.of();
        this.data = null;
        this.systemRows = null;
    }

    /**
     * The row type of something in FROM that is not a stored table (a set-returning function, a
     * subquery, a WITH query, a view):
     * names and types for binding, no rows ({@link #data()} is null).
     */
    public static Table virtual(String name, List<Column> columns) {
        return new Table(name, columns);
    }

    /** A new table with no rows, whose memtable bytes count in {@code store}. */
    public Table(String name, List<Column> columns, int[] primaryKey, Store store) {
        this(name, columns, primaryKey, List.of(), store);
    }

    /** A new table with no rows and CHECK constraints {@code checks}. */
    public Table(String name, List<Column> columns, int[] primaryKey, List<CheckConstraint> checks, Store store) {
        this(name, columns, primaryKey, checks, List.of(), store);
    }

    /** A new table with no rows, CHECK constraints {@code checks} and FOREIGN KEYs {@code foreignKeys}. */
    public Table(String name, List<Column> columns, int[] primaryKey, List<CheckConstraint> checks,
                 List<ForeignKey> foreignKeys, Store store) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = primaryKey.clone();
        this.checks = List.copyOf(checks);
        this.foreignKeys = List.copyOf(foreignKeys);
        this.data = new TableData(this, store);
        this.systemRows = null;
    }

    private Table(String name, List<Column> columns, Supplier<Iterator<Object[]>> systemRows) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = new int[0];
        this.checks = List.of();
        this.foreignKeys = List.of();
        this.data = null;
        this.systemRows = systemRows;
    }

    /**
     * A read-only system view (information_schema, pg_catalog): no stored rows and no key; a scan
     * asks {@code rows} for them. Only queries read it; it is never in a {@link Catalog}.
     */
    public static Table system(String name, List<Column> columns, Supplier<Iterator<Object[]>> rows) {
        return new Table(name, columns, rows);
    }

    public boolean isSystem() {
        return systemRows != null;
    }

    /** A system view's rows as of now (call only when {@link #isSystem()}). */
    public Iterator<Object[]> systemRows() {
        return systemRows.get();
    }

    /**
     * The same rows under a new definition whose columns and key keep their positions and types
     * (names, defaults, NOT NULL and constraints may change): ALTER TABLE and DROP ... CASCADE.
     */
    private Table(Table rows, List<Column> columns, List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
        this.name = rows.name;
        this.columns = List.copyOf(columns);
        this.primaryKey = rows.primaryKey;
        this.checks = List.copyOf(checks);
        this.foreignKeys = List.copyOf(foreignKeys);
        this.data = rows.data;
        this.systemRows = rows.systemRows;
    }

    /** This table's rows under {@code columns}, {@code checks} and {@code foreignKeys} (see the constructor). */
    public Table redefine(List<Column> columns, List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
        if (columns.size() != this.columns.size()) {
            throw new IllegalArgumentException("a redefinition keeps the columns of \"" + name + "\"");
        }
        return new Table(this, columns, checks, foreignKeys);
    }

    public String name() { return name; }
    public List<Column> columns() { return columns; }
    public int[] primaryKey() { return primaryKey.clone(); }
    public boolean hasPrimaryKey() { return primaryKey.length > 0; }
    public TableData data() { return data; }
    /** The CHECK constraints, in the order they were declared. */
    public List<CheckConstraint> checks() { return checks; }
    /** The FOREIGN KEY constraints, in the order they were declared. */
    public List<ForeignKey> foreignKeys() { return foreignKeys; }

    /** What the last ANALYZE (or auto-analyze) learned about the rows, or null if none ran yet. */
    public io.kyrodb.engine.stats.TableStatistics statistics() { return data == null ? null : data.statisticsSlot().statistics(); }

    public int primaryKeyColumn(int i) {
        return primaryKey[i];
    }

    public int primaryKeyWidth() {
        return primaryKey.length;
    }

    /** Position of the column named {@code column}, or -1. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public TableInfo info() {
        List<ColumnInfo> cols = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            cols.add(new ColumnInfo(c.name(), c.type(), !c.notNull(), i + 1, c.generated(), c.defaultText(),
                    c.autoIncrement()));
        }
        List<String> pk = new ArrayList<>(primaryKey.length);
        for (int p : primaryKey) {
            pk.add(columns.get(p).name());
        }
        return new TableInfo(SchemaNames.schemaOf(name), SchemaNames.localOf(name), List.copyOf(cols), List.copyOf(pk));
    }
}
