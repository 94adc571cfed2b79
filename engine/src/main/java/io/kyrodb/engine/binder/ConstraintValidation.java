package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.sql.ast.Statement;

import java.util.List;
import java.util.function.Function;

/**
 * ALTER TABLE ... ADD CONSTRAINT ... CHECK / FOREIGN KEY ... NOT VALID (the constraint holds for rows
 * written from now on; the rows already there are not checked) and VALIDATE CONSTRAINT (checks them
 * now, 23514 / 23503 as ADD CONSTRAINT would). Which constraints are not validated is kept in the
 * catalog's {@link io.kyrodb.engine.catalog.Access}; the session marks them ({@code ConstraintValidity}).
 */
final class ConstraintValidation {
    private ConstraintValidation() {
    }

    /** ADD CONSTRAINT ... NOT VALID: {@code add}'s plan without the check of the existing rows. */
    static Plan addNotValid(Binder b, Table t, Statement.AddConstraint c, Function<Statement.CreateTable, Plan> add) {
        Plan plan = add.apply(c.table());
        if (plan instanceof AlterTablePlan p && p.source() == null && p.addIndex() == null && !p.nothing()) {
            return AlterTablePlan.redefine(t, p.columns(), p.checks(), p.foreignKeys(), List.of(), List.of(), -1);
        }
        throw b.error(SqlState.FEATURE_NOT_SUPPORTED,
                "only CHECK and FOREIGN KEY constraints can be marked NOT VALID", c.pos());
    }

    /** VALIDATE CONSTRAINT name: the table as it is, once every row passes the constraint. */
    static Plan validate(Binder b, Table t, Statement.ValidateConstraint v) {
        for (CheckConstraint k : t.checks()) {
            if (k.name().equals(v.name())) {
                return AlterTablePlan.redefine(t, t.columns(), t.checks(), t.foreignKeys(),
                        AlterTableBinder.bindChecks(b, t, List.of(k)), List.of(), -1);
            }
        }
        for (ForeignKey f : t.foreignKeys()) {
            if (f.name().equals(v.name())) {
                return AlterTablePlan.redefine(t, t.columns(), t.checks(), t.foreignKeys(), List.of(), List.of(f), -1);
            }
        }
        if (b.catalog().index(io.kyrodb.engine.catalog.SchemaNames.moved(v.name(),
                io.kyrodb.engine.catalog.SchemaNames.schemaOf(t.name()))) != null
                || v.name().equals(io.kyrodb.engine.catalog.SchemaNames.localOf(t.name()) + "_pkey")) {
            throw b.error(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + v.name() + "\" of relation \""
                    + io.kyrodb.engine.catalog.SchemaNames.localOf(t.name()) + "\" is not a foreign key or check constraint",
                    v.pos());
        }
        throw b.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + v.name() + "\" of relation \""
                + io.kyrodb.engine.catalog.SchemaNames.localOf(t.name()) + "\" does not exist", v.pos());
    }
}
