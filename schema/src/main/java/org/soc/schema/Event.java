package org.soc.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one normalised event, from collector to Elasticsearch, with Elastic Common Schema field names.
 * Nested records mirror the ECS field sets ({@code event.*}, {@code source.*}, ...), so the JSON form is the
 * ECS document as indexed. Absent field sets are {@code null} and omitted from JSON.
 *
 * @see <a href="https://www.elastic.co/guide/en/ecs/current/ecs-field-reference.html">ECS field reference</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Event(
    @JsonProperty("@timestamp") Instant timestamp,
    EventInfo event,
    Endpoint source,
    Endpoint destination,
    NetworkInfo network,
    UserInfo user,
    HostInfo host,
    ProcessInfo process,
    LogInfo log,
    Observer observer,
    Organization organization,
    String message,
    Map<String, String> labels,
    List<String> tags,
    ErrorInfo error,
    SocInfo soc) {

  /** Tag set on every event whose payload could not be parsed; the original is kept in {@code event.original}. */
  public static final String TAG_PARSE_FAILURE = "_parse_failure";

  public Event {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public static EventBuilder builder() {
    return new EventBuilder();
  }

  public EventBuilder toBuilder() {
    return new EventBuilder(this);
  }

  /**
   * This event with {@code organization} and {@code added} labels (replacing labels of the same name): what
   * enrichment does to every event, without a builder's copies of every field and list.
   */
  public Event withOrganizationAndLabels(Organization organization, Map<String, String> added) {
    Map<String, String> merged = added.isEmpty() ? labels : merge(labels, added);
    return new Event(timestamp, event, source, destination, network, user, host, process, log, observer,
        organization, message, merged, tags, error, soc);
  }

  /** {@code labels} with {@code added} over them, built as the immutable map the constructor keeps as is. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> merge(Map<String, String> labels, Map<String, String> added) {
    Map.Entry<String, String>[] entries = new Map.Entry[labels.size() + added.size()];
    int n = 0;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!added.containsKey(label.getKey())) {
        entries[n++] = label;
      }
    }
    for (Map.Entry<String, String> label : added.entrySet()) {
      entries[n++] = label;
    }
    return Map.ofEntries(n == entries.length ? entries : Arrays.copyOf(entries, n));
  }

  /** {@code event.id}, or null if none was assigned. */
  @JsonIgnore
  public String id() {
    return event == null ? null : event.id();
  }

  /** {@code organization.id}, or {@link Organization#UNKNOWN_ID} when the agency is not known. */
  @JsonIgnore
  public String organizationId() {
    return organization == null || organization.id() == null ? Organization.UNKNOWN_ID : organization.id();
  }

  @JsonIgnore
  public boolean isParseFailure() {
    return tags.contains(TAG_PARSE_FAILURE);
  }

  /** ECS {@code event.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record EventInfo(
      String id,
      String kind,
      List<String> category,
      List<String> type,
      String action,
      String outcome,
      Integer severity,
      String original,
      Instant ingested,
      String dataset,
      Instant start,
      Instant end) {
    public EventInfo {
      category = category == null ? List.of() : List.copyOf(category);
      type = type == null ? List.of() : List.copyOf(type);
    }
  }

  /** ECS {@code source.*} and {@code destination.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Endpoint(String ip, Integer port, Long bytes, Long packets) {
    public static Endpoint of(String ip, Integer port) {
      return new Endpoint(ip, port, null, null);
    }
  }

  /** ECS {@code network.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record NetworkInfo(
      String transport,
      @JsonProperty("iana_number") String ianaNumber,
      Long bytes,
      Long packets,
      String direction) {}

  /** ECS {@code user.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record UserInfo(String name) {}

  /** ECS {@code host.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record HostInfo(String name) {}

  /** ECS {@code process.*}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ProcessInfo(String name, Long pid) {}

  /** ECS {@code log.*}; only the syslog part is used. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record LogInfo(SyslogInfo syslog) {}

  /** ECS {@code log.syslog.*} (RFC 5424 header fields and structured data). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record SyslogInfo(
      Code facility,
      Code severity,
      Integer priority,
      Integer version,
      String appname,
      String procid,
      String msgid,
      String hostname,
      @JsonProperty("structured_data") Map<String, Map<String, String>> structuredData) {
    public SyslogInfo {
      structuredData = structuredData == null ? Map.of() : Map.copyOf(structuredData);
    }
  }

  /** A numeric code with its name, as ECS {@code log.syslog.facility} and {@code log.syslog.severity}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Code(Integer code, String name) {}

  /** ECS {@code observer.*}: the device or sender that handed us the event (syslog sender, flow exporter). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Observer(String ip, Integer port, String hostname, String type) {}

  /** ECS {@code organization.*}: the agency the event belongs to. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Organization(String id, String name) {
    public static final String UNKNOWN_ID = "unknown";
    public static final Organization UNKNOWN = new Organization(UNKNOWN_ID, "Unknown sender");
  }

  /** ECS {@code error.*}: why an event could not be parsed or processed. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ErrorInfo(String type, String message) {}

  /**
   * Our own namespace for what ECS has no field for: the exact original bytes when they are not valid UTF-8
   * (so nothing is lost), whether the frame was truncated, the transport it arrived on and whether it arrived
   * after the correlation watermark.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record SocInfo(
      @JsonProperty("original_base64") String originalBase64,
      @JsonProperty("original_length") Integer originalLength,
      Boolean truncated,
      String input,
      Boolean late) {}
}
