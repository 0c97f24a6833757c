package org.soc.correlation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.soc.schema.Event;
import org.soc.schema.EventJson;
import org.soc.schema.MalformedEventException;

/**
 * Reads the ECS JSON the collectors write to Kafka. A record that is not an event never fails the job and is never
 * dropped: it becomes an event tagged {@value Event#TAG_PARSE_FAILURE} with the raw bytes in
 * {@code event.original} (or {@code soc.original_base64} when not UTF-8), so it is indexed and visible; it is
 * counted in the {@code parseFailures} metric and kept away from the rules.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<Event> {
  private static final long serialVersionUID = 1L;

  public static final String ERROR_TYPE = "malformed_event";

  private transient EventJson json;
  private transient Counter parseFailures;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    json = new EventJson();
    parseFailures = context.getMetricGroup().counter("parseFailures");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Event> out) {
    if (json == null) {
      json = new EventJson();
    }
    byte[] value = record.value();
    try {
      if (value == null) {
        throw new MalformedEventException("record without value", null);
      }
      out.collect(json.fromBytes(value));
    } catch (MalformedEventException e) {
      if (parseFailures != null) {
        parseFailures.inc();
      }
      out.collect(parseFailure(value, record.topic(), record.partition(), record.offset(), record.timestamp(),
          e.getMessage()));
    }
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
  public TypeInformation<Event> getProducedType() {
    return EventTypeInfo.INSTANCE;
  }
}
