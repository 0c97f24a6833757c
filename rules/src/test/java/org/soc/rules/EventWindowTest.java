package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soc.rules.Facts.T0;
import static org.soc.rules.Facts.failure;
import static org.soc.rules.Facts.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link EventWindow}, the incremental window behind the {@code eventWindow} accumulate function. */
class EventWindowTest {
  private final EventWindow window = new EventWindow();

  private static List<String> ids(List<SecurityEvent> events) {
    return events.stream().map(SecurityEvent::getEventId).toList();
  }

  @Test
  void eventsInEventTimeOrderComeAndGoFromTheEnds() {
    SecurityEvent a = failure("a", 0, "203.0.113.7");
    SecurityEvent b = failure("b", 10, "203.0.113.7");
    SecurityEvent c = failure("c", 20, "203.0.113.7");
    window.add(a);
    window.add(b);
    window.add(c);
    window.remove(a);

    assertThat(window.getCount()).isEqualTo(2);
    assertThat(window.getAdditions()).as("never decremented").isEqualTo(3);
    assertThat(window.getFirstSeen()).isEqualTo(T0.toEpochMilli() + 10_000);
    assertThat(window.getLastSeen()).isEqualTo(T0.toEpochMilli() + 20_000);
    assertThat(ids(window.recent(10))).containsExactly("b", "c");
    assertThat(window.getNewest()).isSameAs(c);
  }

  @Test
  void aLateEventTakesItsPlaceInEventTimeButIsStillTheNewestArrival() {
    SecurityEvent late = failure("late", 5, "203.0.113.7");
    window.add(failure("a", 0, "203.0.113.7"));
    window.add(failure("b", 10, "203.0.113.7"));
    window.add(late);

    assertThat(ids(window.recent(10))).containsExactly("a", "late", "b");
    assertThat(ids(window.recent(2))).containsExactly("late", "b");
    assertThat(window.getNewest()).isSameAs(late);
    window.remove(late);
    assertThat(ids(window.recent(10))).containsExactly("a", "b");
  }

  @Test
  void theSameEventAddedTwiceCountsOnceUntilRemovedTwice() {
    SecurityEvent a = failure("a", 0, "203.0.113.7");
    window.add(a);
    window.add(a);
    assertThat(window.getCount()).isEqualTo(1);
    window.remove(a);
    assertThat(window.getCount()).isEqualTo(1);
    assertThat(window.distinct("source.ip")).isEqualTo(1);
    window.remove(a);
    assertThat(window.getCount()).isZero();
    assertThat(window.distinct("source.ip")).isZero();
  }

  @Test
  void talliesAnswerDistinctAndSharedValuesWithoutAScan() {
    window.add(flow("f1", 0, "health", "203.0.113.7", "10.10.0.1", 445));
    window.add(flow("f2", 1, "health", "203.0.113.7", "10.10.0.2", 445));
    window.add(flow("f3", 2, "finance", "203.0.113.7", "10.10.0.2", 3389));

    assertThat(window.distinct("destination.ip")).isEqualTo(2);
    assertThat(window.distinct("destination.port")).isEqualTo(2);
    assertThat(window.shared("source.ip")).isEqualTo("203.0.113.7");
    assertThat(window.shared("destination.ip")).isNull();
    assertThat(window.shared("user.name")).as("no event has one").isNull();
    assertThat(window.agencies()).containsExactly("finance", "health");

    window.remove(window.recent(3).get(0));
    assertThat(window.distinct("destination.ip")).isEqualTo(1);
    assertThat(window.shared("destination.ip")).isEqualTo("10.10.0.2");
  }

  @Test
  void removingAnEventThatIsNotInTheWindowIsAnError() {
    window.add(failure("a", 0, "203.0.113.7"));
    assertThatThrownBy(() -> window.remove(failure("b", 1, "203.0.113.7")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in the window");
    assertThatThrownBy(() -> window.distinct("event.action")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithASortedMapUnderRandomAddsAndRemoves() {
    SplittableRandom random = new SplittableRandom(42);
    TreeMap<String, SecurityEvent> model = new TreeMap<>();
    List<SecurityEvent> pool = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Zero-padded time first: the model's key order is the window's (timestamp, event id) order.
      int second = random.nextInt(120);
      pool.add(flow(String.format("%03d-e%03d", second, i), second, random.nextBoolean() ? "health" : "tax",
          "203.0.113." + random.nextInt(3), "10.10.0." + random.nextInt(50), random.nextInt(1, 30)));
    }
    for (int step = 0; step < 5_000; step++) {
      SecurityEvent e = pool.get(random.nextInt(pool.size()));
      String key = e.getEventId();
      if (model.containsKey(key) && random.nextInt(3) > 0) {
        window.remove(e);
        model.remove(key);
      } else if (!model.containsKey(key)) {
        window.add(e);
        model.put(key, e);
      }
      assertThat(window.getCount()).isEqualTo(model.size());
      if (!model.isEmpty()) {
        List<SecurityEvent> all = new ArrayList<>(model.values());
        assertThat(window.getFirstSeen()).isEqualTo(all.get(0).getTimestamp());
        assertThat(window.getLastSeen()).isEqualTo(all.get(all.size() - 1).getTimestamp());
        assertThat(ids(window.recent(7))).isEqualTo(ids(all.subList(Math.max(0, all.size() - 7), all.size())));
        assertThat(window.distinct("destination.ip"))
            .isEqualTo((int) all.stream().map(SecurityEvent::getDestinationIp).distinct().count());
        assertThat(window.agencies()).containsExactlyElementsOf(
            all.stream().map(SecurityEvent::getOrganizationId).distinct().sorted().toList());
      }
    }
  }
}
