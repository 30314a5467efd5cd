package org.branchwork.node.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Small server-rendered SVG charts: cumulative counts over days, one line per series, and bars. Only
 * numbers and our own labels go into the SVG, so there is nothing to escape but the labels.
 */
public final class Charts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int PAD = 36;
    private static final String[] COLOURS = {"#b5121b", "#1d5c96", "#2e7d32"};

    /** A named series of moments, drawn as a running total. */
    public record Series(String label, List<Instant> moments) {}

    private Charts() {}

    /** The series as running totals over the days from the first moment to the last (or today). */
    public static String cumulative(String title, List<Series> series, Instant today) {
        LocalDate first = series.stream()
                .flatMap(s -> s.moments().stream())
                .min(Instant::compareTo)
                .map(Charts::day)
                .orElse(day(today));
        LocalDate last = series.stream()
                .flatMap(s -> s.moments().stream())
                .max(Instant::compareTo)
                .map(Charts::day)
                .orElse(day(today));
        if (day(today).isAfter(last) && !day(today).isBefore(first)) {
            last = day(today);
        }
        long days = Math.max(1, last.toEpochDay() - first.toEpochDay());
        int max = Math.max(
                1, series.stream().mapToInt(s -> s.moments().size()).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title))
                .append("\" class=\"chart\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        int baseline = HEIGHT - PAD;
        svg.append(line(PAD, baseline, WIDTH - PAD, baseline, "#888"));
        svg.append(line(PAD, PAD / 2, PAD, baseline, "#888"));
        svg.append(text(4, PAD / 2 + 10, String.valueOf(max))).append(text(4, baseline, "0"));
        svg.append(text(PAD, HEIGHT - 10, first.toString()))
                .append(text(WIDTH - PAD - 70, HEIGHT - 10, last.toString()));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<LocalDate> sorted =
                    s.moments().stream().map(Charts::day).sorted().toList();
            StringBuilder points = new StringBuilder();
            points.append(x(first, first, days)).append(',').append(baseline);
            int count = 0;
            for (LocalDate d : sorted) {
                points.append(' ').append(x(d, first, days)).append(',').append(y(count, max, baseline));
                count++;
                points.append(' ').append(x(d, first, days)).append(',').append(y(count, max, baseline));
            }
            points.append(' ').append(x(last, first, days)).append(',').append(y(count, max, baseline));
            String colour = COLOURS[i % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(points)
                    .append("\"/>");
            svg.append("<rect x=\"")
                    .append(WIDTH - 190)
                    .append("\" y=\"")
                    .append(10 + 18 * i)
                    .append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour)
                    .append("\"/>");
            svg.append(text(WIDTH - 172, 21 + 18 * i, s.label() + " (" + count + ")"));
        }
        return svg.append("</svg>").toString();
    }

    /** A named bar. */
    public record Bar(String label, long value) {}

    /** Horizontal bars, one per option, longest for the largest value, each labelled with its value. */
    public static String bars(String title, List<Bar> bars) {
        int row = 28;
        int labelWidth = 220;
        int height = PAD / 2 + row * Math.max(1, bars.size()) + 8;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title))
                .append("\" class=\"chart\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = PAD / 2 + row * i;
            long w = Math.round((WIDTH - labelWidth - 70.0) * b.value() / max);
            svg.append(text(4, y + 16, b.label().length() > 34 ? b.label().substring(0, 33) + "\u2026" : b.label()));
            svg.append("<rect x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"16\" fill=\"")
                    .append(COLOURS[0])
                    .append("\"/>");
            svg.append(text(labelWidth + (int) w + 6, y + 16, String.valueOf(b.value())));
        }
        return svg.append("</svg>").toString();
    }

    private static LocalDate day(Instant i) {
        return i.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String x(LocalDate d, LocalDate first, long days) {
        return String.format(
                Locale.ROOT, "%.1f", PAD + (WIDTH - 2.0 * PAD) * (d.toEpochDay() - first.toEpochDay()) / days);
    }

    private static String y(int count, int max, int baseline) {
        return String.format(Locale.ROOT, "%.1f", baseline - (baseline - PAD / 2.0) * count / max);
    }

    private static String line(int x1, int y1, int x2, int y2, String colour) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + colour
                + "\"/>";
    }

    private static String text(int x, int y, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\">" + escape(s) + "</text>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
