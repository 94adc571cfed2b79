/*
 * The PL/pgSQL subset KyroDB runs (CREATE FUNCTION ... LANGUAGE plpgsql, DO): blocks, declarations,
 * control flow, RAISE, embedded SQL. Expressions and SQL statements inside are kept as their source
 * text (the runs of tokens named raw*) and handed to KyroSql's parser by PlAstBuilder, as PostgreSQL
 * hands them to its main parser. The raw runs stop at the word that ends them (THEN, LOOP, ..);
 * a CASE expression inside an IF condition must therefore be parenthesized.
 */
grammar PlPgSql;

options { caseInsensitive = true; }

@lexer::members {
    /** As KyroSql's: consumes a dollar-quoted body up to the same closing delimiter. */
    private void dollarBody() {
        String delimiter = getText();
        StringBuilder seen = new StringBuilder();
        int line = getLine();
        int column = getCharPositionInLine();
        while (_input.LA(1) != IntStream.EOF) {
            int c = _input.LA(1);
            _input.consume();
            seen.appendCodePoint(c);
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            if (c == 0x24 && seen.length() >= delimiter.length()
                    && seen.lastIndexOf(delimiter) == seen.length() - delimiter.length()) {
                getInterpreter().setLine(line);
                getInterpreter().setCharPositionInLine(column);
                return;
            }
        }
        setType(OTHER);
        getInterpreter().setLine(line);
        getInterpreter().setCharPositionInLine(column);
    }
}

body
    : block SEMI* EOF
    ;

block
    : label? (DECLARE declaration*)? BEGIN statement* (EXCEPTION handler+)? END identifier?
    ;

label
    : LABEL_OPEN identifier LABEL_CLOSE
    ;

declaration
    : identifier ALIAS FOR (PARAM | identifier) SEMI                                  #aliasDeclaration
    | identifier scrollOption? CURSOR (LPAREN cursorParameter (COMMA cursorParameter)* RPAREN)? (FOR | IS) raw SEMI
                                                                                      #cursorDeclaration
    | identifier CONSTANT? declarationType (NOT NULL)? ((DEFAULT | ASSIGN | EQ) raw)? SEMI #variableDeclaration
    ;

declarationType
    : ~(DEFAULT | ASSIGN | EQ | SEMI | NOT | CURSOR | SCROLL | NO) ~(DEFAULT | ASSIGN | EQ | SEMI | NOT)*
    ;

scrollOption
    : NO? SCROLL
    ;

// a bound cursor's parameter: its name and type, up to a comma outside parentheses
cursorParameter
    : identifier (LPAREN nested* RPAREN | ~(COMMA | LPAREN | RPAREN))+
    ;

// FETCH and MOVE: where to go; a count is an expression up to FROM or IN
fetchDirection
    : NEXT | PRIOR | FIRST | LAST
    | (ABSOLUTE | RELATIVE) rawCount
    | (FORWARD | BACKWARD) (ALL | rawCount)?
    | ALL
    ;

rawCount
    : ~(FROM | IN | SEMI)+
    ;

handler
    : WHEN condition (OR condition)* THEN statement*
    ;

condition
    : SQLSTATE STRING
    | identifier
    ;

