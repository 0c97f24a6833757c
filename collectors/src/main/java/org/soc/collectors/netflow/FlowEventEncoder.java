package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.soc.agency.Agency;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;
import org.soc.schema.EventJson;
import org.soc.schema.Utf8JsonBuffer;
import org.soc.schema.Utf8JsonBuffer.Name;

/**
 * Writes the ECS network event of a {@link FlowRecord} as its JSON document, straight from the decoded numbers
 * and address bytes: no {@link Event}, no label map, no address or number strings on the way. A flow collector
 * makes millions of these a second, and the JSON is all Kafka needs. The document reads back
 * ({@link EventJson#fromBytes}) as the event the schema describes, and {@code FlowEventEncoderTest} holds it
 * to being the canonical form of that event.
 *
 * <p>Counters are scaled by the sampling interval; the raw exported figures, and what ECS has no field for in
 * our schema yet, go into {@code labels} under ECS names where ECS has one ({@code source.as.number},
 * {@code observer.ingress.interface.id}, {@code network.vlan.id}) and {@code netflow.*} otherwise. Thread-safe:
 * each thread writes into a buffer of its own.
 */
public final class FlowEventEncoder {
  private static final byte[] OPEN_TIMESTAMP = ascii("{\"@timestamp\":");
  private static final byte[] EVENT_ID = ascii(",\"event\":{\"id\":\"");
  /** After the id: {@code event.kind}, {@code event.category}, {@code event.type}, the same for every flow. */
  private static final byte[] AFTER_ID =
      ascii("\",\"kind\":\"event\",\"category\":[\"network\"],\"type\":[\"connection\"],");
  private static final byte[] START = ascii(",\"start\":");
  private static final byte[] END = ascii(",\"end\":");
  private static final byte[] SOURCE = ascii(",\"source\":{");
  private static final byte[] DESTINATION = ascii(",\"destination\":{");
  private static final byte[] NETWORK = ascii(",\"network\":{");
  private static final byte[] IP = ascii("\"ip\":");
  private static final byte[] PORT = ascii("\"port\":");
  private static final byte[] BYTES = ascii("\"bytes\":");
  private static final byte[] PACKETS = ascii("\"packets\":");
  private static final byte[] IANA_NUMBER = ascii("\"iana_number\":");
  private static final byte[] INGRESS = ascii("\"direction\":\"ingress\"");
  private static final byte[] EGRESS = ascii("\"direction\":\"egress\"");
  private static final byte[] LABELS = ascii(",\"labels\":{");

  // Labels after the export's own (version, domain id), so each starts with its comma.
  private static final byte[] TEMPLATE_ID = label("netflow.template_id");
  private static final byte[] SAMPLING_INTERVAL = label("netflow.sampling_interval");
  private static final byte[] BYTES_RAW = label("netflow.bytes_raw");
  private static final byte[] PACKETS_RAW = label("netflow.packets_raw");
  private static final byte[] INGRESS_INTERFACE = label("observer.ingress.interface.id");
  private static final byte[] EGRESS_INTERFACE = label("observer.egress.interface.id");
  private static final byte[] SOURCE_AS = label("source.as.number");
  private static final byte[] DESTINATION_AS = label("destination.as.number");
  private static final byte[] VLAN = label("network.vlan.id");
  private static final byte[] NEXT_HOP = label("netflow.next_hop");
  private static final byte[] TOS = label("netflow.tos");
  private static final byte[] SOURCE_MASK = label("netflow.source_mask");
  private static final byte[] DESTINATION_MASK = label("netflow.destination_mask");
  private static final byte[] ICMP_TYPE = label("netflow.icmp_type");
  private static final byte[] ICMP_CODE = label("netflow.icmp_code");
  private static final byte[] FLOW_END_REASON = label("netflow.flow_end_reason");
  private static final byte[] ENTERPRISE_SKIPPED = label("netflow.enterprise_fields_skipped");

