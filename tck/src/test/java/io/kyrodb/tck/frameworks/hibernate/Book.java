package io.kyrodb.tck.frameworks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/** An entity with an assigned id, an optimistic-lock version and a many-to-one to its author. */
@Entity
public class Book {
    @Id
    private Long id;
    private String title;
    private double price;
    private boolean available;
    @Version
    private int version;
    @ManyToOne
    private Author author;

    protected Book() {
    }

    public Book(long id, String title, double price, Author author) {
        this.id = id;
        this.title = title;
        this.price = price;
        this.available = true;
        this.author = author;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public double getPrice() { return price; }
    public void setPrice(double price) { this.price = price; }
    public boolean isAvailable() { return available; }
    public int getVersion() { return version; }
    public Author getAuthor() { return author; }
}
