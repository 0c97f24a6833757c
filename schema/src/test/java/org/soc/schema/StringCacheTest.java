package org.soc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringCacheTest {
  private static String get(StringCache cache, String padded, int offset, int length) {
    return cache.get(padded.getBytes(StandardCharsets.US_ASCII), offset, length,
        padded.substring(offset, offset + length).hashCode());
  }

  @Test
  void aRepeatedValueIsTheSameStringAsTheFirstTime() {
    StringCache cache = new StringCache(64);
    String first = get(cache, "xx\"authentication\"", 3, 14);
    String again = get(cache, "\"authentication\",", 1, 14);
    assertEquals("authentication", first);
    assertSame(first, again);
  }

  @Test
  void valuesThatShareASlotReplaceEachOtherAndStayCorrect() {
    StringCache cache = new StringCache(1); // one slot: every value collides
    String a = get(cache, "10.0.0.1", 0, 8);
    String b = get(cache, "10.0.0.2", 0, 8);
    assertEquals("10.0.0.1", a);
    assertEquals("10.0.0.2", b);
    assertEquals("10.0.0.1", get(cache, "10.0.0.1", 0, 8));
    assertEquals("10.0.0.1", get(cache, "10.0.0.10", 0, 8));
    assertEquals("10.0.0.10", get(cache, "10.0.0.10", 0, 9));
  }

  @Test
  void longValuesAreNotKept() {
    StringCache cache = new StringCache(64);
    String id = "a".repeat(StringCache.MAX_LENGTH + 1);
    String first = get(cache, id, 0, id.length());
    assertEquals(id, first);
    assertNotSame(first, get(cache, id, 0, id.length()));
  }

  @Test
  void theEmptyStringIsAValueLikeAnyOther() {
    StringCache cache = new StringCache(64);
    assertEquals("", get(cache, "\"\"", 1, 0));
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new StringCache(100));
  }
}
