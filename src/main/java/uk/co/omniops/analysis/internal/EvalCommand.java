package uk.co.omniops.analysis.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.OmniOpsApplication;
import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.analysis.model.ModelEvaluation;
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.CommandArguments.BadArgument;
import uk.co.omniops.platform.OperationsCommand;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * {@code eval --task=sentiment|categories --input=FILE.tsv [--customer=slug | --adapt-from=CORRECTIONS.tsv] [--ngram]}:
 * scores a labelled file ({@code label<TAB>text} with a header line) and prints one JSON object (accuracy, macro-F1,
 * per-class precision/recall/F1, latency). Without {@code --customer} it needs no database, Redis or network; with
 * it, the application starts (non-web) and the customer's adapted model is evaluated.
 *
 * <p>{@code --adapt-from} replays a corrections file (same format) in order as one new customer's agents'
 * corrections: wherever the adapted model disagrees with a line, a {@link CustomerAdapter} learns it exactly as from
 * a correction in the product; then {@code --input} is scored with the adapted model. The JSON gains
 * {@code "baseline"} (accuracy and macro-F1 before adapting) and {@code "corrections_applied"}. {@code --ngram}
 * evaluates the n-gram models that answer when {@code omniops.analysis.embeddings.enabled=false}.
 */
public class EvalCommand implements OperationsCommand {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "score the sentiment or category model on a labelled TSV file (prints JSON)";
    }

    @Override
    public String usage() {
        return """
                --task=sentiment|categories   which model to evaluate (required)
                --input=FILE.tsv              label<TAB>text lines after a header line (required)
                --customer=slug               evaluate that customer's adapted model (starts the application)
                --adapt-from=CORRECTIONS.tsv  first learn these label<TAB>text corrections as a new customer's adapter
                --ngram                       the n-gram models (what runs with omniops.analysis.embeddings.enabled=false)""";
    }

    @Override
    public boolean standalone() {
        return true;
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out)
            throws IOException {
        arguments.allow(Set.of("task", "input", "customer", "adapt-from", "ngram"));
        var task = arguments.required("task");
        if (!task.equals("sentiment") && !task.equals("categories")) {
            throw new BadArgument("--task must be sentiment or categories, got '" + task + "'");
        }
        var input = Path.of(arguments.required("input"));
        if (!Files.isRegularFile(input)) {
            throw new BadArgument("--input file not found: " + input);
        }
        var examples = ModelEvaluation.read(input);
        var customer = arguments.string("customer");
        var adaptFrom = arguments.string("adapt-from");
        var ngram = arguments.flag("ngram");
        if (customer != null && (adaptFrom != null || ngram)) {
            throw new BadArgument("--customer evaluates the application's models with the customer's adapter: "
                    + "it cannot be combined with --adapt-from or --ngram");
        }
        if (adaptFrom != null && !Files.isRegularFile(Path.of(adaptFrom))) {
            throw new BadArgument("--adapt-from file not found: " + adaptFrom);
        }
        System.err.println(
                "eval: " + examples.size() + " examples from " + input + (customer == null ? "" : " for " + customer));
        if (customer == null) {
            var sentiment = task.equals("sentiment")
                    ? (ngram ? SentimentModel.loadNgram() : SentimentModel.loadDefault())
                    : null;
            var categories = task.equals("categories")
                    ? (ngram ? CategoryModel.loadNgram() : CategoryModel.loadDefault())
                    : null;
            var baseline = sentiment != null
                    ? ModelEvaluation.evaluateSentiment(examples, sentiment)
                    : ModelEvaluation.evaluateCategories(examples, categories);
            if (adaptFrom == null) {
                out.println(baseline.toJson());
                return 0;
            }
            var corrections = ModelEvaluation.read(Path.of(adaptFrom));
            var adapter = new CustomerAdapter();
            int applied = sentiment != null
                    ? ModelEvaluation.adaptSentiment(corrections, sentiment, adapter)
                    : ModelEvaluation.adaptCategories(corrections, categories, adapter);
            System.err.println("eval: " + applied + " of " + corrections.size() + " corrections from " + adaptFrom
                    + " applied (the adapted model disagreed)");
            var adapted = sentiment != null
                    ? ModelEvaluation.evaluateSentiment(examples, sentiment, adapter)
                    : ModelEvaluation.evaluateCategories(examples, categories, adapter);
            out.println(adapted.toJson(baseline, applied));
            return 0;
        }
        try (var app = context != null
                ? null
                : new SpringApplicationBuilder(OmniOpsApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties(
                                "spring.main.banner-mode=off",
                                "omniops.command-mode=true",
                                "omniops.simulator.enabled=false")
                        .run()) {
            var ctx = context != null ? context : app;
            var found = ctx.getBean(TenancyManagement.class)
                    .customerBySlug(customer)
                    .orElseThrow(() -> new BadArgument("unknown customer '" + customer + "'"));
            CustomerAdapter adapter = ctx.getBean(CustomerModels.class).adapter(found.id());
            var models = ctx.getBean(Models.class);
            var report = task.equals("sentiment")
                    ? ModelEvaluation.evaluateSentiment(examples, models.sentiment(), adapter)
                    : ModelEvaluation.evaluateCategories(examples, models.categories(), adapter);
            out.println(report.toJson());
            return 0;
        }
    }
}
