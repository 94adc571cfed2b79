package io.kyrodb.engine.storage.run;

/**
 * What a run holds, from its footer: entries (row versions), distinct keys, how many entries are
 * deletes, the newest commit sequence in it, and the file's size in bytes.
 */
public record RunStats(long entries, long keys, long deletes, long maxSeq, long fileSize) {
}