  // Names of the members written once per datagram (Datagram), with the checked writer.
  private static final Name IP_NAME = new Name("ip");
  private static final Name PORT_NAME = new Name("port");
  private static final Name TYPE_NAME = new Name("type");
  private static final Name OBSERVER = new Name("observer");
  private static final Name INGESTED = new Name("ingested");
  private static final Name DATASET = new Name("dataset");
  private static final Name VERSION_LABEL = new Name("netflow.version");
  private static final Name SOURCE_ID_LABEL = new Name("netflow.source_id");
  private static final Name OBSERVATION_DOMAIN_LABEL = new Name("netflow.observation_domain_id");
  private static final Name ORGANIZATION = new Name("organization");
  private static final Name SOC = new Name("soc");
  private static final Name ID_NAME = new Name("id");
  private static final Name NAME_NAME = new Name("name");
  private static final Name INPUT_NAME = new Name("input");

  private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
  /** ASCII of 0..255, for address octets. */
  private static final byte[][] OCTETS = new byte[256][];
  /** {@code "0"} to {@code "255"}, quoted: the small numbers labels carry (protocol, masks, ToS, ICMP). */
  private static final byte[][] QUOTED_SMALL_NUMBERS = new byte[256][];
  /** {@code network.transport} (when named) and {@code network.iana_number} of every protocol number. */
  private static final byte[][] PROTOCOL_MEMBERS = new byte[256][];
  /** {@code ,"netflow.tcp_flags":...,"netflow.tcp_flags_names":...} of every 9-bit flag combination. */
  private static final byte[][] TCP_FLAGS_LABELS = new byte[1 << TCP_FLAG_NAMES.length][];

  static {
    for (int i = 0; i < 256; i++) {
      OCTETS[i] = ascii(Integer.toString(i));
      QUOTED_SMALL_NUMBERS[i] = ascii("\"" + i + "\"");
      String transport = transport(i);
      PROTOCOL_MEMBERS[i] = ascii((transport == null ? "" : "\"transport\":\"" + transport + "\",")
          + "\"iana_number\":\"" + i + "\"");
    }
    for (int i = 0; i < TCP_FLAGS_LABELS.length; i++) {
      TCP_FLAGS_LABELS[i] = tcpFlagsLabels(i);
    }
  }

  private final EventIdGenerator ids;
  private final Fragments fragments = new Fragments();
  private final EventJson json = new EventJson();
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  public FlowEventEncoder(EventIdGenerator ids) {
    this.ids = ids;
  }

  /** A thread's output buffer, reused from document to document. */
  private static final class Scratch {
    final Utf8JsonBuffer out = new Utf8JsonBuffer(MAX_OWN_BYTES + 1024);
  }

  /**
   * What every flow of one datagram shares, written once per datagram so the per-flow work is only the flow's
   * own: the organization and {@code soc.*}, and (per exporter, version and domain, on first use) the observer,
   * the version and the domain-id labels. Not thread-safe: one per datagram, on the thread handling it.
   */
  public static final class Datagram {
    private final Instant receivedAt;
    private final long receivedAtMillis;
    private final long receivedAtSecond;
    private final int receivedAtNano;
    private final String organizationId;
    /** {@code "organization":{...},} is written after the observer; {@code "soc":{...}} closes the document. */
    private final byte[] organization;
    private final byte[] soc;
    private final Fragments fragments;
    private ExportContext context;
    private byte[] observer;
    private byte[] exportLabels;
    private byte[] ingestedAndDataset;

    /**
     * @param receivedAt when the datagram arrived (to the millisecond): {@code event.ingested}, the id's time,
     *     and {@code @timestamp} when the flow has no end time
     * @param input the listener, written to {@code soc.input} ({@code netflow-udp} or {@code ipfix-udp})
     */
    public Datagram(Agency agency, Instant receivedAt, String input) {
      this(agency, receivedAt, input, new Fragments());
    }

    private Datagram(Agency agency, Instant receivedAt, String input, Fragments fragments) {
      // Milliseconds, as Elasticsearch's date type keeps them (and the id's time is in milliseconds too).
      this.receivedAtMillis = receivedAt.toEpochMilli();
      this.receivedAt = Instant.ofEpochMilli(receivedAtMillis);
      this.receivedAtSecond = this.receivedAt.getEpochSecond();
      this.receivedAtNano = this.receivedAt.getNano();
      this.fragments = fragments;
      Event.Organization org = agency.organization();
      this.organizationId = org == null || org.id() == null ? Event.Organization.UNKNOWN_ID : org.id();
      this.organization = org == null ? new byte[0] : fragments.organization(org);
      this.soc = fragments.soc(input);
    }

