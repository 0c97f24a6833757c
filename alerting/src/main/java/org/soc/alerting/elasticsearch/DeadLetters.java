package org.soc.alerting.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.soc.schema.EventJson;

/**
 * The dead-letter document for an operation Elasticsearch rejected with a 4xx (typically a mapping conflict):
 *
 * <pre>{@code
 * { "@timestamp": "<when it was rejected>",
 *   "deadletter": { "index": "<target index>", "id": "<target _id>", "status": 400 },
 *   "error": { "type": "document_parsing_exception", "reason": "...",
 *              "caused_by": { "type": "...", "reason": "..." } },
 *   "original": "<the rejected JSON source, as a string>" }
 * }</pre>
 *
 * Its {@code _id} is {@code <target index>/<target _id>}, so a replay of the same rejected document overwrites
 * its dead letter instead of adding a second one.
 */
final class DeadLetters {
  /** Elasticsearch limits {@code _id} to 512 bytes. */
  private static final int MAX_ID_BYTES = 512;

  private final String index;
  private final ObjectMapper mapper = EventJson.newMapper();

  DeadLetters(String index) {
    this.index = index;
  }

  IndexDocument document(IndexDocument rejected, int status, ErrorCause error, Instant rejectedAt) {
    ObjectNode root = mapper.createObjectNode();
    root.put("@timestamp", rejectedAt.toString());
    ObjectNode target = root.putObject("deadletter");
    target.put("index", rejected.index());
    if (rejected.id() != null) {
      target.put("id", rejected.id());
    }
    target.put("status", status);
    ObjectNode err = root.putObject("error");
    if (error != null) {
      err.put("type", error.type());
      err.put("reason", error.reason());
      if (error.causedBy() != null) {
        ObjectNode cause = err.putObject("caused_by");
        cause.put("type", error.causedBy().type());
        cause.put("reason", error.causedBy().reason());
      }
    } else {
      err.put("type", "unknown");
    }
    root.put("original", rejected.jsonString());
    try {
      return new IndexDocument(index, id(rejected), mapper.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String id(IndexDocument rejected) {
    if (rejected.id() == null) {
      return null;
    }
    String id = rejected.index() + "/" + rejected.id();
    return id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES ? id : null;
  }
}
