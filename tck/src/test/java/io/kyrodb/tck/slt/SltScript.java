package io.kyrodb.tck.slt;

import java.util.List;

/**
 * A parsed sqllogictest file.
 *
 * @param name    the path that names the file in reports and in expected-failures.txt
 * @param records the records in file order
 */
public record SltScript(String name, List<SltRecord> records) {

    public SltScript {
        records = List.copyOf(records);
    }

    /**
     * True if the script closes and reopens its database or opens several connections to it, so it
     * needs a database that outlives a connection and is shared by connections.
     */
    public boolean restarts() {
        return records.stream().anyMatch(r -> r instanceof SltRecord.Restart || r instanceof SltRecord.Connection);
    }

    /** The file name without its directories, for test names. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
