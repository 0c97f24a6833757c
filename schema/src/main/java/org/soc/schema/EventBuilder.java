package org.soc.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable builder for {@link Event}; collectors fill it field set by field set while parsing. */
public final class EventBuilder {
  private Instant timestamp;
  private Event.EventInfo event;
  private Event.Endpoint source;
  private Event.Endpoint destination;
  private Event.NetworkInfo network;
  private Event.UserInfo user;
  private Event.HostInfo host;
  private Event.ProcessInfo process;
  private Event.LogInfo log;
  private Event.Observer observer;
  private Event.Organization organization;
  private String message;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<String> tags = new ArrayList<>();
  private Event.ErrorInfo error;
  private Event.SocInfo soc;

  EventBuilder() {}

  EventBuilder(Event e) {
    timestamp = e.timestamp();
    event = e.event();
    source = e.source();
    destination = e.destination();
    network = e.network();
    user = e.user();
    host = e.host();
    process = e.process();
    log = e.log();
    observer = e.observer();
    organization = e.organization();
    message = e.message();
    labels.putAll(e.labels());
    tags.addAll(e.tags());
    error = e.error();
    soc = e.soc();
  }

  public EventBuilder timestamp(Instant v) { timestamp = v; return this; }
  public EventBuilder event(Event.EventInfo v) { event = v; return this; }
  public EventBuilder source(Event.Endpoint v) { source = v; return this; }
  public EventBuilder destination(Event.Endpoint v) { destination = v; return this; }
  public EventBuilder network(Event.NetworkInfo v) { network = v; return this; }
  public EventBuilder user(Event.UserInfo v) { user = v; return this; }
  public EventBuilder host(Event.HostInfo v) { host = v; return this; }
  public EventBuilder process(Event.ProcessInfo v) { process = v; return this; }
  public EventBuilder log(Event.LogInfo v) { log = v; return this; }
  public EventBuilder observer(Event.Observer v) { observer = v; return this; }
  public EventBuilder organization(Event.Organization v) { organization = v; return this; }
  public EventBuilder message(String v) { message = v; return this; }
  public EventBuilder label(String key, String value) { labels.put(key, value); return this; }
  public EventBuilder tag(String v) { if (!tags.contains(v)) tags.add(v); return this; }
  public EventBuilder error(Event.ErrorInfo v) { error = v; return this; }
  public EventBuilder soc(Event.SocInfo v) { soc = v; return this; }

  public Event.EventInfo eventInfo() { return event; }
  public Instant timestamp() { return timestamp; }

  /** Marks the event as a parse failure: tagged, with the reason in {@code error.*}. */
  public EventBuilder parseFailure(String type, String reason) {
    tag(Event.TAG_PARSE_FAILURE);
    error = new Event.ErrorInfo(type, reason);
    return this;
  }

  public Event build() {
    return new Event(timestamp, event, source, destination, network, user, host, process, log, observer,
        organization, message, labels, tags, error, soc);
  }
}
