package org.soc.alerting.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Installs the SOC index templates (idempotent: PUT overwrites):
 *
 * <ul>
 *   <li>component {@code soc-settings}: {@code number_of_replicas} (0 for the local single node, 1+ on a
 *       cluster). No {@code refresh_interval}: left unset, Elasticsearch refreshes a shard every second only
 *       while it is being searched and skips idle ones (a search on an idle shard waits for one refresh). Set to
 *       1s, each of the per-agency daily event shards wrote a segment every second whether anyone looked or not;
 *       alerts, which analysts wait for, are refreshed by their bulk requests instead
 *   <li>component {@code soc-ecs-mappings}: the ECS fields events and alerts share
 *       ({@code templates/soc-ecs-mappings.json})
 *   <li>index templates {@code soc-events} ({@code soc-events-*}), {@code soc-alerts} ({@code soc-alerts-*})
 *       and {@code soc-deadletter} ({@code soc-deadletter}), from {@code templates/<name>.json}
 * </ul>
 *
 * Only core field types are used (date, ip, keyword, text, long, integer, boolean, binary, flattened), so the
 * templates work on the module-less {@code integ-test-zip} distribution (no {@code match_only_text},
 * {@code wildcard}, {@code constant_keyword} there) as on a full Elasticsearch. Install them before the first
 * document is written: a template applies to indices created after it.
 *
 * <pre>{@code
 * try (var transport = ElasticsearchClients.transport(List.of("http://127.0.0.1:9200"))) {
 *   new IndexTemplates(new ElasticsearchClient(transport), 0).install();
 * }
 * }</pre>
 */
public final class IndexTemplates {
  public static final String SETTINGS_COMPONENT = "soc-settings";
  public static final String ECS_COMPONENT = "soc-ecs-mappings";
  public static final List<String> INDEX_TEMPLATES = List.of("soc-events", "soc-alerts", "soc-deadletter");

  private final ElasticsearchClient client;
  private final int numberOfReplicas;

  /**
   * @param numberOfReplicas 0 for a single node (otherwise every index stays yellow)
   */
  public IndexTemplates(ElasticsearchClient client, int numberOfReplicas) {
    this.client = Objects.requireNonNull(client, "client");
    if (numberOfReplicas < 0) {
      throw new IllegalArgumentException("numberOfReplicas must be >= 0, got " + numberOfReplicas);
    }
    this.numberOfReplicas = numberOfReplicas;
  }

  /** Installs both component templates, then the three index templates. */
  public void install() throws IOException {
    String settings = settingsComponent(numberOfReplicas);
    client.cluster().putComponentTemplate(r -> r.name(SETTINGS_COMPONENT).withJson(new StringReader(settings)));
    String ecs = resource(ECS_COMPONENT);
    client.cluster().putComponentTemplate(r -> r.name(ECS_COMPONENT).withJson(new StringReader(ecs)));
    for (String name : INDEX_TEMPLATES) {
      String body = resource(name);
      client.indices().putIndexTemplate(r -> r.name(name).withJson(new StringReader(body)));
    }
  }

  /** Installs the templates on the node(s) at {@code urls} with a client of its own. */
  public static void install(List<String> urls, int numberOfReplicas) throws IOException {
    try (var transport = ElasticsearchClients.transport(urls)) {
      new IndexTemplates(new ElasticsearchClient(transport), numberOfReplicas).install();
    }
  }

  /** Body of the {@code soc-settings} component template. */
  public static String settingsComponent(int numberOfReplicas) {
    return "{\"_meta\":{\"managed_by\":\"soc-alerting\"},\"template\":{\"settings\":{\"index\":{"
        + "\"number_of_replicas\":" + numberOfReplicas + "}}}}";
  }

  /** The body of {@code templates/<name>.json} from the class path. */
  public static String resource(String name) {
    String path = "/templates/" + name + ".json";
    try (InputStream in = IndexTemplates.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
