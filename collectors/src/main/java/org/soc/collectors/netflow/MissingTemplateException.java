package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/**
 * A data set referenced a template that is not (or no longer) in the {@link TemplateCache} and could not be
 * held until it arrives (the pending buffer was full, or the set waited longer than allowed).
 */
public final class MissingTemplateException extends FlowException {
  public MissingTemplateException(String reason, InetSocketAddress exporter, long domainId, int templateId,
      int offset) {
    super(reason, exporter, domainId, templateId, offset);
  }

  @Override
  public String kind() {
    return "missing_template";
  }
}
