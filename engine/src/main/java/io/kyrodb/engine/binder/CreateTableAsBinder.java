package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE TABLE ... AS query: the table part. Its columns are the query's, named as listed (the
 * rest as the query names them), of the query's types, nullable, without keys or defaults, as in
 * PostgreSQL; a column of unknown type (a bare literal or NULL) becomes text. The session fills
 * the table in the same statement with INSERT ... query, unless WITH NO DATA.
 */
final class CreateTableAsBinder {
    private CreateTableAsBinder() {
    }

    static CreateTablePlan bind(Binder b, Statement.CreateTableAs c) {
        if (!c.temporary() && c.onCommit() != null) {
            throw b.error(SqlState.INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables", c.pos());
        }
        String tableName = c.temporary() ? b.temporaryKey(c.name()) : b.createKey(c.name());
        if (b.catalog().hasRelation(tableName) && !c.ifNotExists()) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().name() + "\" already exists", c.name().pos());
        }
        QueryPlan query = SetOperationBinder.bind(b, c.query(), null);
        List<ResultColumn> shape = query.columns();
        if (c.columns().size() > shape.size()) {
            throw b.error(SqlState.SYNTAX_ERROR, "too many column names were specified", c.pos());
        }
        if (shape.size() > Binder.MAX_COLUMNS) {
            throw b.error(SqlState.INVALID_TABLE_DEFINITION, "tables can have at most " + Binder.MAX_COLUMNS
                    + " columns, got " + shape.size(), c.pos());
        }
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < shape.size(); i++) {
            String name = i < c.columns().size() ? c.columns().get(i) : shape.get(i).label();
            if (!seen.add(name)) {
                throw b.error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once", c.pos());
            }
            SqlType type = shape.get(i).type();
            columns.add(new Column(name, type.kind() == TypeKind.UNKNOWN ? SqlType.TEXT : type, false));
        }
        return new CreateTablePlan(tableName, c.ifNotExists(), List.copyOf(columns), new int[0]);
    }
}
