@NullMarked
package uk.co.omniops.ops.ui;

import org.jspecify.annotations.NullMarked;
