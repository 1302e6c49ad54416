@NullMarked
package uk.co.omniops.conversation.ui;

import org.jspecify.annotations.NullMarked;
