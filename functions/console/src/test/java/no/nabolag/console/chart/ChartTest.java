package no.nabolag.console.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {
    @Test
    void chartsAreAccessibleImagesWithEscapedText() {
        String svg = BarChart.vertical("pushes", "Pushes <script>", "per minute & more",
                List.of(new BarChart.Bar("20:15", 3), new BarChart.Bar("<b>", 5)));

        assertThat(svg).startsWith("<svg").contains("role=\"img\"", "aria-labelledby=\"pushes-title pushes-desc\"",
                "<title id=\"pushes-title\">Pushes &lt;script&gt;</title>", "<desc id=\"pushes-desc\">per minute &amp; more</desc>",
                "&lt;b&gt;").doesNotContain("<script>", "<b>");
        assertThat(svg.split("<rect").length - 1).isEqualTo(2);
    }

    @Test
    void horizontalBarsWriteTheirValues() {
        String svg = BarChart.horizontal("outcomes", "t", "d", List.of(new BarChart.Bar("sent", 7),
                new BarChart.Bar("failed", 0)));

        assertThat(svg).contains(">sent<", ">7<", ">failed<", ">0<");
    }

    @Test
    void aQrCodeIsAnSvgPathWithAnAccessibleName() {
        String svg = QrSvg.of("http://127.0.0.1:8080/p/abc.def", "QR code of \"Frogner IL\"");

        assertThat(svg).startsWith("<svg").contains("role=\"img\"", "<path d=\"M", "&#34;Frogner IL&#34;")
                .doesNotContain("\"Frogner IL\"");
    }
}
