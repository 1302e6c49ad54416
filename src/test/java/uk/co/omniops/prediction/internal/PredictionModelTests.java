package uk.co.omniops.prediction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.co.omniops.prediction.Calibration;
import uk.co.omniops.prediction.VolumeForecast;

/** The models on synthetic histories with known patterns (no database). */
class PredictionModelTests {

    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    static double[] features(int negativeStreak, boolean refund, double waitingMinutes) {
        var scores = new ArrayList<Double>();
        scores.add(0.7);
        for (int i = 0; i < negativeStreak; i++) {
            scores.add(0.15);
        }
        return Features.of(new Features.Input(
                scores, refund ? Set.of("refund") : Set.of(), waitingMinutes, scores.size() * 2, false, 1, 12));
    }

    /** Escalation probability the synthetic customers really have: rises with the streak and with refunds. */
    static double trueRisk(int streak, boolean refund) {
        return LinearModels.sigmoid(-3.5 + 1.0 * streak + (refund ? 1.5 : 0));
    }

    static List<PredictionStore.Outcome> history(int n, long seed) {
        var random = new Random(seed);
        var out = new ArrayList<PredictionStore.Outcome>();
        for (int i = 0; i < n; i++) {
            int streak = random.nextInt(6);
            boolean refund = random.nextDouble() < 0.3;
            double waiting = random.nextDouble() * 30;
            boolean escalated = random.nextDouble() < trueRisk(streak, refund);
            double minutes = 20 + 12 * streak + (refund ? 30 : 0) + random.nextGaussian() * 5;
            double csat = Math.clamp(4.6 - 0.5 * streak - (escalated ? 0.5 : 0), 1, 5);
            out.add(new PredictionStore.Outcome(features(streak, refund, waiting), escalated, null, minutes, csat));
        }
        return out;
    }

    @Test
    void riskRisesWithEveryFurtherNegativeMessageInARow() {
        for (var models : List.of(CustomerModels.prior(), CustomerModels.train(history(2_000, 1)))) {
            double previous = -1;
            for (int streak = 0; streak <= 5; streak++) {
                double risk = models.risk(features(streak, false, 5));
                assertThat(risk).as("streak %d", streak).isGreaterThan(previous);
                previous = risk;
            }
        }
    }

    @Test
    void aNewCustomerGetsThePriorAndHistoryShiftsTheBlend() {
        var fresh = CustomerModels.train(List.of());
        assertThat(fresh.n()).isZero();
        assertThat(fresh.risk()).containsExactly(LinearModels.riskPrior());
        var prediction = fresh.predict(features(3, true, 14), NOON);
        assertThat(prediction.model()).contains("n=0").contains("customer weight 0.00");
        assertThat(prediction.factors())
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(4)
                .contains("3 negative messages in a row");
        assertThat(prediction.escalationRisk()).isBetween(0.0, 1.0);
        assertThat(prediction.expectedCsat()).isBetween(1.0, 5.0);

        var fifty = CustomerModels.train(history(50, 2));
        assertThat(fifty.n()).isEqualTo(50);
        assertThat(fifty.predict(features(0, false, 0), NOON).model()).contains("customer weight 0.50");
    }

