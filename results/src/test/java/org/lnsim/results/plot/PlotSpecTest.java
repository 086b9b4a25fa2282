package org.lnsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotSpecTest {
    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void readsTheEntries() throws Exception {
        List<PlotSpec> specs = PlotSpec.parse(json("[{\"figure\": \"success\", \"x\": \"workload.amount.sat\"}, "
                + "{\"figure\": \"latency_cdf\", \"cell\": \"c00\"}, {\"figure\": \"state_cdf\"}]"), "e.yaml");
        assertEquals(List.of(
                new PlotSpec(PlotSpec.Figure.SUCCESS, "workload.amount.sat", null, "e.yaml: plots[0]"),
                new PlotSpec(PlotSpec.Figure.LATENCY_CDF, null, "c00", "e.yaml: plots[1]"),
                new PlotSpec(PlotSpec.Figure.STATE_CDF, null, null, "e.yaml: plots[2]")), specs);
        assertEquals(List.of(), PlotSpec.parse(null, "e.yaml"));
    }

    private static String error(String plots, List<String> axes) {
        return assertThrows(PlotSpecException.class, () -> PlotSpec.parse(json(plots), "e.yaml", axes))
                .getMessage();
    }

    @Test
    void badEntriesNameTheSourceTheEntryAndTheKey() {
        String m = error("[{\"figure\": \"fee\"}, {\"figure\": \"pie\"}]", null);
        assertTrue(m.startsWith("e.yaml: plots[1]: figure: unknown figure 'pie' (one of success, fee, "), m);
        m = error("[{\"figure\": \"fee\", \"colour\": \"red\"}]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: colour: unknown key"), m);
        m = error("[{\"figure\": \"fee\"}, {\"figure\": \"fee\", \"x\": \"beacon.radios\"}]",
                List.of("workload.amount.sat", "beacon.radius"));
        assertEquals("e.yaml: plots[1]: x: 'beacon.radios' is not an axis of the sweep (axes: workload.amount.sat, "
                + "beacon.radius)", m);
        m = error("[{\"figure\": \"state_cdf\", \"x\": \"workload.amount.sat\"}]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: x: does not apply to figure state_cdf"), m);
        m = error("[{\"figure\": \"success\", \"cell\": \"c00\"}]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: cell: does not apply to figure success"), m);
        m = error("[{\"x\": \"workload.amount.sat\"}]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: figure: missing"), m);
        m = error("[{\"figure\": 3}]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: figure: expected a non-empty name"), m);
        m = error("[\"success\"]", null);
        assertTrue(m.startsWith("e.yaml: plots[0]: expected a mapping"), m);
        m = error("{\"figure\": \"success\"}", null);
        assertTrue(m.startsWith("e.yaml: plots: expected a list"), m);
    }
}