statement
    : block SEMI                                                                      #blockStatement
    | IF rawThen THEN statement* (elsif statement*)* (ELSE elseBody=statements)? END IF SEMI #ifStatement
    | CASE subject=rawWhen? (WHEN rawThen THEN statements)+ (ELSE elseBody=statements)? END CASE SEMI #caseStatement
    | label? LOOP statement* END LOOP identifier? SEMI                                #loopStatement
    | label? WHILE rawLoop LOOP statement* END LOOP identifier? SEMI                  #whileStatement
    | label? FOR identifier IN REVERSE? lower=rawRange DOTDOT upper=rawUpper (BY step=rawLoop)? LOOP statement*
      END LOOP identifier? SEMI                                                       #forIntegerStatement
    | label? FOR identifier (COMMA identifier)* IN EXECUTE? rawLoop (USING rawArgument (COMMA rawArgument)*)? LOOP statement*
      END LOOP identifier? SEMI                                                       #forQueryStatement
    | label? FOREACH identifier (SLICE NUMBER)? IN ARRAY rawLoop LOOP statement* END LOOP identifier? SEMI #foreachStatement
    | kind=(EXIT | CONTINUE) identifier? (WHEN raw)? SEMI                             #exitStatement
    | RETURN NEXT raw? SEMI                                                           #returnNextStatement
    | RETURN QUERY EXECUTE rawExecute (USING rawArgument (COMMA rawArgument)*)? SEMI  #returnQueryExecuteStatement
    | RETURN QUERY raw SEMI                                                           #returnQueryStatement
    | RETURN raw? SEMI                                                                #returnStatement
    | ASSERT rawArgument (COMMA rawArgument)? SEMI                                    #assertStatement
    | RAISE level=(EXCEPTION | NOTICE | WARNING | INFO | LOG | DEBUG)?
      (STRING (COMMA rawArgument)* | SQLSTATE code=STRING | identifier)?
      (USING raiseOption (COMMA raiseOption)*)? SEMI                                  #raiseStatement
    | PERFORM raw SEMI                                                                #performStatement
    | GET (CURRENT | STACKED)? DIAGNOSTICS diagnosticItem (COMMA diagnosticItem)* SEMI            #getDiagnosticsStatement
    | EXECUTE rawExecute (INTO STRICT? target (COMMA target)*)? (USING rawArgument (COMMA rawArgument)*)? SEMI #executeStatement
    | NULL SEMI                                                                       #nullStatement
    | OPEN identifier scrollOption? FOR EXECUTE rawExecute (USING rawArgument (COMMA rawArgument)*)? SEMI #openExecuteStatement
    | OPEN identifier scrollOption? FOR raw SEMI                                      #openQueryStatement
    | OPEN identifier (LPAREN rawArgument (COMMA rawArgument)* RPAREN)? SEMI           #openStatement
    | kind=(FETCH | MOVE) (fetchDirection? (FROM | IN))? identifier (INTO target (COMMA target)*)? SEMI #fetchStatement
    | CLOSE identifier SEMI                                                           #closeStatement
    | target (ASSIGN | EQ) raw SEMI                                                   #assignStatement
    | sqlStart raw? SEMI                                                              #sqlStatement
    ;

statements
    : statement*
    ;

elsif
    : (ELSIF | ELSEIF) rawThen THEN
    ;

diagnosticItem
    : target (ASSIGN | EQ) identifier
    ;

raiseOption
    : identifier (EQ | ASSIGN) rawArgument
    ;

target
    : identifier (DOT identifier)?
    ;

sqlStart
    : SELECT | INSERT | UPDATE | DELETE | WITH | CREATE | DROP | ALTER | TRUNCATE | VALUES | LPAREN | CALL
    ;

raw
    : ~SEMI+
    ;

rawThen
    : ~(THEN | SEMI)+
    ;

rawWhen
    : ~(WHEN | SEMI)+
    ;

rawLoop
    : ~(LOOP | SEMI | USING)+
    ;

rawRange
    : ~(DOTDOT | LOOP | SEMI)+
    ;

rawUpper
    : ~(BY | LOOP | SEMI | DOTDOT)+
    ;

rawExecute
    : ~(INTO | USING | SEMI)+
    ;

// an argument of RAISE or USING: up to a comma outside parentheses
rawArgument
    : (LPAREN nested* RPAREN | ~(COMMA | SEMI | USING | LPAREN | RPAREN | LOOP | INTO))+
    ;

nested
    : LPAREN nested* RPAREN
    | ~(LPAREN | RPAREN)
    ;

