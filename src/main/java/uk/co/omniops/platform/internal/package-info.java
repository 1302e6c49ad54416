@NullMarked
package uk.co.omniops.platform.internal;

import org.jspecify.annotations.NullMarked;
