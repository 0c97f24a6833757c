package org.soc.bench.netflow;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.netflow.FlowConfig;
import org.soc.collectors.netflow.FlowLimits;
import org.soc.collectors.netflow.FlowMetrics;
import org.soc.collectors.netflow.FlowPacketParser;
import org.soc.collectors.netflow.FlowServer;
import org.soc.collectors.netflow.TemplateCache;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * Lossless-rate ladder over loopback UDP: replays one capture ({@link FlowCaptures}: its last datagram, after
 * the ones before it as templates) at fixed datagram rates to our {@link FlowServer} (in a child JVM, events
 * counted as their JSON documents reach an in-memory publisher, no Kafka) and to {@code nfcapd} (Debian
 * nfdump, a child process, flows counted afterwards with {@code nfdump -I}), in the same run, alternating which goes first at each step. A
 * collector's lossless rate is the highest step it received with less than 0.1 % loss. The sender is paced
 * to a schedule from {@code exporters} source sockets: by default in bursts (it sleeps, then sends every
 * datagram now due, as an exporter flushing its cache does), so it leaves the collector most of the machine;
 * {@code -Dladder.pacing=spin} spins to each datagram's due time instead (rounds 1–5 of the benchmark doc); the load average is printed per step
 * because the machine is shared.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.soc.bench.netflow.FlowLosslessLadder \
 *     fixture-v9-dense 3 1 5000,10000,20000,40000,60000,80000</pre>
 *
 * Arguments: capture, seconds per step, exporters (sender sockets), datagram rates per second.
 */
public final class FlowLosslessLadder {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();
  private static final boolean SPIN = System.getProperty("ladder.pacing", "burst").equals("spin");

