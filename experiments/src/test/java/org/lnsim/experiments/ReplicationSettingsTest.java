package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.RandomStreams;
import org.lnsim.experiments.ReplicationSettings.Vary;
import org.lnsim.random.NamedStreams;

class ReplicationSettingsTest {
    /** Replication 0 is the experiment itself: the streams of a plain run on the master seed. */
    @Test
    void replicationZeroIsThePlainRun() {
        RandomStreams plain = new RandomStreams(11);
        RandomStreams r0 = new ReplicationSettings(0, EnumSet.allOf(Vary.class)).streams(11);
        for (String s : new String[] {"workload", "balances", "latency", "churn", "protocol.ant"}) {
            assertEquals(plain.seedOf(s), r0.seedOf(s), s);
        }
        assertEquals(11, ReplicationSettings.seed(11, 0));
    }

    /**
     * A replication draws afresh exactly the parts it varies: with vary [workload, protocols] its workload stream is
     * the stream of seedOf(11, "replication.2"), protocols' too, and balances/latency/churn keep the master seed's.
     */
    @Test
    void aReplicationVariesOnlyTheNamedParts() {
        long rep = NamedStreams.seedOf(11, "replication.2");
        RandomStreams r2 = new ReplicationSettings(2, EnumSet.of(Vary.WORKLOAD, Vary.PROTOCOLS)).streams(11);
        RandomStreams master = new RandomStreams(11);
        assertEquals(NamedStreams.seedOf(rep, "workload"), r2.seedOf("workload"));
        assertEquals(NamedStreams.seedOf(rep, "protocol.beacon"), r2.seedOf("protocol.beacon"));
        assertEquals(master.fresh("balances").nextLong(), r2.fresh("balances").nextLong());
        assertEquals(master.stream("latency").nextLong(), r2.restart().stream("latency").nextLong());
        assertEquals(master.seedOf("churn"), r2.seedOf("churn"));
        assertNotEquals(master.seedOf("workload"), r2.seedOf("workload"));
        // a stream no part owns would silently stay unvaried: refused
        assertThrows(IllegalStateException.class, () -> r2.seedOf("weather"));
        // the network seed changes only when varied
        assertEquals(42, new ReplicationSettings(2, EnumSet.of(Vary.WORKLOAD)).networkSeed(42));
        assertEquals(NamedStreams.seedOf(42, "replication.2"),
                new ReplicationSettings(2, EnumSet.of(Vary.NETWORK)).networkSeed(42));
    }
}
