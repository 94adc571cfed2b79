package io.kyrodb.engine.vector;

/** Chooses the kernels once: the Vector API's when the JVM resolved {@code jdk.incubator.vector}. */
final class KernelHolder {
    static final VectorKernels BEST = choose();

    private KernelHolder() {
    }

    private static VectorKernels choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return VectorKernels.SCALAR;
        }
        try {
            return (VectorKernels) Class.forName("io.kyrodb.engine.vector.SimdKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return VectorKernels.SCALAR;
        }
    }
}
