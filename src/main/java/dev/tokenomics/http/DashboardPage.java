package dev.tokenomics.http;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard page as one file: the stylesheet, the data and the script inlined, nothing fetched. */
public final class DashboardPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every stylesheet link and script of index.html, each inlined in its place. */
    private static final Pattern ASSET = Pattern.compile(
            "<link rel=\"stylesheet\" href=\"([^\"]+)\">|<script src=\"([^\"]+)\"></script>");

    private DashboardPage() {}

    public static String standalone(Map<String, Object> data) throws IOException {
        String html = DashboardServlet.asset("index.html");
        // "</" inside the JSON or a script would end the element early; "<\/" reads the same to JavaScript.
        String json = JSON.writeValueAsString(data).replace("</", "<\\/");
        StringBuilder out = new StringBuilder();
        Matcher m = ASSET.matcher(html);
        int at = 0;
        boolean dataWritten = false;
        while (m.find()) {
            out.append(html, at, m.start());
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String body = DashboardServlet.asset(name.substring(1));
            if (m.group(1) != null) {
                out.append("<style>\n").append(body).append("\n</style>");
            } else {
                if (!dataWritten) {
                    out.append("<script>window.TOKENOMICS_DATA = ").append(json).append(";</script>\n");
                    dataWritten = true;
                }
                out.append("<script>\n").append(body.replace("</script", "<\\/script")).append("\n</script>");
            }
            at = m.end();
        }
        return out.append(html.substring(at)).toString();
    }
}
