/**
 * The demo traffic generator: message templates in the voice of each demo business and a generator that fills
 * them; pure code with no Spring or database, driven by {@code ChatSimulator}.
 */
@NullMarked
package uk.co.omniops.conversation.internal.simulator;

import org.jspecify.annotations.NullMarked;