    /** The bytes of the fragments every flow document of this datagram copies in. */
    int sharedBytes() {
      return organization.length + soc.length + observer.length + exportLabels.length + ingestedAndDataset.length;
    }

    /** Sets of one datagram share one context; sets released from the pending buffer bring their own. */
    private void use(ExportContext c) {
      if (c == context) {
        return;
      }
      boolean ipfix = c.version() == 10;
      if (context == null || !c.exporter().equals(context.exporter()) || c.version() != context.version()) {
        observer = fragments.observer(c.exporter(), ipfix);
        ingestedAndDataset = members(b -> {
          b.writeFieldName(INGESTED);
          b.writeInstant(receivedAt);
          b.writeFieldName(DATASET);
          b.writeString(ipfix ? "ipfix" : "netflow");
        });
      }
      if (context == null || c.domainId() != context.domainId() || c.version() != context.version()) {
        exportLabels = fragments.exportLabels(c.version(), c.domainId());
      }
      context = c;
    }
  }

  /**
   * The {@link Datagram} of a datagram from {@code agency}, with its fragments from this encoder's cache (built
   * once per agency, input, exporter and domain instead of once per datagram).
   */
  public Datagram datagram(Agency agency, Instant receivedAt, String input) {
    return new Datagram(agency, receivedAt, input, fragments);
  }

  /**
   * Pre-encoded members that depend only on who sent a datagram, shared by the threads encoding. Each map is
   * cleared when it passes {@link #LIMIT} entries, so spoofed exporter addresses cost rebuilding, not memory.
   */
  private static final class Fragments {
    private static final int LIMIT = 10_000;
    private final Map<Event.Organization, byte[]> organizations = new ConcurrentHashMap<>();
    private final Map<String, byte[]> socs = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, byte[]> netflowObservers = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, byte[]> ipfixObservers = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> exportLabels = new ConcurrentHashMap<>();

    byte[] organization(Event.Organization org) {
      return cached(organizations, org, o -> members(b -> {
        b.writeFieldName(ORGANIZATION);
        b.writeStartObject();
        nonEmpty(b, ID_NAME, o.id());
        nonEmpty(b, NAME_NAME, o.name());
        b.writeEndObject();
      }));
    }

    byte[] soc(String input) {
      return cached(socs, input, in -> members(b -> {
        b.writeFieldName(SOC);
        b.writeStartObject();
        nonEmpty(b, INPUT_NAME, in);
        b.writeEndObject();
      }));
    }

    byte[] observer(InetSocketAddress exporter, boolean ipfix) {
      return cached(ipfix ? ipfixObservers : netflowObservers, exporter, e -> members(b -> {
        b.writeFieldName(OBSERVER);
        b.writeStartObject();
        b.writeFieldName(IP_NAME);
        b.writeString(e.getAddress().getHostAddress());
        b.writeFieldName(PORT_NAME);
        b.writeNumber(e.getPort());
        b.writeFieldName(TYPE_NAME);
        b.writeString(ipfix ? "ipfix" : "netflow");
        b.writeEndObject();
      }));
    }

    /** {@code netflow.version} and the source id (v5, v9) or observation domain id (IPFIX). */
    byte[] exportLabels(int version, long domainId) {
      // Domain ids are 32-bit (v5 engine type and id: 16): version and id fit one key.
      return cached(exportLabels, ((long) version << 32) | (domainId & 0xFFFF_FFFFL), k -> members(b -> {
        b.writeFieldName(VERSION_LABEL);
        b.writeString(Integer.toString(version));
        b.writeFieldName(version == 10 ? OBSERVATION_DOMAIN_LABEL : SOURCE_ID_LABEL);
        b.writeString(Long.toString(domainId));
      }));
    }

    private static <K> byte[] cached(Map<K, byte[]> map, K key, java.util.function.Function<K, byte[]> build) {
      byte[] v = map.get(key);
      if (v == null) {
        if (map.size() >= LIMIT) {
          map.clear();
        }
        v = build.apply(key);
        map.put(key, v);
      }
      return v;
    }
  }

  /**
   * Room for everything but the datagram's shared fragments: the fixed names, three instants (years past 9999
   * included), 18 numbers of up to 20 digits, the id, and three IPv6 addresses with an IPv4 suffix.
   */
  private static final int MAX_OWN_BYTES = 2048;

