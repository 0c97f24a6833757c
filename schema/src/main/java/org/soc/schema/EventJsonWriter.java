package org.soc.schema;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Event} field by field into a {@link Utf8JsonBuffer}: no reflection, no serializer lookup.
 *
 * <p>The output is byte for byte what databind writes for the annotated records ({@link EventJson#newMapper()}):
 * components in declaration order under their {@code @JsonProperty} names; {@code NON_EMPTY} omits null, empty
 * strings, empty lists and empty maps, but not a nested record whose fields are all absent (databind writes
 * {@code {}} for it) nor null or empty values inside a map; instants as {@link Instant#toString()} writes them (ISO-8601,
 * what JavaTimeModule writes with {@code WRITE_DATES_AS_TIMESTAMPS} off; see {@link Utf8JsonBuffer#writeInstant}); map entries in the map's iteration order.
 * {@code EventJsonWriterTest} holds it to that. A field added to a record must be added here too, or that test
 * fails.
 */
final class EventJsonWriter {
  private static final Utf8JsonBuffer.Name TIMESTAMP = name("@timestamp");
  private static final Utf8JsonBuffer.Name EVENT = name("event");
  private static final Utf8JsonBuffer.Name SOURCE = name("source");
  private static final Utf8JsonBuffer.Name DESTINATION = name("destination");
  private static final Utf8JsonBuffer.Name NETWORK = name("network");
  private static final Utf8JsonBuffer.Name USER = name("user");
  private static final Utf8JsonBuffer.Name HOST = name("host");
  private static final Utf8JsonBuffer.Name PROCESS = name("process");
  private static final Utf8JsonBuffer.Name LOG = name("log");
  private static final Utf8JsonBuffer.Name OBSERVER = name("observer");
  private static final Utf8JsonBuffer.Name ORGANIZATION = name("organization");
  private static final Utf8JsonBuffer.Name MESSAGE = name("message");
  private static final Utf8JsonBuffer.Name LABELS = name("labels");
  private static final Utf8JsonBuffer.Name TAGS = name("tags");
  private static final Utf8JsonBuffer.Name ERROR = name("error");
  private static final Utf8JsonBuffer.Name SOC = name("soc");

  private static final Utf8JsonBuffer.Name ID = name("id");
  private static final Utf8JsonBuffer.Name KIND = name("kind");
  private static final Utf8JsonBuffer.Name CATEGORY = name("category");
  private static final Utf8JsonBuffer.Name TYPE = name("type");
  private static final Utf8JsonBuffer.Name ACTION = name("action");
  private static final Utf8JsonBuffer.Name OUTCOME = name("outcome");
  private static final Utf8JsonBuffer.Name SEVERITY = name("severity");
  private static final Utf8JsonBuffer.Name ORIGINAL = name("original");
  private static final Utf8JsonBuffer.Name INGESTED = name("ingested");
  private static final Utf8JsonBuffer.Name DATASET = name("dataset");
  private static final Utf8JsonBuffer.Name START = name("start");
  private static final Utf8JsonBuffer.Name END = name("end");

  private static final Utf8JsonBuffer.Name IP = name("ip");
  private static final Utf8JsonBuffer.Name PORT = name("port");
  private static final Utf8JsonBuffer.Name BYTES = name("bytes");
  private static final Utf8JsonBuffer.Name PACKETS = name("packets");
  private static final Utf8JsonBuffer.Name TRANSPORT = name("transport");
  private static final Utf8JsonBuffer.Name IANA_NUMBER = name("iana_number");
  private static final Utf8JsonBuffer.Name DIRECTION = name("direction");
  private static final Utf8JsonBuffer.Name NAME = name("name");
  private static final Utf8JsonBuffer.Name PID = name("pid");
  private static final Utf8JsonBuffer.Name SYSLOG = name("syslog");
  private static final Utf8JsonBuffer.Name FACILITY = name("facility");
  private static final Utf8JsonBuffer.Name PRIORITY = name("priority");
  private static final Utf8JsonBuffer.Name VERSION = name("version");
  private static final Utf8JsonBuffer.Name APPNAME = name("appname");
  private static final Utf8JsonBuffer.Name PROCID = name("procid");
  private static final Utf8JsonBuffer.Name MSGID = name("msgid");
  private static final Utf8JsonBuffer.Name HOSTNAME = name("hostname");
  private static final Utf8JsonBuffer.Name STRUCTURED_DATA = name("structured_data");
  private static final Utf8JsonBuffer.Name CODE = name("code");
  private static final Utf8JsonBuffer.Name ORIGINAL_BASE64 = name("original_base64");
  private static final Utf8JsonBuffer.Name ORIGINAL_LENGTH = name("original_length");
  private static final Utf8JsonBuffer.Name TRUNCATED = name("truncated");
  private static final Utf8JsonBuffer.Name INPUT = name("input");
  private static final Utf8JsonBuffer.Name LATE = name("late");

  private EventJsonWriter() {}

  private static Utf8JsonBuffer.Name name(String name) {
    return new Utf8JsonBuffer.Name(name);
  }

  static void write(Utf8JsonBuffer g, Event e) throws IOException {
    g.writeStartObject();
    instant(g, TIMESTAMP, e.timestamp());
    eventInfo(g, e.event());
    endpoint(g, SOURCE, e.source());
    endpoint(g, DESTINATION, e.destination());
    network(g, e.network());
    if (e.user() != null) {
      g.writeFieldName(USER);
      g.writeStartObject();
      string(g, NAME, e.user().name());
      g.writeEndObject();
    }
    if (e.host() != null) {
      g.writeFieldName(HOST);
      g.writeStartObject();
      string(g, NAME, e.host().name());
      g.writeEndObject();
    }
    if (e.process() != null) {
      g.writeFieldName(PROCESS);
      g.writeStartObject();
      string(g, NAME, e.process().name());
      number(g, PID, e.process().pid());
      g.writeEndObject();
    }
    if (e.log() != null) {
      g.writeFieldName(LOG);
      g.writeStartObject();
      syslog(g, e.log().syslog());
      g.writeEndObject();
    }
    observer(g, e.observer());
    if (e.organization() != null) {
      g.writeFieldName(ORGANIZATION);
      g.writeStartObject();
      string(g, ID, e.organization().id());
      string(g, NAME, e.organization().name());
      g.writeEndObject();
    }
    string(g, MESSAGE, e.message());
    stringMap(g, LABELS, e.labels());
    strings(g, TAGS, e.tags());
    if (e.error() != null) {
      g.writeFieldName(ERROR);
      g.writeStartObject();
      string(g, TYPE, e.error().type());
      string(g, MESSAGE, e.error().message());
      g.writeEndObject();
    }
    soc(g, e.soc());
    g.writeEndObject();
  }

  private static void eventInfo(Utf8JsonBuffer g, Event.EventInfo v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(EVENT);
    g.writeStartObject();
    string(g, ID, v.id());
    string(g, KIND, v.kind());
    strings(g, CATEGORY, v.category());
    strings(g, TYPE, v.type());
    string(g, ACTION, v.action());
    string(g, OUTCOME, v.outcome());
    number(g, SEVERITY, v.severity());
    string(g, ORIGINAL, v.original());
    instant(g, INGESTED, v.ingested());
    string(g, DATASET, v.dataset());
    instant(g, START, v.start());
    instant(g, END, v.end());
    g.writeEndObject();
  }

  private static void endpoint(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Event.Endpoint v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartObject();
    string(g, IP, v.ip());
    number(g, PORT, v.port());
    number(g, BYTES, v.bytes());
    number(g, PACKETS, v.packets());
    g.writeEndObject();
  }

  private static void network(Utf8JsonBuffer g, Event.NetworkInfo v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(NETWORK);
    g.writeStartObject();
    string(g, TRANSPORT, v.transport());
    string(g, IANA_NUMBER, v.ianaNumber());
    number(g, BYTES, v.bytes());
    number(g, PACKETS, v.packets());
    string(g, DIRECTION, v.direction());
    g.writeEndObject();
  }

  private static void syslog(Utf8JsonBuffer g, Event.SyslogInfo v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(SYSLOG);
    g.writeStartObject();
    code(g, FACILITY, v.facility());
    code(g, SEVERITY, v.severity());
    number(g, PRIORITY, v.priority());
    number(g, VERSION, v.version());
    string(g, APPNAME, v.appname());
    string(g, PROCID, v.procid());
    string(g, MSGID, v.msgid());
    string(g, HOSTNAME, v.hostname());
    Map<String, Map<String, String>> sd = v.structuredData();
    if (!sd.isEmpty()) {
      g.writeFieldName(STRUCTURED_DATA);
      g.writeStartObject();
      for (Map.Entry<String, Map<String, String>> element : sd.entrySet()) {
        g.writeFieldName(element.getKey());
        Map<String, String> params = element.getValue();
        if (params == null) {
          g.writeNull();
        } else {
          g.writeStartObject();
          mapEntries(g, params);
          g.writeEndObject();
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void code(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Event.Code v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartObject();
    number(g, CODE, v.code());
    string(g, NAME, v.name());
    g.writeEndObject();
  }

  private static void observer(Utf8JsonBuffer g, Event.Observer v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(OBSERVER);
    g.writeStartObject();
    string(g, IP, v.ip());
    number(g, PORT, v.port());
    string(g, HOSTNAME, v.hostname());
    string(g, TYPE, v.type());
    g.writeEndObject();
  }

  private static void soc(Utf8JsonBuffer g, Event.SocInfo v) throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(SOC);
    g.writeStartObject();
    string(g, ORIGINAL_BASE64, v.originalBase64());
    number(g, ORIGINAL_LENGTH, v.originalLength());
    bool(g, TRUNCATED, v.truncated());
    string(g, INPUT, v.input());
    bool(g, LATE, v.late());
    g.writeEndObject();
  }

  private static void string(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, String v) throws IOException {
    if (v != null && !v.isEmpty()) {
      g.writeFieldName(field);
      g.writeString(v);
    }
  }

  private static void number(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Integer v) throws IOException {
    if (v != null) {
      g.writeFieldName(field);
      g.writeNumber(v.intValue());
    }
  }

  private static void number(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Long v) throws IOException {
    if (v != null) {
      g.writeFieldName(field);
      g.writeNumber(v.longValue());
    }
  }

  private static void bool(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Boolean v) throws IOException {
    if (v != null) {
      g.writeFieldName(field);
      g.writeBoolean(v);
    }
  }

  private static void instant(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Instant v) throws IOException {
    if (v != null) {
      g.writeFieldName(field);
      g.writeInstant(v);
    }
  }

  private static void strings(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, List<String> v) throws IOException {
    if (v.isEmpty()) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartArray();
    for (int i = 0, n = v.size(); i < n; i++) {
      String s = v.get(i);
      if (s == null) {
        g.writeNull();
      } else {
        g.writeString(s);
      }
    }
    g.writeEndArray();
  }

  private static void stringMap(Utf8JsonBuffer g, Utf8JsonBuffer.Name field, Map<String, String> v)
      throws IOException {
    if (v.isEmpty()) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartObject();
    mapEntries(g, v);
    g.writeEndObject();
  }

  private static void mapEntries(Utf8JsonBuffer g, Map<String, String> v) throws IOException {
    for (Map.Entry<String, String> entry : v.entrySet()) {
      String key = entry.getKey();
      if (key == null) {
        // What databind does with a null key (its default null-key serializer), rather than invent one.
        throw new IOException("Null key for a Map not allowed in JSON (use a converting NullKeySerializer?)");
      }
      g.writeFieldName(key);
      String value = entry.getValue();
      if (value == null) {
        g.writeNull();
      } else {
        g.writeString(value);
      }
    }
  }
}
