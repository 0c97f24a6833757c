package org.soc.correlation.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.soc.alerting.elasticsearch.DocumentEmitter;
import org.soc.alerting.elasticsearch.IndexDocument;
import org.soc.schema.EventJson;

/** A {@link RuleSetStatus} into {@value RuleSetStatus#INDEX}, {@code _id} = {@link RuleSetStatus#id()}. */
public final class RuleSetStatusEmitter implements DocumentEmitter<RuleSetStatus> {
  private static final long serialVersionUID = 1L;

  private transient ObjectMapper mapper;

  @Override
  public IndexDocument emit(RuleSetStatus status) {
    if (mapper == null) {
      mapper = EventJson.newMapper();
    }
    try {
      return new IndexDocument(RuleSetStatus.INDEX, status.id(), mapper.writeValueAsBytes(status));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
