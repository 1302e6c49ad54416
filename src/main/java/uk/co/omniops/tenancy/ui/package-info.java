/** Tenancy views: the supervisors' API key page. */
@NullMarked
package uk.co.omniops.tenancy.ui;

import org.jspecify.annotations.NullMarked;
