package io.kyrodb.bench;

import java.io.PrintStream;
import java.sql.SQLException;

/**
 * A measured piece of work run against each engine through JDBC, in the order the harness lists
 * workloads (a later workload may rely on the rows an earlier one loaded). New comparisons
 * (analytical queries, vector recall) are new implementations; the harness and report stay as
 * they are.
 *
 * <p>A workload that finds a wrong answer throws: a broken engine must not produce a figure.
 */
public interface Workload {

    /** Short name for the command line ({@code --workloads}), progress lines and errors. */
    String name();

    /** How it measures, one or two sentences for the notes under the report's table. */
    String method();

    /**
     * Runs against {@code database}, whose connection holds whatever earlier workloads left there.
     *
     * @param log progress lines for a human watching a long run (not part of the report)
     */
    WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) throws SQLException;
}
