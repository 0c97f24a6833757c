package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The binary form of the events topic: a pinned layout, an exact round trip, the event time read from the front,
 * and corrupt records refused with a {@link MalformedEventException} (never another exception, never a garbage
 * event).
 */
class EventBinaryTest {
  private final EventBinary binary = new EventBinary();

  @Test
  void theLayoutIsPinnedByteForByte() {
    Event e = Event.builder()
        .timestamp(Instant.ofEpochSecond(1, 2))
        .organization(new Event.Organization("h", null))
        .build();
    String expected = "0001"          // magic, version 1
        + "01" + "0000000000000001" + "00000002" // @timestamp present: epoch second, nano
        + "00" + "00" + "00" + "00"   // event, source, destination, network absent
        + "00" + "00" + "00" + "00"   // user, host, process, log absent
        + "00"                        // observer absent
        + "01" + "0368" + "00"        // organization present: id "h" (marker 2 * 1 + 1), name null
        + "00" + "00" + "00"          // message null, no labels, no tags
        + "00" + "00";                // error, soc absent
    assertThat(HexFormat.of().formatHex(binary.toBytes(e))).isEqualTo(expected);
    assertThat(binary.fromBytes(HexFormat.of().parseHex(expected))).isEqualTo(e);
  }

  @Test
  void everyComponentRoundTripsExactly() {
    Event full = SampleEvents.full();
    Event back = binary.fromBytes(binary.toBytes(full));
    assertThat(back).isEqualTo(full).isNotSameAs(full);
    assertThat(back.log().syslog().structuredData().get("origin")).containsEntry("software", null);
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      Event e = SampleEvents.random(random);
      assertThat(binary.fromBytes(binary.toBytes(e))).as("random event %d", i).isEqualTo(e);
    }
  }

  @Test
  void anEmptyEventAndALongMessageRoundTrip() {
    Event empty = Event.builder().build();
    assertThat(binary.fromBytes(binary.toBytes(empty))).isEqualTo(empty);
    Event big = SampleEvents.full().toBuilder().message("x".repeat(300_000) + "é").build();
    assertThat(binary.fromBytes(binary.toBytes(big))).isEqualTo(big);
  }

  @Test
  void theEventTimeIsReadFromTheFrontWithoutDecodingTheRest() {
    Event e = SampleEvents.full();
    byte[] bytes = binary.toBytes(e);
    assertThat(EventBinary.leadingTimestamp(bytes)).isEqualTo(e.timestamp());
    byte[] rest = Arrays.copyOf(bytes, 15); // header and timestamp only
    assertThat(EventBinary.leadingTimestamp(rest)).isEqualTo(e.timestamp());
    assertThat(EventBinary.leadingTimestamp(binary.toBytes(Event.builder().build()))).isNull();
    assertThat(EventBinary.leadingTimestamp("{\"@timestamp\":1}".getBytes())).isNull();
  }

  @Test
  void aRecordCutShortAnywhereIsMalformed() {
    byte[] good = binary.toBytes(SampleEvents.full());
    for (int length = 0; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> binary.fromBytes(cut)).as("cut at %d", length)
          .isInstanceOf(MalformedEventException.class);
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> binary.fromBytes(trailing)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void aLaterFormatVersionIsRefusedByName() {
    byte[] v2 = binary.toBytes(SampleEvents.full());
    v2[1] = 2;
    assertThatThrownBy(() -> binary.fromBytes(v2)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void corruptBytesAreMalformedOrAnEventNeverAnotherException() {
    Random random = new Random(11);
    byte[][] seeds = {binary.toBytes(SampleEvents.full()), binary.toBytes(SampleEvents.random(new Random(3)))};
    int decoded = 0;
    int malformed = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = seeds[i % 2].clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[2 + random.nextInt(bytes.length - 2)] = (byte) random.nextInt(256);
      }
      try {
        Event e = binary.fromBytes(bytes);
        assertThat(binary.fromBytes(binary.toBytes(e))).isEqualTo(e);
        decoded++;
      } catch (MalformedEventException expected) {
        malformed++;
      }
    }
    assertThat(decoded).as("some mutations only change a value").isPositive();
    assertThat(malformed).as("most break the layout").isGreaterThan(decoded);
  }

  @Test
  void malformedUtf8InAStringIsCorruptNotReplaced() {
    Event e = Event.builder().message("é").build();
    byte[] bytes = binary.toBytes(e);
    int at = indexOf(bytes, (byte) 0xC3);
    bytes[at + 1] = 0x28; // a lead byte without its continuation
    assertThatThrownBy(() -> binary.fromBytes(bytes)).isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("malformed UTF-8");
  }

  @Test
  void theCodecReadsBothFormatsAndWritesTheOneItWasGiven() {
    Event e = EventJsonTest.sshFailure();
    EventCodec binaryCodec = new EventCodec(EventCodec.Format.BINARY);
    EventCodec jsonCodec = new EventCodec(EventCodec.Format.JSON);
    byte[] asBinary = binaryCodec.encode(e);
    byte[] asJson = jsonCodec.encode(e);
    assertThat(EventBinary.isBinary(asBinary)).isTrue();
    assertThat(asJson[0]).isEqualTo((byte) '{');
    for (EventCodec codec : new EventCodec[] {binaryCodec, jsonCodec}) {
      assertThat(codec.decode(asBinary)).isEqualTo(e);
      assertThat(codec.decode(asJson)).isEqualTo(e);
    }
    assertThat(EventCodec.leadingTimestamp(asBinary)).isEqualTo(e.timestamp());
    assertThat(EventCodec.leadingTimestamp(asJson)).isEqualTo(e.timestamp());
    assertThat(EventCodec.Format.parse(" Json ")).isEqualTo(EventCodec.Format.JSON);
    assertThatThrownBy(() -> EventCodec.Format.parse("avro")).hasMessageContaining("binary or json");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("no byte " + b);
  }
}
