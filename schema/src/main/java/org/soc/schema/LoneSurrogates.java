package org.soc.schema;

/**
 * Whether a string holds a lone surrogate: not valid Unicode, so UTF-8 cannot hold it (its encoder writes
 * {@code ?}), yet hostile input can carry one in a JSON escape. The binary forms (the topic's and the job's
 * facts) write such a string as UTF-16 so it comes back exactly.
 */
public final class LoneSurrogates {
  private LoneSurrogates() {}

  public static boolean in(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
