package org.lnsim.protocols.cloth;

import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * {@code cloth}'s settings. Defaults are CLoTH's (marcono/cloth commit e0e4043); the router's constants are fixed
 * ({@link ClothRouter}, {@link ClothMemory}) since the point of the protocol is to be CLoTH.
 *
 * @param halfLifeS     failure half-life in seconds: 1,440 (24 min) is what CLoTH's code computes from its "1 hour"
 *                      ({@code PENALTYHALFLIFE 1} through {@code millisec_to_hour}, {@code src/routing.c}); 3,600
 *                      is the hour it meant (lnd 0.10's {@code DefaultPenaltyHalfLife})
 * @param splitOnNoPath CLoTH's {@code mpp}, 1 in its shipped {@code cloth_input.txt}: when the first search finds no
 *                      path, send two halves, each then retried on its own ({@code find_path}, {@code src/htlc.c});
 *                      not atomic — the receiver settles each half as it arrives ({@code receive_payment}), so a run
 *                      needs {@code engine.receiver: claims_early} for it
 * @param initialFirstRoutes first routes computed on the initial balances with an empty memory, as CLoTH does for
 *                      every payment before the run ({@code run_dijkstra_threads}, {@code src/cloth.c}); false:
 *                      on the balances and memory of the payment's arrival
 */
public record ClothSettings(double halfLifeS, boolean splitOnNoPath, boolean initialFirstRoutes)
        implements ProtocolSettings {
    public static final String FIRST_ROUTES_INITIAL = "initial";
    public static final String FIRST_ROUTES_ARRIVAL = "arrival";

    public static final ClothSettings DEFAULT = new ClothSettings(ClothMemory.CLOTH_HALF_LIFE_S, true, true);

    public static final Key<Double> HALF_LIFE_S = Key.dbl("penalty_half_life_s", DEFAULT.halfLifeS, 0, 1e9,
            "failure half-life, > 0: 1440 s is what CLoTH computes from its '1 hour' (millisec_to_hour divides by "
                    + "1000*60*24, src/routing.c at e0e4043); 3600 is the hour it meant");
    public static final Key<Boolean> SPLIT_ON_NO_PATH = Key.bool("split_on_no_path", DEFAULT.splitOnNoPath,
            "CLoTH's mpp (1 in its cloth_input.txt): two halves when the first search finds no path, each retried "
                    + "alone, not atomic (needs engine.receiver: claims_early)");
    public static final Key<String> FIRST_ROUTES = Key.choice("first_routes", FIRST_ROUTES_INITIAL,
            List.of(FIRST_ROUTES_INITIAL, FIRST_ROUTES_ARRIVAL), "initial: every first route found on the initial "
                    + "balances with an empty memory, as CLoTH does before the run (run_dijkstra_threads, "
                    + "src/cloth.c); arrival: on those of the payment's arrival");

    public static final ProtocolSpec<ClothSettings> SPEC = new ProtocolSpec<>(ClothRouting.NAME,
            "CLoTH's router (lnd 0.10's distance), pay loop, per-sender memory and two-part split (marcono/cloth "
                    + "e0e4043); needs a network with CLoTH's initial balances",
            List.of(LABEL, HALF_LIFE_S, SPLIT_ON_NO_PATH, FIRST_ROUTES), ClothSettings::from);

    public ClothSettings {
        if (!(halfLifeS > 0) || Double.isInfinite(halfLifeS)) {
            throw new IllegalArgumentException("penalty_half_life_s must be > 0 and finite, got " + halfLifeS);
        }
    }

    /** The graph's compact in-edges, shared with the run's other protocols that read them. */
    @Override
    public List<org.lnsim.protocols.settings.SharedWork<?>> sharedWork() {
        return List.of(org.lnsim.protocols.routing.EdgeRecords.SHARED);
    }

    public static ClothSettings from(Values v) {
        return new ClothSettings(v.get(HALF_LIFE_S), v.get(SPLIT_ON_NO_PATH),
                FIRST_ROUTES_INITIAL.equals(v.get(FIRST_ROUTES)));
    }
}
