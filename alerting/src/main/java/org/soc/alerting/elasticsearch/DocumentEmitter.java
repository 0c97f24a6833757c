package org.soc.alerting.elasticsearch;

import java.io.Serializable;

/**
 * Turns a stream element into the bulk operation that indexes it. Kept apart from the sink writer so that the
 * document layout (index name, {@code _id}, JSON) is plain code, unit-tested without Flink or Elasticsearch.
 *
 * <p>Implementations are shipped to the task managers with the sink, hence {@link Serializable}; hold
 * non-serializable helpers (an ObjectMapper) in transient fields created on first use.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface DocumentEmitter<T> extends Serializable {

  /** The index operation for {@code element}; never null. */
  IndexDocument emit(T element);
}
