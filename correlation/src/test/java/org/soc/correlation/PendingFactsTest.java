package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingFactsTest {
  /** A fact: event time and a tie-breaking id, as the evaluator orders routed facts. */
  record Fact(long time, String id) {}

  private static final Comparator<Fact> ORDER = Comparator.comparingLong(Fact::time).thenComparing(Fact::id);

  private final PendingFacts<Fact> pending = new PendingFacts<>(ORDER, Fact::time);

  @Test
  void releasesOnlyWhatTheWatermarkPassedInTimeThenIdOrder() throws Exception {
    pending.add(new Fact(20, "b"));
    pending.add(new Fact(10, "z"));
    pending.add(new Fact(30, "a"));
    pending.add(new Fact(10, "a"));
    pending.add(new Fact(20, "a"));
    List<Fact> out = new ArrayList<>();

    pending.releaseUpTo(20, out::add);

    assertThat(out).containsExactly(new Fact(10, "a"), new Fact(10, "z"), new Fact(20, "a"), new Fact(20, "b"));
    assertThat(pending.size()).isEqualTo(1);
    assertThat(pending.snapshot()).containsExactly(new Fact(30, "a"));
  }

  @Test
  void releasesInTheSameOrderAsAPriorityQueueOverInterleavedChannels() throws Exception {
    // Two channels, each nearly in order, interleaved; watermarks every few arrivals, as the evaluator sees them.
    Random random = new Random(7);
    PriorityQueue<Fact> heap = new PriorityQueue<>(ORDER);
    List<Fact> fromHeap = new ArrayList<>();
    List<Fact> fromBuffer = new ArrayList<>();
    long[] clock = {0, 0};
    for (int i = 0; i < 20_000; i++) {
      int channel = random.nextInt(2);
      clock[channel] += random.nextInt(3);
      Fact f = new Fact(clock[channel] - random.nextInt(5), Integer.toHexString(random.nextInt(1000)));
      heap.add(f);
      pending.add(f);
      if (i % 37 == 0) {
        long watermark = Math.min(clock[0], clock[1]) - 5;
        while (!heap.isEmpty() && heap.peek().time() <= watermark) {
          fromHeap.add(heap.poll());
        }
        pending.releaseUpTo(watermark, fromBuffer::add);
        assertThat(pending.size()).isEqualTo(heap.size());
      }
    }
    pending.releaseUpTo(Long.MAX_VALUE, fromBuffer::add);
    while (!heap.isEmpty()) {
      fromHeap.add(heap.poll());
    }
    assertThat(fromBuffer).hasSize(20_000).isEqualTo(fromHeap);
  }

  @Test
  void aFactFarInTheFutureWaitsWhileManyWatermarksPassAndTheRestIsReleased() throws Exception {
    pending.add(new Fact(1_000_000, "future"));
    List<Fact> out = new ArrayList<>();
    for (int w = 1; w <= 5 * PendingFacts.MAX_RUNS; w++) {
      pending.add(new Fact(w * 10L, "b"));
      pending.add(new Fact(w * 10L - 5, "a"));
      pending.releaseUpTo(w * 10L - 5, out::add);
    }
    assertThat(out).hasSize(2 * 5 * PendingFacts.MAX_RUNS - 1).isSortedAccordingTo(ORDER);
    assertThat(pending.snapshot()).containsExactlyInAnyOrder(new Fact(400, "b"), new Fact(1_000_000, "future"));

    pending.releaseUpTo(Long.MAX_VALUE, out::add);
    assertThat(out).endsWith(new Fact(400, "b"), new Fact(1_000_000, "future"));
    assertThat(pending.size()).isZero();
  }

  @Test
  void aFactWhoseReleaseFailedStaysWithThoseAfterIt() throws Exception {
    pending.add(new Fact(1, "a"));
    pending.add(new Fact(2, "a"));
    pending.add(new Fact(3, "a"));
    List<Fact> out = new ArrayList<>();

    assertThatThrownBy(() -> pending.releaseUpTo(3, f -> {
      if (f.time() == 2) {
        throw new IllegalStateException("engine failed");
      }
      out.add(f);
    })).hasMessage("engine failed");

    assertThat(out).containsExactly(new Fact(1, "a"));
    assertThat(pending.snapshot()).containsExactly(new Fact(2, "a"), new Fact(3, "a"));
  }
}
