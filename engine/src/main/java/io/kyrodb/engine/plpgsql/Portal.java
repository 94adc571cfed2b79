package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.plpgsql.PlStatement.Direction;

import java.util.List;

/**
 * An open PL/pgSQL cursor: its query's rows, read in full when it was opened (so every direction
 * of FETCH and MOVE works on them), and where it stands, as PostgreSQL's portal position: 0 before
 * the first row, 1..n on a row, n+1 after the last. A NO SCROLL cursor only moves forward.
 */
final class Portal {
    final String name;
    final List<ResultColumn> columns;
    private final List<Object[]> rows;
    private final boolean scroll;
    private int position;

    Portal(String name, List<ResultColumn> columns, List<Object[]> rows, boolean scroll) {
        this.name = name;
        this.columns = columns;
        this.rows = rows;
        this.scroll = scroll;
    }

    /** FETCH: moves as {@code direction} says ({@code count} for the ones that take one); the row there, or null. */
    Object[] fetch(Direction direction, long count) {
        int target = target(direction, count);
        position = target;
        return target >= 1 && target <= rows.size() ? rows.get(target - 1) : null;
    }

    /** MOVE: moves as FETCH would; how many rows it passed over or landed on (FOUND is this > 0). */
    long move(Direction direction, long count) {
        int from = position;
        int target = target(direction, count);
        position = target;
        int n = rows.size();
        return switch (direction) {
            case FORWARD, FORWARD_ALL -> Math.max(0, Math.min(target, n) - Math.min(from, n));
            case BACKWARD, BACKWARD_ALL -> Math.max(0, Math.min(from - 1, n) - Math.max(target, 1) + 1);
            default -> target >= 1 && target <= n ? 1 : 0;
        };
    }

    private int target(Direction direction, long count) {
        int n = rows.size();
        long target = switch (direction) {
            case NEXT -> position + 1L;
            case PRIOR -> position - 1L;
            case FIRST -> 1;
            case LAST -> n;
            case ABSOLUTE -> count > 0 ? count : count < 0 ? n + 1L + count : 0;
            case RELATIVE -> position + count;
            case FORWARD -> position + count;
            case BACKWARD -> position - count;
            case FORWARD_ALL -> n + 1L;
            case BACKWARD_ALL -> 0;
        };
        target = Math.max(0, Math.min(target, n + 1L));
        boolean backward = target < position || direction == Direction.PRIOR || direction == Direction.LAST
                || direction == Direction.BACKWARD_ALL || (direction == Direction.BACKWARD && count > 0)
                || (direction == Direction.ABSOLUTE && count < 0);
        if (backward && !scroll) {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward\n"
                    + "  Hint: Declare it with SCROLL option to enable backward scan.");
        }
        return (int) target;
    }
}
