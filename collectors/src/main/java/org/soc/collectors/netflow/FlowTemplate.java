package org.soc.collectors.netflow;

import java.util.List;

/**
 * A (options) template as received: its id, field specifiers in order, and for options templates how many of
 * the leading fields are scope fields (RFC 3954 section 6.1, RFC 7011 sections 3.4.1 and 3.4.2).
 *
 * @param scopeFieldCount 0 for a data template
 * @param options true for an options template, whose records describe the exporter rather than flows
 */
public record FlowTemplate(int id, List<Field> fields, int scopeFieldCount, boolean options) {
  /** IPFIX field length that announces a variable-length element (RFC 7011 section 7). */
  public static final int VARIABLE_LENGTH = 65535;

  public FlowTemplate {
    fields = List.copyOf(fields);
  }

  /**
   * One field specifier.
   *
   * @param elementId NetFlow v9 field type or IPFIX information element id (enterprise bit cleared)
   * @param enterprise IPFIX private enterprise number, 0 for IANA elements
   */
  public record Field(int elementId, int length, long enterprise) {}

  /** Smallest possible record: fixed lengths plus one length byte per variable-length field. */
  public int minRecordLength() {
    int min = 0;
    for (Field f : fields) {
      min += f.length() == VARIABLE_LENGTH ? 1 : f.length();
    }
    return min;
  }

  /** Rough heap cost, for the pending-buffer and cache accounting. */
  int weight() {
    return 64 + 32 * fields.size();
  }
}
