package io.kyrodb.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The part of {@link ResultSet} that a forward-only, read-only cursor over KyroDB's types refuses:
 * every update method, scrolling, and the getters for types the engine does not have yet (dates,
 * binary data, LOBs, arrays). {@link KyroResultSet} implements the rest. Scrolling fails with 24000
 * as JDBC asks of a forward-only result; the others with {@link SQLFeatureNotSupportedException}.
 */
abstract class ReadOnlyResultSet implements ResultSet {

    private static SQLFeatureNotSupportedException readOnly() {
        return SqlExceptions.unsupported("Updating through a ResultSet (KyroDB result sets are read-only)");
    }

    private static SQLFeatureNotSupportedException unsupportedType(String getter) {
        return SqlExceptions.unsupported(getter + " (no date, time, binary, LOB or array types yet)");
    }

    private static SQLException forwardOnly(String method) {
        return SqlExceptions.create(SqlExceptions.INVALID_CURSOR_STATE,
                method + " needs a scrollable result set, but KyroDB result sets are TYPE_FORWARD_ONLY");
    }

    @Override public boolean previous() throws SQLException { throw forwardOnly("previous"); }
    @Override public boolean first() throws SQLException { throw forwardOnly("first"); }
    @Override public boolean last() throws SQLException { throw forwardOnly("last"); }
    @Override public void beforeFirst() throws SQLException { throw forwardOnly("beforeFirst"); }
    @Override public void afterLast() throws SQLException { throw forwardOnly("afterLast"); }
    @Override public boolean absolute(int row) throws SQLException { throw forwardOnly("absolute"); }
    @Override public boolean relative(int rows) throws SQLException { throw forwardOnly("relative"); }

    @Override public boolean rowUpdated() throws SQLException { throw readOnly(); }
    @Override public boolean rowInserted() throws SQLException { throw readOnly(); }
    @Override public boolean rowDeleted() throws SQLException { throw readOnly(); }
    @Override public void insertRow() throws SQLException { throw readOnly(); }
    @Override public void updateRow() throws SQLException { throw readOnly(); }
    @Override public void deleteRow() throws SQLException { throw readOnly(); }
    @Override public void refreshRow() throws SQLException { throw readOnly(); }
    @Override public void cancelRowUpdates() throws SQLException { throw readOnly(); }
    @Override public void moveToInsertRow() throws SQLException { throw readOnly(); }
    @Override public void moveToCurrentRow() throws SQLException { throw readOnly(); }

    @Override public String getCursorName() throws SQLException { throw SqlExceptions.unsupported("getCursorName"); }

    @Override public Array getArray(int column) throws SQLException { throw unsupportedType("getArray"); }
    @Override public Array getArray(String label) throws SQLException { return getArray(findColumn(label)); }
    @Override public InputStream getAsciiStream(int column) throws SQLException { throw unsupportedType("getAsciiStream"); }
    @Override public InputStream getAsciiStream(String label) throws SQLException { return getAsciiStream(findColumn(label)); }
    @Override public InputStream getBinaryStream(int column) throws SQLException { throw unsupportedType("getBinaryStream"); }
    @Override public InputStream getBinaryStream(String label) throws SQLException { return getBinaryStream(findColumn(label)); }
    @Override public Blob getBlob(int column) throws SQLException { throw unsupportedType("getBlob"); }
    @Override public Blob getBlob(String label) throws SQLException { return getBlob(findColumn(label)); }
    @Override public byte[] getBytes(int column) throws SQLException { throw unsupportedType("getBytes"); }
    @Override public byte[] getBytes(String label) throws SQLException { return getBytes(findColumn(label)); }
    @Override public Clob getClob(int column) throws SQLException { throw unsupportedType("getClob"); }
    @Override public Clob getClob(String label) throws SQLException { return getClob(findColumn(label)); }
    @Override public Date getDate(int column) throws SQLException { throw unsupportedType("getDate"); }
    @Override public Date getDate(int column, Calendar x) throws SQLException { throw unsupportedType("getDate"); }
    @Override public Date getDate(String label) throws SQLException { return getDate(findColumn(label)); }
    @Override public Date getDate(String label, Calendar x) throws SQLException { return getDate(findColumn(label), x); }
    @Override public NClob getNClob(int column) throws SQLException { throw unsupportedType("getNClob"); }
    @Override public NClob getNClob(String label) throws SQLException { return getNClob(findColumn(label)); }
    @Override public Ref getRef(int column) throws SQLException { throw unsupportedType("getRef"); }
    @Override public Ref getRef(String label) throws SQLException { return getRef(findColumn(label)); }
    @Override public RowId getRowId(int column) throws SQLException { throw unsupportedType("getRowId"); }
    @Override public RowId getRowId(String label) throws SQLException { return getRowId(findColumn(label)); }
    @Override public SQLXML getSQLXML(int column) throws SQLException { throw unsupportedType("getSQLXML"); }
    @Override public SQLXML getSQLXML(String label) throws SQLException { return getSQLXML(findColumn(label)); }
    @Override public Time getTime(int column) throws SQLException { throw unsupportedType("getTime"); }
    @Override public Time getTime(int column, Calendar x) throws SQLException { throw unsupportedType("getTime"); }
    @Override public Time getTime(String label) throws SQLException { return getTime(findColumn(label)); }
    @Override public Time getTime(String label, Calendar x) throws SQLException { return getTime(findColumn(label), x); }
    @Override public Timestamp getTimestamp(int column) throws SQLException { throw unsupportedType("getTimestamp"); }
    @Override public Timestamp getTimestamp(int column, Calendar x) throws SQLException { throw unsupportedType("getTimestamp"); }
    @Override public Timestamp getTimestamp(String label) throws SQLException { return getTimestamp(findColumn(label)); }
    @Override public Timestamp getTimestamp(String label, Calendar x) throws SQLException { return getTimestamp(findColumn(label), x); }
    @Override public URL getURL(int column) throws SQLException { throw unsupportedType("getURL"); }
    @Override public URL getURL(String label) throws SQLException { return getURL(findColumn(label)); }
    @Override @Deprecated public InputStream getUnicodeStream(int column) throws SQLException { throw unsupportedType("getUnicodeStream"); }
    @Override @Deprecated public InputStream getUnicodeStream(String label) throws SQLException { return getUnicodeStream(findColumn(label)); }
    @Override public void updateArray(int column, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateArray(String label, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String label, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(int column, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(String label, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String label, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, InputStream x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String label, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(int column, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(String label, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(int column, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(String label, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(int column, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(String label, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String label, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String label, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(int column, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(String label, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(int column, double x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(String label, double x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(int column, float x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(String label, float x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(int column, int x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(String label, int x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(int column, long x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(String label, long x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String label, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, Reader x, long y) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String label, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(String label, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNull(int column) throws SQLException { throw readOnly(); }
    @Override public void updateNull(String label) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String label, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String label, Object x, int y) throws SQLException { throw readOnly(); }
    @Override public void updateRef(int column, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(String label, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(int column, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(String label, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(int column, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(String label, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(int column, short x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(String label, short x) throws SQLException { throw readOnly(); }
    @Override public void updateString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateString(String label, String x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(int column, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(String label, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(int column, Timestamp x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(String label, Timestamp x) throws SQLException { throw readOnly(); }
}
