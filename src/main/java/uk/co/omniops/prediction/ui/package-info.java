/** Admin screens of the prediction module: calibration of the risk model and the volume forecast per customer. */
@NullMarked
package uk.co.omniops.prediction.ui;

import org.jspecify.annotations.NullMarked;