    @Test
    void aTrainedCustomerIsCalibratedOnHeldOutHistory() {
        var models = CustomerModels.train(history(3_000, 3));
        var holdout = history(3_000, 4);
        var outcomes = holdout.stream()
                .map(o -> new Reliability.Outcome(models.risk(o.features()), o.escalated()))
                .toList();
        var table = Reliability.of(outcomes);
        assertThat(table.conversations()).isEqualTo(3_000);
        assertThat(table.bins().stream().mapToInt(Calibration.Bin::count).sum()).isEqualTo(3_000);
        System.out.println(
                "calibration (trained, 3000 held out): brier " + String.format(Locale.ROOT, "%.4f", table.brier()));
        for (var bin : table.bins()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %.1f-%.1f n=%4d predicted %.3f observed %.3f%n",
                    bin.from(),
                    bin.to(),
                    bin.count(),
                    bin.meanPredicted(),
                    bin.observedRate());
            if (bin.count() >= 100) {
                assertThat(bin.observedRate()).isCloseTo(bin.meanPredicted(), within(0.1));
            }
        }
        // better than the prior alone, which does not know this customer's refund effect
        var prior = CustomerModels.prior();
        var priorTable = Reliability.of(holdout.stream()
                .map(o -> new Reliability.Outcome(prior.risk(o.features()), o.escalated()))
                .toList());
        System.out.println("calibration (prior only): brier " + String.format(Locale.ROOT, "%.4f", priorTable.brier()));
        assertThat(table.brier()).isLessThan(priorTable.brier());
        // resolution minutes learned: a long negative refund case takes longer than a calm one
        assertThat(models.predict(features(4, true, 5), NOON).expectedResolutionMinutes())
                .isGreaterThan(models.predict(features(0, false, 5), NOON).expectedResolutionMinutes());
    }

    @Test
    void theReliabilityTableCountsEachOutcomeInItsDecile() {
        var table = Reliability.of(List.of(
                new Reliability.Outcome(0.05, false),
                new Reliability.Outcome(0.05, true),
                new Reliability.Outcome(0.55, true),
                new Reliability.Outcome(0.95, true),
                new Reliability.Outcome(1.0, false)));
        assertThat(table.bins()).hasSize(10);
        assertThat(table.conversations()).isEqualTo(5);
        var first = table.bins().getFirst();
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.escalated()).isEqualTo(1);
        assertThat(first.observedRate()).isEqualTo(0.5);
        assertThat(first.meanPredicted()).isCloseTo(0.05, within(1e-9));
        assertThat(table.bins().get(5).count()).isEqualTo(1);
        var last = table.bins().get(9);
        assertThat(last.count()).isEqualTo(2);
        assertThat(last.observedRate()).isEqualTo(0.5);
        assertThat(table.bins().get(3).count()).isZero();
        assertThat(table.bins().get(3).observedRate()).isNaN();
        // (0.05² + 0.95² + 0.45² + 0.05² + 1²) / 5
        assertThat(table.brier()).isCloseTo((0.0025 + 0.9025 + 0.2025 + 0.0025 + 1) / 5, within(1e-9));
    }

    /** Planted weekly pattern: quiet nights, busy working hours, a Monday 9:00 peak; Poisson arrivals. */
    static double plantedRate(int hourOfWeek) {
        int day = hourOfWeek / 24;
        int hour = hourOfWeek % 24;
        if (day == 0 && hour == 9) {
            return 14;
        }
        if (day < 5 && hour >= 8 && hour < 18) {
            return 5;
        }
        return hour >= 8 && hour < 20 ? 2 : 0.4;
    }

    @Test
    void theForecastRecoversAPlantedMondayMorningPeak() {
        var random = new Random(7);
        var now = Instant.parse("2026-11-26T15:20:00Z"); // a Thursday
        var arrivals = new ArrayList<Instant>();
        var start = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(28));
        for (int h = 0; h < 28 * 24; h++) {
            var hour = start.plus(Duration.ofHours(h));
            int n = poisson(plantedRate(Forecaster.hourOfWeek(hour)), random);
            for (int i = 0; i < n; i++) {
                arrivals.add(hour.plusSeconds(random.nextInt(3600)));
            }
        }
        Collections.shuffle(arrivals, random);
        var forecast = Forecaster.forecast(arrivals, now, 4, 10, 60);
        assertThat(forecast.hours()).hasSize(168);
        assertThat(forecast.hours().getFirst().start()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
        var peak = forecast.hours().stream()
                .max(java.util.Comparator.comparingDouble(VolumeForecast.Hour::expectedConversations))
                .orElseThrow();
        var at = peak.start().atZone(ZoneOffset.UTC);
        assertThat(at.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(at.getHour()).isEqualTo(9);
        assertThat(peak.agentsNeeded())
                .isGreaterThan(forecast.hours().stream()
                        .filter(h -> h.start().atZone(ZoneOffset.UTC).getHour() == 3)
                        .mapToInt(VolumeForecast.Hour::agentsNeeded)
                        .max()
                        .orElseThrow());
        double absError = 0;
        double total = 0;
        for (var h : forecast.hours()) {
            double truth = plantedRate(Forecaster.hourOfWeek(h.start()));
            absError += Math.abs(h.expectedConversations() - truth);
            total += truth;
        }
        double wape = absError / total;
        System.out.printf(
                Locale.ROOT,
                "forecast: peak %s %.1f/h (planted 14), %d agents; WAPE vs planted rates %.3f%n",
                peak.start(),
                peak.expectedConversations(),
                peak.agentsNeeded(),
                wape);
        assertThat(wape).isLessThan(0.35);
    }

    @Test
    void erlangCStaffsForTheTargetWait() {
        // 100 chats/h, 3 min handle time = 5 Erlangs; with 7 agents: Σ_{k<7} 5^k/k! = 113.118,
        // 5^7/7! · 7/2 = 54.254 ⇒ P(wait) = 54.254 / 167.372 = 0.3241
        assertThat(ErlangC.probabilityOfWaiting(7, 5)).isCloseTo(0.3241, within(0.001));
        int agents = ErlangC.agents(100, 3, 20);
        assertThat(ErlangC.averageWaitSeconds(agents, 100, 3)).isLessThanOrEqualTo(20);
        assertThat(ErlangC.averageWaitSeconds(agents - 1, 100, 3)).isGreaterThan(20);
        assertThat(ErlangC.agents(0, 3, 20)).isZero();
        assertThat(ErlangC.agents(200, 3, 20)).isGreaterThan(agents);
    }

    private static int poisson(double lambda, Random random) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Issue 24: "1 negative messages in a row" read wrong. */
    @Test
    void factorsSayOneMessageInTheSingular() {
        var x = new double[Features.SIZE];
        x[3] = 0.2;
        assertThat(Features.describe(3, x)).isEqualTo("1 negative message in a row");
        x[3] = 0.6;
        assertThat(Features.describe(3, x)).isEqualTo("3 negative messages in a row");
    }
}
