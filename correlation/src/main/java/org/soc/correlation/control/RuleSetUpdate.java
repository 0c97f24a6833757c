package org.soc.correlation.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleLoader;

/**
 * A rule set published on the control topic ({@code soc.rules}), one record per rule set:
 *
 * <pre>
 * {"version": "2026-11-24T10:00:00Z/ops",          // free text, shown in status records and logs
 *  "effective_from": "2026-11-24T10:05:00Z",       // optional event time: swap when the watermark reaches it
 *  "files": {"ssh-brute-force.drl": "...", "ssh-brute-force.yml": "...", ...}}
 * </pre>
 *
 * The whole set replaces the running one. {@code error} is set (and {@code files} empty) when the record itself
 * could not be read; such an update is rejected like one that does not compile.
 *
 * @param effectiveFrom epoch millis, or null: swap at the next watermark after it reached a subtask
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetUpdate(
    String version,
    @JsonProperty("effective_from") Long effectiveFrom,
    Map<String, String> files,
    String error) implements Serializable {

  public RuleSetUpdate {
    files = files == null ? Map.of() : new TreeMap<>(files);
  }

  public static RuleSetUpdate of(String version, Map<String, String> files) {
    return new RuleSetUpdate(version, null, files, null);
  }

  public RuleSetUpdate effectiveFrom(long eventTimeMillis) {
    return new RuleSetUpdate(version, eventTimeMillis, files, error);
  }

  /** Parses the files into rule definitions (not compiled); origin {@code soc.rules@<version>}. */
  public List<RuleDefinition> definitions() {
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return new RuleLoader().fromFiles(files, "soc.rules@" + version);
  }
}
