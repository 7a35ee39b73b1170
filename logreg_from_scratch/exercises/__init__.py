"""Exercises: write each step of the derivation yourself, and have it graded.

The folder ``exercises/`` holds one file a step, each function with the
package's own name, signature and docstring and a body that raises
NotImplementedError.  ``python -m logreg_from_scratch.exercises check``
grades every function it finds there (or in the files you name) by the
properties below, the same ones the package's tests hold the package to.
The package itself is the solution: look at it only after trying.
"""
from .. import (calibrate, cost, deskew, generative, gradients, laplace, metrics, newton,
               optimize, predict, sigmoid, softmax, uncertainty)
from . import bayes, binary, boundary, pixels, ranking, scaling, second_order, uncertain
from . import multiclass

#: Each exercise function: the package's version, and the properties that grade it.
EXERCISES = {
    "sigmoid": (sigmoid.sigmoid, binary.SIGMOID),
    "log_sigmoid": (sigmoid.log_sigmoid, binary.LOG_SIGMOID),
    "log_one_minus_sigmoid": (sigmoid.log_one_minus_sigmoid, binary.LOG_ONE_MINUS_SIGMOID),
    "cross_entropy": (cost.cross_entropy, binary.CROSS_ENTROPY),
    "propagate": (gradients.propagate, binary.PROPAGATE),
    "gradient_descent": (optimize.gradient_descent, binary.GRADIENT_DESCENT),
    "predict": (predict.predict, binary.PREDICT),
    "distance_to_boundary": (predict.distance_to_boundary, boundary.DISTANCE_TO_BOUNDARY),
    "softmax": (softmax.softmax, multiclass.SOFTMAX),
    "log_softmax": (softmax.log_softmax, multiclass.LOG_SOFTMAX),
    "propagate_softmax": (softmax.propagate_softmax, multiclass.PROPAGATE_SOFTMAX),
    "moments": (deskew.moments, pixels.MOMENTS),
    "deskew": (deskew.deskew, pixels.DESKEW),
    "hessian": (newton.hessian, second_order.HESSIAN),
    "newton_step": (newton.newton_step, second_order.NEWTON_STEP),
    "wilson_interval": (uncertainty.wilson_interval, uncertain.WILSON_INTERVAL),
    "mcnemar": (uncertainty.mcnemar, uncertain.MCNEMAR),
    "roc_curve": (metrics.roc_curve, ranking.ROC_CURVE),
    "roc_auc": (metrics.roc_auc, ranking.ROC_AUC),
    "precision_recall_curve": (metrics.precision_recall_curve, ranking.PRECISION_RECALL_CURVE),
    "average_precision": (metrics.average_precision, ranking.AVERAGE_PRECISION),
    "reliability": (metrics.reliability, ranking.RELIABILITY),
    "fit_temperature": (calibrate.fit_temperature, scaling.FIT_TEMPERATURE),
    "temperature_scaling": (calibrate.temperature_scaling, scaling.TEMPERATURE_SCALING),
    "gaussian_classes": (generative.gaussian_classes, boundary.GAUSSIAN_CLASSES),
    "laplace_logits": (laplace.laplace_logits, bayes.LAPLACE_PREDICTIVE),
}

from .files import check as check  # noqa: E402  (exported; it grades by EXERCISES, above)
