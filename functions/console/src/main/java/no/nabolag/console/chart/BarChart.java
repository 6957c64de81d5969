package no.nabolag.console.chart;

import java.util.List;
import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * A small server-side SVG bar chart that screen readers can use: {@code role="img"}, a {@code <title>} and a
 * {@code <desc>} named by aria-labelledby, and the same numbers in a text table beside it (the page renders
 * {@link Bar}s as a table). Vertical bars for a time series, horizontal ones for categories. Hand-rolled because
 * it is ~100 lines of string building; a charting library would bring a DOM or a JavaScript runtime.
 * All text is XML-escaped; colours meet 3:1 contrast against white.
 */
public final class BarChart {
    /** One bar: its label (a minute, or "sent") and value. */
    public record Bar(String label, long value) {
    }

    private static final String[] COLOURS = {"#1f5fa8", "#b3261e", "#6b4f00", "#5a2d82"};

    private BarChart() {
    }

    /** Vertical bars in order (a time series); labels under every n-th bar so they do not collide. */
    public static String vertical(String id, String title, String desc, List<Bar> bars) {
        int width = 640;
        int height = 240;
        int left = 48;
        int bottom = 40;
        int top = 12;
        int plotHeight = height - bottom - top;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        StringBuilder svg = open(id, title, desc, width, height);
        axis(svg, left, top, plotHeight, width, max);
        if (!bars.isEmpty()) {
            double slot = (double) (width - left - 8) / bars.size();
            double barWidth = Math.max(1, Math.min(48, slot * 0.8));
            int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 8.0));
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                double h = (double) bar.value() / max * plotHeight;
                double x = left + i * slot + (slot - barWidth) / 2;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        x, top + plotHeight - h, barWidth, h, COLOURS[0]));
                if (i % labelEvery == 0) {
                    svg.append(String.format(Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222\">%s</text>",
                            x + barWidth / 2, height - bottom + 16, Encode.forXml(bar.label())));
                }
            }
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per category (sent, failed, disabled, deferred), each with its value written at its end. */
    public static String horizontal(String id, String title, String desc, List<Bar> bars) {
        int width = 640;
        int rowHeight = 36;
        int left = 140;
        int height = Math.max(1, bars.size()) * rowHeight + 16;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        StringBuilder svg = open(id, title, desc, width, height);
        int plotWidth = width - left - 80;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 8 + i * rowHeight;
            double w = (double) bar.value() / max * plotWidth;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                    left - 8, y + 18, Encode.forXml(bar.label())));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%s\"/>",
                    left, y + 2, w, COLOURS[i % COLOURS.length]));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#222\">%d</text>",
                    left + w + 6, y + 18, bar.value()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String desc, int width, int height) {
        String safeId = id.replaceAll("[^A-Za-z0-9_-]", "");
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" aria-labelledby=\"")
                .append(safeId).append("-title ").append(safeId).append("-desc\">")
                .append("<title id=\"").append(safeId).append("-title\">").append(Encode.forXml(title)).append("</title>")
                .append("<desc id=\"").append(safeId).append("-desc\">").append(Encode.forXml(desc)).append("</desc>");
        return svg;
    }

    private static void axis(StringBuilder svg, int left, int top, int plotHeight, int width, long max) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", left, top + plotHeight, width - 4,
                top + plotHeight));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", left, top, left, top + plotHeight));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\">%d</text>",
                left - 4, top + 10, max));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\">0</text>",
                left - 4, top + plotHeight));
    }
}
