@NullMarked
package uk.co.omniops.shell.ui;

import org.jspecify.annotations.NullMarked;
