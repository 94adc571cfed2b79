package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.ForeignKeyInfo;
import io.kyrodb.engine.catalog.IndexInfo;
import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The key constraints of every table: its primary key ({@code <table>_pkey}), each UNIQUE
 * index, and its foreign keys ({@link ForeignKeys}). A UNIQUE constraint is a UNIQUE index in KyroDB (as in Postgres), and the catalog does
 * not record whether it came from a constraint or from CREATE UNIQUE INDEX, so both are listed;
 * Postgres lists only the first kind.
 */
final class Constraints {
    /** {@code schema}/{@code table}: the constrained table; {@code foreignKey} set for FOREIGN KEY ones. */
    record Constraint(String schema, String table, String name, String type, List<String> columns,
                      ForeignKeyInfo foreignKey) {
    }

    private Constraints() {
    }

    static List<Constraint> all(SystemContext ctx) {
        List<Constraint> out = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            if (!t.primaryKey().isEmpty()) {
                out.add(new Constraint(t.schema(), t.name(), Relations.primaryKeyName(t), "PRIMARY KEY",
                        t.primaryKey(), null));
            }
            for (IndexInfo i : t.indexes()) {
                if (i.unique() && i.plain()) {
                    out.add(new Constraint(t.schema(), t.name(), i.name(), "UNIQUE", i.columns(), null));
                }
            }
        }
        for (ForeignKeyInfo f : ctx.foreignKeys()) {
            out.add(new Constraint(f.schema(), f.table(), f.name(), "FOREIGN KEY", f.columns(), f));
        }
        return out;
    }
}
