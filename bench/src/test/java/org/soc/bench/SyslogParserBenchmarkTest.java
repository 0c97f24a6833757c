package org.soc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.palindromicity.syslog.SyslogParser;
import com.github.palindromicity.syslog.SyslogParserBuilder;
import com.github.palindromicity.syslog.SyslogSpecification;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;
import org.soc.schema.Event;

/**
 * Smoke test of the benchmark, not a measurement (no timing is asserted): every benchmark method runs over
 * every line set, our parsers understand every benchmark line (a benchmark of our failure path would flatter
 * us), and simple-syslog accepts every line outside the Cisco set, so those comparisons are like for like.
 */
class SyslogParserBenchmarkTest {
  private static final Blackhole BLACKHOLE = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void everyBenchmarkRunsOnEveryLineSet() throws NoSuchFieldException {
    String[] sets = SyslogParserBenchmark.class.getField("lines").getAnnotation(Param.class).value();
    assertThat(sets).contains("MIX");
    for (String set : sets) {
      SyslogParserBenchmark bench = new SyslogParserBenchmark();
      bench.lines = set;
      bench.setUp();
      for (int i = 0; i < SyslogLines.select(set).size(); i++) {
        assertThat(bench.ours()).isNotNull();
        Event event = (Event) bench.oursFullEvent();
        assertThat(event.tags()).as("%s line %d", set, i).doesNotContain(Event.TAG_PARSE_FAILURE);
        bench.simpleSyslog(BLACKHOLE);
      }
    }
  }

  @Test
  void simpleSyslogAcceptsTheNonCiscoLines() {
    SyslogParser rfc5424 = new SyslogParserBuilder().forSpecification(SyslogSpecification.RFC_5424).build();
    SyslogParser rfc3164 = new SyslogParserBuilder().forSpecification(SyslogSpecification.RFC_3164).build();
    for (SyslogLines shape : SyslogLines.values()) {
      if (shape == SyslogLines.CISCO) {
        continue;
      }
      for (String line : shape.lines()) {
        assertThatCode(() -> (shape.rfc5424() ? rfc5424 : rfc3164).parseLine(line)).as(line)
            .doesNotThrowAnyException();
      }
    }
  }
}
