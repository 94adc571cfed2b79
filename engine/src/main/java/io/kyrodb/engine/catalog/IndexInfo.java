package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A read-only view of one secondary index for metadata consumers (JDBC getIndexInfo, the shell):
 * its name, whether it is UNIQUE, and its columns in index order with their directions.
 */
public record IndexInfo(String name, boolean unique, List<String> columns, List<Boolean> descending) {
}
