package io.kyrodb.tck.frameworks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;

import java.util.HashSet;
import java.util.Set;

/** The owning side of a many-to-many through the join table student_course. */
@Entity
public class Student {
    @Id
    private Long id;
    private String name;
    @ManyToMany
    @JoinTable(name = "student_course")
    private Set<Course> courses = new HashSet<>();

    protected Student() {
    }

    public Student(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public Set<Course> getCourses() { return courses; }
}
