package org.soc.correlation;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.schema.Event;

/**
 * A compact binary form of the ECS {@link Event} for the records between the Kafka source and enrichment (the
 * enrichment's broadcast input keeps the two apart, so Flink serializes every event there). It replaces
 * length-prefixed JSON, which made every event be written and parsed once more on top of the source's parse.
 *
 * <p>Format version {@value #FORMAT_VERSION}: the components of {@link Event} in declaration order. A nested
 * record is one byte (0 absent, 1 present) and then its components; strings as
 * {@link CompactCodec#writeExactString} writes them (null-aware, UTF-8, and lossless for any UTF-16: lone
 * surrogates, which hostile input can carry and UTF-8 cannot, as UTF-16); nullable ints as {@link CompactCodec}; lists and maps a varint count and their elements; a nullable long, instant or
 * boolean is a presence byte and then 8 bytes, 8 + 4 bytes, or nothing (the byte is 0 null, 1 false, 2 true).
 * Structured-data parameters may hold null values and keep their order, so their values are nullable strings and
 * they are read into a {@link LinkedHashMap}. The round trip is exact: {@code deserialize(serialize(e))} equals
 * {@code e}, empty strings included (the JSON form drops those). Any layout change raises the version.
 *
 * <p>Events are immutable records, so copies are the same instance. Stateless.
 */
public final class EventSerializer extends ConfigurationFreeSerializer<Event> {
  private static final long serialVersionUID = 1L;

  static final int FORMAT_VERSION = 2;

  @Override public boolean isImmutableType() { return true; }
  @Override public EventSerializer duplicate() { return new EventSerializer(); }
  @Override public Event createInstance() { return Event.builder().build(); }
  @Override public Event copy(Event from) { return from; }
  @Override public Event copy(Event from, Event reuse) { return from; }
  @Override public int getLength() { return -1; }

