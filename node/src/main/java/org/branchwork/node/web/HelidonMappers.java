package org.branchwork.node.web;

import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.mapper.MapperManager;

/**
 * Helidon 4.4 asks its service registry for the global mapper manager on every typed header
 * read (each request's Content-Length among them), and the registry builds a new one each time,
 * under a lock: measured, a sixth of the inbox's CPU. One shared instance, set once per JVM,
 * turns that into a field read. (A JVM-wide Helidon setting, the same for every node.)
 */
public final class HelidonMappers {

    private static final AtomicBoolean SHARED = new AtomicBoolean();

    private HelidonMappers() {}

    /** Sets the one shared instance, the first time only. */
    public static void shareOne() {
        if (SHARED.compareAndSet(false, true)) {
            setGlobal();
        }
    }

    // Deprecated for removal in Helidon 4.4, but it is what Helidon's own header reading still calls.
    @SuppressWarnings("removal")
    private static void setGlobal() {
        MapperManager.global(MapperManager.create());
    }
}
