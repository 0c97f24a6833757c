package org.soc.collectors.netflow;

/**
 * Parser limits beyond what the formats themselves bound.
 *
 * @param maxFieldsPerTemplate field specifiers accepted in one template (real exporters use well under 100)
 * @param maxRecordsPerSet records decoded from one data set (a 65,535-byte set of 1-byte records is 65,531)
 */
public record FlowLimits(int maxFieldsPerTemplate, int maxRecordsPerSet) {
  public FlowLimits {
    if (maxFieldsPerTemplate < 1 || maxRecordsPerSet < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 512 fields per template, 10,000 records per set. */
  public static FlowLimits defaults() {
    return new FlowLimits(512, 10_000);
  }
}