  /** The event of one flow of the datagram {@code d} describes. */
  public EncodedEvent encode(FlowRecord r, Datagram d) {
    d.use(r.context);
    Scratch s = scratch.get();
    Utf8JsonBuffer out = s.out;
    out.reset();
    long scale = Math.max(1, r.samplingInterval);
    boolean hasBytes = r.has(FlowRecord.BYTES);
    boolean hasPackets = r.has(FlowRecord.PACKETS);
    long bytes = hasBytes ? Bytes.saturatedMultiply(r.get(FlowRecord.BYTES), scale) : 0;
    long packets = hasPackets ? Bytes.saturatedMultiply(r.get(FlowRecord.PACKETS), scale) : 0;

    // The document's shape is fixed and its size bounded, so it is written straight into the buffer's array
    // (room reserved once), names, commas and quotes as pre-encoded fragments.
    byte[] b = out.reserve(MAX_OWN_BYTES + d.sharedBytes());
    int p = put(b, 0, OPEN_TIMESTAMP);
    if (r.has(FlowRecord.END)) {
      p = out.putInstant(p, r.get(FlowRecord.END), r.endNano);
    } else {
      p = out.putInstant(p, d.receivedAtSecond, d.receivedAtNano);
    }
    p = put(b, p, EVENT_ID);
    ids.next(d.receivedAtMillis, b, p);
    p += EventIdGenerator.LENGTH;
    p = put(b, p, AFTER_ID);
    p = put(b, p, d.ingestedAndDataset);
    if (r.has(FlowRecord.START)) {
      p = put(b, p, START);
      p = out.putInstant(p, r.get(FlowRecord.START), r.startNano);
    }
    if (r.has(FlowRecord.END)) {
      p = put(b, p, END);
      p = out.putInstant(p, r.get(FlowRecord.END), r.endNano);
    }
    b[p++] = '}';
    boolean hasSourcePort = r.has(FlowRecord.SOURCE_PORT);
    if (r.sourceAddress != null || hasSourcePort) {
      p = put(b, p, SOURCE);
      int first = p;
      if (r.sourceAddress != null) {
        p = put(b, p, IP);
        p = address(b, p, r.sourceAddress);
      }
      if (hasSourcePort) {
        p = number(b, p, first, PORT, r.get(FlowRecord.SOURCE_PORT));
      }
      if (hasBytes) {
        p = number(b, p, first, BYTES, bytes);
      }
      if (hasPackets) {
        p = number(b, p, first, PACKETS, packets);
      }
      b[p++] = '}';
    }
    boolean hasDestinationPort = r.has(FlowRecord.DESTINATION_PORT);
    if (r.destinationAddress != null || hasDestinationPort) {
      p = put(b, p, DESTINATION);
      int first = p;
      if (r.destinationAddress != null) {
        p = put(b, p, IP);
        p = address(b, p, r.destinationAddress);
      }
      if (hasDestinationPort) {
        p = number(b, p, first, PORT, r.get(FlowRecord.DESTINATION_PORT));
      }
      b[p++] = '}';
    }
    // Written even when nothing in it is known, as the schema's writer writes a present, empty record.
    p = put(b, p, NETWORK);
    int first = p;
    if (r.has(FlowRecord.PROTOCOL)) {
      long protocol = r.get(FlowRecord.PROTOCOL);
      if (protocol >= 0 && protocol < PROTOCOL_MEMBERS.length) {
        p = put(b, p, PROTOCOL_MEMBERS[(int) protocol]);
      } else {
        p = put(b, p, IANA_NUMBER);
        p = quotedNumber(b, p, protocol);
      }
    }
    if (hasBytes) {
      p = number(b, p, first, BYTES, bytes);
    }
    if (hasPackets) {
      p = number(b, p, first, PACKETS, packets);
    }
    byte[] direction = r.has(FlowRecord.DIRECTION) ? direction(r.get(FlowRecord.DIRECTION)) : null;
    if (direction != null) {
      if (p != first) {
        b[p++] = ',';
      }
      p = put(b, p, direction);
    }
    b[p++] = '}';
    b[p++] = ',';
    p = put(b, p, d.observer);
    if (d.organization.length > 0) {
      b[p++] = ',';
      p = put(b, p, d.organization);
    }
    p = labels(b, p, r, d, scale);
    b[p++] = ',';
    p = put(b, p, d.soc);
    b[p++] = '}';
    out.commit(p);
    return new EncodedEvent(d.organizationId, out.toByteArray());
  }

