package org.branchwork.node.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void bundledDefaultsApplyWhenNothingIsSet() {
        NodeConfig config = new NodeConfigLoader(Map.of(), List.of()).load();

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.configuredBranchSlug()).isEmpty();
        assertThat(config.allowPrivateAddresses()).isFalse();
        assertThat(config.publicUrl(8080)).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.jdbcUrl()).startsWith("jdbc:hsqldb:file:").contains("hsqldb.write_delay=false");
        assertThat(config.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/London"));
    }

    @Test
    void operatorFileOverridesBundledDefaults() throws IOException {
        Path file = yaml("""
                branchwork:
                  port: 9001
                  public-url: https://stockport.example.org/
                  branch:
                    slug: stockport
                    name: Momentum Stockport
                """);

        NodeConfig config = new NodeConfigLoader(Map.of(), List.of("--config", file.toString())).load();

        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.publicUrl(9001)).isEqualTo(URI.create("https://stockport.example.org"));
        assertThat(config.configuredBranchSlug()).contains("stockport");
        assertThat(config.configuredBranchName()).contains("Momentum Stockport");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    }

    @Test
    void environmentVariablesWinOverTheOperatorFile() throws IOException {
        Path file = yaml("""
                branchwork:
                  port: 9001
                  branch:
                    name: From The File
                """);
        Map<String, String> env = Map.of(
                "BRANCHWORK_CONFIG", file.toString(),
                "BRANCHWORK_PORT", "9002",
                "BRANCHWORK_BRANCH_NAME", "Momentum Stockport");

        NodeConfig config = new NodeConfigLoader(env, List.of()).load();

        assertThat(config.port()).isEqualTo(9002);
        assertThat(config.configuredBranchName()).contains("Momentum Stockport");
        assertThat(config.configuredBranchSlug()).contains("momentum_stockport");
    }

    @Test
    void blankVariablesCountAsUnset() {
        NodeConfig config = new NodeConfigLoader(Map.of("BRANCHWORK_PORT", "  "), List.of()).load();

        assertThat(config.port()).isEqualTo(8080);
    }

    @Test
    void theTimeZoneIsAnIanaNameOrTheNodeDoesNotStart() {
        assertThat(new NodeConfigLoader(Map.of("BRANCHWORK_TIME_ZONE", "America/New_York"), List.of())
                        .load()
                        .timeZone())
                .isEqualTo(java.time.ZoneId.of("America/New_York"));
        assertThatThrownBy(() -> new NodeConfigLoader(Map.of("BRANCHWORK_TIME_ZONE", "Mars/Olympus"), List.of()).load())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("BRANCHWORK_TIME_ZONE")
                .hasMessageContaining("'Mars/Olympus'");
    }

    @Test
    void signInsPerAddressDefaultsToMastodonsLimitAndTakesAWholeMeetingBehindOneAddress() {
        assertThat(new NodeConfigLoader(Map.of(), List.of()).load().signInsPerAddress())
                .isEqualTo(25);
        assertThat(load("BRANCHWORK_SIGN_INS_PER_ADDRESS", "200").signInsPerAddress())
                .isEqualTo(200);
        assertThatThrownBy(() -> load("BRANCHWORK_SIGN_INS_PER_ADDRESS", "0"))
                .hasMessageContaining("BRANCHWORK_SIGN_INS_PER_ADDRESS");
        assertThatThrownBy(() -> load("BRANCHWORK_SIGN_INS_PER_ADDRESS", "lots"))
                .hasMessageContaining("BRANCHWORK_SIGN_INS_PER_ADDRESS");
    }

    @Test
    void badPortNamesTheVariable() {
        assertThatThrownBy(() -> new NodeConfigLoader(Map.of("BRANCHWORK_PORT", "eighty"), List.of()).load())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("BRANCHWORK_PORT")
                .hasMessageContaining("'eighty'");
        assertThatThrownBy(() -> new NodeConfigLoader(Map.of("BRANCHWORK_PORT", "70000"), List.of()).load())
                .hasMessageContaining("BRANCHWORK_PORT");
    }

    @Test
    void publicUrlMustBeABareOrigin() {
        assertThatThrownBy(() -> load("BRANCHWORK_PUBLIC_URL", "stockport.example.org"))
                .hasMessageContaining("BRANCHWORK_PUBLIC_URL");
        assertThatThrownBy(() -> load("BRANCHWORK_PUBLIC_URL", "https://example.org/branch"))
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> load("BRANCHWORK_PUBLIC_URL", "ftp://example.org"))
                .hasMessageContaining("BRANCHWORK_PUBLIC_URL");
        assertThat(load("BRANCHWORK_PUBLIC_URL", "HTTPS://Example.ORG:8443").publicUrl(0))
                .isEqualTo(URI.create("https://example.org:8443"));
    }

    @Test
    void badValuesOfOtherSettingsNameTheirVariable() {
        assertThatThrownBy(() -> load("BRANCHWORK_BRANCH_SLUG", "Stock Port"))
                .hasMessageContaining("BRANCHWORK_BRANCH_SLUG");
        assertThatThrownBy(() -> load("BRANCHWORK_ADMIN_TOKEN", "short"))
                .hasMessageContaining("BRANCHWORK_ADMIN_TOKEN");
        assertThatThrownBy(() -> load("BRANCHWORK_ALLOW_PRIVATE_ADDRESSES", "maybe"))
                .hasMessageContaining("BRANCHWORK_ALLOW_PRIVATE_ADDRESSES");
        assertThatThrownBy(() -> load("BRANCHWORK_DB_URL", "jdbc:mysql://x/y"))
                .hasMessageContaining("BRANCHWORK_DB_URL");
        assertThatThrownBy(() -> load("BRANCHWORK_BRANCH_NAME", "!!!")).hasMessageContaining("BRANCHWORK_BRANCH_SLUG");
    }

    @Test
    void missingConfigFileAndUnknownArgumentsAreNamed() {
        assertThatThrownBy(
                        () -> new NodeConfigLoader(Map.of(), List.of("--config=/nonexistent/branchwork.yaml")).load())
                .hasMessageContaining("/nonexistent/branchwork.yaml");
        assertThatThrownBy(() -> new NodeConfigLoader(Map.of(), List.of("--port=80")).load())
                .hasMessageContaining("--port=80");
    }

    @Test
    void malformedYamlNamesTheFile() throws IOException {
        Path file = yaml("branchwork: [unclosed\n");

        assertThatThrownBy(() -> new NodeConfigLoader(Map.of(), List.of("--config", file.toString())).load())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void slugIsDerivedFromTheNameWithoutAccentsOrPunctuation() {
        assertThat(NodeConfigLoader.slugFromName("Momentum Stockport")).isEqualTo("momentum_stockport");
        assertThat(NodeConfigLoader.slugFromName("  Café — Zürich!  ")).isEqualTo("cafe_zurich");
    }

    private NodeConfig load(String variable, String value) {
        return new NodeConfigLoader(Map.of(variable, value), List.of()).load();
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("branchwork.yaml");
        Files.writeString(file, text);
        return file;
    }
}
