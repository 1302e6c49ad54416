package uk.co.omniops.suggestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariableFillingTests {

    @Test
    void extractsOrderNumbersInTheirUsualShapes() {
        assertThat(VariableFiller.orderNumber("Where is #A12345?")).isEqualTo("A12345");
        assertThat(VariableFiller.orderNumber("my order 48213 is late")).isEqualTo("48213");
        assertThat(VariableFiller.orderNumber("re ORD-2024-991 please")).isEqualTo("ORD-2024-991");
        assertThat(VariableFiller.orderNumber("Order number: 55120")).isEqualTo("55120");
        assertThat(VariableFiller.orderNumber("order no. B-77812")).isEqualTo("B-77812");
        assertThat(VariableFiller.orderNumber("I waited 45 minutes")).isNull();
        assertThat(VariableFiller.orderNumber("call me on 2024-03-01")).isNull();
    }

    @Test
    void takesTheNewestMentionAndTheContactsRecordFirst() {
        var facts = VariableFiller.facts(
                "Ann Smith",
                null,
                List.of(
                        "order 11111 was fine",
                        "but #B22222 never came, " + "write to ann.work@example.com",
                        "it was due on 12 March"),
                "Sam Patel",
                "TechSupport Co");
        assertThat(facts.orderNumber()).isEqualTo("B22222");
        assertThat(facts.contactEmail()).isEqualTo("ann.work@example.com");
        assertThat(facts.date()).isEqualTo("12 March");
        assertThat(VariableFiller.facts("Ann", "ann@example.com", List.of("x@y.org"), null, null)
                        .contactEmail())
                .isEqualTo("ann@example.com");
    }

    @Test
    void fillsEveryVariable() {
        var facts = new VariableFiller.Facts(
                "Ann Smith", "ann@example.com", "A12345", "2024-03-01", "Sam Patel", "TechSupport Co");
        assertThat(VariableFiller.fill(
                        "Hi {{contact.first_name}} ({{contact.name}}, {{contact.email}}): order {{order.number}} "
                                + "of {{date}}. — {{agent.name}}, {{ customer.name }}",
                        facts))
                .isEqualTo(
                        "Hi Ann (Ann Smith, ann@example.com): order A12345 of 2024-03-01. — Sam Patel, TechSupport Co");
    }

    @Test
    void whatCannotBeFilledBecomesAVisiblePlaceholderNeverARawVariable() {
        var none = new VariableFiller.Facts(null, null, null, null, null, null);
        var text = VariableFiller.fill(
                "Hi {{contact.first_name}}, order {{order.number}} — {{agent.name}} {{weird.thing}} {{broken", none);
        assertThat(text).isEqualTo("Hi [first name], order [order number] — [agent name] [weird thing] [broken");
        assertThat(text).doesNotContain("{{").doesNotContain("}}");
    }

    @Test
    void anonymousContactsAreNotAddressedByName() {
        var facts = VariableFiller.facts("Visitor", null, List.of("hello"), null, null);
        assertThat(VariableFiller.fill("Hi {{contact.first_name}}", facts)).isEqualTo("Hi [first name]");
    }

    @Test
    void editDistanceIsLevenshtein() {
        assertThat(Texts.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Texts.editDistance("", "abc")).isEqualTo(3);
        assertThat(Texts.editDistance("same", "same")).isZero();
    }

    @Test
    void turnsTheContactsDetailsBackIntoVariablesForProposals() {
        var facts = new VariableFiller.Facts("Ann Smith", "ann@example.com", "A12345", null, "Sam Patel", null);
        assertThat(VariableFiller.templatise(
                        "Hi Ann, order #A12345 is on its way to ann@example.com. Sam Patel", facts))
                .isEqualTo(
                        "Hi {{contact.first_name}}, order {{order.number}} is on its way to {{contact.email}}. {{agent.name}}");
    }
}
