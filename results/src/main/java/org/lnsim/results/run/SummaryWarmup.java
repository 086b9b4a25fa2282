package org.lnsim.results.run;

/**
 * Loads the summary's table library on a background thread while a run loads its network and simulates, so writing
 * the outputs does not wait for it. Tablesaw's {@code Table} class scans the class path for its readers and writers
 * when it is first loaded (ClassGraph, in its static initialiser): on lnsim's jar of about 27,000 entries that is
 * about 0.35 s of one core at the end of every run, measured with JFR on the CLoTH cross-check's run, where the
 * network load leaves the second core idle.
 *
 * <p>Use: {@link #start()} before the work, {@link #await()} before anything touches tablesaw — two threads that
 * initialise classes which refer to each other could otherwise deadlock, so nothing may use tablesaw between the
 * two. A failed load is not reported here: the summary then meets the same error itself, on its own thread.
 */
public final class SummaryWarmup {
    private final Thread thread;

    private SummaryWarmup(Thread thread) {
        this.thread = thread;
    }

    /** Starts loading tablesaw on a daemon thread. */
    public static SummaryWarmup start() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table", true, SummaryWarmup.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // the summary meets it again when it builds its table
            }
        }, "lnsim-summary-warmup");
        t.setDaemon(true);
        t.start();
        return new SummaryWarmup(t);
    }

    /** Waits until the load has finished. */
    public void await() throws InterruptedException {
        thread.join();
    }
}
