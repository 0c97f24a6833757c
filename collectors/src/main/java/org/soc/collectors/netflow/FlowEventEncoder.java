package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
  private static final Name TIMESTAMP = new Name("@timestamp");
  private static final Name EVENT = new Name("event");
  private static final Name ID = new Name("id");
  private static final Name INGESTED = new Name("ingested");
  private static final Name DATASET = new Name("dataset");
  private static final Name START = new Name("start");
  private static final Name END = new Name("end");
  private static final Name SOURCE = new Name("source");
  private static final Name DESTINATION = new Name("destination");
  private static final Name IP = new Name("ip");
  private static final Name PORT = new Name("port");
  private static final Name BYTES = new Name("bytes");
  private static final Name PACKETS = new Name("packets");
  private static final Name NETWORK = new Name("network");
  private static final Name TRANSPORT = new Name("transport");
  private static final Name IANA_NUMBER = new Name("iana_number");
  private static final Name DIRECTION = new Name("direction");
  private static final Name LABELS = new Name("labels");

  private static final Name VERSION_LABEL = new Name("netflow.version");
  private static final Name TEMPLATE_ID = new Name("netflow.template_id");
  private static final Name SAMPLING_INTERVAL = new Name("netflow.sampling_interval");
  private static final Name BYTES_RAW = new Name("netflow.bytes_raw");
  private static final Name PACKETS_RAW = new Name("netflow.packets_raw");
  private static final Name TCP_FLAGS = new Name("netflow.tcp_flags");
  private static final Name TCP_FLAGS_NAMES = new Name("netflow.tcp_flags_names");
  private static final Name INGRESS_INTERFACE = new Name("observer.ingress.interface.id");
  private static final Name EGRESS_INTERFACE = new Name("observer.egress.interface.id");
  private static final Name SOURCE_AS = new Name("source.as.number");
  private static final Name DESTINATION_AS = new Name("destination.as.number");
  private static final Name VLAN = new Name("network.vlan.id");
  private static final Name NEXT_HOP = new Name("netflow.next_hop");
  private static final Name TOS = new Name("netflow.tos");
  private static final Name SOURCE_MASK = new Name("netflow.source_mask");
  private static final Name DESTINATION_MASK = new Name("netflow.destination_mask");
  private static final Name ICMP_TYPE = new Name("netflow.icmp_type");
  private static final Name ICMP_CODE = new Name("netflow.icmp_code");
  private static final Name FLOW_END_REASON = new Name("netflow.flow_end_reason");
  private static final Name ENTERPRISE_SKIPPED = new Name("netflow.enterprise_fields_skipped");

  /** What every flow event says about its kind: {@code event.kind}, {@code event.category}, {@code event.type}. */
  private static final byte[] KIND_CATEGORY_TYPE = members(b -> {
    b.writeFieldName(new Name("kind"));
    b.writeString("event");
    b.writeFieldName(new Name("category"));
    b.writeStartArray();
    b.writeString("network");
    b.writeEndArray();
    b.writeFieldName(new Name("type"));
    b.writeStartArray();
    b.writeString("connection");
    b.writeEndArray();
  });

  private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
  /** ASCII of 0..255, for address octets and the small numbers (protocol, masks, ToS, ICMP). */
  private static final byte[][] SMALL_NUMBERS = new byte[256][];
  /** {@code netflow.tcp_flags} and {@code netflow.tcp_flags_names} of every 9-bit flag combination. */
  private static final byte[][] TCP_FLAGS_HEX = new byte[1 << TCP_FLAG_NAMES.length][];
  private static final byte[][] TCP_FLAGS_TEXT = new byte[TCP_FLAGS_HEX.length][];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = ascii(Integer.toString(i));
    }
    for (int i = 0; i < TCP_FLAGS_HEX.length; i++) {
      TCP_FLAGS_HEX[i] = ascii("0x" + Integer.toHexString(i));
      TCP_FLAGS_TEXT[i] = ascii(tcpFlagNames(i));
    }
  }

  private final EventIdGenerator ids;
  private final EventJson json = new EventJson();
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  public FlowEventEncoder(EventIdGenerator ids) {
    this.ids = ids;
  }

  /** A thread's output buffer and the bytes numbers and addresses are spelled into before they are copied. */
  private static final class Scratch {
    final Utf8JsonBuffer out = new Utf8JsonBuffer(2048);
    final byte[] ascii = new byte[EventIdGenerator.LENGTH];
  }

  /**
   * What every flow of one datagram shares, written once per datagram so the per-flow work is only the flow's
   * own: the organization and {@code soc.*}, and (per exporter, version and domain, on first use) the observer,
   * the version and the domain-id labels. Not thread-safe: one per datagram, on the thread handling it.
   */
  public static final class Datagram {
    private final Instant receivedAt;
    private final long receivedAtMillis;
    private final String organizationId;
    /** {@code "organization":{...},} is written after the observer; {@code "soc":{...}} closes the document. */
    private final byte[] organization;
    private final byte[] soc;
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
      // Milliseconds, as Elasticsearch's date type keeps them (and the id's time is in milliseconds too).
      this.receivedAtMillis = receivedAt.toEpochMilli();
      this.receivedAt = Instant.ofEpochMilli(receivedAtMillis);
      Event.Organization org = agency.organization();
      this.organizationId = org == null || org.id() == null ? Event.Organization.UNKNOWN_ID : org.id();
      this.organization = org == null ? new byte[0] : members(b -> {
        b.writeFieldName(new Name("organization"));
        b.writeStartObject();
        nonEmpty(b, "id", org.id());
        nonEmpty(b, "name", org.name());
        b.writeEndObject();
      });
      this.soc = members(b -> {
        b.writeFieldName(new Name("soc"));
        b.writeStartObject();
        nonEmpty(b, "input", input);
        b.writeEndObject();
      });
    }

    /** Sets of one datagram share one context; sets released from the pending buffer bring their own. */
    private void use(ExportContext c) {
      if (c == context) {
        return;
      }
      boolean ipfix = c.version() == 10;
      if (context == null || !c.exporter().equals(context.exporter()) || c.version() != context.version()) {
        observer = members(b -> {
          b.writeFieldName(new Name("observer"));
          b.writeStartObject();
          b.writeFieldName(IP);
          b.writeString(c.exporter().getAddress().getHostAddress());
          b.writeFieldName(PORT);
          b.writeNumber(c.exporter().getPort());
          b.writeFieldName(new Name("type"));
          b.writeString(ipfix ? "ipfix" : "netflow");
          b.writeEndObject();
        });
        ingestedAndDataset = members(b -> {
          b.writeFieldName(INGESTED);
          b.writeInstant(receivedAt);
          b.writeFieldName(DATASET);
          b.writeString(ipfix ? "ipfix" : "netflow");
        });
      }
      if (context == null || c.domainId() != context.domainId() || c.version() != context.version()) {
        exportLabels = members(b -> {
          b.writeFieldName(VERSION_LABEL);
          b.writeString(Integer.toString(c.version()));
          b.writeFieldName(new Name(ipfix ? "netflow.observation_domain_id" : "netflow.source_id"));
          b.writeString(Long.toString(c.domainId()));
        });
      }
      context = c;
    }
  }

  /** The event of one flow of the datagram {@code d} describes. */
  public EncodedEvent encode(FlowRecord r, Datagram d) {
    d.use(r.context);
    Scratch s = scratch.get();
    Utf8JsonBuffer out = s.out;
    out.reset();
    long scale = Math.max(1, r.samplingInterval);
    Long bytes = r.bytes == null ? null : Bytes.saturatedMultiply(r.bytes, scale);
    Long packets = r.packets == null ? null : Bytes.saturatedMultiply(r.packets, scale);

    out.writeStartObject();
    out.writeFieldName(TIMESTAMP);
    out.writeInstant(r.end != null ? r.end : d.receivedAt);
    out.writeFieldName(EVENT);
    out.writeStartObject();
    out.writeFieldName(ID);
    ids.next(d.receivedAtMillis, s.ascii, 0);
    out.writeAsciiString(s.ascii, 0, EventIdGenerator.LENGTH);
    out.writeRawMembers(KIND_CATEGORY_TYPE);
    out.writeRawMembers(d.ingestedAndDataset);
    instant(out, START, r.start);
    instant(out, END, r.end);
    out.writeEndObject();
    if (r.sourceAddress != null || r.sourcePort != null) {
      out.writeFieldName(SOURCE);
      out.writeStartObject();
      address(out, s, IP, r.sourceAddress);
      number(out, PORT, r.sourcePort);
      number(out, BYTES, bytes);
      number(out, PACKETS, packets);
      out.writeEndObject();
    }
    if (r.destinationAddress != null || r.destinationPort != null) {
      out.writeFieldName(DESTINATION);
      out.writeStartObject();
      address(out, s, IP, r.destinationAddress);
      number(out, PORT, r.destinationPort);
      out.writeEndObject();
    }
    // Written even when nothing in it is known, as the schema's writer writes a present, empty record.
    out.writeFieldName(NETWORK);
    out.writeStartObject();
    if (r.protocol != null) {
      String transport = transport(r.protocol);
      if (transport != null) {
        out.writeFieldName(TRANSPORT);
        out.writeString(transport);
      }
      numberText(out, IANA_NUMBER, r.protocol);
    }
    number(out, BYTES, bytes);
    number(out, PACKETS, packets);
    String direction = direction(r.direction);
    if (direction != null) {
      out.writeFieldName(DIRECTION);
      out.writeString(direction);
    }
    out.writeEndObject();
    out.writeRawMembers(d.observer);
    if (d.organization.length > 0) {
      out.writeRawMembers(d.organization);
    }
    labels(out, s, r, d, scale);
    out.writeRawMembers(d.soc);
    out.writeEndObject();
    return new EncodedEvent(d.organizationId, out.toByteArray());
  }

  /** The event {@link #encode} writes, read back: for tests and tools that want the typed form. */
  public Event toEvent(FlowRecord r, Agency agency, Instant receivedAt, String input) {
    return json.fromBytes(encode(r, new Datagram(agency, receivedAt, input)).json());
  }

  private static void labels(Utf8JsonBuffer out, Scratch s, FlowRecord r, Datagram d, long scale) {
    out.writeFieldName(LABELS);
    out.writeStartObject();
    out.writeRawMembers(d.exportLabels);
    if (r.templateId > 0) {
      numberText(out, TEMPLATE_ID, r.templateId);
    }
    if (scale > 1) {
      numberText(out, SAMPLING_INTERVAL, scale);
    }
    if (r.bytes != null) {
      numberText(out, BYTES_RAW, r.bytes);
    }
    if (r.packets != null) {
      numberText(out, PACKETS_RAW, r.packets);
    }
    if (r.tcpFlags != null && r.protocol != null && r.protocol == 6) {
      int flags = r.tcpFlags;
      if (flags >= 0 && flags < TCP_FLAGS_HEX.length) {
        ascii(out, TCP_FLAGS, TCP_FLAGS_HEX[flags]);
        ascii(out, TCP_FLAGS_NAMES, TCP_FLAGS_TEXT[flags]);
      } else {
        out.writeFieldName(TCP_FLAGS);
        out.writeString("0x" + Integer.toHexString(flags));
        out.writeFieldName(TCP_FLAGS_NAMES);
        out.writeString(tcpFlagNames(flags));
      }
    }
    if (r.inputInterface != null) {
      numberText(out, INGRESS_INTERFACE, r.inputInterface);
    }
    if (r.outputInterface != null) {
      numberText(out, EGRESS_INTERFACE, r.outputInterface);
    }
    if (r.sourceAs != null && r.sourceAs != 0) {
      numberText(out, SOURCE_AS, r.sourceAs);
    }
    if (r.destinationAs != null && r.destinationAs != 0) {
      numberText(out, DESTINATION_AS, r.destinationAs);
    }
    if (r.vlan != null && r.vlan != 0) {
      numberText(out, VLAN, r.vlan);
    }
    if (r.nextHop != null && !anyLocal(r.nextHop)) {
      address(out, s, NEXT_HOP, r.nextHop);
    }
    if (r.tos != null) {
      numberText(out, TOS, r.tos);
    }
    if (r.sourceMask != null) {
      numberText(out, SOURCE_MASK, r.sourceMask);
    }
    if (r.destinationMask != null) {
      numberText(out, DESTINATION_MASK, r.destinationMask);
    }
    if (r.icmpTypeCode != null) {
      numberText(out, ICMP_TYPE, r.icmpTypeCode >> 8);
      numberText(out, ICMP_CODE, r.icmpTypeCode & 0xFF);
    }
    if (r.flowEndReason != null) {
      numberText(out, FLOW_END_REASON, r.flowEndReason);
    }
    if (r.enterpriseFieldsSkipped > 0) {
      numberText(out, ENTERPRISE_SKIPPED, r.enterpriseFieldsSkipped);
    }
    out.writeEndObject();
  }

  private static void instant(Utf8JsonBuffer out, Name field, Instant v) {
    if (v != null) {
      out.writeFieldName(field);
      out.writeInstant(v);
    }
  }

  private static void number(Utf8JsonBuffer out, Name field, Integer v) {
    if (v != null) {
      out.writeFieldName(field);
      out.writeNumber(v.intValue());
    }
  }

  private static void number(Utf8JsonBuffer out, Name field, Long v) {
    if (v != null) {
      out.writeFieldName(field);
      out.writeNumber(v.longValue());
    }
  }

  private static void ascii(Utf8JsonBuffer out, Name field, byte[] text) {
    out.writeFieldName(field);
    out.writeAsciiString(text, 0, text.length);
  }

  /** A number as a JSON string (labels are strings): {@code "field":"123"}. */
  private static void numberText(Utf8JsonBuffer out, Name field, long v) {
    if (v >= 0 && v < SMALL_NUMBERS.length) {
      ascii(out, field, SMALL_NUMBERS[(int) v]);
    } else {
      out.writeFieldName(field);
      out.writeNumberAsString(v);
    }
  }

  /**
   * An address as {@link InetAddress#getHostAddress()} writes it: IPv4 dotted quad from the bytes; IPv6 (and
   * IPv4-mapped IPv6, which the JDK prints as IPv4) through the JDK, as it is rare in exports.
   */
  private static void address(Utf8JsonBuffer out, Scratch s, Name field, byte[] raw) {
    if (raw == null) {
      return;
    }
    out.writeFieldName(field);
    if (raw.length != 4) {
      out.writeString(FlowRecord.inet(raw).getHostAddress());
      return;
    }
    byte[] a = s.ascii;
    int p = 0;
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        a[p++] = '.';
      }
      byte[] octet = SMALL_NUMBERS[raw[i] & 0xFF];
      for (byte c : octet) {
        a[p++] = c;
      }
    }
    out.writeAsciiString(a, 0, p);
  }

  /** As {@link InetAddress#isAnyLocalAddress()}: 0.0.0.0 or ::, not written as a next hop. */
  private static boolean anyLocal(byte[] raw) {
    return raw.length == 4 ? Bytes.allZero(raw, 0, 4) : FlowRecord.inet(raw).isAnyLocalAddress();
  }

  /** ECS {@code network.direction} from NetFlow v9/IPFIX flowDirection (0 ingress, 1 egress). */
  private static String direction(Integer d) {
    if (d == null) {
      return null;
    }
    return d == 0 ? "ingress" : d == 1 ? "egress" : null;
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

  static String tcpFlagNames(int flags) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
      if ((flags & (1 << i)) != 0) {
        if (s.length() > 0) {
          s.append(',');
        }
        s.append(TCP_FLAG_NAMES[i]);
      }
    }
    return s.toString();
  }

  private static void nonEmpty(Utf8JsonBuffer b, String name, String value) {
    if (value != null && !value.isEmpty()) {
      b.writeFieldName(new Name(name));
      b.writeString(value);
    }
  }

  /** Members written once into a buffer of their own, to be copied into documents with writeRawMembers. */
  private static byte[] members(java.util.function.Consumer<Utf8JsonBuffer> writer) {
    Utf8JsonBuffer b = new Utf8JsonBuffer(256);
    writer.accept(b);
    return b.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
