package org.soc.bench.correlation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.collectors.netflow.FlowEventEncoder;
import org.soc.collectors.netflow.FlowRecord;
import org.soc.collectors.netflow.FlowServer;
import org.soc.collectors.netflow.NetFlowV5Parser;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * A deterministic stream of SOC events for the correlation benchmarks, made by the collectors' own code so that
 * every event has the shape the collectors publish ({@code event.original}, {@code log.syslog}, {@code observer},
 * {@code host}, NetFlow {@code labels}, {@code organization} from the agency registry): syslog lines in RFC 5424
 * go through {@link SyslogMessageParser} (with its payload decoders, OpenSSH included), flows are NetFlow v5
 * datagrams (one record each) through {@link NetFlowV5Parser} and {@link FlowEventEncoder}.
 *
 * <p>Same seed, same start and rate: the same events, ids included. Event time advances evenly: event {@code i}
 * happens at {@code start + i / eventsPerSecond}. The mix, over {@value #AGENCIES} agencies
 * ({@code 10.(100+a).0.0/16}, {@link #agencies()}):
 *
 * <ul>
 *   <li>{@value #FLOW_PERCENT} % flows: clients {@code 10.N.1-64.x} (16,000 per agency) to the agency's 200
 *       servers, other agencies' servers and 2,000 internet addresses, on common service ports; 1 in 500 flows goes
 *       to an address on the threat-intel list ({@link #intelList()}); 1 % are probes of 3 horizontal scanners (one
 *       port, 40 hosts of a /24 per sweep) and 3 vertical scanners (one host, 40 ports per sweep);
 *   <li>{@value #SSH_PERCENT} % sshd lines: accepted logins of admins ({@code 10.N.200-249.x}), failed logins
 *       from internet addresses that each fail about once, and brute-force bursts (1 in 1,000 sshd events starts
 *       one): 6-10 failures from a fresh source in {@code 198.18.0.0/15}, 0.2-1 s apart, then half the time an
 *       accepted login; 1 burst in 8 is a campaign, the same source against 3 agencies;
 *   <li>the rest: cron, systemd and kernel lines no rule reads.
 * </ul>
 *
 * Not thread-safe.
 */
public final class BenchEventGenerator {
  public static final int AGENCIES = 20;
  public static final int FLOW_PERCENT = 50;
  public static final int SSH_PERCENT = 30;
  public static final Instant DEFAULT_START = Instant.parse("2026-03-02T08:00:00Z");

  /** What {@link #kind} reports for each event made. */
  public enum Kind { FLOW, FLOW_INTEL, FLOW_SCAN_HORIZONTAL, FLOW_SCAN_VERTICAL, SSH_ACCEPTED, SSH_FAILED,
    SSH_BURST_FAILED, SSH_BURST_ACCEPTED, OTHER_SYSLOG }

  private static final String[] AGENCY_IDS = {"health", "finance", "interior", "justice", "defence", "education",
      "transport", "energy", "agriculture", "labour", "culture", "environment", "foreign", "housing", "industry",
      "tax", "customs", "police", "statistics", "treasury"};
  private static final int[] PORTS = {443, 443, 443, 443, 443, 443, 443, 443, 80, 80, 80, 53, 53, 53, 53, 22, 25,
      3389, 445, 8080, 123, 993, 636, 5432};
  private static final String[] USERS = {"root", "admin", "oracle", "ubuntu", "deploy", "backup", "jdupont",
      "mmartin", "postgres", "git"};
  private static final String[] OTHER = {
      "CRON %d - - (root) CMD (run-parts /etc/cron.hourly)",
      "systemd 1 - - Started Session %d of user root.",
      "kernel - - - EXT4-fs (sda1): re-mounted. Opts: errors=remount-ro, commit=%d",
      "systemd 1 - - Finished logrotate.service - Rotate log files (%d).",
      "CRON %d - - pam_unix(cron:session): session closed for user www-data",
      "kernel - - - nf_conntrack: table full, dropping packet (%d)"};
  static final int INTEL_ADDRESSES = 32;
  private static final int SERVERS = 200;
  private static final int INTERNET = 2_000;

  private final SplittableRandom random;
  private final Instant start;
  private final double eventsPerSecond;
  private final MutableClock clock = new MutableClock();
  private final EventIdGenerator ids;
  private final SyslogMessageParser syslog;
  private final NetFlowV5Parser v5 = new NetFlowV5Parser();
  private final FlowEventEncoder flows;
  private final AgencyRegistry registry;
  private final List<Agency> agencies = new ArrayList<>();
  private final Scanner[] horizontal = new Scanner[3];
  private final Scanner[] vertical = new Scanner[3];
  private final PriorityQueue<Burst> bursts = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
  private final byte[] datagram = new byte[24 + 48];
  private long index;
  private long burstSources;
  private Kind kind;

  /**
   * @param eventsPerSecond how fast event time advances: events per event-time second
   */
  public BenchEventGenerator(long seed, Instant start, double eventsPerSecond) {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("eventsPerSecond must be > 0, got " + eventsPerSecond);
    }
    this.random = new SplittableRandom(seed);
    this.start = start;
    this.eventsPerSecond = eventsPerSecond;
    this.ids = new EventIdGenerator(seed);
    for (int a = 0; a < AGENCIES; a++) {
      String id = AGENCY_IDS[a];
      agencies.add(new Agency(id, "Ministry of " + Character.toUpperCase(id.charAt(0)) + id.substring(1),
          List.of(IpPrefix.parse("10." + (101 + a) + ".0.0/16")), List.of(), ZoneOffset.UTC));
    }
    this.registry = new AgencyRegistry(agencies);
    this.syslog = SyslogMessageParser.withDefaultDecoders(registry, clock, ids);
    this.flows = new FlowEventEncoder(ids);
    for (int i = 0; i < 3; i++) {
      horizontal[i] = new Scanner(2 + 7 * i, "10." + (103 + 7 * i) + ".60." + (66 + i));
      vertical[i] = new Scanner(5 + 6 * i, "45.155." + (20 + i) + ".9");
    }
  }

  public BenchEventGenerator(long seed, double eventsPerSecond) {
    this(seed, DEFAULT_START, eventsPerSecond);
  }

  /** The event time of event {@code i}. */
  public Instant eventTime(long i) {
    return start.plusNanos((long) (i * 1e9 / eventsPerSecond));
  }

  /** The next event, at {@link #eventTime(long)} of its index. */
  public Event next() {
    return next(eventTime(index));
  }

  /** The next event of the mix, at {@code at} (the latency benchmark: event time = send time). */
  public Event next(Instant at) {
    index++;
    clock.now = at;
    int roll = random.nextInt(100);
    if (roll < FLOW_PERCENT) {
      return flow(at);
    }
    if (roll < FLOW_PERCENT + SSH_PERCENT) {
      return ssh(at);
    }
    kind = Kind.OTHER_SYSLOG;
    int a = random.nextInt(AGENCIES);
    Agency agency = agencies.get(a);
    int host = random.nextInt(20);
    String line = String.format(OTHER[random.nextInt(OTHER.length)], 1000 + random.nextInt(60_000));
    int pri = line.startsWith("CRON") ? 78 : line.startsWith("kernel") ? 6 : 30;
    return syslogLine(a, host, "<" + pri + ">1 " + at + " srv" + host + "." + agency.id() + " " + line);
  }

  /** What the last event made by {@link #next} was. */
  public Kind kind() {
    return kind;
  }

  /** Events made so far. */
  public long count() {
    return index;
  }

  /**
   * An sshd login line of agency {@code agency} (0-based) on its host {@code host}, parsed as the collector does.
   */
  public Event sshLogin(Instant at, int agency, int host, String user, String sourceIp, int port, boolean accepted) {
    clock.now = at;
    Agency a = agencies.get(agency);
    String msg = accepted
        ? "Accepted publickey for " + user + " from " + sourceIp + " port " + port + " ssh2"
        : "Failed password for " + user + " from " + sourceIp + " port " + port + " ssh2";
    return syslogLine(agency, host, "<38>1 " + at + " srv" + host + "." + a.id() + " sshd " + (2000 + port % 30000)
        + " - - " + msg);
  }

  /** The agency registry the events are made with (ids {@code health}, {@code finance}, ...). */
  public AgencyRegistry registry() {
    return registry;
  }

  public List<Agency> agencies() {
    return List.copyOf(agencies);
  }

  /** The addresses some flows go to: {@code 203.0.113.0/27}, as an intel list file's text. */
  public static String intelList() {
    StringBuilder out = new StringBuilder("# benchmark threat-intel list: the addresses BenchEventGenerator's "
        + "intel flows go to\n");
    for (int i = 0; i < INTEL_ADDRESSES; i++) {
      out.append("203.0.113.").append(i).append('\n');
    }
    return out.toString();
  }

  /** The registry as the job's {@code agencies.yml} ({@code CorrelationConfig} agenciesFile). */
  public String agenciesYaml() {
    StringBuilder out = new StringBuilder("agencies:\n");
    for (int a = 0; a < AGENCIES; a++) {
      Agency agency = agencies.get(a);
      out.append("  - id: ").append(agency.id()).append('\n')
          .append("    name: \"").append(agency.name()).append("\"\n")
          .append("    time_zone: UTC\n")
          .append("    networks: [10.").append(101 + a).append(".0.0/16]\n");
    }
    return out.toString();
  }

  /** Asset criticality: each agency's servers {@code 10.N.0.0/24} high, the rest of its network medium. */
  public static String assetsYaml() {
    StringBuilder out = new StringBuilder("assets:\n");
    for (int a = 0; a < AGENCIES; a++) {
      out.append("  - {agency: ").append(AGENCY_IDS[a]).append(", cidr: 10.").append(101 + a)
          .append(".0.0/16, criticality: medium}\n");
      out.append("  - {agency: ").append(AGENCY_IDS[a]).append(", cidr: 10.").append(101 + a)
          .append(".0.0/24, criticality: high}\n");
    }
    return out.toString();
  }

  /** Writes agencies.yml, assets.yml and intel.txt into {@code dir}; returns them in that order. */
  public List<Path> writeEnrichmentFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path agenciesFile = Files.writeString(dir.resolve("agencies.yml"), agenciesYaml(), StandardCharsets.UTF_8);
    Path assetsFile = Files.writeString(dir.resolve("assets.yml"), assetsYaml(), StandardCharsets.UTF_8);
    Path intel = Files.writeString(dir.resolve("intel.txt"), intelList(), StandardCharsets.UTF_8);
    return List.of(agenciesFile, assetsFile, intel);
  }

  // ---- flows

  private Event flow(Instant at) {
    int a = random.nextInt(AGENCIES);
    int roll = random.nextInt(1000);
    String src;
    String dst;
    int port;
    int protocol = 6;
    if (roll < 5) {
      kind = Kind.FLOW_SCAN_HORIZONTAL;
      Scanner s = horizontal[random.nextInt(horizontal.length)];
      a = s.agency;
      src = s.source;
      if (s.left == 0) {
        s.left = 40;
        s.port = new int[] {22, 445, 3389, 5900, 23}[random.nextInt(5)];
        s.subnet = 1 + random.nextInt(64);
        s.step = 1 + random.nextInt(200);
      }
      s.left--;
      s.step = s.step % 254 + 1;
      dst = "10." + (101 + a) + "." + s.subnet + "." + s.step;
      port = s.port;
    } else if (roll < 10) {
      kind = Kind.FLOW_SCAN_VERTICAL;
      Scanner s = vertical[random.nextInt(vertical.length)];
      a = s.agency;
      src = s.source;
      if (s.left == 0) {
        s.left = 40;
        s.subnet = random.nextInt(SERVERS);
        s.step = random.nextInt(60_000);
      }
      s.left--;
      s.step = s.step % 65_000 + 1;
      dst = server(a, s.subnet);
      port = s.step;
    } else {
      src = "10." + (101 + a) + "." + (1 + random.nextInt(64)) + "." + (1 + random.nextInt(254));
      port = PORTS[random.nextInt(PORTS.length)];
      protocol = port == 53 || port == 123 ? 17 : 6;
      if (roll < 12) {
        kind = Kind.FLOW_INTEL;
        dst = "203.0.113." + random.nextInt(INTEL_ADDRESSES);
        port = 443;
        protocol = 6;
      } else {
        kind = Kind.FLOW;
        int where = random.nextInt(10);
        dst = where < 7 ? server(a, random.nextInt(SERVERS))
            : where < 8 ? server(random.nextInt(AGENCIES), random.nextInt(SERVERS))
            : internet(random.nextInt(INTERNET));
      }
    }
    return flowEvent(a, at, src, 32768 + random.nextInt(28_000), dst, port, protocol);
  }

  private static String server(int agency, int n) {
    return "10." + (101 + agency) + ".0." + (10 + n);
  }

  private static String internet(int n) {
    return (n % 2 == 0 ? "93.184." : "151.101.") + (n / 254 % 254 + 1) + "." + (n % 254 + 1);
  }

  /** One NetFlow v5 datagram of one record, as the agency's exporter 10.N.0.1 sends it, through the collector. */
  private Event flowEvent(int a, Instant at, String src, int srcPort, String dst, int dstPort, int protocol) {
    long millis = at.toEpochMilli();
    long uptime = 1_000_000_000L + (millis % 1_000_000_000L);
    long durationMillis = random.nextInt(30_000);
    long packets = 1 + random.nextInt(200);
    long bytes = packets * (60 + random.nextInt(1400));
    byte[] p = datagram;
    u16(p, 0, 5);
    u16(p, 2, 1);
    u32(p, 4, uptime);
    u32(p, 8, millis / 1000);
    u32(p, 12, (millis % 1000) * 1_000_000L);
    u32(p, 16, index);
    p[20] = 0;
    p[21] = 0;
    u16(p, 22, 0);
    int o = 24;
    ip(p, o, src);
    ip(p, o + 4, dst);
    ip(p, o + 8, "10." + (101 + a) + ".0.1");
    u16(p, o + 12, 1);
    u16(p, o + 14, 2);
    u32(p, o + 16, packets);
    u32(p, o + 20, bytes);
    u32(p, o + 24, uptime - durationMillis);
    u32(p, o + 28, uptime);
    u16(p, o + 32, srcPort);
    u16(p, o + 34, dstPort);
    p[o + 36] = 0;
    p[o + 37] = (byte) (protocol == 6 ? 0x1b : 0);
    p[o + 38] = (byte) protocol;
    p[o + 39] = 0;
    u16(p, o + 40, 0);
    u16(p, o + 42, 0);
    p[o + 44] = 24;
    p[o + 45] = 24;
    p[o + 46] = 0;
    p[o + 47] = 0;
    Agency agency = agencies.get(a);
    InetSocketAddress exporter = exporter(a);
    FlowRecord record = v5.parse(exporter, p).records().get(0);
    return flows.toEvent(record, agency, at, FlowServer.INPUT_NETFLOW);
  }

  private final InetSocketAddress[] exporters = new InetSocketAddress[AGENCIES];

  private InetSocketAddress exporter(int a) {
    if (exporters[a] == null) {
      exporters[a] = new InetSocketAddress(address("10." + (101 + a) + ".0.1"), 2055);
    }
    return exporters[a];
  }

  // ---- ssh

  private Event ssh(Instant at) {
    long now = at.toEpochMilli();
    Burst due = bursts.peek();
    if (due != null && due.due <= now) {
      bursts.poll();
      boolean accepted = due.failuresLeft == 0;
      kind = accepted ? Kind.SSH_BURST_ACCEPTED : Kind.SSH_BURST_FAILED;
      Event e = sshLogin(at, due.agency, due.host, due.user, due.source, 30000 + random.nextInt(30000), accepted);
      if (!accepted) {
        due.failuresLeft--;
        if (due.failuresLeft > 0 || due.succeeds) {
          due.due = now + 200 + random.nextInt(800);
          bursts.add(due);
        }
      }
      return e;
    }
    if (random.nextInt(1000) == 0) {
      startBursts(now);
    }
    int a = random.nextInt(AGENCIES);
    int host = random.nextInt(20);
    if (random.nextInt(10) < 6) {
      kind = Kind.SSH_ACCEPTED;
      String admin = "10." + (101 + a) + "." + (200 + random.nextInt(50)) + "." + (1 + random.nextInt(254));
      return sshLogin(at, a, host, USERS[random.nextInt(USERS.length)], admin, 40000 + random.nextInt(20000), true);
    }
    kind = Kind.SSH_FAILED;
    int n = random.nextInt();
    String noise = (100 + Math.floorMod(n, 98)) + "." + ((n >>> 8) & 0xFF) + "." + ((n >>> 16) & 0xFF) + "."
        + (1 + Math.floorMod(n >>> 24, 254));
    return sshLogin(at, a, host, USERS[random.nextInt(USERS.length)], noise, 40000 + random.nextInt(20000), false);
  }

  private void startBursts(long now) {
    long n = burstSources++;
    String source = "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    int agencies = random.nextInt(8) == 0 ? 3 : 1;
    int first = random.nextInt(AGENCIES);
    for (int i = 0; i < agencies; i++) {
      Burst b = new Burst();
      b.agency = (first + i * 7) % AGENCIES;
      b.host = random.nextInt(20);
      b.user = USERS[random.nextInt(USERS.length)];
      b.source = source;
      b.failuresLeft = 6 + random.nextInt(5);
      b.succeeds = random.nextBoolean();
      b.due = now + i * 5_000L + random.nextInt(500);
      bursts.add(b);
    }
  }

  private Event syslogLine(int a, int host, String line) {
    InetSocketAddress from = senders[a * 20 + host];
    if (from == null) {
      from = new InetSocketAddress(address("10." + (101 + a) + ".0." + (10 + host)), 514);
      senders[a * 20 + host] = from;
    }
    return syslog.parse(line.getBytes(StandardCharsets.UTF_8), from, SyslogMessageParser.INPUT_UDP);
  }

  private final InetSocketAddress[] senders = new InetSocketAddress[AGENCIES * 20];

  private static final class Burst {
    int agency;
    int host;
    String user;
    String source;
    int failuresLeft;
    boolean succeeds;
    long due;
  }

  private static final class Scanner {
    final int agency;
    final String source;
    int left;
    int port;
    int subnet;
    int step;

    Scanner(int agency, String source) {
      this.agency = agency;
      this.source = source;
    }
  }

  /** The parser's clock: the event being made's time (receive time = event time). */
  private static final class MutableClock extends Clock {
    Instant now = DEFAULT_START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  private static void ip(byte[] p, int o, String ip) {
    byte[] b = address(ip).getAddress();
    System.arraycopy(b, 0, p, o, 4);
  }

  private static void u16(byte[] p, int o, int v) {
    p[o] = (byte) (v >>> 8);
    p[o + 1] = (byte) v;
  }

  private static void u32(byte[] p, int o, long v) {
    p[o] = (byte) (v >>> 24);
    p[o + 1] = (byte) (v >>> 16);
    p[o + 2] = (byte) (v >>> 8);
    p[o + 3] = (byte) v;
  }
}
