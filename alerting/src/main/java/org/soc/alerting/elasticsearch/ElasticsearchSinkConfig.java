package org.soc.alerting.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link ElasticsearchSink}.
 *
 * @param urls                  Elasticsearch HTTP endpoints, e.g. {@code http://127.0.0.1:9200}
 * @param bulkMaxActions        a bulk request is sent once this many operations are buffered (default 1000)
 * @param bulkMaxBytes          ... or once the buffered operations exceed this many bytes (default 5 MiB)
 * @param flushInterval         ... or at the latest after this long (default 1 s)
 * @param maxConcurrentRequests bulk requests in flight per writer; more blocks the task (default 2)
 * @param maxRetries            retries of an operation answered 429/5xx (or lost with its request) before the
 *                              job fails and restarts from its last checkpoint (default 8)
 * @param initialBackoff        delay before the first retry; doubled for each further retry (default 100 ms)
 * @param maxBackoff            upper bound of the retry delay (default 30 s)
 * @param deadLetterIndex       where documents rejected with a 4xx go (default {@code soc-deadletter})
 * @param refreshOnWrite        each bulk request refreshes the shards it wrote to, so its documents are searchable
 *                              when it returns instead of at the next periodic refresh; for low-volume, urgent
 *                              documents such as alerts (default false)
 */
public record ElasticsearchSinkConfig(
    List<String> urls,
    int bulkMaxActions,
    long bulkMaxBytes,
    Duration flushInterval,
    int maxConcurrentRequests,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    String deadLetterIndex,
    boolean refreshOnWrite) implements Serializable {

  public static final int DEFAULT_BULK_MAX_ACTIONS = 1000;
  public static final long DEFAULT_BULK_MAX_BYTES = 5L * 1024 * 1024;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 2;
  public static final int DEFAULT_MAX_RETRIES = 8;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  /** Same as {@code org.soc.alerting.IndexNames.DEAD_LETTER}. */
  public static final String DEFAULT_DEAD_LETTER_INDEX = "soc-deadletter";

  public ElasticsearchSinkConfig {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Elasticsearch URL is required");
    }
    for (String url : urls) {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("Elasticsearch URL must be scheme://host:port, got " + url);
      }
    }
    requirePositive(bulkMaxActions, "bulkMaxActions");
    requirePositive(bulkMaxBytes, "bulkMaxBytes");
    requirePositive(flushInterval, "flushInterval");
    requirePositive(maxConcurrentRequests, "maxConcurrentRequests");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    Objects.requireNonNull(deadLetterIndex, "deadLetterIndex");
  }

  /** Defaults for everything but the URLs. */
  public static ElasticsearchSinkConfig of(String... urls) {
    return new ElasticsearchSinkConfig(List.of(urls), DEFAULT_BULK_MAX_ACTIONS, DEFAULT_BULK_MAX_BYTES,
        DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF, DEFAULT_DEAD_LETTER_INDEX, false);
  }

  public ElasticsearchSinkConfig withBulk(int maxActions, long maxBytes, Duration interval) {
    return new ElasticsearchSinkConfig(urls, maxActions, maxBytes, interval, maxConcurrentRequests, maxRetries,
        initialBackoff, maxBackoff, deadLetterIndex, refreshOnWrite);
  }

  public ElasticsearchSinkConfig withMaxConcurrentRequests(int max) {
    return new ElasticsearchSinkConfig(urls, bulkMaxActions, bulkMaxBytes, flushInterval, max, maxRetries,
        initialBackoff, maxBackoff, deadLetterIndex, refreshOnWrite);
  }

  public ElasticsearchSinkConfig withRetries(int retries, Duration initial, Duration max) {
    return new ElasticsearchSinkConfig(urls, bulkMaxActions, bulkMaxBytes, flushInterval, maxConcurrentRequests,
        retries, initial, max, deadLetterIndex, refreshOnWrite);
  }

  public ElasticsearchSinkConfig withDeadLetterIndex(String index) {
    return new ElasticsearchSinkConfig(urls, bulkMaxActions, bulkMaxBytes, flushInterval, maxConcurrentRequests,
        maxRetries, initialBackoff, maxBackoff, index, refreshOnWrite);
  }

  public ElasticsearchSinkConfig withRefreshOnWrite(boolean refresh) {
    return new ElasticsearchSinkConfig(urls, bulkMaxActions, bulkMaxBytes, flushInterval, maxConcurrentRequests,
        maxRetries, initialBackoff, maxBackoff, deadLetterIndex, refresh);
  }

  /** Delay before retry number {@code retry} (1-based): {@code initialBackoff * 2^(retry-1)}, capped. */
  public Duration backoff(int retry) {
    if (retry <= 1) {
      return initialBackoff.compareTo(maxBackoff) > 0 ? maxBackoff : initialBackoff;
    }
    int shift = Math.min(retry - 1, 30);
    long millis = initialBackoff.toMillis();
    long delay = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
    return delay >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(delay);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
