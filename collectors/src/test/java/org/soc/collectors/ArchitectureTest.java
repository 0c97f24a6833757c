package org.soc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void collectorsNeverImportTheCorrelationSide() throws IOException {
    for (Path file : sources()) {
      assertThat(Files.readString(file)).as(file.toString())
          .doesNotContain("import org.apache.flink").doesNotContain("import org.drools")
          .doesNotContain("import co.elastic");
    }
  }

  @Test
  void parsersHaveNoNettyTypes() throws IOException {
    for (Path file : sources()) {
      String name = file.getFileName().toString();
      // Netty decoders by role (*DatagramDecoder, *FrameDecoder) only unwrap; payload parsers and decoders are pure.
      boolean nettyDecoder = name.endsWith("DatagramDecoder.java") || name.endsWith("FrameDecoder.java");
      if (name.endsWith("Parser.java") || name.endsWith("Decoder.java") && !name.startsWith("Syslog") && !nettyDecoder) {
        assertThat(Files.readString(file)).as(name).doesNotContain("import io.netty");
      }
    }
  }
}
