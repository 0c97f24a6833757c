package org.soc.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.soc.alerting.elasticsearch.DocumentEmitter;
import org.soc.alerting.elasticsearch.IndexDocument;
import org.soc.schema.Alert;
import org.soc.schema.EventJson;

/**
 * An {@link Alert} into {@code soc-alerts-<agency>-YYYY.MM} ({@code soc-alerts-national-YYYY.MM} for national
 * alerts), {@code _id} = {@code alert.id} (deterministic, so a replay overwrites), JSON written with the
 * {@link EventJson#newMapper() ECS ObjectMapper}. The document's external version is {@code alert.count}, which
 * only grows as suppression updates the alert, so an older update never overwrites a newer one.
 */
public final class AlertEmitter implements DocumentEmitter<Alert> {
  private static final long serialVersionUID = 1L;

  private transient ObjectMapper mapper;

  @Override
  public IndexDocument emit(Alert alert) {
    if (mapper == null) {
      mapper = EventJson.newMapper();
    }
    try {
      return new IndexDocument(IndexNames.alerts(alert), alert.id(), mapper.writeValueAsBytes(alert),
          alert.alert() == null ? null : (long) alert.alert().count());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
