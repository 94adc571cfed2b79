package io.kyrodb.tck.frameworks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** An entity whose id comes from a sequence (Hibernate's pooled optimizer, allocation 50). */
@Entity
public class SequenceItem {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "item_seq")
    @SequenceGenerator(name = "item_seq", sequenceName = "item_seq")
    private Long id;
    private String name;

    protected SequenceItem() {
    }

    public SequenceItem(String name) {
        this.name = name;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
}
