package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE TABLE's UNIQUE constraints, as PostgreSQL makes them: each is a UNIQUE index, named
 * {@code table_col1_col2_key} (with a number appended when that name is taken) unless the
 * constraint is named; one that repeats the primary key or an earlier UNIQUE constraint is dropped.
 */
final class UniqueConstraints {
    /** Postgres's limit on identifiers (NAMEDATALEN - 1). */
    private static final int MAX_NAME = 63;

    private UniqueConstraints() {
    }

    static List<CreateTablePlan.UniqueKey> bind(Binder binder, Statement.CreateTable c, List<String> names,
                                                int[] primaryKey) {
        List<CreateTablePlan.UniqueKey> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<int[]> seen = new ArrayList<>();
        if (primaryKey.length > 0) {
            seen.add(primaryKey);
            taken.add(binder.definingKey(c) + "_pkey");
        }
        for (Statement.UniqueConstraint u : c.unique()) {
            int[] columns = new int[u.columns().size()];
            for (int k = 0; k < columns.length; k++) {
                String name = u.columns().get(k);
                int i = names.indexOf(name);
                if (i < 0) {
                    throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" named in key does not exist",
                            u.pos());
                }
                for (int j = 0; j < k; j++) {
                    if (columns[j] == i) {
                        throw binder.error(SqlState.DUPLICATE_COLUMN, "column \"" + name
                                + "\" appears twice in unique constraint", u.pos());
                    }
                }
                columns[k] = i;
            }
            if (seen.stream().anyMatch(s -> Arrays.equals(s, columns))) {
                continue;
            }
            seen.add(columns);
            String name = u.name();
            if (name != null) {
                name = Binder.sameSchema(binder.definingKey(c), name);
                if (binder.catalog().hasRelation(name) || !taken.add(name)) {
                    throw binder.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", u.pos());
                }
            } else {
                name = chooseName(binder, binder.definingKey(c) + "_" + String.join("_", u.columns()), taken);
            }
            out.add(new CreateTablePlan.UniqueKey(name, columns, u.timing().deferrable(), u.timing().initiallyDeferred()));
        }
        return List.copyOf(out);
    }

    private static String chooseName(Binder binder, String base, Set<String> taken) {
        for (int n = 0; ; n++) {
            String suffix = n == 0 ? "_key" : "_key" + n;
            String prefix = base.length() + suffix.length() > MAX_NAME ? base.substring(0, MAX_NAME - suffix.length()) : base;
            String name = prefix + suffix;
            if (!binder.catalog().hasRelation(name) && taken.add(name)) {
                return name;
            }
        }
    }
}
