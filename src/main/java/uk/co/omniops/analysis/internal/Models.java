package uk.co.omniops.analysis.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisSettings;
import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.SentimentModel;

/**
 * The shipped in-process models, loaded and warmed up once per application: by default the
 * embedding + n-gram models on the JVM's one sentence encoder (≈ 1–2 s at start), or the n-gram
 * models alone when {@code omniops.analysis.embeddings.enabled=false} (≈ 0.1 s).
 *
 * @see <a href="../../../../../../../../docs/decisions/004-sentiment-and-category-models.md">decision 004</a>
 */
@Component
class Models {

    private static final Logger log = LoggerFactory.getLogger(Models.class);

    private final SentimentModel sentiment;
    private final CategoryModel categories;

    Models(AnalysisSettings settings) {
        long t0 = System.nanoTime();
        boolean embeddings = settings.embeddings().enabled();
        SentimentModel s = null;
        CategoryModel c = null;
        if (embeddings) {
            try {
                s = SentimentModel.loadDefault();
                c = CategoryModel.loadDefault();
            } catch (RuntimeException | LinkageError e) {
                // e.g. ONNX Runtime's native library cannot load on this platform: analyse, less well, rather than not
                // start
                log.error("The sentence encoder cannot be loaded; analysing with the n-gram models", e);
                embeddings = false;
            }
        }
        this.sentiment = embeddings && s != null ? s : SentimentModel.loadNgram();
        this.categories = embeddings && c != null ? c : CategoryModel.loadNgram();
        // the first analyses compile the scoring paths; do that before the first customer message
        for (String text : new String[] {"my parcel still hasn't arrived", "thanks, sorted!"}) {
            sentiment.analyse(text);
            categories.classify(text);
        }
        log.info(
                "Analysis models {} and {} ready in {} ms{}",
                sentiment.version(),
                categories.version(),
                (System.nanoTime() - t0) / 1_000_000,
                embeddings ? "" : " (embeddings switched off)");
    }

    public SentimentModel sentiment() {
        return sentiment;
    }

    public CategoryModel categories() {
        return categories;
    }
}
