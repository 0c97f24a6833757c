package org.soc.schema;

/**
 * An event already in its JSON form (the bytes {@link EventJson#fromBytes} reads as an {@link Event}), for a
 * collector that writes its documents directly rather than building {@link Event}s first. {@code
 * organizationId} is the event's {@code organization.id}, the Kafka key.
 */
public record EncodedEvent(String organizationId, byte[] json) {
  public EncodedEvent {
    if (organizationId == null || json == null) {
      throw new IllegalArgumentException("organizationId and json are required");
    }
  }
}
