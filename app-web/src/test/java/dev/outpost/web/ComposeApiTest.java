package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/publications} over real HTTP against the shared app: what a draft's problems say, and where. */
class ComposeApiTest {
    private static OutpostWeb app;
    private static WebClient api;
    private static String account;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        account = Accounts.connect(api, app.sandbox().orElseThrow());
    }

    @Test
    void aBadFileIsFlaggedAloneNotTheGoodOneAfterIt() throws Exception {
        HttpResponse<String> response = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "three files")
                .file("media[0]", "img1.png", TestMedia.png("1", Color.BLUE))
                .file("media[1]", "notimage.png", "just some text, not a picture".getBytes(StandardCharsets.UTF_8))
                .file("media[2]", "img2.png", TestMedia.png("2", Color.GREEN)));
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(response.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).containsExactly("media[1]");
        assertThat(problems.get(0).get("message").asText()).contains("notimage.png");
    }
}
