package io.kyrodb.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws recall-vs-QPS curves with Java2D into a PNG: one panel per data set, recall@10 across,
 * queries per second up (log scale), one line per searcher and JVM (dashed without the Vector API),
 * exact searchers as single points at recall 1. No external tools.
 */
final class RecallQpsPlot {
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 420;
    private static final int LEFT = 70;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int RIGHT = 20;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private RecallQpsPlot() {
    }

    static void render(List<RecallQpsPoint> points, Path png, String subtitle) throws IOException {
        List<String> datasets = points.stream().map(RecallQpsPoint::dataset).distinct().toList();
        List<String> searchers = points.stream().map(RecallQpsPoint::searcher).distinct().toList();
        int width = Math.max(900, Math.max(1, datasets.size()) * PANEL_W);
        int height = PANEL_H + 40 + 22 * ((searchers.size() * 2 + 3) / 4);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int d = 0; d < datasets.size(); d++) {
            String ds = datasets.get(d);
            panel(g, d * PANEL_W, ds, points.stream().filter(p -> p.dataset().equals(ds)).toList(), searchers);
        }
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 20;
        int y = PANEL_H + 20;
        for (int s = 0; s < searchers.size(); s++) {
            for (String jvm : List.of("vector-api", "scalar")) {
                String name = searchers.get(s);
                if (points.stream().noneMatch(p -> p.searcher().equals(name) && p.jvm().equals(jvm))) {
                    continue;
                }
                g.setColor(COLORS[s % COLORS.length]);
                g.setStroke(stroke(jvm));
                g.drawLine(x, y, x + 30, y);
                g.fillOval(x + 12, y - 3, 7, 7);
                g.setColor(Color.BLACK);
                String label = name + (jvm.equals("scalar") ? " (no Vector API)" : "");
                g.drawString(label, x + 38, y + 5);
                x += 60 + g.getFontMetrics().stringWidth(label);
                if (x > width - 250) {
                    x = 20;
                    y += 22;
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 20, height - 8);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static BasicStroke stroke(String jvm) {
        return jvm.equals("scalar")
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{6f, 4f}, 0f)
                : new BasicStroke(2f);
    }

    private static void panel(Graphics2D g, int x0, String dataset, List<RecallQpsPoint> points, List<String> searchers) {
        double lowest = points.stream().mapToDouble(RecallQpsPoint::recall).min().orElse(0.9);
        double minRecall = Math.max(0.0, Math.min(0.99, Math.floor((lowest - 0.005) * 100) / 100));
        double tick = 1 - minRecall <= 0.1 ? 0.01 : 0.05;
        minRecall = Math.floor(minRecall / tick + 1e-9) * tick;   // ticks land on round values, 1.00 included
        double maxQps = points.stream().mapToDouble(RecallQpsPoint::qps).max().orElse(10);
        double minQps = points.stream().mapToDouble(RecallQpsPoint::qps).min().orElse(1);
        double logLo = Math.floor(Math.log10(Math.max(minQps, 0.1)));
        double logHi = Math.ceil(Math.log10(Math.max(maxQps, 1)));
        if (logHi <= logLo) {
            logHi = logLo + 1;
        }
        int plotW = PANEL_W - LEFT - RIGHT;
        int plotH = PANEL_H - TOP - BOTTOM;
        int px = x0 + LEFT;
        int py = TOP;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(dataset, px, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(px, py, plotW, plotH);
        for (double r = minRecall; r <= 1.0001; r += tick) {
            int xx = px + (int) Math.round((r - minRecall) / (1 - minRecall) * plotW);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(xx, py + 1, xx, py + plotH - 1);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.2f", r);
            g.drawString(label, xx - g.getFontMetrics().stringWidth(label) / 2, py + plotH + 16);
        }
        for (double l = logLo; l <= logHi + 1e-9; l++) {
            int yy = py + plotH - (int) Math.round((l - logLo) / (logHi - logLo) * plotH);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px + 1, yy, px + plotW - 1, yy);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, l));
            g.drawString(label, px - 6 - g.getFontMetrics().stringWidth(label), yy + 4);
        }
        g.drawString("recall@10", px + plotW / 2 - 25, py + plotH + 34);
        g.rotate(-Math.PI / 2);
        g.drawString("queries per second (1 thread)", -(py + plotH / 2 + 80), x0 + 16);
        g.rotate(Math.PI / 2);
        Map<String, List<RecallQpsPoint>> series = new LinkedHashMap<>();
        for (RecallQpsPoint p : points) {
            series.computeIfAbsent(p.searcher() + "|" + p.jvm(), k -> new ArrayList<>()).add(p);
        }
        final double lo = logLo;
        final double hi = logHi;
        for (Map.Entry<String, List<RecallQpsPoint>> e : series.entrySet()) {
            String[] key = e.getKey().split("\\|");
            g.setColor(COLORS[searchers.indexOf(key[0]) % COLORS.length]);
            g.setStroke(stroke(key[1]));
            List<RecallQpsPoint> ps = e.getValue().stream().sorted((a, b) -> Integer.compare(a.ef(), b.ef())).toList();
            int[] xs = new int[ps.size()];
            int[] ys = new int[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                RecallQpsPoint p = ps.get(i);
                xs[i] = px + (int) Math.round((Math.max(p.recall(), minRecall) - minRecall) / (1 - minRecall) * plotW);
                ys[i] = py + plotH - (int) Math.round((Math.log10(Math.max(p.qps(), 0.1)) - lo) / (hi - lo) * plotH);
                g.fillOval(xs[i] - 3, ys[i] - 3, 7, 7);
            }
            g.drawPolyline(xs, ys, xs.length);
        }
    }
}
