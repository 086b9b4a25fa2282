package org.lnsim.protocols.source;

import java.util.List;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.SharedWork;
import org.lnsim.protocols.settings.Values;

/**
 * {@code oracle}'s settings: the pay policy and the splitter, as {@code source}'s (it keeps no routing state, so no
 * churn rate).
 *
 * @param pay   c-lightning's pay loop settings
 * @param split multi-part splitting
 */
public record OracleSettings(PayPolicy pay, SplitSettings split) implements ProtocolSettings {
    public static final OracleSettings DEFAULT = new OracleSettings(PayPolicy.C_LIGHTNING, SplitSettings.NONE);

    /** {@code oracle} as an experiment names it. */
    public static final ProtocolSpec<OracleSettings> SPEC = new ProtocolSpec<>(OracleRouting.NAME,
            "the same router on true channel balances: never picks a route short of balance (not a bound over a "
                    + "workload)", PayLoopProtocol.keys(List.of()),
            OracleSettings::from);

    public OracleSettings {
        if (pay == null || split == null) {
            throw new IllegalArgumentException("oracle settings: a pay policy and split settings needed");
        }
    }

    public static OracleSettings from(Values v) {
        return new OracleSettings(PayPolicy.from(v), SplitSettings.from(v));
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
