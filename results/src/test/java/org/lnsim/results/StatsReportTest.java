package org.lnsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsReportTest {
    private static StatsReport.Column column(String name, long channels, Double frac) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("frac_deg_1", frac);
        return new StatsReport.Column(name, m);
    }

    @Test
    void json_oneNetworkIsAnObject_severalAreAnArrayWithNetworkKeys() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode one = mapper.readTree(StatsReport.render(List.of(column("a", 10, 0.123456)), StatsReport.Format.JSON));
        assertTrue(one.isObject());
        assertEquals(10, one.get("channels").asLong());
        // 0.123456 rounded half-even to 4 places
        assertEquals("0.1235", one.get("frac_deg_1").asText());
        JsonNode two = mapper.readTree(StatsReport.render(List.of(column("a", 10, 0.5), column("b", 20, null)),
                StatsReport.Format.JSON));
        assertTrue(two.isArray());
        assertEquals("b", two.get(1).get("network").asText());
        assertTrue(two.get(1).get("frac_deg_1").isNull());
    }

    @Test
    void csvAndTable_haveOneColumnPerNetwork() {
        List<StatsReport.Column> cols = List.of(column("gen", 1_000_000, 0.2), column("snap,2019", 37_497, null));
        String csv = StatsReport.render(cols, StatsReport.Format.CSV);
        assertEquals("statistic,gen,\"snap,2019\"\nchannels,1000000,37497\nfrac_deg_1,0.2,\n", csv);
        String table = StatsReport.render(cols, StatsReport.Format.TABLE);
        assertTrue(table.contains("1,000,000"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("frac_deg_1") && l.trim().endsWith("-")), table);
    }
}
