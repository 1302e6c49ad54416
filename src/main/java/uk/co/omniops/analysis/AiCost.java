package uk.co.omniops.analysis;

import java.math.BigDecimal;
import java.util.UUID;

/** External AI model use of one customer and model over a period: calls, failed calls and cost in USD. */
public record AiCost(
        UUID customerId, String customerName, String model, long calls, long failures, BigDecimal costUsd) {}
