package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutation over the good packets (Jazzer's JUnit integration is not served by the registry used
 * here, so no coverage guidance): bit flips, byte overwrites, boundary 16-bit values (0, 1, 255, 256, 65535)
 * written over lengths and counts, truncation, extension and slice duplication. The only exceptions allowed
 * out of the parser are our own {@link FlowException} types, and afterwards the good packets decode again.
 * Bounded by iterations and by wall time; the seed comes from {@code -Dflow.mutation.seed} to replay a failure.
 */
class FlowMutationTest {
  private static final int ITERATIONS = 1_000_000;
  private static final long MAX_MILLIS = 15_000;
  private static final int[] BOUNDARIES = {0, 1, 3, 4, 255, 256, 65535, 0x8000};

  @Test
  void mutatedPacketsOnlyRaiseOurOwnExceptions() {
    long seed = Long.getLong("flow.mutation.seed", 20250314L);
    Random random = new Random(seed);
    FlowWorld w = new FlowWorld();
    List<byte[]> seeds = new java.util.ArrayList<>(FlowFixtures.goodPackets());
    for (int version : new int[] {5, 9, 10}) {
      seeds.addAll(FlowFixtures.softflowdCapture(version)); // real exporter packets, one datagram each
    }
    for (byte[] p : seeds) {
      w.parser.parse(ROUTER, p);
    }
    long deadline = System.currentTimeMillis() + MAX_MILLIS;
    int ran = 0;
    int ours = 0;
    for (; ran < ITERATIONS && System.currentTimeMillis() < deadline; ran++) {
      byte[] p = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        FlowParseResult r = w.parser.parse(ROUTER, p);
        ours += r.problems().size();
        for (FlowRecord record : r.records()) {
          w.encoder.toEvent(record, FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW);
        }
      } catch (FlowException e) {
        ours++;
      } catch (RuntimeException e) {
        fail("seed " + seed + " iteration " + ran + " packet " + HexFormat.of().formatHex(p), e);
      }
      if (ran % 1000 == 0) {
        w.clock.advance(java.time.Duration.ofSeconds(1));
      }
    }
    assertThat(ran).isGreaterThan(1000);
    assertThat(ours).as("mutations were actually rejected sometimes").isPositive();
    assertThat(w.cache.size(ROUTER)).isLessThanOrEqualTo(w.cache.limits().maxTemplatesPerExporter());
    // Mutated templates may have replaced good ones; resending the good packets (templates first) restores them.
    int[] expected = {2, 2, 0, 2, 1, 2, 1, 7, 7, 7};
    for (int i = 0; i < seeds.size(); i++) {
      FlowParseResult r = w.parser.parse(ROUTER, seeds.get(i));
      assertThat(r.records().size() - r.released()).as("good packet %d after mutations", i).isEqualTo(expected[i]);
    }
  }

  @Test
  void randomBytesBehindEachVersionOnlyRaiseOurOwnExceptions() {
    Random random = new Random(7);
    FlowWorld w = new FlowWorld();
    for (int i = 0; i < 50_000; i++) {
      byte[] p = new byte[random.nextInt(200)];
      random.nextBytes(p);
      if (p.length >= 2) {
        int version = new int[] {5, 9, 10}[random.nextInt(3)];
        p[0] = 0;
        p[1] = (byte) version;
        if (version == 10 && p.length >= 4 && random.nextBoolean()) {
          p[2] = (byte) (p.length >>> 8);
          p[3] = (byte) p.length; // a truthful length, so the sets get parsed
        }
      }
      try {
        w.parser.parse(ROUTER, p);
      } catch (FlowException expected) {
        // ours: fine
      }
    }
    assertThat(w.cache.size(ROUTER)).isLessThanOrEqualTo(w.cache.limits().maxTemplatesPerExporter());
  }

  private static byte[] mutate(byte[] good, Random random) {
    byte[] p = good.clone();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n && p.length > 0; i++) {
      switch (random.nextInt(6)) {
        case 0 -> p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> p[random.nextInt(p.length)] = (byte) random.nextInt(256);
        case 2 -> {
          if (p.length >= 2) {
            int at = random.nextInt(p.length - 1);
            int v = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
            p[at] = (byte) (v >>> 8);
            p[at + 1] = (byte) v;
          }
        }
        case 3 -> p = Arrays.copyOf(p, random.nextInt(p.length + 1));
        case 4 -> {
          byte[] longer = Arrays.copyOf(p, p.length + 1 + random.nextInt(64));
          for (int j = p.length; j < longer.length; j++) {
            longer[j] = (byte) random.nextInt(256);
          }
          p = longer;
        }
        default -> {
          int from = random.nextInt(p.length);
          int len = Math.min(p.length - from, 1 + random.nextInt(32));
          byte[] longer = Arrays.copyOf(p, p.length + len);
          System.arraycopy(p, from, longer, p.length, len);
          p = longer;
        }
      }
    }
    return p;
  }
}
