package uk.co.omniops.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiRedactorTests {

    @Test
    void emailIsReplaced() {
        RedactionResult r = PiiRedactor.redact("write to john.doe+orders@example.co.uk today");
        assertThat(r.text()).isEqualTo("write to [EMAIL] today");
        assertThat(r.counts()).containsEntry("EMAIL", 1);
    }

    @Test
    void internationalAndLocalPhoneNumbersAreReplaced() {
        RedactionResult r = PiiRedactor.redact("call +44 20 7946 0958, 020 7946 0958 or 07700 900123");
        assertThat(r.text()).isEqualTo("call [PHONE], [PHONE] or [PHONE]");
        assertThat(r.counts()).containsEntry("PHONE", 3);
        assertThat(PiiRedactor.redactText("US: (555) 123-4567")).isEqualTo("US: [PHONE]");
    }

    @Test
    void cardNumberPassingLuhnIsReplaced() {
        assertThat(PiiRedactor.redactText("card 4111 1111 1111 1111 exp 12/26")).isEqualTo("card [CARD] exp 12/26");
        assertThat(PiiRedactor.redactText("5555-5555-5555-4444")).isEqualTo("[CARD]");
    }

    @Test
    void cardLikeNumberFailingLuhnIsLeftAlone() {
        RedactionResult r = PiiRedactor.redact("card 4111-1111-1111-1112 please");
        assertThat(r.text()).isEqualTo("card 4111-1111-1111-1112 please");
        assertThat(r.counts()).isEmpty();
    }

    @Test
    void ibanPassingMod97IsReplaced() {
        RedactionResult r = PiiRedactor.redact("IBAN GB82 WEST 1234 5698 7654 32 thanks");
        assertThat(r.text()).isEqualTo("IBAN [IBAN] thanks");
        assertThat(r.counts()).containsEntry("IBAN", 1);
        assertThat(PiiRedactor.redactText("DE89370400440532013000")).isEqualTo("[IBAN]");
    }

    @Test
    void ibanFailingMod97IsNotReportedAsIban() {
        assertThat(PiiRedactor.redact("GB82 WEST 1234 5698 7654 33").counts()).doesNotContainKey("IBAN");
    }

    @Test
    void orderNumbersDatesAndAmountsAreKept() {
        String text = "order #A12345 and #123456789012 placed 2024-03-01, 01/03/2024 at 14:30 for £1,299.99";
        RedactionResult r = PiiRedactor.redact(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.total()).isZero();
    }

    @Test
    void countsEveryTypeSeparately() {
        RedactionResult r = PiiRedactor.redact("a@b.com c@d.org +1-202-555-0147 4111111111111111");
        assertThat(r.counts())
                .containsEntry("EMAIL", 2)
                .containsEntry("PHONE", 1)
                .containsEntry("CARD", 1);
        assertThat(r.total()).isEqualTo(4);
    }

    @Test
    void nullIsTreatedAsEmpty() {
        assertThat(PiiRedactor.redact(null).text()).isEmpty();
    }
}
