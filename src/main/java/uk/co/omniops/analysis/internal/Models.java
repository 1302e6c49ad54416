package uk.co.omniops.analysis.internal;

import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.SentimentModel;

/** The shipped in-process models, loaded once per application (≈ 100 ms). */
@Component
public class Models {

    private final SentimentModel sentiment = SentimentModel.loadDefault();
    private final CategoryModel categories = CategoryModel.loadDefault();

    public SentimentModel sentiment() {
        return sentiment;
    }

    public CategoryModel categories() {
        return categories;
    }
}
