@NullMarked
package uk.co.omniops.insight.ui;

import org.jspecify.annotations.NullMarked;
