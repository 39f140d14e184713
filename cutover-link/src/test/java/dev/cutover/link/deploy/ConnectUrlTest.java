package dev.cutover.link.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectUrlTest {

    @Test
    void aWorkersUrlKeepsItsPortAndPathAndLosesItsTrailingSlash() {
        assertThat(ConnectUrl.parse("http://connect-1:8083/").shown()).isEqualTo("http://connect-1:8083");
        assertThat(ConnectUrl.parse(" HTTPS://proxy.example.com/kafka-connect// ")
                        .shown())
                .isEqualTo("https://proxy.example.com/kafka-connect");
        assertThat(ConnectUrl.parse("http://[::1]:8083").resolve("/connectors").toString())
                .isEqualTo("http://[::1]:8083/connectors");
    }

    @Test
    void userInfoBecomesBasicAuthenticationAndIsNeverShown() {
        ConnectUrl url = ConnectUrl.parse("https://ops:pa%3Ass@connect:8443");

        assertThat(url.shown()).isEqualTo("https://connect:8443");
        assertThat(url.toString()).doesNotContain("pa");
        assertThat(url.authorization())
                .contains("Basic " + Base64.getEncoder().encodeToString("ops:pa:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(ConnectUrl.parse("http://connect:8083").authorization()).isEmpty();
    }

    @Test
    void anythingElseIsAUsageErrorThatShowsNoPassword() {
        for (String bad : new String[] {
            "",
            "connect-1:8083",
            "ftp://connect-1",
            "http://",
            "http:///connectors",
            "http://c:8083/?x=1",
            "http://c:8083/#top",
            "http://c d:8083",
            "https://ops:hunter22@:8443"
        }) {
            assertThatThrownBy(() -> ConnectUrl.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(CutoverException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.USAGE);
                        assertThat(e.getMessage()).doesNotContain("hunter22");
                        assertThat(e.hint()).get().asString().contains("http://connect-1:8083");
                    });
        }
    }
}
