package org.soc.alerting.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bulk {@code index} operation: the target index, the document {@code _id} and the document source.
 *
 * @param index the concrete target index
 * @param id    the {@code _id}; with a deterministic id a replay overwrites instead of duplicating. {@code null}
 *              lets Elasticsearch generate one (and gives up that guarantee)
 * @param json  the UTF-8 JSON source, sent as is
 */
public record IndexDocument(String index, String id, byte[] json) {
  public IndexDocument {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(json, "json");
    if (index.isBlank()) {
      throw new IllegalArgumentException("blank index name");
    }
  }

  /** The source as a string (for the dead-letter document and for logs). */
  public String jsonString() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexDocument other
        && index.equals(other.index)
        && Objects.equals(id, other.id)
        && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, id, Arrays.hashCode(json));
  }

  @Override
  public String toString() {
    return "IndexDocument[index=" + index + ", id=" + id + ", bytes=" + json.length + "]";
  }
}
