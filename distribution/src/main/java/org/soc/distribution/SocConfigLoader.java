package org.soc.distribution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code config/soc.yml}; unknown keys are errors so a typo does not silently fall back to a default. */
public final class SocConfigLoader {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public SocConfig load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("configuration file not found: " + file.toAbsolutePath());
    }
    try {
      if (Files.readString(file).isBlank()) {
        return SocConfig.defaults();
      }
      SocConfig config = yaml.readValue(file.toFile(), SocConfig.class);
      return config == null ? SocConfig.defaults() : config;
    } catch (ValueInstantiationException e) {
      throw new IllegalArgumentException(file + ": " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
