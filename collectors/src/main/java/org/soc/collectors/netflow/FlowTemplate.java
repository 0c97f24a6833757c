package org.soc.collectors.netflow;

import java.util.List;
import java.util.Objects;

/**
 * A (options) template as received: its id, field specifiers in order, and for options templates how many of
 * the leading fields are scope fields (RFC 3954 section 6.1, RFC 7011 sections 3.4.1 and 3.4.2). Immutable; equal
 * when id, fields, scope count and kind are.
 *
 * <p>The fields are also kept as parallel arrays, the form {@link FlowSets} walks once per record: a template is
 * learned once and applied to millions of records, which then need no iterator or per-field object.
 */
public final class FlowTemplate {
  /** IPFIX field length that announces a variable-length element (RFC 7011 section 7). */
  public static final int VARIABLE_LENGTH = 65535;

  private final int id;
  private final List<Field> fields;
  private final int scopeFieldCount;
  private final boolean options;
  final int[] elementIds;
  final int[] lengths;
  final boolean[] enterprise;

  /**
   * @param scopeFieldCount 0 for a data template
   * @param options true for an options template, whose records describe the exporter rather than flows
   */
  public FlowTemplate(int id, List<Field> fields, int scopeFieldCount, boolean options) {
    this.id = id;
    this.fields = List.copyOf(fields);
    this.scopeFieldCount = scopeFieldCount;
    this.options = options;
    int n = this.fields.size();
    elementIds = new int[n];
    lengths = new int[n];
    enterprise = new boolean[n];
    for (int i = 0; i < n; i++) {
      Field f = this.fields.get(i);
      elementIds[i] = f.elementId();
      lengths[i] = f.length();
      enterprise[i] = f.enterprise() != 0;
    }
  }

  /**
   * One field specifier.
   *
   * @param elementId NetFlow v9 field type or IPFIX information element id (enterprise bit cleared)
   * @param enterprise IPFIX private enterprise number, 0 for IANA elements
   */
  public record Field(int elementId, int length, long enterprise) {}

  public int id() { return id; }
  public List<Field> fields() { return fields; }
  public int scopeFieldCount() { return scopeFieldCount; }
  public boolean options() { return options; }

  /** Smallest possible record: fixed lengths plus one length byte per variable-length field. */
  public int minRecordLength() {
    int min = 0;
    for (int length : lengths) {
      min += length == VARIABLE_LENGTH ? 1 : length;
    }
    return min;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowTemplate t && id == t.id && scopeFieldCount == t.scopeFieldCount && options == t.options
        && fields.equals(t.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, fields, scopeFieldCount, options);
  }

  @Override
  public String toString() {
    return "FlowTemplate[id=" + id + ", fields=" + fields + ", scopeFieldCount=" + scopeFieldCount + ", options="
        + options + "]";
  }
}
