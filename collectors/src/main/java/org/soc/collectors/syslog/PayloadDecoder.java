package org.soc.collectors.syslog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.payload.Values;
import org.soc.schema.Event;

/**
 * Extracts ECS fields from one kind of message (sshd, sudo, a firewall, CEF...). Pure and thread-safe.
 * {@link SyslogMessageParser} asks the decoders in order and keeps the first result, so a decoder must look
 * cheaply (program name, a prefix) before it works hard, and answer empty for lines it does not know.
 * Decoders never throw for any input; the random-mutation test holds them to that.
 *
 * <p>Adding a decoder is one class here (usually in {@code payload}), one line in
 * {@code PayloadDecoders.defaults()} and its golden fixture pairs.
 */
public interface PayloadDecoder {

  /**
   * @param message header fields and MSG of one syslog line; {@link SyslogMessage#message()} may be null
   * @return the fields the message carries, or empty when it is not one of the lines this decoder knows
   */
  Optional<Decoded> decode(SyslogMessage message);

  /**
   * ECS fields found in a message; null or empty means "not set". What the {@link Event} schema has no field
   * for yet ({@code event.code}, {@code url.*}, {@code http.*}, {@code rule.*}, {@code user.target.*},
   * {@code observer.vendor} ...) goes to {@code labels} under its ECS name.
   *
   * @param category {@code event.category}
   * @param type {@code event.type}
   * @param action {@code event.action}
   * @param outcome {@code event.outcome}: {@code success}, {@code failure} or {@code unknown}
   * @param severity {@code event.severity} when the payload has its own (CEF, LEEF); null keeps the syslog one
   */
  record Decoded(
      List<String> category,
      List<String> type,
      String action,
      String outcome,
      Integer severity,
      String userName,
      Event.Endpoint source,
      Event.Endpoint destination,
      Event.NetworkInfo network,
      Map<String, String> labels) {
    public Decoded {
      category = category == null ? List.of() : List.copyOf(category);
      type = type == null ? List.of() : List.copyOf(type);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Builder builder() {
      return new Builder();
    }

    public String sourceIp() {
      return source == null ? null : source.ip();
    }

    public Integer sourcePort() {
      return source == null ? null : source.port();
    }
  }

  /** Collects fields; setters ignore null and blank values, and addresses and ports that are not valid. */
  final class Builder {
    private final List<String> category = new ArrayList<>();
    private final List<String> type = new ArrayList<>();
    private String action;
    private String outcome;
    private Integer severity;
    private String userName;
    private String sourceIp;
    private Integer sourcePort;
    private Long sourceBytes;
    private Long sourcePackets;
    private String destinationIp;
    private Integer destinationPort;
    private Long destinationBytes;
    private Long destinationPackets;
    private String transport;
    private String ianaNumber;
    private Long networkBytes;
    private Long networkPackets;
    private String direction;
    private final Map<String, String> labels = new LinkedHashMap<>();

    Builder() {}

    public Builder category(String... values) { category.addAll(List.of(values)); return this; }
    public Builder type(String... values) { type.addAll(List.of(values)); return this; }
    public Builder action(String v) { if (present(v)) action = v; return this; }
    public Builder outcome(String v) { if (present(v)) outcome = v; return this; }
    public Builder severity(Integer v) { if (v != null) severity = v; return this; }
    public Builder user(String v) { if (present(v)) userName = v; return this; }
    public Builder sourceIp(String v) { String ip = Values.ip(v); if (ip != null) sourceIp = ip; return this; }
    public Builder sourcePort(String v) { Integer p = Values.port(v); if (p != null) sourcePort = p; return this; }
    public Builder sourceBytes(String v) { Long n = Values.count(v); if (n != null) sourceBytes = n; return this; }
    public Builder sourcePackets(String v) { Long n = Values.count(v); if (n != null) sourcePackets = n; return this; }
    public Builder destinationIp(String v) { String ip = Values.ip(v); if (ip != null) destinationIp = ip; return this; }
    public Builder destinationPort(String v) { Integer p = Values.port(v); if (p != null) destinationPort = p; return this; }
    public Builder destinationBytes(String v) { Long n = Values.count(v); if (n != null) destinationBytes = n; return this; }
    public Builder destinationPackets(String v) { Long n = Values.count(v); if (n != null) destinationPackets = n; return this; }
    public Builder networkBytes(String v) { Long n = Values.count(v); if (n != null) networkBytes = n; return this; }
    public Builder networkPackets(String v) { Long n = Values.count(v); if (n != null) networkPackets = n; return this; }
    public Builder direction(String v) { if (present(v)) direction = v; return this; }

    /** {@code network.transport} and {@code network.iana_number} from a name ({@code TCP}) or number ({@code 6}). */
    public Builder transport(String v) {
      String name = Values.transport(v);
      if (name != null) {
        transport = name;
        ianaNumber = Values.ianaNumber(name);
      }
      return this;
    }

    public Builder label(String key, String value) {
      if (present(value)) {
        labels.put(key, value);
      }
      return this;
    }

    public Optional<Decoded> build() {
      Event.Endpoint source = sourceIp == null && sourcePort == null && sourceBytes == null && sourcePackets == null
          ? null : new Event.Endpoint(sourceIp, sourcePort, sourceBytes, sourcePackets);
      Event.Endpoint destination = destinationIp == null && destinationPort == null && destinationBytes == null
          && destinationPackets == null
          ? null : new Event.Endpoint(destinationIp, destinationPort, destinationBytes, destinationPackets);
      Event.NetworkInfo network = transport == null && networkBytes == null && networkPackets == null
          && direction == null ? null : new Event.NetworkInfo(transport, ianaNumber, networkBytes, networkPackets,
              direction);
      return Optional.of(new Decoded(category, type, action, outcome, severity, userName, source, destination,
          network, labels));
    }

    private static boolean present(String v) {
      return v != null && !v.isBlank() && !"-".equals(v);
    }
  }
}
