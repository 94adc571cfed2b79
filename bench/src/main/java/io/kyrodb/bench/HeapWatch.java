package io.kyrodb.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap this JVM used, overall and per step:
 * <ul>
 *   <li><b>used</b>: {@link MemoryMXBean#getHeapMemoryUsage()} sampled every few milliseconds, and
 *       the heap before each collection. It counts garbage not yet collected, so it climbs towards
 *       {@code -Xmx} under any allocation; it says how close the JVM came to its limit.</li>
 *   <li><b>after GC</b>: the most in use right after a collection (the GC notifications'
 *       after-GC usage of the heap pools). After a young collection the old generation still holds
 *       its garbage (G1 reclaims it only after a concurrent mark), so this is an upper bound of what
 *       was live; when it reaches {@code -Xmx} the collector ran out of room (evacuation failures,
 *       full collections).</li>
 *   <li><b>after full GC</b>: the most in use right after a full collection the JVM ran by itself
 *       (under pressure): what was really live then. -1 if there was none.</li>
 *   <li><b>live</b> ({@link #live()}): a full collection on demand ({@link System#gc()}), then the
 *       heap in use: what the program holds at that point. The caller does it outside any timing;
 *       this watch ignores collections caused by {@code System.gc()}.</li>
 * </ul>
 * Thread-safe; {@link #step()} starts a new per-step window.
 */
public final class HeapWatch implements AutoCloseable {

    /** Peaks in bytes over a window; -1 where no such collection ran. */
    public record Peak(long used, long afterGc, long afterFullGc, long collections, long fullCollections) {
    }

    /** Mutable maxima of one window; guarded by the HeapWatch. */
    private static final class Window {
        long used;
        long afterGc = -1;
        long afterFull = -1;
        long collections;
        long fullCollections;

        Peak peak() {
            return new Peak(used, afterGc, afterFull, collections, fullCollections);
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private Window step = new Window();
    private final Window total = new Window();

    public HeapWatch(long sampleMillis) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                used(memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(sampleMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void used(long bytes) {
        step.used = Math.max(step.used, bytes);
        total.used = Math.max(total.used, bytes);
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if ("System.gc()".equals(info.getGcCause())) {
            return;   // ours, from live()
        }
        long before = heap(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = heap(info.getGcInfo().getMemoryUsageAfterGc());
        boolean full = info.getGcAction().contains("major");
        synchronized (this) {
            used(before);
            for (Window w : new Window[]{step, total}) {
                w.afterGc = Math.max(w.afterGc, after);
                w.collections++;
                if (full) {
                    w.afterFull = Math.max(w.afterFull, after);
                    w.fullCollections++;
                }
            }
        }
    }

    private long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    /** The peaks since the last call (or since this watch started), and starts a new window. */
    public synchronized Peak step() {
        used(memory.getHeapMemoryUsage().getUsed());
        Peak p = step.peak();
        step = new Window();
        return p;
    }

    /** The peaks since this watch started. */
    public synchronized Peak total() {
        return total.peak();
    }

    /** Runs a full collection and returns the heap in use after it, in bytes. */
    public long live() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The heap's limit ({@code -Xmx}), in bytes. */
    public long max() {
        return memory.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // not registered: nothing to undo
            }
        }
    }
}
