package no.nabolag.console.chart;

import io.nayuki.qrcodegen.QrCode;
import org.owasp.encoder.Encode;

/** A QR code as inline SVG (server-side, no script): Nayuki's qrcodegen encodes, this draws one path of modules. */
public final class QrSvg {
    private static final int BORDER = 4;

    private QrSvg() {
    }

    /**
     * @param text  what the code holds (a publisher link)
     * @param label the accessible name of the image
     */
    public static String of(String text, String label) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        String safeLabel = Encode.forXml(label);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" + safeLabel
                + "\" viewBox=\"0 0 " + size + " " + size + "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\">"
                + "<title>" + safeLabel + "</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }
}
