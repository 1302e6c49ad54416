@NullMarked
package uk.co.omniops.tenancy.internal;

import org.jspecify.annotations.NullMarked;
