package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingDateTimeTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Object cross(Object value, ZoneId senderZone) {
        return Crossing.from(senderZone).copy(value, ValuePath.root());
    }

    @Test
    @DisplayName("[SER-07] a date arrives as the same date, never as a datetime")
    void ser07_dateArrivesAsDate() {
        LocalDate date = LocalDate.of(2024, 2, 29);

        assertThat(cross(date, PARIS)).isExactlyInstanceOf(LocalDate.class).isEqualTo(date);
    }

    @Test
    @DisplayName("[SER-08] an aware datetime keeps its offset and its microseconds")
    void ser08_awareDateTimeKeepsOffsetAndMicroseconds() {
        OffsetDateTime t = OffsetDateTime.of(2024, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.ofHoursMinutes(-3, -30));

        Object copied = cross(t, PARIS);

        assertThat(copied).isExactlyInstanceOf(OffsetDateTime.class).isEqualTo(t);
    }

    @Test
    @DisplayName("[SER-08] digits below the microsecond are truncated")
    void ser08_subMicrosecondDigitsAreTruncated() {
        OffsetDateTime t = OffsetDateTime.of(2024, 3, 4, 5, 6, 7, 123_456_789, ZoneOffset.ofHours(1));

        assertThat(cross(t, UTC)).isEqualTo(OffsetDateTime.of(2024, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.ofHours(1)));
        assertThat(cross(t.withNano(999_999_999), UTC)).isEqualTo(t.withNano(999_999_000));
    }

    @Test
    @DisplayName("[SER-08] a zoned datetime arrives with its offset at that instant, the zone name lost")
    void ser08_zonedDateTimeArrivesWithItsOffsetOnly() {
        ZonedDateTime summer = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 500, PARIS);
        ZonedDateTime winter = ZonedDateTime.of(2024, 1, 15, 12, 0, 0, 0, PARIS);

        assertThat(cross(summer, UTC)).isEqualTo(OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(cross(winter, UTC)).isEqualTo(OffsetDateTime.of(2024, 1, 15, 12, 0, 0, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    @DisplayName("[SER-08] an offset with seconds becomes whole minutes, truncated, at the same instant")
    void ser08_offsetSecondsAreDroppedAtTheSameInstant() {
        OffsetDateTime east = OffsetDateTime.of(2024, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHoursMinutesSeconds(1, 30, 45));
        OffsetDateTime west = OffsetDateTime.of(2024, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHoursMinutesSeconds(-1, -30, -45));

        OffsetDateTime eastCopy = (OffsetDateTime) cross(east, UTC);
        OffsetDateTime westCopy = (OffsetDateTime) cross(west, UTC);

        assertThat(eastCopy.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(1, 30));
        assertThat(eastCopy.toInstant()).isEqualTo(east.toInstant());
        assertThat(westCopy.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-1, -30));
        assertThat(westCopy.toInstant()).isEqualTo(west.toInstant());
    }

    @Test
    @DisplayName("[SER-09] a naive datetime is stamped with the sender's summer offset")
    void ser09_naiveDateTimeIsStampedWithSenderOffsetInSummer() {
        LocalDateTime naive = LocalDateTime.of(2024, 7, 1, 12, 30, 15, 250_000_000);

        assertThat(cross(naive, PARIS)).isExactlyInstanceOf(OffsetDateTime.class)
                .isEqualTo(OffsetDateTime.of(naive, ZoneOffset.ofHours(2)));
    }

    @Test
    @DisplayName("[SER-09] a naive datetime is stamped with the sender's winter offset")
    void ser09_naiveDateTimeIsStampedWithSenderOffsetInWinter() {
        LocalDateTime naive = LocalDateTime.of(2024, 1, 15, 12, 30);

        assertThat(cross(naive, PARIS)).isEqualTo(OffsetDateTime.of(naive, ZoneOffset.ofHours(1)));
    }

    @Test
    @DisplayName("[SER-09] the stamp depends on the sender's zone only")
    void ser09_stampDependsOnSenderZone() {
        LocalDateTime naive = LocalDateTime.of(2024, 7, 1, 12, 30);

        assertThat(cross(naive, UTC)).isEqualTo(OffsetDateTime.of(naive, ZoneOffset.UTC));
        assertThat(cross(naive, ZoneId.of("America/New_York"))).isEqualTo(OffsetDateTime.of(naive, ZoneOffset.ofHours(-4)));
        assertThat(cross(naive, ZoneOffset.ofHoursMinutes(5, 45))).isEqualTo(OffsetDateTime.of(naive, ZoneOffset.ofHoursMinutes(5, 45)));
    }

    @Test
    @DisplayName("[SER-09] a naive datetime is truncated to microseconds")
    void ser09_naiveDateTimeIsTruncatedToMicroseconds() {
        LocalDateTime naive = LocalDateTime.of(2024, 1, 15, 12, 30, 0, 1_999);

        assertThat(cross(naive, PARIS)).isEqualTo(OffsetDateTime.of(2024, 1, 15, 12, 30, 0, 1_000, ZoneOffset.ofHours(1)));
    }

    @Test
    @DisplayName("[SER-09] in a DST overlap or gap, the offset before the transition stamps the naive time")
    void ser09_dstOverlapAndGapUseTheOffsetBeforeTheTransition() {
        LocalDateTime overlap = LocalDateTime.of(2024, 10, 27, 2, 30);
        LocalDateTime gap = LocalDateTime.of(2024, 3, 31, 2, 30);

        assertThat(cross(overlap, PARIS)).isEqualTo(OffsetDateTime.of(overlap, ZoneOffset.ofHours(2)));
        assertThat(cross(gap, PARIS)).isEqualTo(OffsetDateTime.of(gap, ZoneOffset.ofHours(1)));
    }

    @Test
    @DisplayName("[SER-09] a historical offset with seconds is reduced to whole minutes at the same instant")
    void ser09_historicalOffsetWithSecondsIsReducedToMinutes() {
        LocalDateTime naive = LocalDateTime.of(1900, 1, 1, 0, 0);
        ZoneOffset paris1900 = PARIS.getRules().getOffset(naive);

        OffsetDateTime copied = (OffsetDateTime) cross(naive, PARIS);

        assertThat(paris1900.getTotalSeconds() % 60).as("tzdata gives Paris 1900 an offset with seconds").isNotZero();
        assertThat(copied.getOffset().getTotalSeconds()).isEqualTo(paris1900.getTotalSeconds() / 60 * 60);
        assertThat(copied.toInstant()).isEqualTo(naive.atOffset(paris1900).toInstant());
    }
}
