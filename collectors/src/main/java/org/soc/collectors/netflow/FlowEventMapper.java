package org.soc.collectors.netflow;

import java.time.Instant;
import java.util.List;
import org.soc.agency.Agency;
import org.soc.schema.Event;
import org.soc.schema.EventBuilder;
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
    boolean ipfix = r.context.version() == 10;
    String dataset = ipfix ? "ipfix" : "netflow";
    long scale = Math.max(1, r.samplingInterval);
    Long bytes = r.bytes == null ? null : Bytes.saturatedMultiply(r.bytes, scale);
    Long packets = r.packets == null ? null : Bytes.saturatedMultiply(r.packets, scale);
    String transport = r.protocol == null ? null : transport(r.protocol);
    EventBuilder b = Event.builder()
        .timestamp(r.end != null ? r.end : receivedAt)
        .event(new Event.EventInfo(ids.next(receivedAt), "event", CATEGORY, TYPE, null, null, null, null,
            receivedAt, dataset, r.start, r.end))
        .source(endpoint(r.sourceAddress, r.sourcePort, bytes, packets))
        .destination(endpoint(r.destinationAddress, r.destinationPort, null, null))
        .network(new Event.NetworkInfo(transport, r.protocol == null ? null : Integer.toString(r.protocol), bytes,
            packets, direction(r.direction)))
        .observer(new Event.Observer(r.context.exporter().getAddress().getHostAddress(),
            r.context.exporter().getPort(), null, dataset))
        .organization(agency.organization())
        .soc(new Event.SocInfo(null, null, null, input, null));
    b.label("netflow.version", Integer.toString(r.context.version()));
    b.label(ipfix ? "netflow.observation_domain_id" : "netflow.source_id", Long.toString(r.context.domainId()));
    if (r.templateId > 0) {
      b.label("netflow.template_id", Integer.toString(r.templateId));
    }
    if (scale > 1) {
      b.label("netflow.sampling_interval", Long.toString(scale));
    }
    if (r.bytes != null) {
      b.label("netflow.bytes_raw", Long.toString(r.bytes));
    }
    if (r.packets != null) {
      b.label("netflow.packets_raw", Long.toString(r.packets));
    }
    if (r.tcpFlags != null && Integer.valueOf(6).equals(r.protocol)) {
      b.label("netflow.tcp_flags", "0x" + Integer.toHexString(r.tcpFlags));
      b.label("netflow.tcp_flags_names", tcpFlagNames(r.tcpFlags));
    }
    label(b, "observer.ingress.interface.id", r.inputInterface);
    label(b, "observer.egress.interface.id", r.outputInterface);
    label(b, "source.as.number", r.sourceAs == null || r.sourceAs == 0 ? null : r.sourceAs);
    label(b, "destination.as.number", r.destinationAs == null || r.destinationAs == 0 ? null : r.destinationAs);
    label(b, "network.vlan.id", r.vlan == null || r.vlan == 0 ? null : (long) r.vlan);
    if (r.nextHop != null && !r.nextHop.isAnyLocalAddress()) {
      b.label("netflow.next_hop", r.nextHop.getHostAddress());
    }
    label(b, "netflow.tos", r.tos == null ? null : (long) r.tos);
    label(b, "netflow.source_mask", r.sourceMask == null ? null : (long) r.sourceMask);
    label(b, "netflow.destination_mask", r.destinationMask == null ? null : (long) r.destinationMask);
    if (r.icmpTypeCode != null) {
      b.label("netflow.icmp_type", Integer.toString(r.icmpTypeCode >> 8));
      b.label("netflow.icmp_code", Integer.toString(r.icmpTypeCode & 0xFF));
    }
    label(b, "netflow.flow_end_reason", r.flowEndReason == null ? null : (long) r.flowEndReason);
    if (r.enterpriseFieldsSkipped > 0) {
      b.label("netflow.enterprise_fields_skipped", Integer.toString(r.enterpriseFieldsSkipped));
    }
    return b.build();
  }

  private static void label(EventBuilder b, String key, Long value) {
    if (value != null) {
      b.label(key, Long.toString(value));
    }
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
