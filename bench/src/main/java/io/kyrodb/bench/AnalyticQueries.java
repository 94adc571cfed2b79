package io.kyrodb.bench;

import java.util.List;

/**
 * The fixed queries of {@code bin/bench analytic}, over the star schema {@link AnalyticData} makes
 * (regions, customers, products, orders, lineitems). Each is written once, in SQL all three engines
 * run unchanged, with an ORDER BY that makes its answer's order unique, so answers compare row by
 * row. Only integers are summed, so no engine's floating point rounding can differ.
 */
final class AnalyticQueries {
    record Query(String name, String what, String sql) {
    }

    static final List<Query> ALL = List.of(
            new Query("q01-join5-groupby", "revenue per region of one product category: 5-table join",
                    "SELECT r.name, SUM(l.quantity * l.price) AS revenue, COUNT(*) AS lines"
                            + " FROM lineitems l JOIN orders o ON l.order_id = o.id"
                            + " JOIN customers c ON o.customer_id = c.id JOIN regions r ON c.region_id = r.id"
                            + " JOIN products p ON l.product_id = p.id"
                            + " WHERE p.category = 'cat3' GROUP BY r.name ORDER BY r.name"),
            new Query("q02-topk-customers", "top 10 customers by revenue: join, group, top-k",
                    "SELECT o.customer_id, SUM(l.quantity * l.price) AS revenue"
                            + " FROM orders o JOIN lineitems l ON l.order_id = o.id"
                            + " GROUP BY o.customer_id ORDER BY revenue DESC, o.customer_id LIMIT 10"),
            new Query("q03-join3-range", "quantity per category for a month of orders: 3-table join, range filter",
                    "SELECT p.category, COUNT(*) AS lines, SUM(l.quantity) AS quantity"
                            + " FROM lineitems l JOIN orders o ON l.order_id = o.id JOIN products p ON p.id = l.product_id"
                            + " WHERE o.order_day BETWEEN 100 AND 130 GROUP BY p.category ORDER BY p.category"),
            new Query("q04-join4-segment", "gold customers' revenue per region and category: 4-table join",
                    "SELECT c.region_id, p.category, SUM(l.quantity * l.price) AS revenue"
                            + " FROM customers c JOIN orders o ON o.customer_id = c.id"
                            + " JOIN lineitems l ON l.order_id = o.id JOIN products p ON p.id = l.product_id"
                            + " WHERE c.segment = 'gold' AND o.status = 'shipped'"
                            + " GROUP BY c.region_id, p.category ORDER BY c.region_id, p.category"),
            new Query("q05-groupby-orders", "orders per status and month: group by an expression",
                    "SELECT status, order_day / 30 AS period, COUNT(*) AS orders FROM orders"
                            + " GROUP BY status, order_day / 30 ORDER BY status, period"),
            new Query("q06-correlated-count", "region 1's customers with more than 14 orders: correlated scalar subquery",
                    "SELECT c.id FROM customers c WHERE c.region_id = 1"
                            + " AND (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) > 14 ORDER BY c.id"),
            new Query("q07-exists", "customers with a returned order: EXISTS",
                    "SELECT COUNT(*) FROM customers c WHERE EXISTS"
                            + " (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'returned')"),
            new Query("q08-not-exists", "customers without any order: NOT EXISTS",
                    "SELECT COUNT(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)"),
            new Query("q09-in-subquery", "orders of gold customers: IN (subquery)",
                    "SELECT COUNT(*), SUM(order_day) FROM orders WHERE customer_id IN"
                            + " (SELECT id FROM customers WHERE segment = 'gold')"),
            new Query("q10-topk-products", "top 5 products by quantity: group by, top-k",
                    "SELECT product_id, SUM(quantity) AS quantity FROM lineitems"
                            + " GROUP BY product_id ORDER BY quantity DESC, product_id LIMIT 5"),
            new Query("q11-count-distinct", "distinct customers per segment: join, COUNT(DISTINCT)",
                    "SELECT c.segment, COUNT(DISTINCT o.customer_id) AS customers"
                            + " FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.segment ORDER BY c.segment"),
            new Query("q12-having", "customers with many open orders: group by, HAVING",
                    "SELECT customer_id, COUNT(*) AS open_orders FROM orders WHERE status = 'open'"
                            + " GROUP BY customer_id HAVING COUNT(*) >= 4 ORDER BY customer_id"),
            new Query("q13-key-range-join", "lines of 100 consecutive orders: key range, join",
                    "SELECT COUNT(*), SUM(l.quantity) FROM orders o JOIN lineitems l ON l.order_id = o.id"
                            + " WHERE o.id BETWEEN 1000 AND 1100"),
            new Query("q14-window-rownumber", "each customer's orders numbered newest first: ROW_NUMBER() OVER",
                    "SELECT customer_id, id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_day DESC, id) AS rn"
                            + " FROM orders WHERE customer_id < 200 ORDER BY customer_id, id"),
            new Query("q15-window-running", "running count of orders by day: SUM() OVER an aggregate",
                    "SELECT order_day, COUNT(*) AS orders, SUM(COUNT(*)) OVER (ORDER BY order_day) AS running"
                            + " FROM orders WHERE order_day < 60 GROUP BY order_day ORDER BY order_day"));

    private AnalyticQueries() {
    }
}
