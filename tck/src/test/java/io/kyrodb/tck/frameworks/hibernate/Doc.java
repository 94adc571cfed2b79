package io.kyrodb.tck.frameworks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A document with a pgvector embedding, mapped as hibernate-vector documents it. */
@Entity
public class Doc {
    @Id
    private Long id;
    private String title;
    @Column(name = "embedding")
    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = 3)
    private float[] embedding;

    protected Doc() {
    }

    public Doc(long id, String title, float[] embedding) {
        this.id = id;
        this.title = title;
        this.embedding = embedding;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public float[] getEmbedding() { return embedding; }
}
