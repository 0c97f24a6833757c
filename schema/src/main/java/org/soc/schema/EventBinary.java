package org.soc.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of an {@link Event} on the events topic, for the collectors and the correlation job, which
 * read and write every event: decoding it costs a fraction of reading the ECS JSON (no member names, no number
 * or date text), so the job's busiest step does less per event. Elasticsearch still gets ECS JSON, written by the
 * job from the event; JSON records on the topic stay readable ({@link EventCodec} tells them apart).
 *
 * <p>Layout, format version {@value #VERSION}: byte {@code 0x00} ({@link #MAGIC}: no JSON document or text line
 * starts with it), the version byte, then the components of {@link Event} in declaration order, {@code @timestamp}
 * first so a consumer reads the event time without decoding the rest ({@link #leadingTimestamp}). A nested
 * record is a presence byte (0 absent, 1 present) and then its components; a nullable long or instant is a
 * presence byte and 8 bytes, or 8 + 4 (epoch second, nano); a boolean one byte (0 null, 1 false, 2 true);
 * a nullable int a varint of its zig-zag form plus one; strings as {@link BinaryEventOutput#writeString} (exact
 * for any Java string); lists and maps a varint count and their elements. The round trip is exact:
 * {@code fromBytes(toBytes(e))} equals {@code e}, empty strings included (JSON drops those). A layout change is a
 * new version, and readers keep reading the versions before it.
 *
 * <p>Thread-safe: the string cache tolerates races, everything else is per call.
 */
public final class EventBinary {
  public static final byte MAGIC = 0x00;
  public static final int VERSION = 1;
  private static final int HEADER = 2;

  private final StringCache strings = new StringCache(4096);

  /** True for bytes in this format (any version), false for JSON or anything else. */
  public static boolean isBinary(byte[] bytes) {
    return bytes != null && bytes.length >= HEADER && bytes[0] == MAGIC;
  }

  /** The event time of a record in this format without decoding the rest; null when it has none or is not one. */
  public static Instant leadingTimestamp(byte[] bytes) {
    if (!isBinary(bytes) || bytes[1] != VERSION || bytes.length < HEADER + 13 || bytes[HEADER] != 1) {
      return null;
    }
    try {
      BinaryEventInput in = new BinaryEventInput(bytes, HEADER + 1, null);
      return Instant.ofEpochSecond(in.readLong(), in.readInt());
    } catch (DateTimeException e) {
      return null;
    }
  }

  public byte[] toBytes(Event e) {
    BinaryEventOutput out = new BinaryEventOutput(512);
    out.writeByte(MAGIC);
    out.writeByte(VERSION);
    writeInstant(out, e.timestamp());
    Event.EventInfo ev = e.event();
    if (present(out, ev)) {
      out.writeString(ev.id());
      out.writeString(ev.kind());
      writeList(out, ev.category());
      writeList(out, ev.type());
      out.writeString(ev.action());
      out.writeString(ev.outcome());
      out.writeNullableInt(ev.severity());
      out.writeString(ev.original());
      writeInstant(out, ev.ingested());
      out.writeString(ev.dataset());
      writeInstant(out, ev.start());
      writeInstant(out, ev.end());
    }
    writeEndpoint(out, e.source());
    writeEndpoint(out, e.destination());
    Event.NetworkInfo n = e.network();
    if (present(out, n)) {
      out.writeString(n.transport());
      out.writeString(n.ianaNumber());
      writeLong(out, n.bytes());
      writeLong(out, n.packets());
      out.writeString(n.direction());
    }
    if (present(out, e.user())) {
      out.writeString(e.user().name());
    }
    if (present(out, e.host())) {
      out.writeString(e.host().name());
    }
    if (present(out, e.process())) {
      out.writeString(e.process().name());
      writeLong(out, e.process().pid());
    }
    if (present(out, e.log())) {
      writeSyslog(out, e.log().syslog());
    }
    Event.Observer o = e.observer();
    if (present(out, o)) {
      out.writeString(o.ip());
      out.writeNullableInt(o.port());
      out.writeString(o.hostname());
      out.writeString(o.type());
    }
    if (present(out, e.organization())) {
      out.writeString(e.organization().id());
      out.writeString(e.organization().name());
    }
    out.writeString(e.message());
    writeMap(out, e.labels());
    writeList(out, e.tags());
    if (present(out, e.error())) {
      out.writeString(e.error().type());
      out.writeString(e.error().message());
    }
    Event.SocInfo soc = e.soc();
    if (present(out, soc)) {
      out.writeString(soc.originalBase64());
      out.writeNullableInt(soc.originalLength());
      writeBoolean(out, soc.truncated());
      out.writeString(soc.input());
      writeBoolean(out, soc.late());
    }
    return out.toByteArray();
  }

  /** Decodes a record in this format; {@link MalformedEventException} for anything else or anything cut short. */
  public Event fromBytes(byte[] bytes) {
    if (!isBinary(bytes)) {
      throw new MalformedEventException("not a binary event record", null);
    }
    if (bytes[1] != VERSION) {
      throw new MalformedEventException("binary event format version " + (bytes[1] & 0xFF)
          + " is not known here (this reader knows " + VERSION + ")", null);
    }
    BinaryEventInput in = new BinaryEventInput(bytes, HEADER, strings);
    Instant timestamp = readInstant(in);
    Event.EventInfo ev = !in.present() ? null : new Event.EventInfo(in.readString(), in.readString(),
        readList(in), readList(in), in.readString(), in.readString(), in.readNullableInt(),
        in.readString(), readInstant(in), in.readString(), readInstant(in), readInstant(in));
    Event.Endpoint source = readEndpoint(in);
    Event.Endpoint destination = readEndpoint(in);
    Event.NetworkInfo network = !in.present() ? null : new Event.NetworkInfo(in.readString(),
        in.readString(), readLong(in), readLong(in), in.readString());
    Event.UserInfo user = !in.present() ? null : new Event.UserInfo(in.readString());
    Event.HostInfo host = !in.present() ? null : new Event.HostInfo(in.readString());
    Event.ProcessInfo process = !in.present() ? null : new Event.ProcessInfo(in.readString(), readLong(in));
    Event.LogInfo log = !in.present() ? null : new Event.LogInfo(readSyslog(in));
    Event.Observer observer = !in.present() ? null : new Event.Observer(in.readString(),
        in.readNullableInt(), in.readString(), in.readString());
    Event.Organization organization = !in.present() ? null
        : new Event.Organization(in.readString(), in.readString());
    String message = in.readString();
    Map<String, String> labels = readMap(in);
    List<String> tags = readList(in);
    Event.ErrorInfo error = !in.present() ? null : new Event.ErrorInfo(in.readString(), in.readString());
    Event.SocInfo soc = !in.present() ? null : new Event.SocInfo(in.readString(),
        in.readNullableInt(), readBoolean(in), in.readString(), readBoolean(in));
    if (!in.atEnd()) {
      throw in.corrupt("trailing bytes after the event");
    }
    return new Event(timestamp, ev, source, destination, network, user, host, process, log, observer,
        organization, message, labels, tags, error, soc);
  }

  private static void writeSyslog(BinaryEventOutput out, Event.SyslogInfo s) {
    if (!present(out, s)) {
      return;
    }
    writeCode(out, s.facility());
    writeCode(out, s.severity());
    out.writeNullableInt(s.priority());
    out.writeNullableInt(s.version());
    out.writeString(s.appname());
    out.writeString(s.procid());
    out.writeString(s.msgid());
    out.writeString(s.hostname());
    out.writeVarInt(s.structuredData().size());
    for (Map.Entry<String, Map<String, String>> element : s.structuredData().entrySet()) {
      out.writeString(element.getKey());
      writeParams(out, element.getValue());
    }
  }

  private static Event.SyslogInfo readSyslog(BinaryEventInput in) {
    if (!in.present()) {
      return null;
    }
    Event.Code facility = readCode(in);
    Event.Code severity = readCode(in);
    Integer priority = in.readNullableInt();
    Integer version = in.readNullableInt();
    String appname = in.readString();
    String procid = in.readString();
    String msgid = in.readString();
    String hostname = in.readString();
    int elements = in.readCount(2);
    Map<String, Map<String, String>> sd = elements == 0 ? Map.of() : new HashMap<>();
    for (int i = 0; i < elements; i++) {
      String id = in.readNonNullString("structured data id");
      if (sd.put(id, readParams(in)) != null) {
        throw in.corrupt("structured data element " + id + " twice");
      }
    }
    return new Event.SyslogInfo(facility, severity, priority, version, appname, procid, msgid, hostname, sd);
  }

  private static void writeEndpoint(BinaryEventOutput out, Event.Endpoint e) {
    if (present(out, e)) {
      out.writeString(e.ip());
      out.writeNullableInt(e.port());
      writeLong(out, e.bytes());
      writeLong(out, e.packets());
    }
  }

  private static Event.Endpoint readEndpoint(BinaryEventInput in) {
    return !in.present() ? null
        : new Event.Endpoint(in.readString(), in.readNullableInt(), readLong(in), readLong(in));
  }

  private static void writeCode(BinaryEventOutput out, Event.Code code) {
    if (present(out, code)) {
      out.writeNullableInt(code.code());
      out.writeString(code.name());
    }
  }

  private static Event.Code readCode(BinaryEventInput in) {
    return !in.present() ? null : new Event.Code(in.readNullableInt(), in.readString());
  }

  private static boolean present(BinaryEventOutput out, Object value) {
    out.writeByte(value == null ? 0 : 1);
    return value != null;
  }

  private static void writeLong(BinaryEventOutput out, Long v) {
    if (present(out, v)) {
      out.writeLong(v);
    }
  }

  private static Long readLong(BinaryEventInput in) {
    return in.present() ? in.readLong() : null;
  }

  private static void writeInstant(BinaryEventOutput out, Instant v) {
    if (present(out, v)) {
      out.writeLong(v.getEpochSecond());
      out.writeInt(v.getNano());
    }
  }

  private static Instant readInstant(BinaryEventInput in) {
    if (!in.present()) {
      return null;
    }
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw in.corrupt("instant " + seconds + " s " + nanos + " ns");
    }
  }

  private static void writeBoolean(BinaryEventOutput out, Boolean v) {
    out.writeByte(v == null ? 0 : v ? 2 : 1);
  }

  private static Boolean readBoolean(BinaryEventInput in) {
    int b = in.readUnsignedByte();
    return switch (b) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      case 2 -> Boolean.TRUE;
      default -> throw in.corrupt("boolean byte " + b);
    };
  }

  private static void writeList(BinaryEventOutput out, List<String> list) {
    out.writeVarInt(list.size());
    for (int i = 0, n = list.size(); i < n; i++) {
      out.writeString(list.get(i));
    }
  }

  private static List<String> readList(BinaryEventInput in) {
    int size = in.readCount(1);
    switch (size) {
      case 0: return List.of();
      case 1: return List.of(in.readNonNullString("list element"));
      default:
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          out.add(in.readNonNullString("list element"));
        }
        return List.copyOf(out);
    }
  }

  private static void writeMap(BinaryEventOutput out, Map<String, String> map) {
    out.writeVarInt(map.size());
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.writeString(entry.getKey());
      out.writeString(entry.getValue());
    }
  }

  /** Structured-data parameters: in their order, values may be null. */
  private static void writeParams(BinaryEventOutput out, Map<String, String> params) {
    out.writeVarInt(params.size());
    for (Map.Entry<String, String> p : params.entrySet()) {
      out.writeString(p.getKey());
      out.writeString(p.getValue());
    }
  }

  private static Map<String, String> readParams(BinaryEventInput in) {
    int size = in.readCount(2);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String name = in.readNonNullString("parameter name");
      if (params.containsKey(name)) {
        throw in.corrupt("structured data parameter " + name + " twice");
      }
      params.put(name, in.readString());
    }
    return params;
  }

  /** An immutable map, as {@link Event}'s constructor keeps it without copying. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> readMap(BinaryEventInput in) {
    int size = in.readCount(2);
    if (size == 0) {
      return Map.of();
    }
    Map.Entry<String, String>[] entries = new Map.Entry[size];
    for (int i = 0; i < size; i++) {
      entries[i] = Map.entry(in.readNonNullString("map key"), in.readNonNullString("map value"));
    }
    try {
      return Map.ofEntries(entries);
    } catch (IllegalArgumentException duplicate) {
      throw in.corrupt("a map key twice");
    }
  }
}
