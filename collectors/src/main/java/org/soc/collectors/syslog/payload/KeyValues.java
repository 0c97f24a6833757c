package org.soc.collectors.syslog.payload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code key=value} tokenisers for the text formats firewalls send: space-separated pairs with optional double
 * quotes (FortiGate, netfilter) and CEF extensions, where a value runs up to the next {@code key=} and
 * {@code \=}, {@code \\} escape. Both keep at most {@link #MAX_PAIRS} pairs so a hostile line cannot build an
 * unbounded map.
 */
public final class KeyValues {
  public static final int MAX_PAIRS = 256;

  private KeyValues() {}

  /**
   * {@code k=v k="v with spaces" flag k=} as FortiGate and the kernel write them. Words without {@code =}
   * (netfilter's {@code DF}, {@code SYN}) are skipped; a quoted value may contain {@code \"}.
   */
  public static Map<String, String> spaceSeparated(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = s.length();
    while (i < n && out.size() < MAX_PAIRS) {
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ' ') {
        i++;
      }
      if (i >= n || s.charAt(i) != '=' || i == keyStart) {
        while (i < n && s.charAt(i) != ' ') {
          i++;
        }
        continue;
      }
      String key = s.substring(keyStart, i);
      i++;
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        i++;
      } else {
        while (i < n && s.charAt(i) != ' ') {
          value.append(s.charAt(i++));
        }
      }
      out.putIfAbsent(key, value.toString());
    }
    return out;
  }

  /**
   * A CEF extension ({@code src=10.0.0.1 msg=multi word value act=blocked}): a key is a run of
   * {@code [A-Za-z0-9_.\[\]-]} before an unescaped {@code =} at the start or after a space; its value runs to the
   * space before the next key. {@code \=}, {@code \\}, {@code \|}, {@code \n} and {@code \r} are unescaped.
   */
  public static Map<String, String> cefExtension(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    int[] keyStarts = new int[MAX_PAIRS + 1];
    int[] equals = new int[MAX_PAIRS + 1];
    int count = 0;
    boolean escaped = false;
    for (int i = 0; i < s.length() && count <= MAX_PAIRS; i++) {
      char ch = s.charAt(i);
      if (escaped) {
        escaped = false;
        continue;
      }
      if (ch == '\\') {
        escaped = true;
        continue;
      }
      if (ch != '=') {
        continue;
      }
      int k = i;
      while (k > 0 && isKeyChar(s.charAt(k - 1))) {
        k--;
      }
      if (k < i && (k == 0 || s.charAt(k - 1) == ' ')) {
        keyStarts[count] = k;
        equals[count] = i;
        count++;
      }
    }
    count = Math.min(count, MAX_PAIRS);
    for (int j = 0; j < count; j++) {
      int valueEnd = j + 1 < count ? keyStarts[j + 1] : s.length();
      String raw = s.substring(equals[j] + 1, valueEnd).strip();
      out.putIfAbsent(s.substring(keyStarts[j], equals[j]), unescape(raw));
    }
    return out;
  }

  private static boolean isKeyChar(char ch) {
    return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '.'
        || ch == '-' || ch == '[' || ch == ']';
  }

  /** CEF escapes: {@code \=} {@code \\} {@code \|} literal, {@code \n} {@code \r} newlines. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
