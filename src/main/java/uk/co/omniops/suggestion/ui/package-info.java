/** The supervisors' reply library page (entries, proposals, knowledge snippets, figures). */
@NullMarked
package uk.co.omniops.suggestion.ui;

import org.jspecify.annotations.NullMarked;
