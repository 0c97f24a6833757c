package org.soc.dashboards.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElasticsearchQueriesTest {
  @Test
  void agencyIdsThatAreIndexNameFragmentsPass() {
    assertThat(ElasticsearchQueries.sanitizeAgency("health")).isEqualTo("health");
    assertThat(ElasticsearchQueries.sanitizeAgency("province-07_north")).isEqualTo("province-07_north");
  }

  @Test
  void wildcardsAndIndexListsCannotWidenTheSearch() {
    for (String hostile : new String[] {"*", "health,soc-events-*", "../_cat", "Health", "", "a b"}) {
      assertThatThrownBy(() -> ElasticsearchQueries.sanitizeAgency(hostile))
          .as(hostile)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid agency id");
    }
  }
}
