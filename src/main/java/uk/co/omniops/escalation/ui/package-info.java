@NullMarked
package uk.co.omniops.escalation.ui;

import org.jspecify.annotations.NullMarked;
