package dev.tokenomics.http;

import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard page as one file: the stylesheet, the data and the script inlined, nothing fetched. */
public final class DashboardPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashboardPage() {}

    public static String standalone(Map<String, Object> data) throws IOException {
        String html = DashboardServlet.asset("index.html");
        // "</" inside the JSON would end the script element early; "<\/" reads the same to JavaScript.
        String json = JSON.writeValueAsString(data).replace("</", "<\\/");
        html = html.replace("<link rel=\"stylesheet\" href=\"/dashboard.css\">",
                "<style>\n" + DashboardServlet.asset("dashboard.css") + "</style>");
        html = html.replace("<script src=\"/dashboard.js\"></script>", "<script>window.TOKENOMICS_DATA = " + json
                + ";</script>\n<script>\n" + DashboardServlet.asset("dashboard.js") + "</script>");
        return html;
    }
}
