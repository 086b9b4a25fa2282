package org.lnsim.experiments;

import java.util.List;
import java.util.Set;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.ant.AntRouting;
import org.lnsim.protocols.beacon.BeaconRouting;
import org.lnsim.protocols.beacon.BeaconSettings;
import org.lnsim.protocols.ldk.LdkRouting;
import org.lnsim.protocols.lnd.LndRouting;
import org.lnsim.protocols.pickhardt.PickhardtRouting;
import org.lnsim.protocols.source.OracleRouting;
import org.lnsim.protocols.source.SourceRouting;
import org.lnsim.protocols.source.SourceSettings;

/**
 * What a run with {@code policy_updates} needs (issue 22, Bad input), refused before a payment is drawn, naming the
 * key (exit 2): a network whose directions have policies to update; protocols that route on what their senders
 * believe ({@code source}, {@code oracle}, {@code beacon}, {@code lnd}, {@code lnd.bimodal}, {@code ldk},
 * {@code pickhardt} and their splits) or meet the fees as they are ({@code ant}) — {@code cloth} reproduces CLoTH,
 * which has no gossip, and reads the announced policies, so its senders would never learn an update; and not also the protocols' older byte-only churn rate, which would count the same updates twice.
 */
final class PolicyUpdateChecks {
    /** The protocols that follow changing policies. */
    static final Set<String> SUPPORTED = Set.of(SourceRouting.NAME, OracleRouting.NAME, BeaconRouting.NAME,
            AntRouting.NAME, AntRouting.SELECTIVE, LndRouting.NAME, LndRouting.BIMODAL, LdkRouting.NAME,
            PickhardtRouting.NAME);

    private PolicyUpdateChecks() {
    }

    /** @param where the network, for the message */
    static void check(ExperimentSettings settings, ChannelGraph graph, String where) throws ConfigException {
        if (!settings.engine().policies().active()) {
            return;
        }
        String section = EngineSettings.Policies.SECTION.name();
        boolean anyPolicy = false;
        for (int e = 0; e < 2 * graph.channelCount() && !anyPolicy; e++) {
            anyPolicy = graph.isUsable(e);
        }
        if (!anyPolicy) {
            throw new ConfigException(where, section + "." + EngineSettings.Policies.RATE.name(), "this network "
                    + "states no usable channel policy, so there is nothing to update; use a network with policies "
                    + "or set " + section + ".enabled: false");
        }
        List<ProtocolRegistry.Entry> entries = settings.protocols();
        for (int i = 0; i < entries.size(); i++) {
            ProtocolRegistry.Entry entry = entries.get(i);
            String at = "protocols." + i;
            if (!SUPPORTED.contains(entry.protocol())) {
                throw new ConfigException(where, at + ".name", entry.protocol() + " routes on the network's "
                        + "announced policies and would never learn an update; " + section + " is modelled for "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + " (or set " + section
                        + ".enabled: false)");
            }
            double byteOnly = entry.settings() instanceof SourceSettings s ? s.updatesPerChannelPerDay()
                    : entry.settings() instanceof BeaconSettings b ? b.options().updatesPerChannelPerDay() : 0;
            if (byteOnly > 0) {
                throw new ConfigException(where, at + ".update_rate_per_channel_per_day", "charges channel_update "
                        + "churn as bytes only, and " + section + " already sends real updates (charged the same "
                        + "way): set it to 0");
            }
        }
    }
}
