package org.soc.correlation.control;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.soc.correlation.JsonTypeInfo;

/** Reads rule set records of the control topic; an unreadable one becomes an update carrying the error. */
public final class RuleSetDeserializer implements KafkaRecordDeserializationSchema<RuleSetUpdate> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleSetUpdate> out) {
    String origin = record.topic() + "@" + record.partition() + ":" + record.offset();
    out.collect(new RuleSetUpdateCodec().fromJson(record.value() == null ? new byte[0] : record.value(), origin));
  }

  @Override
  public TypeInformation<RuleSetUpdate> getProducedType() {
    return new JsonTypeInfo<>(RuleSetUpdate.class);
  }
}
