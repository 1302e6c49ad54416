/** The agents' workspace: inbox, open conversation, category taxonomy page. */
@NullMarked
package uk.co.omniops.workspace.ui;

import org.jspecify.annotations.NullMarked;
