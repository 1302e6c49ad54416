package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryModelTests {

    private final CategoryModel model = CategoryModel.loadDefault();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "billing | I was charged twice on my card for the same invoice",
                "refund | I want a refund for the broken item",
                "delivery | how do I change my delivery address",
                "order | can I add an item to my order before it ships",
                "account | I forgot my password and cannot log in",
                "cancellation | please cancel my subscription",
                "technical | the app keeps crashing when I open it",
                "product | does this jacket come in a medium size?",
                "complaint | worst customer service ever, I want to complain",
                "praise | thank you, your team was brilliant",
                "human_agent | let me speak to a real person please"
            })
    void topCategoryMatchesExample(String key, String text) {
        assertThat(model.rank(text).get(0).key()).isEqualTo(key);
    }

    @Test
    void rankCoversTheWholeTaxonomySortedDescending() {
        List<CategoryScore> ranked = model.rank("my parcel never arrived");
        assertThat(ranked).extracting(CategoryScore::key).containsExactlyInAnyOrderElementsOf(Taxonomy.keys());
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).confidence())
                    .isLessThanOrEqualTo(ranked.get(i - 1).confidence());
        }
    }

    @Test
    void classifyReturnsAtLeastTheTopForAClearMessage() {
        List<CategoryScore> cats = model.classify("where is my refund");
        assertThat(cats).isNotEmpty();
        assertThat(cats.get(0).key()).isEqualTo("refund");
        assertThat(cats).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
    }

    @Test
    void selectionKeepsEverythingAboveThresholdOrTheConfidentTop() {
        assertThat(CategoryModel.select(List.of(
                        new CategoryScore("refund", 0.9),
                        new CategoryScore("billing", 0.6),
                        new CategoryScore("order", 0.1))))
                .extracting(CategoryScore::key)
                .containsExactly("refund", "billing");
        assertThat(CategoryModel.select(List.of(new CategoryScore("refund", 0.3), new CategoryScore("order", 0.1))))
                .extracting(CategoryScore::key)
                .containsExactly("refund");
        assertThat(CategoryModel.select(List.of(new CategoryScore("refund", 0.1))))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "technical | the website throws an error when I click checkout",
                "technical | my smart plug keeps dropping off the wifi",
                "technical | the page just spins and never loads since the update",
                "billing | why has my direct debit gone up this month"
            })
    void problemsPhrasedWithoutTheUsualWordsFindTheirCategory(String key, String text) {
        assertThat(model.rank(text).get(0).key()).isEqualTo(key);
    }

    @Test
    void messagesAboutNothingInTheTaxonomyGetNoCategory() {
        for (String text : new String[] {
            "??", "ok", "🙂", "https://example.com/x", "what's the weather like tomorrow", "tell me a joke"
        }) {
            assertThat(model.classify(text)).as(text).isEmpty();
        }
    }
}
