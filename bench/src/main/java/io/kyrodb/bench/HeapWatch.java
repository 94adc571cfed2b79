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
 * The heap this JVM used, overall and per step, two ways:
 * <ul>
 *   <li><b>used</b>: {@link MemoryMXBean#getHeapMemoryUsage()} sampled every few milliseconds by a
 *       daemon thread. It counts garbage not yet collected, so with a generational collector it
 *       climbs towards the heap's size whatever the program keeps; it says how close the JVM came
 *       to its limit, not how much it needed.</li>
 *   <li><b>live</b>: the heap in use right after each collection (the GC notifications'
 *       after-GC usage, summed over the heap pools): what survived, an upper bound of what the
 *       program held at that moment. Its peak is the figure to compare with {@code -Xmx}.</li>
 * </ul>
 * Thread-safe; {@link #step()} starts a new per-step window.
 */
public final class HeapWatch implements AutoCloseable {

    /** Peaks in bytes; {@code live} is -1 when no collection ran in the window. */
    public record Peak(long used, long live, long collections) {
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;

    // Guarded by this.
    private long stepUsed;
    private long stepLive = -1;
    private long stepCollections;
    private long totalUsed;
    private long totalLive = -1;
    private long totalCollections;

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
                record(memory.getHeapMemoryUsage().getUsed());
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

    private synchronized void record(long used) {
        stepUsed = Math.max(stepUsed, used);
        totalUsed = Math.max(totalUsed, used);
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (isHeapPool(e.getKey())) {
                before += e.getValue().getUsed();
            }
        }
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(e.getKey())) {
                after += e.getValue().getUsed();
            }
        }
        synchronized (this) {
            record(before);
            stepLive = Math.max(stepLive, after);
            totalLive = Math.max(totalLive, after);
            stepCollections++;
            totalCollections++;
        }
    }

    private boolean isHeapPool(String pool) {
        return heapPools.contains(pool);
    }

    /** The peaks since the last call (or since this watch started), and starts a new window. */
    public synchronized Peak step() {
        record(memory.getHeapMemoryUsage().getUsed());
        Peak p = new Peak(stepUsed, stepLive, stepCollections);
        stepUsed = 0;
        stepLive = -1;
        stepCollections = 0;
        return p;
    }

    /** The peaks since this watch started. */
    public synchronized Peak total() {
        return new Peak(totalUsed, totalLive, totalCollections);
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
