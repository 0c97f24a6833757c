package org.soc.correlation.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** JSON form of {@link RuleSetUpdate} on the control topic; also reads a rules directory into one. */
public final class RuleSetUpdateCodec {
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public byte[] toJson(RuleSetUpdate update) {
    ObjectNode node = mapper.createObjectNode();
    node.put("version", update.version());
    if (update.effectiveFrom() != null) {
      node.put("effective_from", Instant.ofEpochMilli(update.effectiveFrom()).toString());
    }
    ObjectNode files = node.putObject("files");
    update.files().forEach(files::put);
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Never throws: an unreadable record becomes an update carrying {@code error} (rejected downstream). */
  public RuleSetUpdate fromJson(byte[] json, String origin) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || !node.isObject() || !node.path("files").isObject()) {
        return new RuleSetUpdate(origin, null, Map.of(), origin + ": not a rule set record (no files object)");
      }
      Map<String, String> files = new TreeMap<>();
      node.get("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
      Long from = null;
      if (node.hasNonNull("effective_from")) {
        JsonNode f = node.get("effective_from");
        from = f.isNumber() ? f.asLong() : Instant.parse(f.asText()).toEpochMilli();
      }
      String version = node.hasNonNull("version") ? node.get("version").asText() : origin;
      return new RuleSetUpdate(version, from, files, null);
    } catch (IOException | DateTimeParseException e) {
      return new RuleSetUpdate(origin, null, Map.of(), origin + ": " + e.getMessage());
    }
  }

  /** Every {@code *.drl} and {@code *.yml} of a directory (not recursive) as one rule set. */
  public static RuleSetUpdate fromDirectory(Path dir, String version) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p) && (name.endsWith(".drl") || name.endsWith(".yml"))) {
          files.put(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules from " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no .drl/.yml files");
    }
    return RuleSetUpdate.of(version, files);
  }
}
