package org.soc.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** JSON form of {@link Event}: the ECS document, as written to Kafka and indexed into Elasticsearch. */
public final class EventJson {
  private final ObjectMapper mapper;
  private final EventJsonReader reader;

  public EventJson() {
    this.mapper = newMapper();
    this.reader = new EventJsonReader();
  }

  /** An ObjectMapper configured for ECS documents (ISO-8601 instants, unknown fields tolerated). */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        // Registered after JavaTimeModule, so it takes precedence for Instant.
        .registerModule(new SimpleModule("soc-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /** Buffers above this size are not kept for the next event (one odd 64 KiB message must not pin memory). */
  private static final int KEPT_BUFFER_BYTES = 64 * 1024;

  // One buffer per thread: the collector's event loops share one publisher, and with it this instance.
  private final ThreadLocal<Utf8JsonBuffer> buffers = ThreadLocal.withInitial(() -> new Utf8JsonBuffer(4096));

  /**
   * UTF-8 JSON, written by {@link EventJsonWriter} (no reflection, no generator): the same bytes as
   * {@code mapper().writeValueAsBytes(event)}, at a fraction of the cost. This is the collector's hot path.
   */
  public byte[] toBytes(Event event) {
    Utf8JsonBuffer buffer = buffers.get();
    buffer.reset();
    try {
      EventJsonWriter.write(buffer, event);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (buffer.capacity() > KEPT_BUFFER_BYTES) {
        buffers.remove();
      }
    }
  }

  /** As {@link #toBytes}, as a string: {@code mapper().writeValueAsString(event)} (not a hot path). */
  public String toJson(Event event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an event; throws {@link MalformedEventException} for JSON that is not an event. Documents in the shape
   * our writers produce are read by {@link EventJsonReader}, others by databind, with the same result.
   */
  public Event fromBytes(byte[] json) {
    Event event = json == null ? null : reader.read(json);
    if (event != null) {
      return event;
    }
    try {
      return mapper.readValue(json, Event.class);
    } catch (IOException e) {
      throw new MalformedEventException("not an ECS event document: " + e.getMessage(), e);
    }
  }

  private static final byte[] TIMESTAMP_FIRST = "{\"@timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * The {@code @timestamp} of a document that starts with it, as {@link EventJsonWriter} writes every event, in
   * the form {@link IsoInstantDeserializer} reads without a formatter; null for any other document. Lets a
   * consumer that only needs the event time skip parsing the rest (a later duplicate member is not looked for).
   */
  public static Instant leadingTimestamp(byte[] json) {
    int from = TIMESTAMP_FIRST.length;
    if (json == null || json.length <= from || !Arrays.equals(json, 0, from, TIMESTAMP_FIRST, 0, from)) {
      return null;
    }
    for (int i = from; i < json.length && i < from + 40; i++) {
      byte b = json[i];
      if (b == '"') {
        return IsoInstantDeserializer.parse(new String(json, from, i - from, StandardCharsets.US_ASCII));
      }
      if (b == '\\' || b < 0x20) { // an escape, a control character or non-ASCII (negative)
        return null;
      }
    }
    return null;
  }

  public Event fromJson(String json) {
    try {
      return mapper.readValue(json, Event.class);
    } catch (IOException e) {
      throw new MalformedEventException("not an ECS event document: " + e.getMessage(), e);
    }
  }

  /** The mapper that reads events; {@code mapper().writeValueAsBytes(event)} is the reflective (databind) writer. */
  public ObjectMapper mapper() {
    return mapper;
  }
}
