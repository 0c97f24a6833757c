package org.soc.correlation;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes the records of the events topic as they are ({@link RawEvent}); they are parsed where they are enriched.
 * Every record becomes one raw event, a record without a value included.
 */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
    out.collect(new RawEvent(record.value(), record.topic(), record.partition(), record.offset(),
        record.timestamp(), false));
  }

  @Override
  public TypeInformation<RawEvent> getProducedType() {
    return BinaryTypeInfo.RAW_EVENT;
  }
}
