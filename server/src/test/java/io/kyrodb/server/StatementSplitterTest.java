package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.kyrodb.server.StatementSplitter.State;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolons() {
        assertThat(split("select 1; select 2;\n")).containsExactly("select 1", "select 2");
    }

    @Test
    void semicolonsInStringsAndQuotedNamesDoNotSplit() {
        assertThat(split("insert into t values ('a;b', 'it''s; fine');\nselect \"odd;\"\"name\" from t;\n"))
                .containsExactly("insert into t values ('a;b', 'it''s; fine')", "select \"odd;\"\"name\" from t");
    }

    @Test
    void semicolonsInDollarQuotedBodiesDoNotSplit() {
        String f = "create function f() returns int language plpgsql as $$ begin return 1; end $$";
        String g = "create function g(a int) returns text as $body$ select 'x;' || $1; $$ $body$";
        assertThat(split(f + ";\n" + g + ";\nselect $1, a$b$c, 2;\n")).containsExactly(f, g, "select $1, a$b$c, 2");
    }

    @Test
    void aDollarQuoteSpansLinesAndItsTagMaySpanPieces() {
        StatementSplitter splitter = new StatementSplitter();
        assertThat(splitter.feed("do $x$\nbegin\n  perform 1;\n")).isEmpty();
        assertThat(splitter.state()).isEqualTo(State.DOLLAR_QUOTE);
        assertThat(splitter.feed("end $")).isEmpty();
        assertThat(splitter.feed("x$;\n")).containsExactly("do $x$\nbegin\n  perform 1;\nend $x$");
        assertThat(splitter.state()).isEqualTo(State.NORMAL);
    }

    @Test
    void semicolonsInCommentsDoNotSplit() {
        assertThat(split("select 1 -- not; the end\n+ 1; /* nor; this */ select 2;\n"))
                .containsExactly("select 1 -- not; the end\n+ 1", "select 2");
    }

    @Test
    void blockCommentsSpanLinesAndDoNotNest() {
        // As in the grammar: the first */ closes the comment, even after a second /*.
        assertThat(split("select /* a\n /* b; */ 1; */ 2;\n")).containsExactly("select /* a\n /* b; */ 1", "*/ 2");
    }

    @Test
    void leadingBlanksAndCommentsAreDroppedInnerOnesKept() {
        assertThat(split("\n  -- the count\n/* really */ select count(*) /* all */ from t;\n"))
                .containsExactly("select count(*) /* all */ from t");
    }

    @Test
    void emptyAndCommentOnlyStatementsAreDropped() {
        assertThat(split(";;  ; -- nothing\n/* nothing; */ ;\n")).isEmpty();
    }

    @Test
    void minusAndSlashAreOperatorsUnlessDoubled() {
        assertThat(split("select 4/2, 3 - -1, 5-1;\n")).containsExactly("select 4/2, 3 - -1, 5-1");
        assertThat(split("select 3 --1;\n;\n")).containsExactly("select 3 --1;");
    }

    @Test
    void statementSpansLinesAndStateSaysWhatIsOpen() {
        StatementSplitter splitter = new StatementSplitter();
        assertThat(splitter.isIdle()).isTrue();
        assertThat(splitter.feed("select 'it''s\n")).isEmpty();
        assertThat(splitter.state()).isEqualTo(State.SINGLE_QUOTE);
        assertThat(splitter.feed("multi', \"a\n")).isEmpty();
        assertThat(splitter.state()).isEqualTo(State.DOUBLE_QUOTE);
        assertThat(splitter.feed("b\" /* c\n")).isEmpty();
        assertThat(splitter.state()).isEqualTo(State.BLOCK_COMMENT);
        assertThat(splitter.feed("*/ from t\n")).isEmpty();
        assertThat(splitter.state()).isEqualTo(State.NORMAL);
        assertThat(splitter.inStatement()).isTrue();
        assertThat(splitter.feed(";\n")).containsExactly("select 'it''s\nmulti', \"a\nb\" /* c\n*/ from t");
        assertThat(splitter.isIdle()).isTrue();
    }

    @Test
    void openCommentBeforeAnyStatementIsNotIdle() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.feed("/* still\n");
        assertThat(splitter.inStatement()).isFalse();
        assertThat(splitter.isIdle()).isFalse();
        assertThat(splitter.feed("going */ select 1;\n")).containsExactly("select 1");
    }

    @Test
    void finishReturnsTheUnterminatedLastStatement() {
        StatementSplitter splitter = new StatementSplitter();
        assertThat(splitter.feed("select 1; select 2\n")).containsExactly("select 1");
        assertThat(splitter.finish()).isEqualTo("select 2");
        assertThat(splitter.finish()).isNull();
    }

    @Test
    void finishKeepsATrailingMinusOrSlash() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.feed("select 1 -");
        assertThat(splitter.finish()).isEqualTo("select 1 -");
        splitter.feed("/");
        assertThat(splitter.finish()).isEqualTo("/");
    }

    @Test
    void finishHandsAnUnclosedStringToTheEngine() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.feed("select 'oops;\n");
        assertThat(splitter.finish()).isEqualTo("select 'oops;");
    }

    @Test
    void resetForgetsEverything() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.feed("select 'abc\n");
        splitter.reset();
        assertThat(splitter.isIdle()).isTrue();
        assertThat(splitter.feed("select 1;")).containsExactly("select 1");
    }

    @Test
    void crlfLineEndsEndLineComments() {
        assertThat(split("select 1 -- c\r\n;\r\nselect 2;\r\n")).containsExactly("select 1 -- c", "select 2");
    }

    private static final String SCRIPT = """
            -- setup; with a comment
            create table t (id int primary key, "we;ird" text); /* trailing; */
            insert into t values (1, 'a;b'), (2, 'it''s'), (3, '--not a comment');
            select 4/2, 3 - -1, "we;ird" /* inner
            ; comment */ from t; select '*/' as x;;
            /**/select 1;/*-*/select 2
            ;
            select 'last' -- no semicolon""";

    /** The same text cut anywhere gives the same statements as fed whole. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void piecesCutAnywhereGiveTheSameStatements(long seed) {
        List<String> whole = new ArrayList<>(split(SCRIPT));
        StatementSplitter once = new StatementSplitter();
        once.feed(SCRIPT);
        whole.add(once.finish());

        Random random = new Random(seed);
        StatementSplitter splitter = new StatementSplitter();
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < SCRIPT.length(); ) {
            int end = Math.min(SCRIPT.length(), i + 1 + random.nextInt(6));
            pieces.addAll(splitter.feed(SCRIPT.substring(i, end)));
            i = end;
        }
        pieces.add(splitter.finish());
        assertThat(pieces).as("seed %d (rerun: piecesCutAnywhereGiveTheSameStatements(%d))", seed, seed)
                .isEqualTo(whole)
                .containsExactly(
                        "create table t (id int primary key, \"we;ird\" text)",
                        "insert into t values (1, 'a;b'), (2, 'it''s'), (3, '--not a comment')",
                        "select 4/2, 3 - -1, \"we;ird\" /* inner\n; comment */ from t",
                        "select '*/' as x",
                        "select 1",
                        "select 2",
                        "select 'last' -- no semicolon");
    }

    private static List<String> split(String text) {
        return new StatementSplitter().feed(text);
    }
}