  @Override
  public void serialize(Event e, DataOutputView out) throws IOException {
    writeInstant(out, e.timestamp());
    Event.EventInfo ev = e.event();
    if (present(out, ev)) {
      str(out, ev.id());
      str(out, ev.kind());
      writeList(out, ev.category());
      writeList(out, ev.type());
      str(out, ev.action());
      str(out, ev.outcome());
      CompactCodec.writeNullableInt(out, ev.severity());
      str(out, ev.original());
      writeInstant(out, ev.ingested());
      str(out, ev.dataset());
      writeInstant(out, ev.start());
      writeInstant(out, ev.end());
    }
    writeEndpoint(out, e.source());
    writeEndpoint(out, e.destination());
    Event.NetworkInfo n = e.network();
    if (present(out, n)) {
      str(out, n.transport());
      str(out, n.ianaNumber());
      writeLong(out, n.bytes());
      writeLong(out, n.packets());
      str(out, n.direction());
    }
    if (present(out, e.user())) {
      str(out, e.user().name());
    }
    if (present(out, e.host())) {
      str(out, e.host().name());
    }
    if (present(out, e.process())) {
      str(out, e.process().name());
      writeLong(out, e.process().pid());
    }
    if (present(out, e.log())) {
      Event.SyslogInfo s = e.log().syslog();
      if (present(out, s)) {
        writeCode(out, s.facility());
        writeCode(out, s.severity());
        CompactCodec.writeNullableInt(out, s.priority());
        CompactCodec.writeNullableInt(out, s.version());
        str(out, s.appname());
        str(out, s.procid());
        str(out, s.msgid());
        str(out, s.hostname());
        CompactCodec.writeVarInt(out, s.structuredData().size());
        for (Map.Entry<String, Map<String, String>> element : s.structuredData().entrySet()) {
          str(out, element.getKey());
          Map<String, String> params = element.getValue();
          if (present(out, params)) {
            CompactCodec.writeVarInt(out, params.size());
            for (Map.Entry<String, String> p : params.entrySet()) {
              str(out, p.getKey());
              str(out, p.getValue());
            }
          }
        }
      }
    }
    Event.Observer o = e.observer();
    if (present(out, o)) {
      str(out, o.ip());
      CompactCodec.writeNullableInt(out, o.port());
      str(out, o.hostname());
      str(out, o.type());
    }
    if (present(out, e.organization())) {
      str(out, e.organization().id());
      str(out, e.organization().name());
    }
    str(out, e.message());
    CompactCodec.writeVarInt(out, e.labels().size());
    for (Map.Entry<String, String> label : e.labels().entrySet()) {
      str(out, label.getKey());
      str(out, label.getValue());
    }
    writeList(out, e.tags());
    if (present(out, e.error())) {
      str(out, e.error().type());
      str(out, e.error().message());
    }
    Event.SocInfo soc = e.soc();
    if (present(out, soc)) {
      str(out, soc.originalBase64());
      CompactCodec.writeNullableInt(out, soc.originalLength());
      writeBoolean(out, soc.truncated());
      str(out, soc.input());
      writeBoolean(out, soc.late());
    }
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    Instant timestamp = readInstant(in);
    Event.EventInfo ev = !readPresent(in) ? null : new Event.EventInfo(readString(in), readString(in),
        readList(in), readList(in), readString(in), readString(in), CompactCodec.readNullableInt(in),
        readString(in), readInstant(in), readString(in), readInstant(in), readInstant(in));
    Event.Endpoint source = readEndpoint(in);
    Event.Endpoint destination = readEndpoint(in);
    Event.NetworkInfo network = !readPresent(in) ? null : new Event.NetworkInfo(readString(in),
        readString(in), readLong(in), readLong(in), readString(in));
    Event.UserInfo user = !readPresent(in) ? null : new Event.UserInfo(readString(in));
    Event.HostInfo host = !readPresent(in) ? null : new Event.HostInfo(readString(in));
    Event.ProcessInfo process = !readPresent(in) ? null : new Event.ProcessInfo(readString(in), readLong(in));
    Event.LogInfo log = !readPresent(in) ? null : new Event.LogInfo(readSyslog(in));
    Event.Observer observer = !readPresent(in) ? null : new Event.Observer(readString(in),
        CompactCodec.readNullableInt(in), readString(in), readString(in));
    Event.Organization organization = !readPresent(in) ? null
        : new Event.Organization(readString(in), readString(in));
    String message = readString(in);
    Map<String, String> labels = readStringMap(in);
    List<String> tags = readList(in);
    Event.ErrorInfo error = !readPresent(in) ? null : new Event.ErrorInfo(readString(in), readString(in));
    Event.SocInfo soc = !readPresent(in) ? null : new Event.SocInfo(readString(in),
        CompactCodec.readNullableInt(in), readBoolean(in), readString(in), readBoolean(in));
    return new Event(timestamp, ev, source, destination, network, user, host, process, log, observer,
        organization, message, labels, tags, error, soc);
  }

