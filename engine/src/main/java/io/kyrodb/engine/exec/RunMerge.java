package io.kyrodb.engine.exec;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sorted runs of one spill file into one sorted stream with a heap holding each run's
 * next row. Of rows that compare equal, those of the earlier run (in list order) come first, so
 * merging stretches of a stable sort keeps it stable.
 */
final class RunMerge {
    private record Head(Object[] row, int run) {
    }

    private final SpillCodec.Reader[] readers;
    private final PriorityQueue<Head> heap;

    RunMerge(SpillFile file, List<ExternalSort.Run> runs, Comparator<Object[]> order, int bufferSize) {
        file.checkHeader();
        this.readers = new SpillCodec.Reader[runs.size()];
        this.heap = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Integer.compare(a.run, b.run);
        });
        for (int i = 0; i < readers.length; i++) {
            ExternalSort.Run r = runs.get(i);
            readers[i] = file.reader(r.start(), r.end(), bufferSize);
            Object[] first = readers[i].next();
            if (first != null) {
                heap.add(new Head(first, i));
            }
        }
    }

    /** The next row in order, or null when every run is exhausted. */
    Object[] next() {
        Head h = heap.poll();
        if (h == null) {
            return null;
        }
        Object[] following = readers[h.run].next();
        if (following != null) {
            heap.add(new Head(following, h.run));
        }
        return h.row;
    }
}
