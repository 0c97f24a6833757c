package org.soc.collectors.syslog.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * A JSON object as the message (rsyslog {@code mmjsonparse}/{@code @cee:} style, applications logging JSON,
 * Elastic-style ECS loggers). The object is flattened to dotted keys; the ECS fields the schema has
 * ({@code source.ip}, {@code source.port}, {@code destination.*}, {@code user.name}, {@code event.action},
 * {@code event.outcome}, {@code event.category}, {@code event.type}, {@code network.transport}) are set, every
 * other key becomes a label of the same name. Limits: nesting depth {@value #MAX_DEPTH}, {@value #MAX_LABELS}
 * labels, values cut at {@value #MAX_VALUE} characters. An {@code @cee:} prefix is accepted.
 */
public final class JsonPayloadDecoder implements PayloadDecoder {
  static final int MAX_DEPTH = 16;
  static final int MAX_LABELS = 64;
  static final int MAX_VALUE = 1024;

  private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (s.startsWith("@cee:")) {
      s = s.substring(5).strip();
    }
    if (!s.startsWith("{") || !s.endsWith("}")) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = mapper.readTree(s);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", root, flat);
    Builder b = Decoded.builder().sourceIp(flat.remove("source.ip")).sourcePort(flat.remove("source.port"))
        .destinationIp(flat.remove("destination.ip")).destinationPort(flat.remove("destination.port"))
        .user(flat.remove("user.name")).action(flat.remove("event.action")).outcome(flat.remove("event.outcome"))
        .transport(flat.remove("network.transport"));
    String category = flat.remove("event.category");
    if (category != null) {
      b.category(category.split(","));
    }
    String type = flat.remove("event.type");
    if (type != null) {
      b.type(type.split(","));
    }
    int n = 0;
    for (Map.Entry<String, String> e : flat.entrySet()) {
      if (n++ >= MAX_LABELS) {
        break;
      }
      String v = e.getValue();
      b.label(e.getKey(), v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v);
    }
    return b.build();
  }

  /** Objects become dotted keys; arrays of scalars a comma-joined value; other arrays their JSON text. */
  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext() && out.size() < 4 * MAX_LABELS) {
        Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      for (JsonNode item : node) {
        if (!item.isValueNode()) {
          out.put(prefix, node.toString());
          return;
        }
        if (joined.length() > 0) {
          joined.append(',');
        }
        joined.append(item.asText());
      }
      out.put(prefix, joined.toString());
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }
}