identifier
    : IDENTIFIER | QUOTED_IDENTIFIER
    | NOTICE | WARNING | INFO | LOG | DEBUG | REVERSE | CONSTANT | ALIAS | CURRENT | DIAGNOSTICS | SQLSTATE
    | STRICT | NEXT | QUERY | STACKED | SLICE | FOREACH | ASSERT | CALL
    | OPEN | FETCH | MOVE | CLOSE | SCROLL | NO | PRIOR | FIRST | LAST | ABSOLUTE | RELATIVE | FORWARD | BACKWARD
    ;

DECLARE: 'DECLARE';
BEGIN: 'BEGIN';
END: 'END';
IF: 'IF';
THEN: 'THEN';
ELSIF: 'ELSIF';
ELSEIF: 'ELSEIF';
ELSE: 'ELSE';
CASE: 'CASE';
WHEN: 'WHEN';
LOOP: 'LOOP';
WHILE: 'WHILE';
FOR: 'FOR';
IN: 'IN';
REVERSE: 'REVERSE';
BY: 'BY';
EXIT: 'EXIT';
CONTINUE: 'CONTINUE';
RETURN: 'RETURN';
RAISE: 'RAISE';
PERFORM: 'PERFORM';
EXCEPTION: 'EXCEPTION';
NOTICE: 'NOTICE';
WARNING: 'WARNING';
INFO: 'INFO';
LOG: 'LOG';
DEBUG: 'DEBUG';
USING: 'USING';
GET: 'GET';
CURRENT: 'CURRENT';
DIAGNOSTICS: 'DIAGNOSTICS';
STACKED: 'STACKED';
FOREACH: 'FOREACH';
SLICE: 'SLICE';
ARRAY: 'ARRAY';
ASSERT: 'ASSERT';
INTO: 'INTO';
STRICT: 'STRICT';
EXECUTE: 'EXECUTE';
NULL: 'NULL';
CONSTANT: 'CONSTANT';
NOT: 'NOT';
DEFAULT: 'DEFAULT';
OR: 'OR';
ALIAS: 'ALIAS';
SQLSTATE: 'SQLSTATE';
NEXT: 'NEXT';
QUERY: 'QUERY';
SELECT: 'SELECT';
INSERT: 'INSERT';
UPDATE: 'UPDATE';
DELETE: 'DELETE';
WITH: 'WITH';
CREATE: 'CREATE';
DROP: 'DROP';
ALTER: 'ALTER';
TRUNCATE: 'TRUNCATE';
VALUES: 'VALUES';
CALL: 'CALL';
OPEN: 'OPEN';
FETCH: 'FETCH';
MOVE: 'MOVE';
CLOSE: 'CLOSE';
CURSOR: 'CURSOR';
SCROLL: 'SCROLL';
NO: 'NO';
IS: 'IS';
FROM: 'FROM';
PRIOR: 'PRIOR';
FIRST: 'FIRST';
LAST: 'LAST';
ABSOLUTE: 'ABSOLUTE';
RELATIVE: 'RELATIVE';
FORWARD: 'FORWARD';
BACKWARD: 'BACKWARD';
ALL: 'ALL';

ASSIGN: ':=';
EQ: '=';
DOTDOT: '..';
LABEL_OPEN: '<<';
LABEL_CLOSE: '>>';
SEMI: ';';
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';

NUMBER
    : DIGIT+ ('.' DIGIT+)? ('E' [+-]? DIGIT+)?
    | '.' DIGIT+ ('E' [+-]? DIGIT+)?
    ;
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
ESCAPE_STRING: 'E\'' ( ~['\\] | '\'\'' | '\\' . )* '\'';
DOLLAR_STRING: '$' ([A-Z_] [A-Z_0-9]*)? '$' { dollarBody(); };
PARAM: '$' DIGIT+;
IDENTIFIER: [A-Z_\u0080-\uFFFF] [A-Z_0-9$\u0080-\uFFFF]*;
QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )+ '"';
// operators and casts, kept as text inside the raw runs
OPERATOR: '::' | '<=' | '>=' | '<>' | '!=' | '||' | '->>' | '->' | '#>>' | '#>' | '@>' | '<@';

fragment DIGIT: [0-9];

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\f]+ -> channel(HIDDEN);

OTHER: .;
