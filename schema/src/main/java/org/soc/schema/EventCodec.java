package org.soc.schema;

import java.time.Instant;
import java.util.Locale;

/**
 * Events as the records of the events topic: written in one {@link Format}, read in either, told apart by their
 * first byte ({@link EventBinary#MAGIC}; a JSON document starts with a brace or whitespace). So a topic may mix
 * both (a collector switched over, an agency producing JSON itself) and every consumer reads all of it.
 *
 * <p>Thread-safe.
 */
public final class EventCodec {
  /** How a writer encodes events. */
  public enum Format {
    /** {@link EventBinary}: what the collectors publish by default, cheapest to write and to read. */
    BINARY,
    /** The ECS JSON document ({@link EventJson}), for consumers of the topic that want to read it as text. */
    JSON;

    /** {@code binary} or {@code json}, any case. */
    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown event format '" + name + "' (binary or json)", e);
      }
    }
  }

  private final Format format;
  private final EventJson json;
  private final EventBinary binary;

  public EventCodec(Format format) {
    this(format, new EventJson(), new EventBinary());
  }

  public EventCodec(Format format, EventJson json, EventBinary binary) {
    this.format = format;
    this.json = json;
    this.binary = binary;
  }

  public Format format() {
    return format;
  }

  public byte[] encode(Event event) {
    return format == Format.BINARY ? binary.toBytes(event) : json.toBytes(event);
  }

  /** The event of a record in either format; {@link MalformedEventException} when it is neither. */
  public Event decode(byte[] record) {
    return EventBinary.isBinary(record) ? binary.fromBytes(record) : json.fromBytes(record);
  }

  /**
   * The event time of a record without decoding the rest, where its format puts it first (as both writers do);
   * null otherwise.
   */
  public static Instant leadingTimestamp(byte[] record) {
    return EventBinary.isBinary(record) ? EventBinary.leadingTimestamp(record) : EventJson.leadingTimestamp(record);
  }
}
