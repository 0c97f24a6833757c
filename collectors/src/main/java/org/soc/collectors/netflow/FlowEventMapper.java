package org.soc.collectors.netflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.soc.agency.Agency;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * Turns a {@link FlowRecord} into one ECS network event. Counters are scaled by the sampling interval; the raw
 * exported figures, and what ECS has no field for in our schema yet, go into {@code labels} under ECS names
 * where ECS has one ({@code source.as.number}, {@code observer.ingress.interface.id}, {@code network.vlan.id})
 * and {@code netflow.*} otherwise.
 */
public final class FlowEventMapper {
  private static final List<String> CATEGORY = List.of("network");
  private static final List<String> TYPE = List.of("connection");
  private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
  private static final String[] SMALL_NUMBERS = new String[256];
  /** {@code netflow.tcp_flags} and {@code netflow.tcp_flags_names} of every 9-bit flag combination. */
  private static final String[] TCP_FLAGS_HEX = new String[1 << TCP_FLAG_NAMES.length];
  private static final String[] TCP_FLAGS_NAMES = new String[TCP_FLAGS_HEX.length];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = Integer.toString(i);
    }
    for (int i = 0; i < TCP_FLAGS_HEX.length; i++) {
      TCP_FLAGS_HEX[i] = "0x" + Integer.toHexString(i);
      TCP_FLAGS_NAMES[i] = tcpFlagNames(i);
    }
  }

  private final EventIdGenerator ids;

  public FlowEventMapper(EventIdGenerator ids) {
    this.ids = ids;
  }

  /**
   * @param receivedAt when the datagram arrived: {@code event.ingested}, the id's time, and {@code @timestamp}
   *     when the flow has no end time
   * @param input the listener, written to {@code soc.input} ({@code netflow-udp} or {@code ipfix-udp})
   */
  public Event toEvent(FlowRecord r, Agency agency, Instant receivedAt, String input) {
    return toEvent(r, new Datagram(agency, receivedAt, input));
  }

  /**
   * What every flow of one datagram shares, built once per datagram so the per-flow work is only the flow's own:
   * the organization, {@code soc.*}, and (per exporter and version, computed on first use) the observer and the
   * exporter address as text. Not thread-safe: one per datagram, on the thread handling it.
   */
  public static final class Datagram {
    private final Instant receivedAt;
    private final Event.Organization organization;
    private final Event.SocInfo soc;
    private ExportContext context;
    private Event.Observer observer;
    private String domainId;

    /** @param receivedAt see {@link #toEvent(FlowRecord, Agency, Instant, String)}; so is {@code input} */
    public Datagram(Agency agency, Instant receivedAt, String input) {
      this.receivedAt = receivedAt;
      this.organization = agency.organization();
      this.soc = new Event.SocInfo(null, null, null, input, null);
    }

    /** Sets of one datagram share one context; sets released from the pending buffer bring their own. */
    private void use(ExportContext c) {
      if (c == context) {
        return;
      }
      if (context == null || !c.exporter().equals(context.exporter()) || c.version() != context.version()) {
        observer = new Event.Observer(c.exporter().getAddress().getHostAddress(), c.exporter().getPort(), null,
            c.version() == 10 ? "ipfix" : "netflow");
      }
      if (context == null || c.domainId() != context.domainId()) {
        domainId = Long.toString(c.domainId());
      }
      context = c;
    }
  }

  /** One event for a flow of the datagram {@code d} describes. */
  public Event toEvent(FlowRecord r, Datagram d) {
    d.use(r.context);
    Instant receivedAt = d.receivedAt;
    int version = r.context.version();
    boolean ipfix = version == 10;
    String dataset = ipfix ? "ipfix" : "netflow";
    long scale = Math.max(1, r.samplingInterval);
    Long bytes = r.bytes == null ? null : Bytes.saturatedMultiply(r.bytes, scale);
    Long packets = r.packets == null ? null : Bytes.saturatedMultiply(r.packets, scale);
    String transport = r.protocol == null ? null : transport(r.protocol);
    Labels labels = new Labels();
    labels.add("netflow.version", version == 10 ? "10" : version == 9 ? "9" : number(version));
    labels.add(ipfix ? "netflow.observation_domain_id" : "netflow.source_id", d.domainId);
    if (r.templateId > 0) {
      labels.add("netflow.template_id", Integer.toString(r.templateId));
    }
    if (scale > 1) {
      labels.add("netflow.sampling_interval", Long.toString(scale));
    }
    if (r.bytes != null) {
      labels.add("netflow.bytes_raw", Long.toString(r.bytes));
    }
    if (r.packets != null) {
      labels.add("netflow.packets_raw", Long.toString(r.packets));
    }
    if (r.tcpFlags != null && r.protocol != null && r.protocol == 6) {
      int flags = r.tcpFlags;
      boolean tabled = flags >= 0 && flags < TCP_FLAGS_HEX.length;
      labels.add("netflow.tcp_flags", tabled ? TCP_FLAGS_HEX[flags] : "0x" + Integer.toHexString(flags));
      labels.add("netflow.tcp_flags_names", tabled ? TCP_FLAGS_NAMES[flags] : tcpFlagNames(flags));
    }
    labels.add("observer.ingress.interface.id", r.inputInterface);
    labels.add("observer.egress.interface.id", r.outputInterface);
    labels.add("source.as.number", r.sourceAs == null || r.sourceAs == 0 ? null : r.sourceAs);
    labels.add("destination.as.number", r.destinationAs == null || r.destinationAs == 0 ? null : r.destinationAs);
    if (r.vlan != null && r.vlan != 0) {
      labels.add("network.vlan.id", Integer.toString(r.vlan));
    }
    if (r.nextHop != null && !r.nextHop.isAnyLocalAddress()) {
      labels.add("netflow.next_hop", r.nextHop.getHostAddress());
    }
    if (r.tos != null) {
      labels.add("netflow.tos", number(r.tos));
    }
    if (r.sourceMask != null) {
      labels.add("netflow.source_mask", number(r.sourceMask));
    }
    if (r.destinationMask != null) {
      labels.add("netflow.destination_mask", number(r.destinationMask));
    }
    if (r.icmpTypeCode != null) {
      labels.add("netflow.icmp_type", number(r.icmpTypeCode >> 8));
      labels.add("netflow.icmp_code", number(r.icmpTypeCode & 0xFF));
    }
    if (r.flowEndReason != null) {
      labels.add("netflow.flow_end_reason", number(r.flowEndReason));
    }
    if (r.enterpriseFieldsSkipped > 0) {
      labels.add("netflow.enterprise_fields_skipped", Integer.toString(r.enterpriseFieldsSkipped));
    }
    return new Event(r.end != null ? r.end : receivedAt,
        new Event.EventInfo(ids.next(receivedAt), "event", CATEGORY, TYPE, null, null, null, null, receivedAt,
            dataset, r.start, r.end),
        endpoint(r.sourceAddress, r.sourcePort, bytes, packets),
        endpoint(r.destinationAddress, r.destinationPort, null, null),
        new Event.NetworkInfo(transport, r.protocol == null ? null : number(r.protocol), bytes, packets,
            direction(r.direction)),
        null, null, null, null, d.observer, d.organization, null, labels.toMap(), List.of(), null, d.soc);
  }

  /**
   * The labels of one event, collected as entries and made into the immutable map {@link Event} keeps in one
   * step: {@code Map.copyOf} returns such a map as is, where a builder's LinkedHashMap (resized past 12 labels)
   * would be copied entry by entry. Each key is added at most once.
   */
  private static final class Labels {
    @SuppressWarnings("unchecked")
    private Map.Entry<String, String>[] entries = new Map.Entry[24];
    private int size;

    void add(String key, String value) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      entries[size++] = Map.entry(key, value);
    }

    void add(String key, Long value) {
      if (value != null) {
        add(key, Long.toString(value));
      }
    }

    Map<String, String> toMap() {
      return Map.ofEntries(size == entries.length ? entries : Arrays.copyOf(entries, size));
    }
  }

  /** Decimal text of small numbers (protocol, masks, ToS, ICMP type and code) without formatting each time. */
  private static String number(int n) {
    return n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n] : Integer.toString(n);
  }

  private static Event.Endpoint endpoint(java.net.InetAddress ip, Integer port, Long bytes, Long packets) {
    if (ip == null && port == null) {
      return null;
    }
    return new Event.Endpoint(ip == null ? null : ip.getHostAddress(), port, bytes, packets);
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
}
