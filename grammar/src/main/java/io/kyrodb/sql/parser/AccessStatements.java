package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.grammar.KyroSqlParser.*;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import org.antlr.v4.runtime.ParserRuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the AST of CREATE/ALTER/DROP ROLE (USER, GROUP), GRANT and REVOKE (of privileges and of
 * roles) and ALTER DEFAULT PRIVILEGES. Option and privilege words are identifiers in the grammar;
 * an unknown one is a syntax error (42601) here, as PostgreSQL reports it.
 */
final class AccessStatements {
    private static final List<String> PRIVILEGES = List.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger", "usage", "execute", "create", "connect", "temporary", "temp");

    private final AstBuilder builder;
    private final String sql;

    AccessStatements(AstBuilder builder, String sql) {
        this.builder = builder;
        this.sql = sql;
    }

    Statement build(StatementContext ctx) {
        if (ctx.roleStatement() != null) {
            return role(ctx.roleStatement());
        } else if (ctx.grantStatement() != null) {
            return grant(ctx.grantStatement());
        } else if (ctx.revokeStatement() != null) {
            return revoke(ctx.revokeStatement());
        }
        AlterDefaultPrivilegesContext a = ctx.alterDefaultPrivileges();
        Statement action = a.grantStatement() != null ? grant(a.grantStatement()) : revoke(a.revokeStatement());
        if (!(action instanceof Statement.GrantPrivileges p) || p.allInSchema() || p.objects().size() != 1
                || p.objects().get(0).schema() != null
                || !List.of("tables", "sequences", "functions", "routines", "types", "schemas")
                        .contains(p.objects().get(0).name())) {
            ParserRuleContext at = a.grantStatement() != null ? a.grantStatement() : a.revokeStatement();
            throw new SqlSyntaxException("syntax error at or near \"" + at.getStart().getText() + "\": ALTER DEFAULT"
                    + " PRIVILEGES takes ON TABLES, SEQUENCES, FUNCTIONS, ROUTINES, TYPES or SCHEMAS", sql, AstBuilder.pos(at));
        }
        Statement.GrantPrivileges g = new Statement.GrantPrivileges(p.pos(), p.grant(), p.privileges(),
                p.objects().get(0).name(), false, List.of(), p.grantees(), p.grantOption(), p.cascade());
        int schemaIds = a.SCHEMA() == null ? 0 : a.identifier().size() - roleCount(a);
        List<String> roles = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < a.identifier().size(); i++) {
            (i < a.identifier().size() - schemaIds ? roles : schemas).add(AstBuilder.identifier(a.identifier(i)));
        }
        return new Statement.AlterDefaultPrivileges(AstBuilder.pos(a), List.copyOf(roles), List.copyOf(schemas), g);
    }

    private static int roleCount(AlterDefaultPrivilegesContext a) {
        if (a.FOR() == null) {
            return 0;
        }
        int n = 0;
        for (IdentifierContext id : a.identifier()) {
            if (a.SCHEMA() != null && id.getStart().getStartIndex() > a.SCHEMA().getSymbol().getStartIndex()) {
                break;
            }
            n++;
        }
        return n;
    }

    private Statement role(RoleStatementContext ctx) {
        return switch (ctx) {
            case CreateRoleContext c -> new Statement.CreateRole(AstBuilder.pos(c), AstBuilder.identifier(c.name),
                    c.kind.getType() == KyroSqlParser.USER, options(c.roleOption()));
            case RenameRoleContext r -> new Statement.AlterRole(AstBuilder.pos(r), AstBuilder.identifier(r.name),
                    AstBuilder.identifier(r.to), null);
            case AlterRoleContext a -> new Statement.AlterRole(AstBuilder.pos(a), AstBuilder.identifier(a.name), null,
                    options(a.roleOption()));
            case AlterRoleSetContext a -> new Statement.AlterRole(AstBuilder.pos(a),
                    a.name == null ? "current_user" : AstBuilder.identifier(a.name), null, options(List.of()));
            case DropRoleContext d -> new Statement.DropRole(AstBuilder.pos(d),
                    d.identifier().stream().map(AstBuilder::identifier).toList(), d.EXISTS() != null);
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private Statement.RoleOptions options(List<RoleOptionContext> options) {
        Boolean superuser = null;
        Boolean createdb = null;
        Boolean createrole = null;
        Boolean inherit = null;
        Boolean login = null;
        Boolean replication = null;
        Boolean bypassrls = null;
        Integer limit = null;
        String password = null;
        boolean passwordNull = false;
        String validUntil = null;
        List<String> inRoles = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (RoleOptionContext o : options) {
            if (o.PASSWORD() != null) {
                if (o.STRING() != null) {
                    password = AstBuilder.unquote(o.STRING().getText(), '\'');
                } else {
                    passwordNull = true;
                }
            } else if (o.VALID() != null) {
                word(o.identifier(0), "until");
                validUntil = AstBuilder.unquote(o.STRING().getText(), '\'');
            } else if (o.LIMIT() != null) {
                word(o.identifier(0), "connection");
                long n = Long.parseLong(o.signedInteger().getText());
                if (n < -1 || n > Integer.MAX_VALUE) {
                    throw new SqlSyntaxException("invalid connection limit: " + n, sql, AstBuilder.pos(o.signedInteger()), "22023");
                }
                limit = (int) n;
            } else if (o.IN() != null) {
                o.identifier().forEach(id -> inRoles.add(AstBuilder.identifier(id)));
            } else if (o.ROLE() != null || o.USER() != null) {
                o.identifier().forEach(id -> members.add(AstBuilder.identifier(id)));
            } else {
                String w = AstBuilder.identifier(o.identifier(0));
                boolean on = !w.startsWith("no");
                switch (on ? w : w.substring(2)) {
                    case "superuser" -> superuser = on;
                    case "createdb" -> createdb = on;
                    case "createrole" -> createrole = on;
                    case "inherit" -> inherit = on;
                    case "login" -> login = on;
                    case "replication" -> replication = on;
                    case "bypassrls" -> bypassrls = on;
                    default -> throw new SqlSyntaxException("unrecognized role option \"" + w + "\"", sql,
                            AstBuilder.pos(o));
                }
            }
        }
        return new Statement.RoleOptions(superuser, createdb, createrole, inherit, login, replication, bypassrls,
                limit, password, passwordNull, validUntil, List.copyOf(inRoles), List.copyOf(members));
    }

    private void word(IdentifierContext id, String expected) {
        if (!AstBuilder.identifier(id).equals(expected)) {
            throw new SqlSyntaxException("syntax error at or near \"" + id.getText() + "\"", sql, AstBuilder.pos(id));
        }
    }

    private Statement grant(GrantStatementContext g) {
        boolean option = false;
        if (g.OPTION() != null) {
            boolean grantOption = g.GRANT().size() > 1;
            if (!grantOption) {
                word(g.identifier(), "admin");
            }
            if (grantOption != (g.ON() != null)) {
                throw new SqlSyntaxException("syntax error at or near \"" + g.OPTION().getText() + "\"", sql,
                        AstBuilder.pos(g.OPTION().getSymbol()));
            }
            option = true;
        }
        return privileges(g, true, g.privilegeList(), g.privilegeTarget(), g.grantee(), option, false);
    }

    private Statement revoke(RevokeStatementContext r) {
        boolean option = r.OPTION() != null;
        if (option && r.GRANT() == null) {
            word(r.identifier(), "admin");
        }
        List<GranteeContext> grantees = r.GRANTED() == null ? r.grantee() : r.grantee().subList(0, r.grantee().size() - 1);
        return privileges(r, false, r.privilegeList(), r.privilegeTarget(), grantees, option, r.CASCADE() != null);
    }

    private Statement privileges(ParserRuleContext at, boolean grant, PrivilegeListContext list,
                                 PrivilegeTargetContext target, List<GranteeContext> granteeList, boolean option,
                                 boolean cascade) {
        List<GranteeContext> to = grant && at instanceof GrantStatementContext g && g.GRANTED() != null
                ? granteeList.subList(0, granteeList.size() - 1) : granteeList;
        List<String> grantees = to.stream().map(this::grantee).toList();
        if (target == null) {   // GRANT role, ... TO role, ...
            if (list.ALL() != null) {
                throw new SqlSyntaxException("syntax error at or near \"" + list.ALL().getText() + "\"", sql,
                        AstBuilder.pos(list));
            }
            List<String> roles = new ArrayList<>();
            for (PrivilegeContext p : list.privilege()) {
                if (p.LPAREN() != null || p.identifier().isEmpty()) {
                    throw new SqlSyntaxException("syntax error at or near \"" + p.getStop().getText() + "\"", sql,
                            AstBuilder.pos(p.getStop()));
                }
                roles.add(AstBuilder.identifier(p.identifier(0)));
            }
            return new Statement.GrantRoles(AstBuilder.pos(at), grant, List.copyOf(roles), grantees, option);
        }
        List<Statement.Privilege> privileges = new ArrayList<>();
        if (list.ALL() != null) {
            privileges.add(new Statement.Privilege("all",
                    list.identifier().stream().map(AstBuilder::identifier).toList()));
        } else {
            for (PrivilegeContext p : list.privilege()) {
                boolean named = !p.identifier().isEmpty() && p.getStart() == p.identifier(0).getStart();
                String name = named ? AstBuilder.identifier(p.identifier(0)) : p.getStart().getText().toLowerCase(Locale.ROOT);
                if (!PRIVILEGES.contains(name)) {
                    throw new SqlSyntaxException("unrecognized privilege type \"" + name + "\"", sql,
                            AstBuilder.pos(p), "42601");
                }
                List<IdentifierContext> cols = p.identifier().subList(named ? 1 : 0, p.identifier().size());
                privileges.add(new Statement.Privilege(name.equals("temp") ? "temporary" : name,
                        cols.stream().map(AstBuilder::identifier).toList()));
            }
        }
        String kind;
        boolean allInSchema = false;
        List<QualifiedName> objects = new ArrayList<>();
        if (target.ALL() != null) {
            kind = AstBuilder.identifier(target.identifier(0));
            if (!List.of("tables", "sequences", "functions", "procedures", "routines").contains(kind)) {
                throw new SqlSyntaxException("syntax error at or near \"" + target.identifier(0).getText() + "\"", sql,
                        AstBuilder.pos(target.identifier(0)));
            }
            allInSchema = true;
            for (IdentifierContext id : target.identifier().subList(1, target.identifier().size())) {
                objects.add(new QualifiedName(AstBuilder.pos(id), null, AstBuilder.identifier(id)));
            }
        } else if (!target.privilegeFunction().isEmpty()) {
            kind = target.kind.getText().toLowerCase(Locale.ROOT);
            target.privilegeFunction().forEach(f -> objects.add(builder.qualifiedName(f.qualifiedName())));
        } else {
            kind = target.kind == null ? "table" : target.kind.getText().toLowerCase(Locale.ROOT);
            target.qualifiedName().forEach(q -> objects.add(builder.qualifiedName(q)));
        }
        return new Statement.GrantPrivileges(AstBuilder.pos(at), grant, List.copyOf(privileges), kind, allInSchema,
                List.copyOf(objects), grantees, option, cascade);
    }

    private String grantee(GranteeContext g) {
        if (g.USER() != null) {
            throw new SqlSyntaxException("syntax error at or near \"" + g.USER().getText() + "\"", sql,
                    AstBuilder.pos(g));
        }
        return g.identifier().QUOTED_IDENTIFIER() == null && g.identifier().getText().equalsIgnoreCase("public")
                ? "public" : AstBuilder.identifier(g.identifier());
    }
}
