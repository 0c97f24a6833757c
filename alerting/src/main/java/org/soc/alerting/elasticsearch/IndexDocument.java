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
 * @param version external version ({@code version_type=external_gte}) of a document that is rewritten as it
 *              evolves (an alert's count), or null. With it, an older version that reaches Elasticsearch after a
 *              newer one (two bulks in flight, a retry, a replay after restore) is refused with 409 instead of
 *              overwriting the newer one, and the writer treats that refusal as done
 */
public record IndexDocument(String index, String id, byte[] json, Long version) {
  public IndexDocument(String index, String id, byte[] json) {
    this(index, id, json, null);
  }

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
        && Arrays.equals(json, other.json)
        && Objects.equals(version, other.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, id, Arrays.hashCode(json), version);
  }

  @Override
  public String toString() {
    return "IndexDocument[index=" + index + ", id=" + id + (version == null ? "" : ", version=" + version)
        + ", bytes=" + json.length + "]";
  }
}
