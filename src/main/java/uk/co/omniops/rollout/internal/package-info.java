@NullMarked
package uk.co.omniops.rollout.internal;

import org.jspecify.annotations.NullMarked;
