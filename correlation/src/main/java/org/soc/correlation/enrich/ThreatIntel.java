package org.soc.correlation.enrich;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.soc.agency.IpLiterals;
import org.soc.agency.IpPrefix;

/**
 * Threat-intelligence lists of addresses and CIDR ranges, and the lookup of an address in them. Immutable; built
 * from {@link IntelUpdate}s. When several lists hold an address, the one whose name sorts first wins, so the
 * result does not depend on the order the lists arrived in.
 */
public final class ThreatIntel {
  /** A hit: the list and the entry (address or CIDR) that contains the address. */
  public record Match(String list, String entry) {}

  /** Address bytes (compared by content) → list. */
  private final Map<ByteBuffer, String> exact = new HashMap<>();
  private final List<Range> ranges = new ArrayList<>();
  private final int size;

  private record Range(String list, IpPrefix prefix) {}

  public static final ThreatIntel EMPTY = new ThreatIntel(List.of());

  public ThreatIntel(Collection<IntelUpdate> lists) {
    List<IntelUpdate> sorted = lists.stream().sorted(Comparator.comparing(IntelUpdate::list)).toList();
    int n = 0;
    for (IntelUpdate list : sorted) {
      for (String entry : entries(list.text())) {
        IpPrefix prefix;
        try {
          prefix = IpPrefix.parse(entry);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("intel list " + list.list() + ": " + e.getMessage(), e);
        }
        n++;
        int bits = prefix.network().length * 8;
        if (prefix.length() == bits) {
          exact.putIfAbsent(ByteBuffer.wrap(prefix.network()), list.list());
        } else {
          ranges.add(new Range(list.list(), prefix));
        }
      }
    }
    this.size = n;
  }

  /** The entries of a list's text: trimmed lines without comments and blanks. */
  public static List<String> entries(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!entry.isEmpty()) {
        out.add(entry);
      }
    }
    return out;
  }

  /** The first list (by name) holding {@code ip}; empty for null or non-literal addresses. */
  public Optional<Match> lookup(String ip) {
    return lookup(IpLiterals.parse(ip), ip);
  }

  /** As {@link #lookup(String)}, for {@code ip} already parsed into {@code bytes} (null: not a literal). */
  public Optional<Match> lookup(byte[] bytes, String ip) {
    if (bytes == null) {
      return Optional.empty();
    }
    String exactList = exact.get(ByteBuffer.wrap(bytes));
    Match best = exactList == null ? null : new Match(exactList, ip);
    for (Range r : ranges) {
      if (r.prefix().contains(bytes) && (best == null || r.list().compareTo(best.list()) < 0)) {
        best = new Match(r.list(), r.prefix().toString());
      }
    }
    return Optional.ofNullable(best);
  }

  /** Number of entries over all lists. */
  public int size() {
    return size;
  }
}
