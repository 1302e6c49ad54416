/**
 * The insights report as files: a CSV in long format (one figure per row, easy to pivot) and a printable PDF.
 */
@NullMarked
package uk.co.omniops.insight.export;

import org.jspecify.annotations.NullMarked;
