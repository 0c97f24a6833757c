package org.soc.alerting.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.soc.schema.EventJson;

/** Builds elasticsearch-java clients for plain {@code http://host:port} endpoints. */
public final class ElasticsearchClients {
  private ElasticsearchClients() {}

  /** A transport over the low-level REST client; closing it closes the REST client. */
  public static ElasticsearchTransport transport(List<String> urls) {
    HttpHost[] hosts = urls.stream().map(HttpHost::create).toArray(HttpHost[]::new);
    RestClient rest = RestClient.builder(hosts).build();
    return new RestClientTransport(rest, new JacksonJsonpMapper(EventJson.newMapper()));
  }

  /** A blocking client; close it with {@code client._transport().close()}. */
  public static ElasticsearchClient client(String... urls) {
    return new ElasticsearchClient(transport(List.of(urls)));
  }
}
