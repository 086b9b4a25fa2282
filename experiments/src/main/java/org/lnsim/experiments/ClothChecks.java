package org.lnsim.experiments;

import java.util.List;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.network.io.FileBalances;
import org.lnsim.protocols.cloth.ClothSettings;

/**
 * What a run must give the {@code cloth} protocol for it to be CLoTH (issue 22, Bad input): CLoTH's fields — the
 * initial balances of a CLoTH {@code edges_ln.csv}, which CLoTH starts from ({@code network.c}) and which its first
 * routes are computed on — used as the run's initial balances, and, for its non-atomic two-part split, receivers
 * that settle each part as it arrives. Anything else is refused before a payment is drawn, naming the key (exit 2).
 */
final class ClothChecks {
    private ClothChecks() {
    }

    /**
     * @param fileBalances the balances the network file states, or null
     * @param where        the network, for the message
     */
    static void check(ExperimentSettings settings, FileBalances fileBalances, String where) throws ConfigException {
        List<ProtocolRegistry.Entry> entries = settings.protocols();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i).settings() instanceof ClothSettings cloth)) {
                continue;
            }
            String at = "protocols." + i;
            if (fileBalances == null) {
                throw new ConfigException(where, at + ".name", "cloth needs CLoTH's fields: the initial balances of "
                        + "a CLoTH CSV folder's edges_ln.csv (CLoTH starts from them and computes its first routes on "
                        + "them), and this network states none; give network.file a CLoTH CSV folder");
            }
            EngineSettings.Balances b = settings.engine().balances();
            if (!b.source(fileBalances).equals(EngineSettings.Balances.FILE)) {
                throw new ConfigException(where, "balances.split", "cloth starts from the balances the network file "
                        + "states, as CLoTH does; '" + b.split() + "' redraws them: use file or auto");
            }
            if (cloth.splitOnNoPath() && settings.engine().rules().receiver() != ReceiverBehaviour.CLAIMS_EARLY) {
                throw new ConfigException(where, "engine.receiver", "cloth's two-part split is CLoTH's, not atomic: "
                        + "each receiver settles a part as it arrives, which needs engine.receiver: claims_early (or "
                        + at + ".split_on_no_path: false)");
            }
        }
    }
}
