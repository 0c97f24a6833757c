package org.soc.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON form of {@link Event}: the ECS document, as written to Kafka and indexed into Elasticsearch. */
public final class EventJson {
  private final ObjectMapper mapper;

  public EventJson() {
    this.mapper = newMapper();
  }

  /** An ObjectMapper configured for ECS documents (ISO-8601 instants, unknown fields tolerated). */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  public byte[] toBytes(Event event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String toJson(Event event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an event; throws {@link MalformedEventException} for JSON that is not an event. */
  public Event fromBytes(byte[] json) {
    try {
      return mapper.readValue(json, Event.class);
    } catch (IOException e) {
      throw new MalformedEventException("not an ECS event document: " + e.getMessage(), e);
    }
  }

  public Event fromJson(String json) {
    try {
      return mapper.readValue(json, Event.class);
    } catch (IOException e) {
      throw new MalformedEventException("not an ECS event document: " + e.getMessage(), e);
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
