package org.lnsim.engine.htlc;

/** Constant delays, for hand-worked tests and for experiments that want latency out of the picture. */
public record FixedLatency(long offerUs, long resolveUs, long offlineUs, long controlUs) implements LatencyModel {
    public FixedLatency {
        if (offerUs < 0 || resolveUs < 0 || offlineUs < 0 || controlUs < 0) {
            throw new IllegalArgumentException("delays must be >= 0");
        }
    }

    @Override
    public long offerUs(int e) {
        return offerUs;
    }

    @Override
    public long resolveUs(int e) {
        return resolveUs;
    }

    @Override
    public long offlineUs(int e) {
        return offlineUs;
    }

    @Override
    public long controlUs(int e) {
        return controlUs;
    }

    /** One constant: the same on every call. */
    @Override
    public boolean controlUsFixed() {
        return true;
    }
}
