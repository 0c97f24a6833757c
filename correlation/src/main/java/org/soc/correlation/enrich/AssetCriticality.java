package org.soc.correlation.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.soc.agency.IpLiterals;
import org.soc.agency.IpPrefix;

/**
 * Asset criticality per address range, from {@code config/assets.yml} (a file of its own: the agency registry's
 * loader rejects unknown keys, so the collectors' {@code agencies.yml} cannot carry it):
 *
 * <pre>
 * assets:
 *   - {agency: health, cidr: 10.10.5.0/24, criticality: high}     # agency: optional, documentation only
 *   - {cidr: 10.10.5.10/32, criticality: critical}
 * </pre>
 *
 * The most specific range containing an address gives its criticality ({@code low}, {@code medium}, {@code high},
 * {@code critical}). Immutable.
 */
public final class AssetCriticality {
  public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");
  public static final AssetCriticality NONE = new AssetCriticality(List.of());

  /** One range and its criticality. */
  public record Asset(String agency, IpPrefix prefix, String criticality) {
    public Asset {
      criticality = criticality == null ? null : criticality.strip().toLowerCase(Locale.ROOT);
      if (!LEVELS.contains(criticality)) {
        throw new IllegalArgumentException("criticality must be one of " + LEVELS + ": " + criticality);
      }
    }
  }

  private final List<Asset> assets;

  public AssetCriticality(List<Asset> assets) {
    this.assets = List.copyOf(assets);
  }

  public static AssetCriticality load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The ranges of an assets YAML document; {@code origin} names it in error messages. */
  public static AssetCriticality load(InputStream in, String origin) {
    String file = origin;
    try {
      AssetsFile parsed = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(in, AssetsFile.class);
      List<Asset> assets = new ArrayList<>();
      if (parsed != null && parsed.assets != null) {
        for (AssetEntry e : parsed.assets) {
          try {
            assets.add(new Asset(e.agency, IpPrefix.parse(e.cidr == null ? "" : e.cidr), e.criticality));
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": asset " + e.cidr + ": " + ex.getMessage(), ex);
          }
        }
      }
      return new AssetCriticality(assets);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Criticality of the most specific range holding {@code ip}. */
  public Optional<String> lookup(String ip) {
    return lookup(IpLiterals.parse(ip));
  }

  /** As {@link #lookup(String)}, for the address's bytes ({@link IpLiterals#parse}; null: none). */
  public Optional<String> lookup(byte[] address) {
    if (address == null) {
      return Optional.empty();
    }
    Asset best = null;
    for (Asset a : assets) {
      if (a.prefix().contains(address)
          && (best == null || a.prefix().length() > best.prefix().length())) {
        best = a;
      }
    }
    return Optional.ofNullable(best).map(Asset::criticality);
  }

  static final class AssetsFile {
    public List<AssetEntry> assets;
  }

  static final class AssetEntry {
    public String agency;
    public String cidr;
    public String criticality;
  }
}
