package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.IndexInfo;
import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The key constraints of every table: its primary key ({@code <table>_pkey}) and each UNIQUE
 * index. A UNIQUE constraint is a UNIQUE index in KyroDB (as in Postgres), and the catalog does
 * not record whether it came from a constraint or from CREATE UNIQUE INDEX, so both are listed;
 * Postgres lists only the first kind.
 */
final class Constraints {
    record Constraint(TableInfo table, String name, String type, List<String> columns) {
    }

    private Constraints() {
    }

    static List<Constraint> all(SystemContext ctx) {
        List<Constraint> out = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            if (!t.primaryKey().isEmpty()) {
                out.add(new Constraint(t, Relations.primaryKeyName(t), "PRIMARY KEY", t.primaryKey()));
            }
            for (IndexInfo i : t.indexes()) {
                if (i.unique()) {
                    out.add(new Constraint(t, i.name(), "UNIQUE", i.columns()));
                }
            }
        }
        return out;
    }
}
