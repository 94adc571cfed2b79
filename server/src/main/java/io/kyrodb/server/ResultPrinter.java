package io.kyrodb.server;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shell's results go, in one output format: psql's aligned tables ({@link Aligned}) or
 * bare CSV ({@link Csv}). Errors do not come here; they go to stderr.
 */
interface ResultPrinter {

    /** Prints every row of {@code rows} and returns how many there were. */
    long printRows(ResultSet rows) throws SQLException;

    /** Prints a table the shell made itself (the answer of {@code \d}). */
    void printTable(ResultTable table);

    /** Prints the tag of a command, such as {@code INSERT 0 3}; CSV has no place for it. */
    void printTag(String tag);

    static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
                 Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }

    static List<String> headers(ResultSetMetaData meta) throws SQLException {
        List<String> headers = new ArrayList<>(meta.getColumnCount());
        for (int c = 1; c <= meta.getColumnCount(); c++) headers.add(meta.getColumnLabel(c));
        return headers;
    }

    /** psql's aligned format; the rows are held until the last one is read, to size the columns. */
    final class Aligned implements ResultPrinter {
        private final Appendable out;

        Aligned(Appendable out) {
            this.out = out;
        }

        @Override
        public long printRows(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<Boolean> numeric = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) numeric.add(isNumeric(meta.getColumnType(c)));
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) row.add(rs.getString(c));
                rows.add(row);
            }
            write(TableFormatter.format(new ResultTable(null, headers(meta), numeric, rows,
                    List.of(ResultTable.rowCount(rows.size())))));
            return rows.size();
        }

        @Override
        public void printTable(ResultTable table) {
            write(TableFormatter.format(table));
        }

        @Override
        public void printTag(String tag) {
            write(tag + "\n");
        }

        private void write(String text) {
            OutputFailedException.append(out, text);
        }
    }

    /** Only the data: a header record and one record per row; no tags, counts or messages. */
    final class Csv implements ResultPrinter {
        private final Appendable out;

        Csv(Appendable out) {
            this.out = out;
        }

        @Override
        public long printRows(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            write(CsvFormatter.record(headers(meta)));
            long count = 0;
            List<String> row = new ArrayList<>(columns);
            while (rs.next()) {
                row.clear();
                for (int c = 1; c <= columns; c++) row.add(rs.getString(c));
                write(CsvFormatter.record(row));
                count++;
            }
            return count;
        }

        @Override
        public void printTable(ResultTable table) {
            write(CsvFormatter.record(table.headers()));
            for (List<String> row : table.rows()) write(CsvFormatter.record(row));
        }

        @Override
        public void printTag(String tag) {}

        private void write(String text) {
            OutputFailedException.append(out, text);
        }
    }
}
