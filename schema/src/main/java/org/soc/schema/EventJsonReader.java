package org.soc.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soc.schema.JsonCursor.NotTaken;

/**
 * Reads an {@link Event} from its ECS JSON through a {@link JsonCursor} over the bytes, for documents in the shape
 * our writers produce: every member the JSON type of its {@link Event} component (strings as strings, whole numbers in range,
 * instants as {@link IsoInstantDeserializer#parse} takes them, objects or null for nested records), no member
 * twice in one object. Unknown members are skipped, as databind does. Anything else (a number in a string, a
 * fraction for an int, a duplicate, malformed JSON) makes {@link #read} return null and the caller reads the
 * document with databind, so what is accepted, how it is coerced and which error is reported stay databind's.
 * Why: databind's record creators were two thirds of the correlation source's CPU, and after them Jackson's
 * streaming parser half of what was left of reading.
 */
final class EventJsonReader {
  /** Member names and label keys: a few hundred distinct ones, never evicted by values. */
  private final StringCache names = new StringCache(1024);
  private final StringCache values = new StringCache(4096);

  /** The event, or null when the document is not in the shape this reader takes. */
  Event read(byte[] json) {
    try {
      JsonCursor c = new JsonCursor(json, names, values);
      c.openRoot();
      Event event = event(c);
      c.end();
      return event;
    } catch (NotTaken e) {
      return null;
    }
  }

