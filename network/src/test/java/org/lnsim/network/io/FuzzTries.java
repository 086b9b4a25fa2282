package org.lnsim.network.io;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets every fuzz property's tries from the system property {@code fuzz.tries} (network/pom.xml passes it through
 * surefire; default 400), so that {@code mvn verify} runs a quick fixed-seed pass and
 * {@code mvn -o verify -pl network -Dtest=ReaderFuzzTest -Dfuzz.tries=6000} a long one without editing annotations
 * (jqwik's {@code @Property(tries)} must be a constant).
 */
public final class FuzzTries implements AroundPropertyHook {
    /** Tries of each property when {@code fuzz.tries} is not set (e.g. a run from an IDE). */
    static final int DEFAULT_TRIES = 400;

    static int tries() {
        String v = System.getProperty("fuzz.tries");
        if (v == null || v.isBlank()) {
            return DEFAULT_TRIES;
        }
        int n = Integer.parseInt(v.trim());
        if (n < 1) {
            throw new IllegalArgumentException("fuzz.tries must be at least 1, got " + n);
        }
        return n;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(tries());
        return property.execute();
    }

    @Override
    public int aroundPropertyProximity() {
        return -100; // outermost: before jqwik reads the attributes
    }
}
