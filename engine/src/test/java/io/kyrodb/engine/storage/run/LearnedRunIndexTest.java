package io.kyrodb.engine.storage.run;

/** {@link RunIndexTestCase} with the learned index. */
class LearnedRunIndexTest extends RunIndexTestCase {
    @Override
    IndexKind kind() {
        return IndexKind.LEARNED;
    }
}
