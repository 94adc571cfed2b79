package io.kyrodb.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Garbage collections of this JVM so far, summed over its collectors. The difference between two
 * readings tells how much of a workload's time, and of its latency tail, the collector may explain.
 */
public record GcActivity(long collections, long millis) {

    public static GcActivity now() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(gc.getCollectionCount(), 0);
            time += Math.max(gc.getCollectionTime(), 0);
        }
        return new GcActivity(count, time);
    }

    /** e.g. {@code 12 collections, 340 ms} for what happened between {@code earlier} and this reading. */
    public String since(GcActivity earlier) {
        return String.format(Locale.ROOT, "%d collections, %,d ms", collections - earlier.collections,
                millis - earlier.millis);
    }
}