  /** The event {@link #encode} writes, read back: for tests and tools that want the typed form. */
  public Event toEvent(FlowRecord r, Agency agency, Instant receivedAt, String input) {
    return json.fromBytes(encode(r, new Datagram(agency, receivedAt, input)).json());
  }

  /** {@code "labels":{...}}: the export's labels first, so every label after them starts with a comma. */
  private static int labels(byte[] b, int p, FlowRecord r, Datagram d, long scale) {
    p = put(b, p, LABELS);
    p = put(b, p, d.exportLabels);
    if (r.templateId > 0) {
      p = label(b, p, TEMPLATE_ID, r.templateId);
    }
    if (scale > 1) {
      p = label(b, p, SAMPLING_INTERVAL, scale);
    }
    if (r.has(FlowRecord.BYTES)) {
      p = label(b, p, BYTES_RAW, r.get(FlowRecord.BYTES));
    }
    if (r.has(FlowRecord.PACKETS)) {
      p = label(b, p, PACKETS_RAW, r.get(FlowRecord.PACKETS));
    }
    if (r.has(FlowRecord.TCP_FLAGS) && r.has(FlowRecord.PROTOCOL) && r.get(FlowRecord.PROTOCOL) == 6) {
      long flags = r.get(FlowRecord.TCP_FLAGS);
      p = put(b, p, flags >= 0 && flags < TCP_FLAGS_LABELS.length ? TCP_FLAGS_LABELS[(int) flags]
          : tcpFlagsLabels(flags));
    }
    if (r.has(FlowRecord.INPUT_INTERFACE)) {
      p = label(b, p, INGRESS_INTERFACE, r.get(FlowRecord.INPUT_INTERFACE));
    }
    if (r.has(FlowRecord.OUTPUT_INTERFACE)) {
      p = label(b, p, EGRESS_INTERFACE, r.get(FlowRecord.OUTPUT_INTERFACE));
    }
    // AS and VLAN 0 mean "not set" in exports.
    if (r.get(FlowRecord.SOURCE_AS) != 0) {
      p = label(b, p, SOURCE_AS, r.get(FlowRecord.SOURCE_AS));
    }
    if (r.get(FlowRecord.DESTINATION_AS) != 0) {
      p = label(b, p, DESTINATION_AS, r.get(FlowRecord.DESTINATION_AS));
    }
    if (r.get(FlowRecord.VLAN) != 0) {
      p = label(b, p, VLAN, r.get(FlowRecord.VLAN));
    }
    if (r.nextHop != null && !anyLocal(r.nextHop)) {
      p = put(b, p, NEXT_HOP);
      p = address(b, p, r.nextHop);
    }
    if (r.has(FlowRecord.TOS)) {
      p = label(b, p, TOS, r.get(FlowRecord.TOS));
    }
    if (r.has(FlowRecord.SOURCE_MASK)) {
      p = label(b, p, SOURCE_MASK, r.get(FlowRecord.SOURCE_MASK));
    }
    if (r.has(FlowRecord.DESTINATION_MASK)) {
      p = label(b, p, DESTINATION_MASK, r.get(FlowRecord.DESTINATION_MASK));
    }
    if (r.has(FlowRecord.ICMP_TYPE_CODE)) {
      long typeCode = r.get(FlowRecord.ICMP_TYPE_CODE);
      p = label(b, p, ICMP_TYPE, typeCode >> 8);
      p = label(b, p, ICMP_CODE, typeCode & 0xFF);
    }
    if (r.has(FlowRecord.FLOW_END_REASON)) {
      p = label(b, p, FLOW_END_REASON, r.get(FlowRecord.FLOW_END_REASON));
    }
    if (r.enterpriseFieldsSkipped > 0) {
      p = label(b, p, ENTERPRISE_SKIPPED, r.enterpriseFieldsSkipped);
    }
    b[p++] = '}';
    return p;
  }