  private int once(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw NotTaken.INSTANCE;
    }
    return seen | bit;
  }

  private Event event(JsonCursor c) {
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
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "@timestamp" -> { seen = once(seen, 1); timestamp = instant(c); }
        case "event" -> { seen = once(seen, 1 << 1); event = c.open() ? eventInfo(c) : null; }
        case "source" -> { seen = once(seen, 1 << 2); source = c.open() ? endpoint(c) : null; }
        case "destination" -> { seen = once(seen, 1 << 3); destination = c.open() ? endpoint(c) : null; }
        case "network" -> { seen = once(seen, 1 << 4); network = c.open() ? network(c) : null; }
        case "user" -> { seen = once(seen, 1 << 5); user = c.open() ? new Event.UserInfo(name(c)) : null; }
        case "host" -> { seen = once(seen, 1 << 6); host = c.open() ? new Event.HostInfo(name(c)) : null; }
        case "process" -> { seen = once(seen, 1 << 7); process = c.open() ? process(c) : null; }
        case "log" -> { seen = once(seen, 1 << 8); log = c.open() ? log(c) : null; }
        case "observer" -> { seen = once(seen, 1 << 9); observer = c.open() ? observer(c) : null; }
        case "organization" -> { seen = once(seen, 1 << 10); organization = c.open() ? organization(c) : null; }
        case "message" -> { seen = once(seen, 1 << 11); message = c.text(); }
        case "labels" -> { seen = once(seen, 1 << 12); labels = c.open() ? stringMap(c) : null; }
        case "tags" -> { seen = once(seen, 1 << 13); tags = stringList(c); }
        case "error" -> { seen = once(seen, 1 << 14); error = c.open() ? error(c) : null; }
        case "soc" -> { seen = once(seen, 1 << 15); soc = c.open() ? soc(c) : null; }
        default -> c.skipValue();
      }
    }
    return new Event(timestamp, event, source, destination, network, user, host, process, log, observer,
        organization, message, labels, tags, error, soc);
  }

  private Event.EventInfo eventInfo(JsonCursor c) {
    String id = null, kind = null, action = null, outcome = null, original = null, dataset = null;
    List<String> category = null, type = null;
    Integer severity = null;
    Instant ingested = null, start = null, end = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "id" -> { seen = once(seen, 1); id = c.text(); }
        case "kind" -> { seen = once(seen, 1 << 1); kind = c.string(); }
        case "category" -> { seen = once(seen, 1 << 2); category = stringList(c); }
        case "type" -> { seen = once(seen, 1 << 3); type = stringList(c); }
        case "action" -> { seen = once(seen, 1 << 4); action = c.string(); }
        case "outcome" -> { seen = once(seen, 1 << 5); outcome = c.string(); }
        case "severity" -> { seen = once(seen, 1 << 6); severity = c.integer(); }
        case "original" -> { seen = once(seen, 1 << 7); original = c.text(); }
        case "ingested" -> { seen = once(seen, 1 << 8); ingested = instant(c); }
        case "dataset" -> { seen = once(seen, 1 << 9); dataset = c.string(); }
        case "start" -> { seen = once(seen, 1 << 10); start = instant(c); }
        case "end" -> { seen = once(seen, 1 << 11); end = instant(c); }
        default -> c.skipValue();
      }
    }
    return new Event.EventInfo(id, kind, category, type, action, outcome, severity, original, ingested, dataset,
        start, end);
  }

  private Event.Endpoint endpoint(JsonCursor c) {
    String ip = null;
    Integer port = null;
    Long bytes = null, packets = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "ip" -> { seen = once(seen, 1); ip = c.string(); }
        case "port" -> { seen = once(seen, 1 << 1); port = c.integer(); }
        case "bytes" -> { seen = once(seen, 1 << 2); bytes = c.longValue(); }
        case "packets" -> { seen = once(seen, 1 << 3); packets = c.longValue(); }
        default -> c.skipValue();
      }
    }
    return new Event.Endpoint(ip, port, bytes, packets);
  }

  private Event.NetworkInfo network(JsonCursor c) {
    String transport = null, iana = null, direction = null;
    Long bytes = null, packets = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "transport" -> { seen = once(seen, 1); transport = c.string(); }
        case "iana_number" -> { seen = once(seen, 1 << 1); iana = c.string(); }
        case "bytes" -> { seen = once(seen, 1 << 2); bytes = c.longValue(); }
        case "packets" -> { seen = once(seen, 1 << 3); packets = c.longValue(); }
        case "direction" -> { seen = once(seen, 1 << 4); direction = c.string(); }
        default -> c.skipValue();
      }
    }
    return new Event.NetworkInfo(transport, iana, bytes, packets, direction);
  }

  /** The one member of {@code user} and {@code host}. */
  private String name(JsonCursor c) {
    String value = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      if (name.equals("name")) {
        seen = once(seen, 1);
        value = c.string();
      } else {
        c.skipValue();
      }
    }
    return value;
  }

  private Event.ProcessInfo process(JsonCursor c) {
    String name = null;
    Long pid = null;
    int seen = 0;
    String member;
    while ((member = c.member()) != null) {
      switch (member) {
        case "name" -> { seen = once(seen, 1); name = c.string(); }
        case "pid" -> { seen = once(seen, 1 << 1); pid = c.longValue(); }
        default -> c.skipValue();
      }
    }
    return new Event.ProcessInfo(name, pid);
  }

  private Event.LogInfo log(JsonCursor c) {
    Event.SyslogInfo syslog = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      if (name.equals("syslog")) {
        seen = once(seen, 1);
        syslog = c.open() ? syslog(c) : null;
      } else {
        c.skipValue();
      }
    }
    return new Event.LogInfo(syslog);
  }

  private Event.SyslogInfo syslog(JsonCursor c) {
    Event.Code facility = null, severity = null;
    Integer priority = null, version = null;
    String appname = null, procid = null, msgid = null, hostname = null;
    Map<String, Map<String, String>> structuredData = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "facility" -> { seen = once(seen, 1); facility = c.open() ? code(c) : null; }
        case "severity" -> { seen = once(seen, 1 << 1); severity = c.open() ? code(c) : null; }
        case "priority" -> { seen = once(seen, 1 << 2); priority = c.integer(); }
        case "version" -> { seen = once(seen, 1 << 3); version = c.integer(); }
        case "appname" -> { seen = once(seen, 1 << 4); appname = c.string(); }
        case "procid" -> { seen = once(seen, 1 << 5); procid = c.string(); }
        case "msgid" -> { seen = once(seen, 1 << 6); msgid = c.string(); }
        case "hostname" -> { seen = once(seen, 1 << 7); hostname = c.string(); }
        case "structured_data" -> { seen = once(seen, 1 << 8); structuredData = c.open() ? structuredData(c) : null; }
        default -> c.skipValue();
      }
    }
    return new Event.SyslogInfo(facility, severity, priority, version, appname, procid, msgid, hostname,
        structuredData);
  }

  private Event.Code code(JsonCursor c) {
    Integer code = null;
    String name = null;
    int seen = 0;
    String member;
    while ((member = c.member()) != null) {
      switch (member) {
        case "code" -> { seen = once(seen, 1); code = c.integer(); }
        case "name" -> { seen = once(seen, 1 << 1); name = c.string(); }
        default -> c.skipValue();
      }
    }
    return new Event.Code(code, name);
  }

  /** SD-ID to parameters, both in document order; a parameter may be null, an SD element may not. */
  private Map<String, Map<String, String>> structuredData(JsonCursor c) {
    Map<String, Map<String, String>> elements = new LinkedHashMap<>();
    String id;
    while ((id = c.member()) != null) {
      if (!c.open()) {
        throw NotTaken.INSTANCE;
      }
      Map<String, String> params = new LinkedHashMap<>();
      String param;
      while ((param = c.member()) != null) {
        if (params.containsKey(param)) {
          throw NotTaken.INSTANCE;
        }
        params.put(param, c.string());
      }
      if (elements.put(id, params) != null) {
        throw NotTaken.INSTANCE;
      }
    }
    return elements;
  }

  private Event.Observer observer(JsonCursor c) {
    String ip = null, hostname = null, type = null;
    Integer port = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "ip" -> { seen = once(seen, 1); ip = c.string(); }
        case "port" -> { seen = once(seen, 1 << 1); port = c.integer(); }
        case "hostname" -> { seen = once(seen, 1 << 2); hostname = c.string(); }
        case "type" -> { seen = once(seen, 1 << 3); type = c.string(); }
        default -> c.skipValue();
      }
    }
    return new Event.Observer(ip, port, hostname, type);
  }

  private Event.Organization organization(JsonCursor c) {
    String id = null, name = null;
    int seen = 0;
    String member;
    while ((member = c.member()) != null) {
      switch (member) {
        case "id" -> { seen = once(seen, 1); id = c.string(); }
        case "name" -> { seen = once(seen, 1 << 1); name = c.string(); }
        default -> c.skipValue();
      }
    }
    return new Event.Organization(id, name);
  }

  private Event.ErrorInfo error(JsonCursor c) {
    String type = null, message = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "type" -> { seen = once(seen, 1); type = c.string(); }
        case "message" -> { seen = once(seen, 1 << 1); message = c.text(); }
        default -> c.skipValue();
      }
    }
    return new Event.ErrorInfo(type, message);
  }

  private Event.SocInfo soc(JsonCursor c) {
    String originalBase64 = null, input = null;
    Integer originalLength = null;
    Boolean truncated = null, late = null;
    int seen = 0;
    String name;
    while ((name = c.member()) != null) {
      switch (name) {
        case "original_base64" -> { seen = once(seen, 1); originalBase64 = c.text(); }
        case "original_length" -> { seen = once(seen, 1 << 1); originalLength = c.integer(); }
        case "truncated" -> { seen = once(seen, 1 << 2); truncated = c.bool(); }
        case "input" -> { seen = once(seen, 1 << 3); input = c.string(); }
        case "late" -> { seen = once(seen, 1 << 4); late = c.bool(); }
        default -> c.skipValue();
      }
    }
    return new Event.SocInfo(originalBase64, originalLength, truncated, input, late);
  }

  // ---- values; the cursor is on the value's first byte

  private static Instant instant(JsonCursor c) {
    String text = c.text();
    if (text == null) {
      return null;
    }
    Instant instant = IsoInstantDeserializer.parse(text);
    if (instant == null) {
      throw NotTaken.INSTANCE;
    }
    return instant;
  }

  private static List<String> stringList(JsonCursor c) {
    if (!c.openArray()) {
      return null;
    }
    List<String> values = new ArrayList<>(4);
    while (c.element(values.size())) {
      values.add(c.stringElement());
    }
    return values;
  }

  /**
   * Labels: string values only (null would fail the event's copy; databind reports that). Built as the immutable
   * map the event keeps ({@code Map.copyOf} returns it as is), not a HashMap copied into one; a duplicate name
   * makes {@code Map.ofEntries} throw, and the document goes to databind.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(JsonCursor c) {
    Map.Entry<String, String>[] entries = new Map.Entry[16];
    int n = 0;
    String key;
    while ((key = c.member()) != null) {
      String value = c.string();
      if (value == null) {
        throw NotTaken.INSTANCE;
      }
      if (n == entries.length) {
        entries = Arrays.copyOf(entries, n * 2);
      }
      entries[n++] = Map.entry(key, value);
    }
    try {
      return Map.ofEntries(n == entries.length ? entries : Arrays.copyOf(entries, n));
    } catch (IllegalArgumentException duplicate) {
      throw NotTaken.INSTANCE;
    }
  }
}
