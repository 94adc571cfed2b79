package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.grammar.KyroSqlParser.*;
import io.kyrodb.sql.ast.FetchDirection;
import io.kyrodb.sql.ast.Statement;

/**
 * Builds the AST of the SQL cursor statements: DECLARE ... CURSOR, FETCH, MOVE and CLOSE. Options in
 * conflict are refused as PostgreSQL refuses them (42P11).
 */
final class CursorStatements {
    private final AstBuilder builder;
    private final String sql;

    CursorStatements(AstBuilder builder, String sql) {
        this.builder = builder;
        this.sql = sql;
    }

    Statement build(CursorStatementContext ctx) {
        return switch (ctx) {
            case DeclareCursorContext d -> declare(d);
            case FetchCursorContext f -> fetch(f);
            case CloseCursorContext c -> new Statement.CloseCursor(AstBuilder.pos(c),
                    c.ALL() != null ? null : AstBuilder.identifier(c.identifier()));
            default -> throw new IllegalStateException(ctx.getClass().getName());
        };
    }

    private Statement declare(DeclareCursorContext d) {
        boolean binary = false;
        boolean insensitive = false;
        boolean asensitive = false;
        boolean scroll = false;
        boolean noScroll = false;
        for (CursorOptionContext o : d.cursorOption()) {   // as PostgreSQL: a repeated option is allowed
            switch (o.getStart().getType()) {
                case KyroSqlParser.BINARY -> binary = true;
                case KyroSqlParser.INSENSITIVE -> insensitive = true;
                case KyroSqlParser.ASENSITIVE -> asensitive = true;
                case KyroSqlParser.NO -> noScroll = true;
                default -> scroll = true;
            }
            if (scroll && noScroll || insensitive && asensitive) {
                throw new SqlSyntaxException("cannot specify both " + (scroll && noScroll ? "SCROLL and NO SCROLL"
                        : "ASENSITIVE and INSENSITIVE"), sql, AstBuilder.pos(o), "42P11");
            }
        }
        boolean hold = d.hold != null && d.hold.getType() == KyroSqlParser.WITH;
        return new Statement.DeclareCursor(AstBuilder.pos(d), AstBuilder.identifier(d.identifier()), binary, insensitive,
                scroll ? Boolean.TRUE : noScroll ? Boolean.FALSE : null, hold, builder.query(d.query()));
    }

    private Statement fetch(FetchCursorContext f) {
        FetchDirection direction = FetchDirection.NEXT;
        long count = 1;
        FetchDirectionContext d = f.fetchDirection();
        if (d != null) {
            boolean all = d.ALL() != null;
            long n = d.signedInteger() == null ? 1 : builder.signedInteger(d.signedInteger());
            switch (d.getStart().getType()) {
                case KyroSqlParser.NEXT -> direction = FetchDirection.NEXT;
                case KyroSqlParser.PRIOR -> direction = FetchDirection.PRIOR;
                case KyroSqlParser.FIRST -> direction = FetchDirection.FIRST;
                case KyroSqlParser.LAST -> direction = FetchDirection.LAST;
                case KyroSqlParser.ABSOLUTE -> direction = FetchDirection.ABSOLUTE;
                case KyroSqlParser.RELATIVE -> direction = FetchDirection.RELATIVE;
                case KyroSqlParser.ALL -> direction = FetchDirection.FORWARD_ALL;
                case KyroSqlParser.FORWARD -> direction = all ? FetchDirection.FORWARD_ALL : FetchDirection.FORWARD;
                case KyroSqlParser.BACKWARD -> direction = all ? FetchDirection.BACKWARD_ALL : FetchDirection.BACKWARD;
                default -> direction = FetchDirection.FORWARD;   // FETCH n
            }
            count = n;
        }
        return new Statement.FetchCursor(AstBuilder.pos(f), f.kind.getType() == KyroSqlParser.MOVE, direction, count,
                AstBuilder.identifier(f.identifier()));
    }
}