  /** A fragment at {@code p}; returns the position after it. */
  private static int put(byte[] b, int p, byte[] fragment) {
    System.arraycopy(fragment, 0, b, p, fragment.length);
    return p + fragment.length;
  }

  /** A member {@code name} (a {@code "name":} fragment) with a number, after a comma unless the object's first. */
  private static int number(byte[] b, int p, int objectStart, byte[] name, long v) {
    if (p != objectStart) {
      b[p++] = ',';
    }
    p = put(b, p, name);
    return Utf8JsonBuffer.putDigits(b, p, v);
  }

  /** Labels are strings: {@code ,"name":"123"}. */
  private static int label(byte[] b, int p, byte[] name, long v) {
    return quotedNumber(b, put(b, p, name), v);
  }

  private static int quotedNumber(byte[] b, int p, long v) {
    if (v >= 0 && v < QUOTED_SMALL_NUMBERS.length) {
      return put(b, p, QUOTED_SMALL_NUMBERS[(int) v]);
    }
    b[p++] = '"';
    p = Utf8JsonBuffer.putDigits(b, p, v);
    b[p++] = '"';
    return p;
  }

  /**
   * An address, quoted, as {@link InetAddress#getHostAddress()} writes it: IPv4 dotted quad from the bytes;
   * IPv6 (and IPv4-mapped IPv6, which the JDK prints as IPv4) through the JDK, as it is rare in exports. Its
   * text is ASCII (hex digits, colons, dots; a scope id never, as exported addresses have none).
   */
  private static int address(byte[] b, int p, byte[] raw) {
    b[p++] = '"';
    if (raw.length != 4) {
      String text = FlowRecord.inet(raw).getHostAddress();
      for (int i = 0; i < text.length(); i++) {
        b[p++] = (byte) text.charAt(i);
      }
    } else {
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          b[p++] = '.';
        }
        byte[] octet = OCTETS[raw[i] & 0xFF];
        for (int j = 0; j < octet.length; j++) {
          b[p++] = octet[j];
        }
      }
    }
    b[p++] = '"';
    return p;
  }

  /** As {@link InetAddress#isAnyLocalAddress()}: 0.0.0.0 or ::, not written as a next hop. */
  private static boolean anyLocal(byte[] raw) {
    return raw.length == 4 ? Bytes.allZero(raw, 0, 4) : FlowRecord.inet(raw).isAnyLocalAddress();
  }

  /** ECS {@code network.direction} from NetFlow v9/IPFIX flowDirection (0 ingress, 1 egress), as a member. */
  private static byte[] direction(long d) {
    return d == 0 ? INGRESS : d == 1 ? EGRESS : null;
  }

  /** IANA protocol keyword, lowercase, as ECS {@code network.transport} wants; null when we do not name it. */
  static String transport(int protocol) {
    return switch (protocol) {
      case 1 -> "icmp";
      case 2 -> "igmp";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 47 -> "gre";
      case 50 -> "esp";
      case 51 -> "ah";
      case 58 -> "ipv6-icmp";
      case 89 -> "ospf";
      case 132 -> "sctp";
      default -> null;
    };
  }

  /** The two TCP-flag labels of {@code flags}, comma first. */
  private static byte[] tcpFlagsLabels(long flags) {
    return ascii(",\"netflow.tcp_flags\":\"0x" + Long.toHexString(flags) + "\",\"netflow.tcp_flags_names\":\""
        + tcpFlagNames(flags) + "\"");
  }

  static String tcpFlagNames(long flags) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
      if ((flags & (1L << i)) != 0) {
        if (s.length() > 0) {
          s.append(',');
        }
        s.append(TCP_FLAG_NAMES[i]);
      }
    }
    return s.toString();
  }

  private static void nonEmpty(Utf8JsonBuffer b, Name name, String value) {
    if (value != null && !value.isEmpty()) {
      b.writeFieldName(name);
      b.writeString(value);
    }
  }

  /** Members written once into a buffer of their own, to be copied into documents with appendRaw. */
  private static byte[] members(java.util.function.Consumer<Utf8JsonBuffer> writer) {
    Utf8JsonBuffer b = new Utf8JsonBuffer(256);
    writer.accept(b);
    return b.toByteArray();
  }

  /** {@code ,"name":}: a label's name, after the labels before it. */
  private static byte[] label(String name) {
    return ascii(",\"" + name + "\":");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
