package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/**
 * Base of every failure the flow parsers raise: unchecked, and carrying the exporter, the observation domain
 * (IPFIX) or source id (NetFlow v9), the template id and the byte offset in the datagram, so a log line or a
 * counter names exactly what went wrong where. {@code -1} means "not applicable".
 */
public abstract class FlowException extends RuntimeException {
  private final transient InetSocketAddress exporter;
  private final long domainId;
  private final int templateId;
  private final int offset;

  protected FlowException(String reason, InetSocketAddress exporter, long domainId, int templateId, int offset) {
    super(reason + " (exporter " + exporter + ", domain " + domainId + ", template " + templateId
        + ", offset " + offset + ")");
    this.exporter = exporter;
    this.domainId = domainId;
    this.templateId = templateId;
    this.offset = offset;
  }

  public InetSocketAddress exporter() {
    return exporter;
  }

  public long domainId() {
    return domainId;
  }

  public int templateId() {
    return templateId;
  }

  public int offset() {
    return offset;
  }

  /** Short fixed name for counters: {@code unsupported_version}, {@code missing_template}, {@code corrupt}. */
  public abstract String kind();
}
