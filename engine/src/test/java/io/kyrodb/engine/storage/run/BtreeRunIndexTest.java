package io.kyrodb.engine.storage.run;

/** {@link RunIndexTestCase} with the classical baseline: binary search over the blocks' first keys. */
class BtreeRunIndexTest extends RunIndexTestCase {
    @Override
    IndexKind kind() {
        return IndexKind.BTREE;
    }
}
