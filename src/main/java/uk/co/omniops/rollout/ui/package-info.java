@NullMarked
package uk.co.omniops.rollout.ui;

import org.jspecify.annotations.NullMarked;
