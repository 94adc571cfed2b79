package io.kyrodb.sql.ast;

/**
 * Where FETCH and MOVE go, in SQL (Statement.FetchCursor) and in PL/pgSQL (PlStatement.Fetch):
 * ABSOLUTE, RELATIVE, FORWARD and BACKWARD take a count (a bare {@code FETCH n} is FORWARD n);
 * the others take none.
 */
public enum FetchDirection { NEXT, PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE, FORWARD, BACKWARD, FORWARD_ALL, BACKWARD_ALL }
