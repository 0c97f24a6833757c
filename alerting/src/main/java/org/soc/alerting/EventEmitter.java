package org.soc.alerting;

import org.soc.alerting.elasticsearch.DocumentEmitter;
import org.soc.alerting.elasticsearch.IndexDocument;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/** An {@link Event} into {@code soc-events-<agency>-YYYY.MM.DD}, {@code _id} = {@code event.id}, JSON = {@link EventJson}. */
public final class EventEmitter implements DocumentEmitter<Event> {
  private static final long serialVersionUID = 1L;

  private transient EventJson json;

  @Override
  public IndexDocument emit(Event event) {
    if (json == null) {
      json = new EventJson();
    }
    return new IndexDocument(IndexNames.events(event), event.id(), json.toBytes(event));
  }
}
