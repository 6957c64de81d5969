package no.nabolag.core.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.nabolag.core.security.SigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublisherLinksTest {
    private static final SigningKeys KEYS = SigningKeys.parse("{\"currentKeyId\":\"k1\",\"k1\":\"test-secret-0123456789\"}");
    private final InMemoryOrganizationStore store = new InMemoryOrganizationStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T20:00:00Z"));
    private PublisherLinks links;

    @BeforeEach
    void setUp() {
        store.create(new Organization("org1", "Sagene bibliotek", OrganizationKind.UNIT, "oslo", List.of("sagene"),
                List.of("culture-events"), false, clock.instant()));
        links = new PublisherLinks(store, new LinkTokens(KEYS), "https://nabolag.example.no/", clock);
    }

    @Test
    void issuedLinkIsAnAbsoluteUrlFromTheConfiguredBaseAndWorks() {
        IssuedLink issued = links.issue("org1", 30).orElseThrow();

        assertThat(issued.url()).startsWith("https://nabolag.example.no/p/");
        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-12-28T20:00:00Z"));
        assertThat(links.check(tokenOf(issued))).isInstanceOf(LinkCheck.Valid.class);
    }

    @Test
    void unknownOrganisationGetsNoLinkAndValidDaysAreBounded() {
        assertThat(links.issue("nope", 10)).isEmpty();
        assertThatThrownBy(() -> links.issue("org1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.issue("org1", 366)).isInstanceOf(IllegalArgumentException.class);
        assertThat(links.issue("org1", 365)).isPresent();
        assertThat(links.issue("org1", 1)).isPresent();
    }

    @Test
    void revokedLinkStopsAtOnce() {
        IssuedLink issued = links.issue("org1", 30).orElseThrow();

        assertThat(links.revoke(issued.linkId())).isTrue();

        assertThat(links.check(tokenOf(issued))).isInstanceOf(LinkCheck.Revoked.class);
        assertThat(links.revoke("unknown")).isFalse();
    }

    @Test
    void anExtendedLinkKeepsItsUrlAndWorksUntilTheNewExpiry() {
        IssuedLink issued = links.issue("org1", 1).orElseThrow();

        PublisherLink extended = links.extend(issued.linkId(), 30).orElseThrow();
        clock.advance(Duration.ofDays(2));

        assertThat(extended.expiresAt()).isEqualTo(Instant.parse("2026-12-29T20:00:00Z"));
        assertThat(links.check(tokenOf(issued))).isInstanceOf(LinkCheck.Valid.class);
        clock.advance(Duration.ofDays(30));
        assertThat(links.check(tokenOf(issued))).isInstanceOf(LinkCheck.Expired.class);
    }

    @Test
    void anExpiredLinkIsExtendedFromNowAndARevokedOneNotAtAll() {
        IssuedLink expired = links.issue("org1", 1).orElseThrow();
        IssuedLink revoked = links.issue("org1", 10).orElseThrow();
        links.revoke(revoked.linkId());
        clock.advance(Duration.ofDays(5));

        assertThat(links.extend(expired.linkId(), 2).orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(2)));
        assertThat(links.check(tokenOf(expired))).isInstanceOf(LinkCheck.Valid.class);
        assertThat(links.extend(revoked.linkId(), 2)).isEmpty();
        assertThat(links.extend("unknown", 2)).isEmpty();
        assertThat(links.extend(expired.linkId(), 400 - 35)).get().extracting(PublisherLink::expiresAt)
                .isEqualTo(clock.instant().plus(Duration.ofDays(365)));
    }

    @Test
    void expiredLinkIsReportedAsExpiredWithItsOrganisation() {
        IssuedLink issued = links.issue("org1", 1).orElseThrow();

        clock.advance(Duration.ofDays(1));

        LinkCheck check = links.check(tokenOf(issued));
        assertThat(check).isInstanceOf(LinkCheck.Expired.class);
        assertThat(((LinkCheck.Expired) check).organization().name()).isEqualTo("Sagene bibliotek");
    }

    @Test
    void genuinelySignedTokenWithoutARecordIsInvalid() {
        String token = new LinkTokens(KEYS).sign("neverissued", "org1", Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(links.check(token)).isInstanceOf(LinkCheck.Invalid.class);
    }

    @Test
    void tokenWhoseClaimsDisagreeWithTheRecordIsInvalid() {
        IssuedLink issued = links.issue("org1", 30).orElseThrow();
        String longer = new LinkTokens(KEYS).sign(issued.linkId(), "org1", issued.expiresAt().plus(Duration.ofDays(300)));

        assertThat(links.check(longer)).isInstanceOf(LinkCheck.Invalid.class);
    }

    @Test
    void rateLimitAllowsThirtyPostsPerLinkPerHour() {
        LinkRateLimit limit = new LinkRateLimit(store, 30, clock);
        for (int i = 0; i < 30; i++) {
            assertThat(limit.tryAcquire("link1")).isTrue();
        }
        assertThat(limit.tryAcquire("link1")).isFalse();
        assertThat(limit.tryAcquire("link2")).isTrue();

        clock.advance(Duration.ofHours(1));

        assertThat(limit.tryAcquire("link1")).isTrue();
    }

    private static String tokenOf(IssuedLink issued) {
        return issued.url().substring(issued.url().lastIndexOf('/') + 1);
    }
}
