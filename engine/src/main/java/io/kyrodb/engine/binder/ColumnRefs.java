package io.kyrodb.engine.binder;

import io.kyrodb.sql.ast.Expr;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks an AST (statement or expression records, lists of them) and reports every column
 * reference in it, subqueries included. PL/pgSQL uses it to find which of a statement's names are
 * its variables before the statement is bound; CREATE TRIGGER to see whether WHEN reads NEW or OLD.
 */
public final class ColumnRefs {
    private ColumnRefs() {
    }

    public static void visit(Object node, Consumer<Expr.ColumnRef> out) {
        switch (node) {
            case null -> {
            }
            case Expr.ColumnRef ref -> out.accept(ref);
            case List<?> list -> {
                for (Object o : list) {
                    visit(o, out);
                }
            }
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    Class<?> type = c.getType();
                    if (type.isPrimitive() || type == String.class || type.isEnum()) {
                        continue;
                    }
                    try {
                        visit(c.getAccessor().invoke(r), out);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
                    }
                }
            }
            default -> {
            }
        }
    }
}
