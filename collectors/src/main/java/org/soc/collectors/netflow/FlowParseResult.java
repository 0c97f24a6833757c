package org.soc.collectors.netflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one datagram yielded: the flow records (including those of earlier held sets its templates unlocked),
 * how many template records it carried, and the problems met in sets that were skipped (each one of our
 * {@link FlowException} types, for the caller to count and log). A failure of the whole datagram is thrown
 * instead.
 */
public final class FlowParseResult {
  private final List<FlowRecord> records = new ArrayList<>();
  private final List<FlowException> problems = new ArrayList<>();
  int templates;
  int withdrawals;
  int optionsRecords;
  int heldSets;
  int released;
  boolean countMismatch;

  void add(FlowRecord r) {
    records.add(r);
  }

  void problem(FlowException e) {
    problems.add(e);
  }

  public List<FlowRecord> records() {
    return Collections.unmodifiableList(records);
  }

  public List<FlowException> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Template and options template records received (withdrawals not included). */
  public int templates() {
    return templates;
  }

  public int withdrawals() {
    return withdrawals;
  }

  /** Options data records applied (sampling, system init time); they describe the exporter, not flows. */
  public int optionsRecords() {
    return optionsRecords;
  }

  /** Records decoded from sets of earlier datagrams that this one's templates unlocked (included in records). */
  public int released() {
    return released;
  }

  /**
   * The header's record count disagreed with what the sets held (RFC 3954 section 5.1 {@code count}: template,
   * options and data records; data records only is also accepted, as softflowd and other exporters send it). The
   * records were decoded by the set lengths, which are checked; this is counted, not treated as corrupt.
   */
  public boolean countMismatch() {
    return countMismatch;
  }

  /** Data sets held until their template arrives. */
  public int heldSets() {
    return heldSets;
  }
}
