package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One decoded flow, protocol-neutral: what NetFlow v5, v9 and IPFIX records have in common, before it becomes
 * an ECS event document in {@link FlowEventEncoder}. Mutable while a parser fills it, then handed on and not changed.
 * Counters are the raw exported figures; {@link #samplingInterval} says by how much to scale them.
 *
 * <p>The numbers are primitive slots with a presence bit each ({@link #has}), not boxed nullable values: a
 * collector decodes millions of these a second, and an absent field (no port in an ICMP flow) is not a zero.
 */
public final class FlowRecord {
  // Slots of the numbers a record may carry. Indexes into values and bits of present.
  static final int SOURCE_PORT = 0;
  static final int DESTINATION_PORT = 1;
  static final int PROTOCOL = 2;
  static final int TCP_FLAGS = 3;
  static final int TOS = 4;
  static final int BYTES = 5;
  static final int PACKETS = 6;
  static final int INPUT_INTERFACE = 7;
  static final int OUTPUT_INTERFACE = 8;
  static final int SOURCE_AS = 9;
  static final int DESTINATION_AS = 10;
  static final int VLAN = 11;
  static final int DIRECTION = 12;
  static final int SOURCE_MASK = 13;
  static final int DESTINATION_MASK = 14;
  static final int ICMP_TYPE_CODE = 15;
  static final int FLOW_END_REASON = 16;
  static final int SAMPLER_ID = 17;
  // Raw time forms, resolved into start/end by FlowFields.resolve.
  static final int FIRST_SWITCHED = 18;
  static final int LAST_SWITCHED = 19;
  static final int SYSTEM_INIT_MILLIS = 20;
  static final int START_DELTA_MICROS = 21;
  static final int END_DELTA_MICROS = 22;
  static final int DURATION_MILLIS = 23;
  static final int RECORD_SAMPLING_INTERVAL = 24;
  static final int SAMPLING_PACKET_INTERVAL = 25;
  static final int SAMPLING_PACKET_SPACE = 26;
  /** Epoch seconds of the start and end; their nanoseconds are in {@link #startNano}, {@link #endNano}. */
  static final int START = 27;
  static final int END = 28;
  private static final int SLOTS = 29;

  final ExportContext context;
  final int templateId;
  // Raw network-order bytes (4 or 16), as exported: written as text by the encoder without an InetAddress.
  byte[] sourceAddress;
  byte[] destinationAddress;
  byte[] nextHop;
  private final long[] values = new long[SLOTS];
  private int present;
  int startNano;
  int endNano;
  /** 1 when unsampled; from the record, the options data or the v5 header. */
  long samplingInterval = 1;
  int enterpriseFieldsSkipped;

  FlowRecord(ExportContext context, int templateId) {
    this.context = context;
    this.templateId = templateId;
  }

  boolean has(int slot) {
    return (present & (1 << slot)) != 0;
  }

  /** The slot's value; 0 when absent, so callers that care ask {@link #has} first. */
  long get(int slot) {
    return values[slot];
  }

  void set(int slot, long value) {
    values[slot] = value;
    present |= 1 << slot;
  }

  void start(long epochSecond, int nano) {
    set(START, epochSecond);
    startNano = nano;
  }

  void end(long epochSecond, int nano) {
    set(END, epochSecond);
    endNano = nano;
  }

  void startMillis(long epochMillis) {
    start(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000);
  }

  void endMillis(long epochMillis) {
    end(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000);
  }

  public ExportContext context() { return context; }
  public int templateId() { return templateId; }
  public InetAddress sourceAddress() { return inet(sourceAddress); }
  public InetAddress destinationAddress() { return inet(destinationAddress); }
  public InetAddress nextHop() { return inet(nextHop); }
  public Integer sourcePort() { return integer(SOURCE_PORT); }
  public Integer destinationPort() { return integer(DESTINATION_PORT); }
  public Integer protocol() { return integer(PROTOCOL); }
  public Integer tcpFlags() { return integer(TCP_FLAGS); }
  public Long bytes() { return boxed(BYTES); }
  public Long packets() { return boxed(PACKETS); }
  public Long inputInterface() { return boxed(INPUT_INTERFACE); }
  public Long outputInterface() { return boxed(OUTPUT_INTERFACE); }
  public Long sourceAs() { return boxed(SOURCE_AS); }
  public Long destinationAs() { return boxed(DESTINATION_AS); }
  public Integer vlan() { return integer(VLAN); }
  public Integer direction() { return integer(DIRECTION); }
  public long samplingInterval() { return samplingInterval; }
  public Instant start() { return has(START) ? Instant.ofEpochSecond(values[START], startNano) : null; }
  public Instant end() { return has(END) ? Instant.ofEpochSecond(values[END], endNano) : null; }

  /** The slot as a nullable value, for the callers (tests, options data) that want one. */
  Long boxed(int slot) {
    return has(slot) ? values[slot] : null;
  }

  private Integer integer(int slot) {
    return has(slot) ? (int) values[slot] : null;
  }

  static InetAddress inet(byte[] raw) {
    if (raw == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(raw);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("unreachable: addresses are 4 or 16 bytes", e);
    }
  }

  @Override
  public String toString() {
    return "FlowRecord[v" + context.version() + " " + sourceAddress() + ":" + sourcePort() + " -> "
        + destinationAddress() + ":" + destinationPort() + " proto " + protocol() + " bytes " + bytes()
        + " packets " + packets() + " " + start() + ".." + end() + "]";
  }
}
