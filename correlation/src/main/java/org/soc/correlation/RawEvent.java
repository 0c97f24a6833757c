package org.soc.correlation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.soc.schema.Event;
import org.soc.schema.EventCodec;
import org.soc.schema.MalformedEventException;

/**
 * A Kafka record of the events topic as it arrived: its value (an event in the collectors' binary form or ECS
 * JSON, or anything) and its position, parsed only where it is enriched ({@link #toEvent}). Why not parse in the source: enrichment has a
 * broadcast input, so it cannot chain with the source and every record crosses a serialising hop there; bytes
 * cross it as one copy, where a parsed event is written and read field by field.
 *
 * @param value the record value, or null for a record without one
 * @param late the event time was not after the watermark when the record arrived ({@link LateEventMarker})
 */
public record RawEvent(byte[] value, String topic, int partition, long offset, long recordTimestamp, boolean late) {
  public static final String ERROR_TYPE = "malformed_event";

  public RawEvent {
    Objects.requireNonNull(topic, "topic");
  }

  /** A record at {@code offset} of partition 0 of {@code soc.events} (tests, in-memory sources). */
  public static RawEvent of(byte[] value, long offset, long recordTimestamp) {
    return new RawEvent(value, "soc.events", 0, offset, recordTimestamp, false);
  }

  public RawEvent markedLate() {
    return new RawEvent(value, topic, partition, offset, recordTimestamp, true);
  }

  /**
   * Event time: {@code @timestamp}, read from the front of the document where the collectors write it
   * ({@link EventCodec#leadingTimestamp}, either format), else from the parsed event; the record's Kafka time
   * when the record is no event or has no time (as {@link #toEvent}'s parse failure has).
   */
  public long eventTime(EventCodec codec) {
    Instant at = EventCodec.leadingTimestamp(value);
    if (at == null && value != null) {
      try {
        at = codec.decode(value).timestamp();
      } catch (MalformedEventException e) {
        at = null;
      }
    }
    return at != null ? at.toEpochMilli() : Math.max(0, recordTimestamp);
  }

  /**
   * The event, flagged {@code soc.late} when late. A record that is not an event never fails the job and is never
   * dropped: it becomes an event tagged {@value Event#TAG_PARSE_FAILURE} with the raw bytes in
   * {@code event.original} (or {@code soc.original_base64} when not UTF-8), {@link #parseFailure}.
   *
   * @param onParseFailure run when the record is no event
   */
  public Event toEvent(EventCodec codec, Runnable onParseFailure) {
    Event event;
    try {
      if (value == null) {
        throw new MalformedEventException("record without value", null);
      }
      event = codec.decode(value);
    } catch (MalformedEventException e) {
      event = parseFailure(value, topic, partition, offset, recordTimestamp, e.getMessage());
      onParseFailure.run();
    }
    return late ? markLate(event) : event;
  }

  private static Event markLate(Event event) {
    Event.SocInfo soc = event.soc();
    Event.SocInfo late = soc == null
        ? new Event.SocInfo(null, null, null, null, true)
        : new Event.SocInfo(soc.originalBase64(), soc.originalLength(), soc.truncated(), soc.input(), true);
    return event.toBuilder().soc(late).build();
  }

  /**
   * The event standing for an unreadable record. Its id is derived from the record's position, its time is the
   * record's Kafka timestamp, so a replay yields the same document.
   */
  public static Event parseFailure(byte[] raw, String topic, int partition, long offset, long recordTimestamp,
      String reason) {
    byte[] bytes = raw == null ? new byte[0] : raw;
    String original = null;
    Event.SocInfo soc;
    try {
      original = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      soc = new Event.SocInfo(null, bytes.length, null, "kafka", null);
    } catch (CharacterCodingException notUtf8) {
      soc = new Event.SocInfo(Base64.getEncoder().encodeToString(bytes), bytes.length, null, "kafka", null);
    }
    String id = "kafka-" + topic + "-" + partition + "-" + offset;
    return Event.builder()
        .timestamp(Instant.ofEpochMilli(Math.max(0, recordTimestamp)))
        .event(new Event.EventInfo(id, "pipeline_error", null, null, null, null, null, original, null,
            "soc.correlation", null, null))
        .organization(Event.Organization.UNKNOWN)
        .soc(soc)
        .parseFailure(ERROR_TYPE, reason)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawEvent r && Arrays.equals(value, r.value) && topic.equals(r.topic)
        && partition == r.partition && offset == r.offset && recordTimestamp == r.recordTimestamp && late == r.late;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(value), topic, partition, offset, recordTimestamp, late);
  }

  @Override
  public String toString() {
    return "RawEvent[" + topic + "-" + partition + "@" + offset + ", " + (value == null ? "no value"
        : value.length + " bytes") + (late ? ", late]" : "]");
  }
}
