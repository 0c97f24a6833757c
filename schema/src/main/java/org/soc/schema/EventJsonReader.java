package org.soc.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link Event} from its ECS JSON with Jackson's streaming parser, for documents in the shape our writers
 * produce: every member the JSON type of its {@link Event} component (strings as strings, whole numbers in range,
 * instants as {@link IsoInstantDeserializer#parse} takes them, objects or null for nested records), no member
 * twice in one object. Unknown members are skipped, as databind does. Anything else (a number in a string, a
 * fraction for an int, a duplicate, malformed JSON) makes {@link #read} return null and the caller reads the
 * document with databind, so what is accepted, how it is coerced and which error is reported stay databind's.
 * Why: databind's record creators were two thirds of the correlation source's CPU.
 */
final class EventJsonReader {
  private final JsonFactory factory;

  EventJsonReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** The event, or null when the document is not in the shape this reader takes. */
  Event read(byte[] json) {
    try (JsonParser p = factory.createParser(json)) {
      return p.nextToken() == JsonToken.START_OBJECT ? event(p) : null;
    } catch (NotTaken | IOException e) {
      return null;
    }
  }

  /** Stackless: thrown for every document this reader leaves to databind. */
  private static final class NotTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotTaken INSTANCE = new NotTaken();

    private NotTaken() {
      super(null, null, false, false);
    }
  }

  /** True on the next member's name, false at the object's end; truncated input is left to databind. */
  private static boolean member(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.FIELD_NAME) {
      return true;
    }
    if (t == JsonToken.END_OBJECT) {
      return false;
    }
    throw NotTaken.INSTANCE;
  }

  private static int once(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw NotTaken.INSTANCE;
    }
    return seen | bit;
  }

  private static Event event(JsonParser p) throws IOException {
    Instant timestamp = null;
    Event.EventInfo event = null;
    Event.Endpoint source = null;
    Event.Endpoint destination = null;
    Event.NetworkInfo network = null;
    Event.UserInfo user = null;
    Event.HostInfo host = null;
    Event.ProcessInfo process = null;
    Event.LogInfo log = null;
    Event.Observer observer = null;
    Event.Organization organization = null;
    String message = null;
    Map<String, String> labels = null;
    List<String> tags = null;
    Event.ErrorInfo error = null;
    Event.SocInfo soc = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "@timestamp" -> { seen = once(seen, 1); timestamp = instant(p, t); }
        case "event" -> { seen = once(seen, 1 << 1); event = open(t) ? eventInfo(p) : null; }
        case "source" -> { seen = once(seen, 1 << 2); source = open(t) ? endpoint(p) : null; }
        case "destination" -> { seen = once(seen, 1 << 3); destination = open(t) ? endpoint(p) : null; }
        case "network" -> { seen = once(seen, 1 << 4); network = open(t) ? network(p) : null; }
        case "user" -> { seen = once(seen, 1 << 5); user = open(t) ? new Event.UserInfo(name(p)) : null; }
        case "host" -> { seen = once(seen, 1 << 6); host = open(t) ? new Event.HostInfo(name(p)) : null; }
        case "process" -> { seen = once(seen, 1 << 7); process = open(t) ? process(p) : null; }
        case "log" -> { seen = once(seen, 1 << 8); log = open(t) ? log(p) : null; }
        case "observer" -> { seen = once(seen, 1 << 9); observer = open(t) ? observer(p) : null; }
        case "organization" -> { seen = once(seen, 1 << 10); organization = open(t) ? organization(p) : null; }
        case "message" -> { seen = once(seen, 1 << 11); message = string(p, t); }
        case "labels" -> { seen = once(seen, 1 << 12); labels = open(t) ? stringMap(p) : null; }
        case "tags" -> { seen = once(seen, 1 << 13); tags = stringList(p, t); }
        case "error" -> { seen = once(seen, 1 << 14); error = open(t) ? error(p) : null; }
        case "soc" -> { seen = once(seen, 1 << 15); soc = open(t) ? soc(p) : null; }
        default -> p.skipChildren();
      }
    }
    return new Event(timestamp, event, source, destination, network, user, host, process, log, observer,
        organization, message, labels, tags, error, soc);
  }

  private static Event.EventInfo eventInfo(JsonParser p) throws IOException {
    String id = null, kind = null, action = null, outcome = null, original = null, dataset = null;
    List<String> category = null, type = null;
    Integer severity = null;
    Instant ingested = null, start = null, end = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> { seen = once(seen, 1); id = string(p, t); }
        case "kind" -> { seen = once(seen, 1 << 1); kind = string(p, t); }
        case "category" -> { seen = once(seen, 1 << 2); category = stringList(p, t); }
        case "type" -> { seen = once(seen, 1 << 3); type = stringList(p, t); }
        case "action" -> { seen = once(seen, 1 << 4); action = string(p, t); }
        case "outcome" -> { seen = once(seen, 1 << 5); outcome = string(p, t); }
        case "severity" -> { seen = once(seen, 1 << 6); severity = integer(p, t); }
        case "original" -> { seen = once(seen, 1 << 7); original = string(p, t); }
        case "ingested" -> { seen = once(seen, 1 << 8); ingested = instant(p, t); }
        case "dataset" -> { seen = once(seen, 1 << 9); dataset = string(p, t); }
        case "start" -> { seen = once(seen, 1 << 10); start = instant(p, t); }
        case "end" -> { seen = once(seen, 1 << 11); end = instant(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.EventInfo(id, kind, category, type, action, outcome, severity, original, ingested, dataset,
        start, end);
  }

  private static Event.Endpoint endpoint(JsonParser p) throws IOException {
    String ip = null;
    Integer port = null;
    Long bytes = null, packets = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "ip" -> { seen = once(seen, 1); ip = string(p, t); }
        case "port" -> { seen = once(seen, 1 << 1); port = integer(p, t); }
        case "bytes" -> { seen = once(seen, 1 << 2); bytes = longValue(p, t); }
        case "packets" -> { seen = once(seen, 1 << 3); packets = longValue(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.Endpoint(ip, port, bytes, packets);
  }

  private static Event.NetworkInfo network(JsonParser p) throws IOException {
    String transport = null, iana = null, direction = null;
    Long bytes = null, packets = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "transport" -> { seen = once(seen, 1); transport = string(p, t); }
        case "iana_number" -> { seen = once(seen, 1 << 1); iana = string(p, t); }
        case "bytes" -> { seen = once(seen, 1 << 2); bytes = longValue(p, t); }
        case "packets" -> { seen = once(seen, 1 << 3); packets = longValue(p, t); }
        case "direction" -> { seen = once(seen, 1 << 4); direction = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.NetworkInfo(transport, iana, bytes, packets, direction);
  }

  /** The one member of {@code user} and {@code host}. */
  private static String name(JsonParser p) throws IOException {
    String value = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("name")) {
        seen = once(seen, 1);
        value = string(p, t);
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  private static Event.ProcessInfo process(JsonParser p) throws IOException {
    String name = null;
    Long pid = null;
    int seen = 0;
    while (member(p)) {
      String member = p.currentName();
      JsonToken t = p.nextToken();
      switch (member) {
        case "name" -> { seen = once(seen, 1); name = string(p, t); }
        case "pid" -> { seen = once(seen, 1 << 1); pid = longValue(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.ProcessInfo(name, pid);
  }

  private static Event.LogInfo log(JsonParser p) throws IOException {
    Event.SyslogInfo syslog = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("syslog")) {
        seen = once(seen, 1);
        syslog = open(t) ? syslog(p) : null;
      } else {
        p.skipChildren();
      }
    }
    return new Event.LogInfo(syslog);
  }

  private static Event.SyslogInfo syslog(JsonParser p) throws IOException {
    Event.Code facility = null, severity = null;
    Integer priority = null, version = null;
    String appname = null, procid = null, msgid = null, hostname = null;
    Map<String, Map<String, String>> structuredData = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "facility" -> { seen = once(seen, 1); facility = open(t) ? code(p) : null; }
        case "severity" -> { seen = once(seen, 1 << 1); severity = open(t) ? code(p) : null; }
        case "priority" -> { seen = once(seen, 1 << 2); priority = integer(p, t); }
        case "version" -> { seen = once(seen, 1 << 3); version = integer(p, t); }
        case "appname" -> { seen = once(seen, 1 << 4); appname = string(p, t); }
        case "procid" -> { seen = once(seen, 1 << 5); procid = string(p, t); }
        case "msgid" -> { seen = once(seen, 1 << 6); msgid = string(p, t); }
        case "hostname" -> { seen = once(seen, 1 << 7); hostname = string(p, t); }
        case "structured_data" -> { seen = once(seen, 1 << 8); structuredData = open(t) ? structuredData(p) : null; }
        default -> p.skipChildren();
      }
    }
    return new Event.SyslogInfo(facility, severity, priority, version, appname, procid, msgid, hostname,
        structuredData);
  }

  private static Event.Code code(JsonParser p) throws IOException {
    Integer code = null;
    String name = null;
    int seen = 0;
    while (member(p)) {
      String member = p.currentName();
      JsonToken t = p.nextToken();
      switch (member) {
        case "code" -> { seen = once(seen, 1); code = integer(p, t); }
        case "name" -> { seen = once(seen, 1 << 1); name = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.Code(code, name);
  }

  /** SD-ID to parameters, both in document order; a parameter may be null, an SD element may not. */
  private static Map<String, Map<String, String>> structuredData(JsonParser p) throws IOException {
    Map<String, Map<String, String>> elements = new LinkedHashMap<>();
    while (member(p)) {
      String id = p.currentName();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw NotTaken.INSTANCE;
      }
      Map<String, String> params = new LinkedHashMap<>();
      while (member(p)) {
        String param = p.currentName();
        JsonToken t = p.nextToken();
        if (params.containsKey(param)) {
          throw NotTaken.INSTANCE;
        }
        params.put(param, string(p, t));
      }
      if (elements.put(id, params) != null) {
        throw NotTaken.INSTANCE;
      }
    }
    return elements;
  }

  private static Event.Observer observer(JsonParser p) throws IOException {
    String ip = null, hostname = null, type = null;
    Integer port = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "ip" -> { seen = once(seen, 1); ip = string(p, t); }
        case "port" -> { seen = once(seen, 1 << 1); port = integer(p, t); }
        case "hostname" -> { seen = once(seen, 1 << 2); hostname = string(p, t); }
        case "type" -> { seen = once(seen, 1 << 3); type = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.Observer(ip, port, hostname, type);
  }

  private static Event.Organization organization(JsonParser p) throws IOException {
    String id = null, name = null;
    int seen = 0;
    while (member(p)) {
      String member = p.currentName();
      JsonToken t = p.nextToken();
      switch (member) {
        case "id" -> { seen = once(seen, 1); id = string(p, t); }
        case "name" -> { seen = once(seen, 1 << 1); name = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.Organization(id, name);
  }

  private static Event.ErrorInfo error(JsonParser p) throws IOException {
    String type = null, message = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> { seen = once(seen, 1); type = string(p, t); }
        case "message" -> { seen = once(seen, 1 << 1); message = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new Event.ErrorInfo(type, message);
  }

  private static Event.SocInfo soc(JsonParser p) throws IOException {
    String originalBase64 = null, input = null;
    Integer originalLength = null;
    Boolean truncated = null, late = null;
    int seen = 0;
    while (member(p)) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "original_base64" -> { seen = once(seen, 1); originalBase64 = string(p, t); }
        case "original_length" -> { seen = once(seen, 1 << 1); originalLength = integer(p, t); }
        case "truncated" -> { seen = once(seen, 1 << 2); truncated = bool(t); }
        case "input" -> { seen = once(seen, 1 << 3); input = string(p, t); }
        case "late" -> { seen = once(seen, 1 << 4); late = bool(t); }
        default -> p.skipChildren();
      }
    }
    return new Event.SocInfo(originalBase64, originalLength, truncated, input, late);
  }

  // ---- values; the parser is on the value's first token

  /** True for an object to read, false for null; anything else is left to databind. */
  private static boolean open(JsonToken t) {
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw NotTaken.INSTANCE;
  }

  private static String string(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotTaken.INSTANCE;
  }

  private static Integer integer(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotTaken.INSTANCE;
  }

  private static Long longValue(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotTaken.INSTANCE;
  }

  private static Boolean bool(JsonToken t) {
    return switch (t) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw NotTaken.INSTANCE;
    };
  }

  private static Instant instant(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    Instant instant = t == JsonToken.VALUE_STRING ? IsoInstantDeserializer.parse(p.getText()) : null;
    if (instant == null) {
      throw NotTaken.INSTANCE;
    }
    return instant;
  }

  private static List<String> stringList(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw NotTaken.INSTANCE;
    }
    List<String> values = new ArrayList<>(4);
    JsonToken e;
    while ((e = p.nextToken()) == JsonToken.VALUE_STRING) {
      values.add(p.getText());
    }
    if (e != JsonToken.END_ARRAY) {
      throw NotTaken.INSTANCE;
    }
    return values;
  }

  /** Labels: string values only (null would fail the event's copy; databind reports that). */
  private static Map<String, String> stringMap(JsonParser p) throws IOException {
    Map<String, String> values = new HashMap<>();
    while (member(p)) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING || values.put(key, p.getText()) != null) {
        throw NotTaken.INSTANCE;
      }
    }
    return values;
  }
}
