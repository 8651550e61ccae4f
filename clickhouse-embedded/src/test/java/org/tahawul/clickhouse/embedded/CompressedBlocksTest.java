package org.tahawul.clickhouse.embedded;

import com.clickhouse.client.api.internal.ClickHouseLZ4InputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedBlocksTest {

    private static byte[] sample(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 97 < 60 ? 'a' + i % 7 : random.nextInt());
        }
        return data;
    }

    private static byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressing = CompressedBlocks.compressing(out)) {
            compressing.write(data, 0, data.length / 3);
            compressing.write(data, data.length / 3, data.length - data.length / 3);
        }
        return out.toByteArray();
    }

    @Test
    void theOfficialClientReadsWhatWeWrite() throws IOException {
        byte[] data = sample(3 * (1 << 20) + 12345); // several blocks
        byte[] framed = compress(data);
        ClickHouseLZ4InputStream in = new ClickHouseLZ4InputStream(new ByteArrayInputStream(framed),
                LZ4Factory.fastestInstance().fastDecompressor(), 1 << 20);
        assertThat(in.readAllBytes()).isEqualTo(data);
    }

    @Test
    void roundTripsOurOwnFraming() throws IOException {
        byte[] data = sample(2_500_000);
        assertThat(CompressedBlocks.decompressing(new ByteArrayInputStream(compress(data))).readAllBytes())
                .isEqualTo(data);
    }

    @Test
    void aCorruptedBlockFailsTheChecksum() throws IOException {
        byte[] framed = compress(sample(10_000));
        framed[40] ^= 0x55;
        assertThatThrownBy(() -> CompressedBlocks.decompressing(new ByteArrayInputStream(framed)).readAllBytes())
                .isInstanceOf(EngineException.Carrier.class)
                .hasMessageContaining("CHECKSUM_DOESNT_MATCH");
    }

    @Test
    void repeatedRowBinaryHeadersAreMeasuredOnTheFirstBlock() {
        // RowBinaryWithNamesAndTypes header: 1 column "number" of type "UInt64", then one row
        ByteBuffer block = ByteBuffer.wrap(new byte[] {1, 6, 'n', 'u', 'm', 'b', 'e', 'r', 6, 'U', 'I', 'n', 't',
            '6', '4', 42, 0, 0, 0, 0, 0, 0, 0});
        assertThat(Formats.repeatedHeaderLength("RowBinaryWithNamesAndTypes", block)).isEqualTo(15);
        assertThat(Formats.repeatedHeaderLength("TSVWithNamesAndTypes",
                ByteBuffer.wrap("a\tb\nUInt8\tString\n1\tx\n".getBytes()))).isEqualTo(17);
        assertThat(Formats.repeatedHeaderLength("CSV", block)).isZero();
    }
}
