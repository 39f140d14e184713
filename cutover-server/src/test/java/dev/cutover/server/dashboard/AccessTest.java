package dev.cutover.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read the dashboard: the token check, and the rule that only loopback may go without one. */
class AccessTest {
    private static final Optional<String> TOKEN = Optional.of("abcdefghijklmnop-0123");

    @Test
    void withoutATokenEveryRequestIsServed() {
        assertThat(Access.decide(Optional.empty(), null, null, null)).isEqualTo(Access.Decision.ALLOW);
    }

    @Test
    void withATokenOnlyTheRightBearerCookieOrQueryIsServed() {
        assertThat(Access.decide(TOKEN, null, null, null)).isEqualTo(Access.Decision.DENY);
        assertThat(Access.decide(TOKEN, "Bearer abcdefghijklmnop-0123", null, null))
                .isEqualTo(Access.Decision.ALLOW);
        assertThat(Access.decide(TOKEN, "bearer abcdefghijklmnop-0123", null, null))
                .isEqualTo(Access.Decision.ALLOW);
        assertThat(Access.decide(TOKEN, "Bearer abcdefghijklmnop-012", null, null))
                .isEqualTo(Access.Decision.DENY);
        assertThat(Access.decide(TOKEN, "Basic abcdefghijklmnop-0123", null, null))
                .isEqualTo(Access.Decision.DENY);
        assertThat(Access.decide(TOKEN, null, "abcdefghijklmnop-0123", null)).isEqualTo(Access.Decision.ALLOW);
        assertThat(Access.decide(TOKEN, null, "wrong", null)).isEqualTo(Access.Decision.DENY);
        assertThat(Access.decide(TOKEN, null, null, "a=1&token=abcdefghijklmnop-0123"))
                .isEqualTo(Access.Decision.SET_COOKIE_AND_REDIRECT);
        assertThat(Access.decide(TOKEN, null, null, "token=abcdefghijklmnop-0124"))
                .isEqualTo(Access.Decision.DENY);
        assertThat(Access.decide(TOKEN, null, null, "xtoken=abcdefghijklmnop-0123"))
                .isEqualTo(Access.Decision.DENY);
    }

    @Test
    void theRedirectAfterATokenVisitKeepsTheRestOfTheQuery() {
        assertThat(Access.withoutToken("token=abc")).isNull();
        assertThat(Access.withoutToken("a=1&token=abc&b=2")).isEqualTo("a=1&b=2");
        assertThat(Access.withoutToken(null)).isNull();
        assertThat(Access.queryToken("token=a%2Bb")).hasValue("a+b");
    }

    @Test
    void loopbackNeedsNoTokenAnyOtherAddressDoesAndAWeakTokenIsRefused() {
        DashboardServer.checkAccess("127.0.0.1", Optional.empty());
        DashboardServer.checkAccess("localhost", Optional.empty());
        DashboardServer.checkAccess("0.0.0.0", TOKEN);
        assertThatThrownBy(() -> DashboardServer.checkAccess("0.0.0.0", Optional.empty()))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("without a token")
                .satisfies(e -> assertThat(((CutoverException) e).reason()).isEqualTo(Reason.USAGE))
                .satisfies(e -> assertThat(((CutoverException) e).hint())
                        .hasValueSatisfying(h -> assertThat(h).contains("CUTOVER_SERVE_TOKEN")));
        assertThatThrownBy(() -> DashboardServer.checkAccess("10.1.2.3", Optional.of("short")))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("16 to 256")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> DashboardServer.checkAccess("127.0.0.1", Optional.of("has;semicolon-and-more")))
                .isInstanceOf(CutoverException.class);
    }
}
