package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.copy.CopyFormat;
import io.kyrodb.engine.copy.CopyReader;
import io.kyrodb.engine.copy.CopyWriter;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY between a table (or a query) and a file or the caller's stream, in PostgreSQL's text and CSV
 * layouts: TO reads one snapshot as any query does; FROM inserts the records through the session's
 * own write path, in batches, in the statement's transaction.
 */
final class CopyStatements {
    private CopyStatements() {
    }

    /**
     * COPY ... TO 'file' | STDOUT: the table's (or query's) rows in PostgreSQL's text or CSV layout,
     * read from one snapshot like any query. A file is written anew (UTF-8); a relative name is
     * taken from the JVM's working directory. STDOUT is {@code stream} (Session.copyOut's writer).
     * The count is the rows written.
     */
    static ExecResult copyTo(Session session, Statement.Copy c, String sql, Object[] parameters, Writer stream) {
        CopyFormat format = CopyFormat.of(c.options());
        Statement.Query query = c.query();
        if (query == null) {
            Pos at = c.pos();
            List<Statement.SelectItem> items = c.columns().isEmpty() ? List.of(new Statement.AllColumns(at, null))
                    : c.columns().stream().<Statement.SelectItem>map(n -> new Statement.SelectExpression(at,
                            new Expr.ColumnRef(at, null, n), null)).toList();
            query = new Statement.Select(at, false, items, List.of(new Statement.TableReference(at, c.table(), null)),
                    null, List.of(), null, List.of(), null, null);
        }
        if (c.file() == null && stream == null) {
            throw noStream(c);
        }
        long n = 0;
        try (ExecResult.Rows rows = (ExecResult.Rows) session.runInTransaction(query, sql, parameters, null);
             Writer out = c.file() == null ? new NotClosing(stream)
                     : Files.newBufferedWriter(Path.of(c.file()), StandardCharsets.UTF_8)) {
            CopyWriter writer = new CopyWriter(out, format);
            if (format.header()) {
                writer.header(rows.columns().stream().map(ResultColumn::label).toList());
            }
            writer.types(rows.columns().stream().map(ResultColumn::type).toList());
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                writer.row(row);
                n++;
            }
        } catch (IOException e) {
            throw new KyroException(SqlState.IO_ERROR, "could not write " + (c.file() == null ? "COPY's output"
                    : "COPY file \"" + c.file() + "\"") + ": " + e.getMessage(), e);
        }
        return new ExecResult.Count(n);
    }

    /**
     * COPY table [(columns)] FROM 'file' | STDIN (from {@code stream}, Session.copyIn's reader): every record inserted as INSERT would insert it, each
     * field read by its column's input function (as a string literal), an unquoted empty CSV field
     * or {@code \N} in text as NULL; all in the statement's transaction, so a bad record leaves no
     * row (22P04 for a record with too few or too many fields, naming its line).
     */
    static ExecResult copyFrom(Session session, Transaction t, Statement.Copy c, String sql, Object[] parameters,
                               Reader stream) {
        CopyFormat format = CopyFormat.of(c.options());
        Table table = session.tables(t.writeCatalog(), List.of(c.table())).get(0);
        int width = c.columns().isEmpty() ? table.columns().size() : c.columns().size();
        if (c.file() == null && stream == null) {
            throw noStream(c);
        }
        if (c.file() != null && !Files.isRegularFile(Path.of(c.file()))) {
            throw new KyroException(SqlState.UNDEFINED_FILE, "could not open file \"" + c.file()
                    + "\" for reading: No such file or directory");
        }
        long n = 0;
        try (Reader in = c.file() == null ? new java.io.BufferedReader(new NotClosingReader(stream))
                : Files.newBufferedReader(Path.of(c.file()), StandardCharsets.UTF_8)) {
            CopyReader reader = new CopyReader(in, format);
            if (format.header() && reader.next() == null) {
                return new ExecResult.Count(0);
            }
            List<List<Expr>> batch = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (List<String> record = reader.next(); ; record = reader.next()) {
                if (record != null) {
                    if (record.size() < width) {
                        String missing = c.columns().isEmpty() ? table.columns().get(record.size()).name()
                                : c.columns().get(record.size());
                        throw new KyroException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + missing
                                + "\" (COPY " + table.name() + ", line " + reader.line() + ")");
                    }
                    if (record.size() > width) {
                        throw new KyroException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column (COPY "
                                + table.name() + ", line " + reader.line() + ")");
                    }
                    List<Expr> values = new ArrayList<>(width);
                    for (String field : record) {
                        values.add(field == null ? new Expr.Literal(c.pos(), Expr.LiteralKind.NULL, null)
                                : new Expr.Literal(c.pos(), Expr.LiteralKind.STRING, field));
                    }
                    batch.add(values);
                    lines.add(reader.line());
                }
                if (batch.size() == COPY_BATCH || record == null && !batch.isEmpty()) {
                    n += copyBatch(session, t, c, sql, parameters, batch, lines, table.name());
                    batch.clear();
                    lines.clear();
                }
                if (record == null) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new KyroException(SqlState.IO_ERROR, "could not read " + (c.file() == null ? "COPY's input"
                    : "COPY file \"" + c.file() + "\"") + ": " + e.getMessage(), e);
        }
        return new ExecResult.Count(n);
    }

    private static final int COPY_BATCH = 1_000;

    /** One INSERT of the batch; when it fails, the rows again one at a time, so the error names the record's line. */
    private static long copyBatch(Session session, Transaction t, Statement.Copy c, String sql, Object[] parameters,
                           List<List<Expr>> rows, List<Integer> lines, String table) {
        try {
            return session.change(t, copyInsert(c, rows), sql, parameters, null).result().count();
        } catch (KyroException batchFailed) {
            for (int i = 0; i < rows.size(); i++) {
                try {
                    session.change(t, copyInsert(c, List.of(rows.get(i))), sql, parameters, null);
                } catch (KyroException e) {
                    throw new KyroException(e.state(), e.getMessage() + " (COPY " + table + ", line " + lines.get(i) + ")", e);
                }
            }
            throw batchFailed;
        }
    }

    /** The INSERT of a batch: COPY writes identity columns' values as given, as OVERRIDING SYSTEM VALUE does (PostgreSQL). */
    private static Statement.Insert copyInsert(Statement.Copy c, List<List<Expr>> rows) {
        return new Statement.Insert(c.pos(), c.table(), c.columns(), List.copyOf(rows), null, null, List.of(), false,
                "system");
    }


    /** COPY ... FROM STDIN / TO STDOUT through execute: there is no client stream in an embedded database. */
    private static KyroException noStream(Statement.Copy c) {
        return new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (c.from() ? "FROM STDIN" : "TO STDOUT")
                + " needs a stream: KyroDB runs in your process, so pass one with KyroConnection."
                + (c.from() ? "copyIn(sql, reader)" : "copyOut(sql, writer)") + " (the shell does), or name a file");
    }

    /** The caller's writer, flushed but left open when COPY is done with it. */
    private static final class NotClosing extends java.io.FilterWriter {
        NotClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The caller's reader, left open when COPY is done with it. */
    private static final class NotClosingReader extends java.io.FilterReader {
        NotClosingReader(Reader in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