  private FlowLosslessLadder() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("serve")) {
      serve();
      return;
    }
    String capture = args[0];
    double seconds = Double.parseDouble(args[1]);
    int exporters = Integer.parseInt(args[2]);
    int[] rates = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    List<byte[]> datagrams = FlowCaptures.load(capture);
    List<byte[]> priming = datagrams.subList(0, datagrams.size() - 1);
    byte[] data = datagrams.get(datagrams.size() - 1);
    int primingFlows = flows(priming, null);
    int perDatagram = flows(priming, data) - primingFlows;
    System.out.printf("# %s: %d priming datagram(s) with %d flows, then %d-byte datagrams of %d flows; %d exporter"
        + " socket(s); %.1f s per step; %d cores; %s pacing; our encode threads %s%n", capture, priming.size(),
        primingFlows, data.length, perDatagram, exporters, seconds, Runtime.getRuntime().availableProcessors(),
        SPIN ? "spin" : "burst", System.getProperty("ladder.encodeThreads", "default"));
    System.out.println("# step\tcollector\tdatagrams/s asked\tdatagrams/s sent\tflows/s sent\tflows/s received"
        + "\tloss %\tloadavg before\tloadavg after");
    Ours ours = new Ours();
    // Warm our JIT up once, unrecorded, so its first step is not a cold start nfcapd does not have. Two seconds
    // left the first step losing 5-8 % where the next, faster one lost nothing: C2 was still compiling.
    double warmup = Double.parseDouble(System.getProperty("ladder.warmupSeconds", "6"));
    ours.run(priming, data, perDatagram, primingFlows, rates[0], warmup, exporters);
    Map<String, Integer> lossless = new LinkedHashMap<>();
    lossless.put("ours", 0);
    lossless.put("nfcapd", 0);
    String only = System.getProperty("ladder.only", "");
    int step = 0;
    for (int rate : rates) {
      List<String> order = step % 2 == 0 ? List.of("ours", "nfcapd") : List.of("nfcapd", "ours");
      for (String who : order) {
        if (!only.isEmpty() && !only.equals(who)) {
          continue; // -Dladder.only=ours (or nfcapd): one collector, for profiling runs
        }
        String before = loadavg();
        Result r = who.equals("ours") ? ours.run(priming, data, perDatagram, primingFlows, rate, seconds, exporters)
            : nfcapd(priming, data, perDatagram, primingFlows, rate, seconds, exporters);
        double loss = 100.0 * (1 - (double) r.received / r.sentFlows);
        System.out.printf("%d\t%s\t%d\t%.0f\t%.0f\t%.0f\t%.3f\t%s\t%s%n", step, who, rate, r.sentDatagrams / seconds,
            r.sentFlows / seconds, r.received / seconds, loss, before, loadavg());
        if (loss < 0.1 && r.sentDatagrams >= 0.95 * rate * seconds) {
          lossless.merge(who, (int) Math.round(r.sentFlows / seconds), Math::max);
        }
      }
      step++;
    }
    ours.close();
    System.out.printf("# lossless (< 0.1 %% loss, sender within 5 %% of the asked rate), flows/s: ours %,d, nfcapd %,d%n",
        lossless.get("ours"), lossless.get("nfcapd"));
  }

  private record Result(long sentDatagrams, long sentFlows, long received) {}

  /** Flows our parser finds in {@code priming} then {@code data} (null: priming only). */
  private static int flows(List<byte[]> priming, byte[] data) {
    Clock clock = Clock.systemUTC();
    FlowMetrics metrics = new FlowMetrics(a -> "bench", 10);
    FlowPacketParser parser = new FlowPacketParser(new TemplateCache(TemplateCache.Limits.defaults(), clock, metrics),
        clock, FlowLimits.defaults());
    int n = 0;
    for (byte[] d : priming) {
      n += parser.parse(FlowCaptures.EXPORTER, d).records().size();
    }
    if (data != null) {
      n += parser.parse(FlowCaptures.EXPORTER, data).records().size();
    }
    return n;
  }

  /**
   * Our collector in a JVM of its own (as nfcapd is a process of its own, and so that its garbage collection
   * does not pause the sender), serving for the whole ladder; asked for its event count after each step.
   */
  private static final class Ours implements AutoCloseable {
    private final Process process;
    private final java.io.BufferedReader out;
    private final java.io.Writer in;
    private final int port;
    private long counted;

    Ours() throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m"));
      // For profiling the collector under load, e.g. -Dladder.collectorJvmArgs=-XX:StartFlightRecording=...
      String extra = System.getProperty("ladder.collectorJvmArgs", "").trim();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
      }
      // -Dladder.encodeThreads=N: the collector's encode threads (default: FlowConfig's, one per core; 0 = on
      // the event loop)
      String encodeThreads = System.getProperty("ladder.encodeThreads");
      if (encodeThreads != null) {
        command.add("-Dladder.encodeThreads=" + encodeThreads);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlowLosslessLadder.class.getName(),
          "serve"));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      port = Integer.parseInt(reply("PORT "));
    }

    Result run(List<byte[]> priming, byte[] data, int perDatagram, int primingFlows, int rate, double seconds,
        int exporters) throws Exception {
      long sent = send(port, priming, data, rate, seconds, exporters);
      in.write("COUNT\n");
      in.flush();
      long now = Long.parseLong(reply("COUNT "));
      long received = now - counted - (long) primingFlows * exporters;
      counted = now;
      return new Result(sent, sent * perDatagram, received);
    }

    private String reply(String prefix) throws IOException {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      throw new IOException("collector process ended");
    }

    @Override
    public void close() throws IOException {
      in.close();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroy();
    }
  }

  /** Child mode: a FlowServer on a free loopback port; "COUNT" on stdin answers the events so far, settled. */
  private static void serve() throws Exception {
    LongAdder events = new LongAdder();
    EventPublisher counting = new EventPublisher() {
      @Override
      public void publish(Event event) {
        events.increment();
      }

      @Override
      public void publish(EncodedEvent event) {
        events.increment();
      }

      @Override
      public long inFlight() {
        return 0;
      }

      @Override
      public void close() {}
    };
    FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1);
    String encodeThreads = System.getProperty("ladder.encodeThreads");
    if (encodeThreads != null) {
      config = config.withEncodeThreads(Integer.parseInt(encodeThreads));
    }
    AgencyRegistry agencies = new AgencyRegistry(List.of(FlowDecodeBenchmark.AGENCY));
    try (FlowServer server = FlowServer.create(config, agencies, counting, Clock.systemUTC(),
        new EventIdGenerator(1))) {
      System.out.println("PORT " + server.start().netflow());
      System.out.flush();
      java.io.BufferedReader commands =
          new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = commands.readLine()) != null) {
        if (line.equals("COUNT")) {
          System.out.println("COUNT " + settle(events));
          System.out.flush();
        }
      }
    }
  }

  private static Result nfcapd(List<byte[]> priming, byte[] data, int perDatagram, int primingFlows, int rate,
      double seconds, int exporters) throws Exception {
    Path dir = Files.createTempDirectory("nfcapd");
    int port;
    try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(LO, 0))) {
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
    Process nfcapd = new ProcessBuilder("nfcapd", "-b", "127.0.0.1", "-p", Integer.toString(port), "-w",
        dir.toString(), "-t", "3600", "-B", Integer.toString(8 * 1024 * 1024))
        .redirectErrorStream(true).redirectOutput(dir.resolve("nfcapd.log").toFile()).start();
    long sent;
    try {
      Thread.sleep(1000); // nfcapd has no readiness signal; it binds well within this
      sent = send(port, priming, data, rate, seconds, exporters);
      Thread.sleep(500);
    } finally {
      nfcapd.destroy(); // SIGTERM: nfcapd writes its current file and exits
      nfcapd.waitFor(30, TimeUnit.SECONDS);
    }
    Process dump = new ProcessBuilder("nfdump", "-R", dir.toString(), "-I").redirectErrorStream(true).start();
    String stats = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    dump.waitFor();
    long flows = stats.lines().filter(l -> l.startsWith("Flows:"))
        .mapToLong(l -> Long.parseLong(l.split(":")[1].trim())).findFirst().orElse(-1);
    deleteTree(dir);
    return new Result(sent, sent * perDatagram, flows - (long) primingFlows * exporters);
  }

  /** Primes from each exporter socket, then sends {@code data} round robin on a fixed schedule; returns data sent. */
  private static long send(int port, List<byte[]> priming, byte[] data, int rate, double seconds, int exporters)
      throws IOException, InterruptedException {
    InetSocketAddress target = new InetSocketAddress(LO, port);
    List<DatagramChannel> sockets = exporterSockets(exporters);
    for (DatagramChannel c : sockets) {
      for (byte[] p : priming) {
        c.send(ByteBuffer.wrap(p), target);
      }
    }
    Thread.sleep(200);
    ByteBuffer buf = ByteBuffer.wrap(data);
    long total = (long) (rate * seconds);
    double interval = 1e9 / rate;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9) + 1_000_000_000L; // a late sender stops, and it shows
    long sent = 0;
    while (sent < total) {
      long due = start + (long) (sent * interval);
      long now = System.nanoTime();
      if (now > deadline) {
        break;
      }
      if (SPIN) {
        if (due - now > 50_000) {
          LockSupport.parkNanos(due - now - 20_000);
          continue;
        }
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
      } else if (due > now) {
        // parkNanos sleeps at least ~50 µs here, so several datagrams are due when it returns: a burst
        LockSupport.parkNanos(due - now);
        continue;
      }
      buf.rewind();
      sockets.get((int) (sent % exporters)).send(buf, target);
      sent++;
    }
    return sent;
  }

  private static final List<DatagramChannel> SOCKETS = new ArrayList<>();

  /**
   * The exporters' sockets, the same for every step (closed when the ladder's JVM exits): a fresh source port
   * per step was a new exporter to our collector at every step, whose first datagrams took code paths the JIT
   * had compiled away (deoptimisation, then interpreted code until recompiled, seen as 5-30 % loss at steps far
   * below the lossless rate); a collector in service sees the same exporters for months. nfcapd, restarted per
   * step, sees them new each time, which costs it nothing measurable.
   */
  private static List<DatagramChannel> exporterSockets(int exporters) throws IOException {
    while (SOCKETS.size() < exporters) {
      SOCKETS.add(DatagramChannel.open().bind(new InetSocketAddress(LO, 0)));
    }
    return SOCKETS.subList(0, exporters);
  }

  /** Waits until the count stops moving for 300 ms (the socket buffer drained), at most 10 s. */
  private static long settle(LongAdder events) throws InterruptedException {
    long last = -1;
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      long now = events.sum();
      if (now == last) {
        return now;
      }
      last = now;
      Thread.sleep(300);
    }
    return events.sum();
  }

  private static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
