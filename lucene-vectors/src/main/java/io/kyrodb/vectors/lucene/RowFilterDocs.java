package io.kyrodb.vectors.lucene;

import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

import java.util.function.IntPredicate;

/**
 * The documents a filtered search may return: live ones that have a row the caller accepts. Lazy:
 * the graph walk asks about the nodes it reaches, one at a time, and nothing is computed for the
 * rest. Its cost is the segment's size (not a count of matches: counting would visit every
 * document), so Lucene walks the graph; the engine chooses an exact scan itself when it knows the
 * filter matches few rows.
 */
final class RowFilterDocs extends AcceptDocs {
    private final int maxDoc;
    private final Bits live;
    private final IntPredicate accepts;

    RowFilterDocs(int maxDoc, Bits live, IntPredicate accepts) {
        this.maxDoc = maxDoc;
        this.live = live;
        this.accepts = accepts;
    }

    private boolean get(int doc) {
        return (live == null || live.get(doc)) && accepts.test(doc);
    }

    @Override
    public Bits bits() {
        return new Bits() {
            @Override
            public boolean get(int index) {
                return RowFilterDocs.this.get(index);
            }

            @Override
            public int length() {
                return maxDoc;
            }
        };
    }

    @Override
    public DocIdSetIterator iterator() {
        return new DocIdSetIterator() {
            private int doc = -1;

            @Override
            public int docID() {
                return doc;
            }

            @Override
            public int nextDoc() {
                return advance(doc + 1);
            }

            @Override
            public int advance(int target) {
                for (int d = target; d < maxDoc; d++) {
                    if (get(d)) {
                        return doc = d;
                    }
                }
                return doc = NO_MORE_DOCS;
            }

            @Override
            public long cost() {
                return maxDoc;
            }
        };
    }

    @Override
    public int cost() {
        return maxDoc;
    }
}
