package io.ledgermind.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalendarTest {
  @Test
  void knowsTheEpochWasAThursdayAndMondaysAreDayZero() {
    assertThat(Calendar.dayOfWeek(0)).isEqualTo(3);
    assertThat(Calendar.dayOfWeek(Instant.parse("2022-01-03T00:00:00Z").toEpochMilli())).isZero();
    assertThat(Calendar.dayPhase(Instant.parse("2022-01-03T12:00:00Z").toEpochMilli())).isEqualTo(0.5);
  }
}
