package io.kyrodb.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * The star schema of {@code bin/bench analytic}, generated from a seed so every engine gets the
 * same rows: 5 regions, 20,000 customers (segments skewed: 10% gold), 2,000 products in 20
 * categories, {@code orders} orders (status skewed: 60% shipped) over 365 days, and about 4 lines an
 * order (1M lineitems at the default 250,000 orders). Indexes on the foreign keys the queries follow.
 */
final class AnalyticData {
    static final int REGIONS = 5;
    static final int CUSTOMERS = 20_000;
    static final int PRODUCTS = 2_000;
    private static final int BATCH = 10_000;
    private static final String[] STATUS = {"shipped", "shipped", "shipped", "shipped", "shipped", "shipped",
            "open", "open", "returned", "cancelled"};

    private AnalyticData() {
    }

    static final String[] DDL = {
            "CREATE TABLE regions (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)",
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, region_id INTEGER NOT NULL,"
                    + " segment VARCHAR(10) NOT NULL)",
            "CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, category VARCHAR(10) NOT NULL,"
                    + " price INTEGER NOT NULL)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, order_day INTEGER NOT NULL,"
                    + " status VARCHAR(10) NOT NULL)",
            "CREATE TABLE lineitems (order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, product_id INTEGER NOT NULL,"
                    + " quantity INTEGER NOT NULL, price INTEGER NOT NULL, PRIMARY KEY (order_id, line_no))",
            "CREATE INDEX orders_customer ON orders (customer_id)",
            "CREATE INDEX lineitems_product ON lineitems (product_id)",
    };

    /** Creates and fills the tables; returns the number of lineitems. */
    static long load(Connection c, int orders, long seed) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        c.setAutoCommit(false);
        SplittableRandom r = new SplittableRandom(seed);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO regions VALUES (?, ?)")) {
            String[] names = {"africa", "america", "asia", "europe", "oceania"};
            for (int i = 0; i < REGIONS; i++) {
                p.setInt(1, i);
                p.setString(2, names[i]);
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < CUSTOMERS; i++) {
                p.setInt(1, i);
                p.setString(2, "customer" + i);
                p.setInt(3, r.nextInt(REGIONS));
                int seg = r.nextInt(10);
                p.setString(4, seg == 0 ? "gold" : seg < 4 ? "silver" : "bronze");
                add(c, p, i);
            }
            flush(c, p);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < PRODUCTS; i++) {
                p.setInt(1, i);
                p.setString(2, "product" + i);
                p.setString(3, "cat" + (i % 20));
                p.setInt(4, 100 + r.nextInt(10_000));
                add(c, p, i);
            }
            flush(c, p);
        }
        long lines = 0;
        try (PreparedStatement po = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
             PreparedStatement pl = c.prepareStatement("INSERT INTO lineitems VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < orders; i++) {
                // a few customers order far more often (skew), some never (customers >= 19,000 rarely)
                int customer = r.nextInt(10) == 0 ? r.nextInt(500) : r.nextInt(CUSTOMERS - 1_000);
                po.setInt(1, i);
                po.setInt(2, customer);
                po.setInt(3, r.nextInt(365));
                po.setString(4, STATUS[r.nextInt(STATUS.length)]);
                po.addBatch();
                int n = 1 + r.nextInt(7);
                for (int line = 0; line < n; line++) {
                    pl.setInt(1, i);
                    pl.setInt(2, line);
                    // popular products: a quarter of the lines go to the first 100
                    pl.setInt(3, r.nextInt(4) == 0 ? r.nextInt(100) : r.nextInt(PRODUCTS));
                    pl.setInt(4, 1 + r.nextInt(10));
                    pl.setInt(5, 100 + r.nextInt(10_000));
                    pl.addBatch();
                    lines++;
                }
                if ((i + 1) % 2_000 == 0) {
                    po.executeBatch();
                    pl.executeBatch();
                    c.commit();
                }
            }
            po.executeBatch();
            pl.executeBatch();
            c.commit();
        }
        c.setAutoCommit(true);
        return lines;
    }

    private static void add(Connection c, PreparedStatement p, int i) throws SQLException {
        p.addBatch();
        if ((i + 1) % BATCH == 0) {
            flush(c, p);
        }
    }

    private static void flush(Connection c, PreparedStatement p) throws SQLException {
        p.executeBatch();
        c.commit();
    }
}
