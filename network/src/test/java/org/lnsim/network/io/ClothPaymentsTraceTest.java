package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.TestGraphs;

/** CLoTH payment traces: node ids resolved to indices, ms to µs, and bad lines named by file and line. */
class ClothPaymentsTraceTest {
    @Test
    void clothTraceIsReadAndBadLinesAreNamed(@TempDir Path dir) throws IOException {
        ChannelGraph g = TestGraphs.star();
        Path ok = dir.resolve("payments.csv");
        Files.writeString(ok, "id,sender_id,receiver_id,amount,start_time\n0,2,3,100000,0\n\n1,1,4,5000,1500\n");
        List<ClothPaymentsTrace.Payment> w = ClothPaymentsTrace.read(ok, g);
        assertEquals(2, w.size());
        assertEquals(new ClothPaymentsTrace.Payment(1, 2, 100_000, 0), w.get(0));
        assertEquals(new ClothPaymentsTrace.Payment(0, 3, 5_000, 1_500_000), w.get(1));

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "id,sender_id,receiver_id,amount,start_time\n0,2,5,100,0\n");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> ClothPaymentsTrace.read(unknown, g));
        assertTrue(e.getMessage().contains("unknown.csv, line 2") && e.getMessage().contains("receiver_id 5"), e.getMessage());

        Path back = dir.resolve("back.csv");
        Files.writeString(back, "id,sender_id,receiver_id,amount,start_time\n0,2,3,100,10\n1,2,3,100,9\n");
        e = assertThrows(NetworkFormatException.class, () -> ClothPaymentsTrace.read(back, g));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("backwards"), e.getMessage());

        Path text = dir.resolve("text.csv");
        Files.writeString(text, "id,sender_id,receiver_id,amount,start_time\n0,2,3,lots,0\n");
        e = assertThrows(NetworkFormatException.class, () -> ClothPaymentsTrace.read(text, g));
        assertTrue(e.getMessage().contains("amount is not a non-negative integer: 'lots'"), e.getMessage());
    }
}
