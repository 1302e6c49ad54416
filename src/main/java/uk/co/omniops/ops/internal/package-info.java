@NullMarked
package uk.co.omniops.ops.internal;

import org.jspecify.annotations.NullMarked;
