package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.GenerationProgress;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.results.run.RunColumns;

class ResultColumnsTest {
    /** The committed column reference is exactly what the registry renders, so the documentation cannot drift. */
    @Test
    void committedColumnsReferenceIsTheRegistrysRendering() throws IOException {
        Path md = Path.of(System.getProperty("user.dir")).resolveSibling("results").resolve("COLUMNS.md");
        assertEquals(RunColumns.markdown(ProtocolRegistry.resultColumns()), Files.readString(md),
                "regenerate with: ./lnsim table columns > results/COLUMNS.md");
    }

    /**
     * Every column a registered protocol writes (its payment and state columns, with and without a splitter) is
     * documented in {@link ProtocolRegistry#resultColumns()} under that protocol's name, with the same name; so a
     * protocol that adds a column without declaring its unit and definition fails here.
     */
    @Test
    void everyProtocolColumnIsDocumented() throws Exception {
        ChannelGraph graph = new WattsStrogatzGenerator(WattsStrogatzGenerator.Config.flare(60, 3),
                GenerationProgress.NONE).generate().graph();
        List<Object> list = new ArrayList<>();
        ProtocolRegistry.specs().forEach(spec -> list.add(spec.name()));
        for (String base : List.of("source", "oracle", "beacon")) {
            list.add(java.util.Map.of("name", base, "split", "cl"));
        }
        List<ProtocolRegistry.Entry> all = ProtocolRegistry.resolve(Configs.yaml().valueToTree(list), "test");
        ProtocolRegistry.Run run = new ProtocolRegistry.Run(graph, all);
        int checked = 0;
        for (ProtocolRegistry.Entry e : all) {
            RoutingProtocol p = e.create(run);
            String name = e.protocol();
            List<String> payment = new ArrayList<>();
            List<String> state = new ArrayList<>();
            for (RunColumns.ProtocolColumns c : ProtocolRegistry.resultColumns()) {
                if (List.of(c.protocols().split(", ")).contains(name)) {
                    payment.addAll(ColumnDoc.names(c.payment()));
                    state.addAll(ColumnDoc.names(c.state()));
                }
            }
            List<String> own = ColumnDoc.names(p.report().paymentColumns());
            List<String> ownState = ColumnDoc.names(p.report().stateColumns());
            assertTrue(payment.containsAll(own), name + " payment columns " + own
                    + " not all documented: " + payment);
            assertTrue(state.containsAll(ownState), name + " state columns " + ownState
                    + " not all documented: " + state);
            checked += own.size() + ownState.size();
        }
        assertTrue(checked >= 2 * (8 + 5) + (1 + 5), "the ant and beacon columns were seen: " + checked);
    }
}
