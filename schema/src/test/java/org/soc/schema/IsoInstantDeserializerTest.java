package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantDeserializerTest {
  private final ObjectMapper ours = EventJson.newMapper();
  private final ObjectMapper javaTime = new ObjectMapper().registerModule(new JavaTimeModule());

  @Test
  void readsEveryInstantAsInstantToStringWritesIt() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      long second = -62_167_219_200L + (long) (random.nextDouble() * (253_402_300_799L + 62_167_219_200L));
      int nano = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(second, nano);
      assertThat(IsoInstantDeserializer.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
    }
  }

  // (24:00:00 and an empty fraction are ISO_INSTANT's leniencies; the fast path leaves them to it.)
  @ParameterizedTest
  @ValueSource(strings = {"\"2026-11-24T08:00:00Z\"", "\"2026-11-24T08:00:00.1Z\"", "\"2024-02-29T23:59:59.123456789Z\"",
      "\"2026-11-24T09:00:00+01:00\"", "\"2026-11-24T08:00:00.5+00:00\"", "1764000000", "1764000000.250",
      "\"+12026-01-01T00:00:00Z\"", "\"1764000000\"", "\"2026-11-24T24:00:00Z\"", "\"2026-11-24T08:00:00.Z\""})
  void acceptsWhatJavaTimeModuleAcceptsWithTheSameResult(String json) throws Exception {
    assertThat(ours.readValue(json, Instant.class)).isEqualTo(javaTime.readValue(json, Instant.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"2026-02-30T00:00:00Z\"", "\"2026-11-24T08:00:00.1234567890Z\"", "\"2026-11-24 08:00:00Z\"", "\"yesterday\"", "\"2026-1a-24T08:00:00Z\""})
  void rejectsWhatJavaTimeModuleRejects(String json) {
    assertThatThrownBy(() -> javaTime.readValue(json, Instant.class)).isInstanceOf(InvalidFormatException.class);
    assertThatThrownBy(() -> ours.readValue(json, Instant.class)).isInstanceOf(InvalidFormatException.class);
  }

  @Test
  void nullStaysNull() throws Exception {
    assertThat(ours.readValue("null", Instant.class)).isNull();
  }
}