  @Override
  public Event deserialize(Event reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  /** Decodes and re-encodes: this serializer is only on the wire, where Flink does not call this for events. */
  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  private static Event.SyslogInfo readSyslog(DataInputView in) throws IOException {
    if (!readPresent(in)) {
      return null;
    }
    Event.Code facility = readCode(in);
    Event.Code severity = readCode(in);
    Integer priority = CompactCodec.readNullableInt(in);
    Integer version = CompactCodec.readNullableInt(in);
    String appname = readString(in);
    String procid = readString(in);
    String msgid = readString(in);
    String hostname = readString(in);
    int elements = CompactCodec.readCount(in);
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    for (int i = 0; i < elements; i++) {
      String id = readNonNullString(in);
      Map<String, String> params = null;
      if (readPresent(in)) {
        int count = CompactCodec.readCount(in);
        params = new LinkedHashMap<>();
        for (int j = 0; j < count; j++) {
          params.put(readString(in), readString(in));
        }
      }
      sd.put(id, params);
    }
    try {
      return new Event.SyslogInfo(facility, severity, priority, version, appname, procid, msgid, hostname, sd);
    } catch (NullPointerException nullParams) {
      throw new IOException("corrupt event: structured data element without parameters", nullParams);
    }
  }

  private static void writeEndpoint(DataOutputView out, Event.Endpoint e) throws IOException {
    if (present(out, e)) {
      str(out, e.ip());
      CompactCodec.writeNullableInt(out, e.port());
      writeLong(out, e.bytes());
      writeLong(out, e.packets());
    }
  }

  private static Event.Endpoint readEndpoint(DataInputView in) throws IOException {
    return !readPresent(in) ? null
        : new Event.Endpoint(readString(in), CompactCodec.readNullableInt(in), readLong(in), readLong(in));
  }

  private static void writeCode(DataOutputView out, Event.Code code) throws IOException {
    if (present(out, code)) {
      CompactCodec.writeNullableInt(out, code.code());
      str(out, code.name());
    }
  }

  private static Event.Code readCode(DataInputView in) throws IOException {
    return !readPresent(in) ? null : new Event.Code(CompactCodec.readNullableInt(in), readString(in));
  }

  private static boolean present(DataOutputView out, Object value) throws IOException {
    out.writeByte(value == null ? 0 : 1);
    return value != null;
  }

  private static boolean readPresent(DataInputView in) throws IOException {
    int b = in.readUnsignedByte();
    if (b > 1) {
      throw new IOException("corrupt event: presence byte " + b);
    }
    return b == 1;
  }

  private static void str(DataOutputView out, String s) throws IOException {
    CompactCodec.writeExactString(out, s);
  }

  private static String readString(DataInputView in) throws IOException {
    return CompactCodec.readExactString(in);
  }

  private static String readNonNullString(DataInputView in) throws IOException {
    String s = CompactCodec.readExactString(in);
    if (s == null) {
      throw new IOException("corrupt event: null where a string must be");
    }
    return s;
  }

  private static void writeLong(DataOutputView out, Long v) throws IOException {
    if (present(out, v)) {
      out.writeLong(v);
    }
  }

  private static Long readLong(DataInputView in) throws IOException {
    return readPresent(in) ? in.readLong() : null;
  }

  private static void writeInstant(DataOutputView out, Instant v) throws IOException {
    if (present(out, v)) {
      out.writeLong(v.getEpochSecond());
      out.writeInt(v.getNano());
    }
  }

  private static Instant readInstant(DataInputView in) throws IOException {
    if (!readPresent(in)) {
      return null;
    }
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw new IOException("corrupt event: instant " + seconds + "s " + nanos + "ns", e);
    }
  }

  private static void writeBoolean(DataOutputView out, Boolean v) throws IOException {
    out.writeByte(v == null ? 0 : v ? 2 : 1);
  }

  private static Boolean readBoolean(DataInputView in) throws IOException {
    int b = in.readUnsignedByte();
    return switch (b) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      case 2 -> Boolean.TRUE;
      default -> throw new IOException("corrupt event: boolean byte " + b);
    };
  }

  private static void writeList(DataOutputView out, List<String> list) throws IOException {
    CompactCodec.writeVarInt(out, list.size());
    for (int i = 0, n = list.size(); i < n; i++) {
      str(out, list.get(i));
    }
  }

  private static List<String> readList(DataInputView in) throws IOException {
    int size = CompactCodec.readCount(in);
    if (size == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(readNonNullString(in));
    }
    return out;
  }

  private static Map<String, String> readStringMap(DataInputView in) throws IOException {
    int size = CompactCodec.readCount(in);
    if (size == 0) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      out.put(readNonNullString(in), readNonNullString(in));
    }
    if (out.size() != size) {
      throw new IOException("corrupt event: duplicate label");
    }
    return out;
  }

  @Override
  public TypeSerializerSnapshot<Event> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The format version only. Events were never kept in state, but a savepoint's snapshot of the JSON serializer
   * of {@link Event} (the type of the same stream before) is accepted after migration.
   */
  public static final class Snapshot extends FormatVersionSnapshot<Event> {
    public Snapshot() {
      super("Event", FORMAT_VERSION, EventSerializer::new);
    }

    @Override
    TypeSerializerSchemaCompatibility<Event> otherCompatibility(TypeSerializerSnapshot<Event> oldSnapshot) {
      return oldSnapshot instanceof JsonTypeSerializer.Snapshot<?> json && json.type() == Event.class
          ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
