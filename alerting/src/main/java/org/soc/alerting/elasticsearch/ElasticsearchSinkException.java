package org.soc.alerting.elasticsearch;

/**
 * A document (or a whole bulk request) Elasticsearch did not take and that may not be dropped: retries of a
 * 429/5xx exhausted, a whole bulk request rejected with a 4xx, or a dead-letter document itself rejected.
 * Thrown on the task thread, it fails the job, which restarts from its last checkpoint and replays.
 */
public class ElasticsearchSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String index;
  private final String id;
  private final int status;

  public ElasticsearchSinkException(String message, String index, String id, int status, Throwable cause) {
    super(message + " [index=" + index + ", id=" + id + ", status=" + status + "]", cause);
    this.index = index;
    this.id = id;
    this.status = status;
  }

  /** The target index of the document (null for a whole request). */
  public String index() {
    return index;
  }

  /** The {@code _id} of the document (null for a whole request or an auto-generated id). */
  public String id() {
    return id;
  }

  /** The HTTP status Elasticsearch answered, or -1 when no answer arrived. */
  public int status() {
    return status;
  }
}
