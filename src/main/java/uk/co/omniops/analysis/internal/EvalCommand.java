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
import uk.co.omniops.tenancy.Customers;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * {@code eval --task=sentiment|categories --input=FILE.tsv [--customer=slug]}: scores a labelled file
 * ({@code label<TAB>text} with a header line) and prints one JSON object (accuracy, macro-F1, per-class
 * precision/recall/F1, latency). Without {@code --customer} it needs no database, Redis or network; with it, the
 * application starts (non-web) and the customer's adapted model is evaluated.
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
                --customer=slug               evaluate that customer's adapted model (starts the application)""";
    }

    @Override
    public boolean standalone() {
        return true;
    }

    @Override
    public int run(CommandArguments arguments, @Nullable ApplicationContext context, PrintStream out) throws IOException {
        arguments.allow(Set.of("task", "input", "customer"));
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
        System.err.println("eval: " + examples.size() + " examples from " + input + (customer == null ? "" : " for " + customer));
        if (customer == null) {
            var report = task.equals("sentiment")
                    ? ModelEvaluation.evaluateSentiment(examples, SentimentModel.loadDefault())
                    : ModelEvaluation.evaluateCategories(examples, CategoryModel.loadDefault());
            out.println(report.toJson());
            return 0;
        }
        try (var app = context != null ? null : new SpringApplicationBuilder(OmniOpsApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "omniops.command-mode=true", "omniops.simulator.enabled=false")
                .run()) {
            var ctx = context != null ? context : app;
            var found = ctx.getBean(TenantTransactions.class)
                    .asPlatform("eval: find customer " + customer, () -> ctx.getBean(Customers.class).findBySlug(customer))
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
