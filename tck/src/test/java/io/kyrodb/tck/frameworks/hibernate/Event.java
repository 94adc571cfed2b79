package io.kyrodb.tck.frameworks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Dates, timestamps and exact numbers: Hibernate maps them to date, timestamp(6) and numeric(38,2). */
@Entity
public class Event {
    @Id
    private Long id;
    private LocalDate day;
    private LocalDateTime startsAt;
    private BigDecimal fee;

    protected Event() {
    }

    public Event(long id, LocalDate day, LocalDateTime startsAt, BigDecimal fee) {
        this.id = id;
        this.day = day;
        this.startsAt = startsAt;
        this.fee = fee;
    }

    public LocalDate getDay() { return day; }
    public LocalDateTime getStartsAt() { return startsAt; }
    public BigDecimal getFee() { return fee; }
}
