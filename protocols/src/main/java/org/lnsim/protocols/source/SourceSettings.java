package org.lnsim.protocols.source;

import java.util.List;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.SharedWork;
import org.lnsim.protocols.settings.Values;

/**
 * {@code source}'s settings: the pay policy, the splitter and the channel_update churn whose gossip every node
 * receives.
 *
 * @param pay                     c-lightning's pay loop settings
 * @param split                   multi-part splitting
 * @param updatesPerChannelPerDay channel_update churn, ≥ 0 (0: a static graph, as in the Million Channels runs)
 */
public record SourceSettings(PayPolicy pay, SplitSettings split, double updatesPerChannelPerDay)
        implements ProtocolSettings {
    public static final SourceSettings DEFAULT = new SourceSettings(PayPolicy.C_LIGHTNING, SplitSettings.NONE, 0);

    public static final Key<Double> UPDATE_RATE = Key.dbl("update_rate_per_channel_per_day",
            DEFAULT.updatesPerChannelPerDay, 0, 1e6, "channel_update churn whose gossip every node receives");

    /** {@code source} as an experiment names it. */
    public static final ProtocolSpec<SourceSettings> SPEC = new ProtocolSpec<>(SourceRouting.NAME,
            "full-gossip source routing: c-lightning's hybrid router and pay loop (the baseline)",
            PayLoopProtocol.keys(List.of(UPDATE_RATE)), SourceSettings::from);

    public SourceSettings {
        if (pay == null || split == null || !(updatesPerChannelPerDay >= 0)) {
            throw new IllegalArgumentException("source settings: a pay policy, split settings and an update rate "
                    + ">= 0 needed, got " + updatesPerChannelPerDay);
        }
    }

    public static SourceSettings from(Values v) {
        return new SourceSettings(PayPolicy.from(v), SplitSettings.from(v), v.get(UPDATE_RATE));
    }

    @Override
    public String variant() {
        return split.variant();
    }

    @Override
    public List<SharedWork<?>> sharedWork() {
        return List.of(PayLoopProtocol.ROUTER);
    }
}
