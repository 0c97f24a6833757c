package org.soc.correlation.control;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.soc.correlation.JsonTypeInfo;
import org.soc.correlation.enrich.IntelUpdate;

/**
 * Reads intel list records: key = list name, value = the whole list (one address or CIDR per line, {@code #}
 * comments), version = offset + 1 (after the version-0 lists read from files at start). Records without a key
 * are skipped.
 */
public final class IntelDeserializer implements KafkaRecordDeserializationSchema<IntelUpdate> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IntelUpdate> out) {
    if (record.key() == null) {
      return;
    }
    String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    out.collect(new IntelUpdate(new String(record.key(), StandardCharsets.UTF_8), record.offset() + 1, text));
  }

  @Override
  public TypeInformation<IntelUpdate> getProducedType() {
    return new JsonTypeInfo<>(IntelUpdate.class);
  }
}
