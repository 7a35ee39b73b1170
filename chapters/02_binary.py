# %% [markdown]
"""
Chapter 2. Is it a 1? Binary logistic regression, step by step
==============================================================

Our first model answers a yes-or-no question about an image: does it show
the digit 1?  Given the 784 pixels of an image, the model estimates the
probability that the image shows a 1, and it answers "yes" when that
probability is above one half.  This chapter builds the model from that
one sentence.  We derive its cost, which measures how wrong the model is,
and the gradient of the cost, which says how to change the model to make
it less wrong.  Then we train the model by gradient descent, with the
original notebook's settings: the first 3000 training images and the
first 500 test images, raw pixel values from 0 to 255, every weight 0 at
the start, and 100 steps with learning rate 0.005.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import chapter_parser, load, parse, save, show
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves
from logreg_from_scratch.predict import accuracy, predict
from logreg_from_scratch.sigmoid import sigmoid

ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--digit 7"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=100,
                        rate_note="0.005, the original notebook's, on raw pixels; "
                                  "0.5 with --scale")
parser.add_argument("--digit", type=int, choices=range(10), default=1,
                    help="the digit to recognise (default %(default)s)")
parser.add_argument("--scale", action="store_true",
                    help="divide the pixels by 255, to [0, 1] (chapter 3 shows why)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
args.rate = args.rate or (0.5 if args.scale else 0.005)  # a rate that suits the pixels
pixels = "pixels scaled to [0, 1]" if args.scale else "raw pixels"

# %% [markdown]
# The data
# --------
#
# As in chapter 1, each image is a row $x$ of $d = 784$ pixel values, and
# the $m$ training images are the rows of the matrix $X$, of shape
# $(m, d)$.  (The notation page lists every symbol the book uses.)  For
# our question we need a new label: $y_i = 1$ if image $i$ shows a 1, and
# $y_i = 0$ if it shows any other digit.  (The chapter's option ``--digit``
# asks the same question about another digit, for example
# ``--digit 7``.  Where the text says "the digit", it means the one asked
# about: 1 unless you chose another.)
#
# Only about one image in nine shows a 1.  So a "model" that always
# answers "no" is already right about 89 % of the time.  That is the score
# any real model has to beat.

# %%
X_train, y_train_digits, X_test, y_test_digits = load(parser, args, scale=args.scale)
y_train = binary_labels(y_train_digits, args.digit)
y_test = binary_labels(y_test_digits, args.digit)
m, d = X_train.shape
print(f"Is it a {args.digit}?  {m} training images ({y_train.mean():.1%} are "
      f"{args.digit}s), {len(y_test)} test images,")
print(f"  {d} {pixels}, learning rate {args.rate:g}")
print(f"always no: train accuracy {100 * (1 - y_train.mean()):.2f} %, "
      f"test accuracy {100 * (1 - y_test.mean()):.2f} %")

# %% [markdown]
# The model: a score, squashed into a probability
# -----------------------------------------------
#
# The model gives every pixel $j$ a *weight* $w_j$, a number that says how
# much ink at that pixel speaks for a 1 (a positive weight) or against it
# (a negative weight).  To score an image, it multiplies each pixel value
# by its weight, adds up the products, and adds one more number, the
# *bias* $b$.  The result is a score called the *logit* $z$.  A large
# positive logit means "surely a 1", a large negative one "surely not".
#
# Written for all $m$ images at once, the scores are one matrix-vector
# product.  The weights form a vector $w$ of shape $(d,)$, the bias $b$ is
# a single number, and NumPy adds $b$ to every entry of $Xw$:
#
# $$
# z = X w + b. \tag{2.1}
# $$
#
# The result $z$ has shape $(m,)$: entry $z_i$ is the logit of image $i$.
#
# A logit can be any number, but a probability must lie between 0 and 1.
# The *sigmoid* function $\sigma$ turns any number into one between 0 and 1.
# It is increasing, so a higher score always means a higher probability,
# and $\sigma(0) = \tfrac12$:
#
# $$
# a = \sigma(z) = \frac{1}{1 + e^{-z}}. \tag{2.2}
# $$
#
# Applied to each entry of $z$, it gives $a_i$, the model's probability
# that image $i$ shows a 1 (or the digit chosen with ``--digit``).  The
# probability that it does not is $1 - a_i$.  The book's package computes
# the sigmoid with ``sigmoid.sigmoid``: this means the function ``sigmoid``
# in the package's file ``logreg_from_scratch/sigmoid.py``, and the book
# names every function of the package this way.
#
# This model, a weighted sum of the features passed through the sigmoid,
# is called *logistic regression*.  It is called "regression" because it
# predicts a number, a probability, although we use it to answer yes or
# no.

# %% [markdown]
# The cost: how probable the model finds the true labels
# ------------------------------------------------------
#
# Which weights and bias are good?  A good model should find the labels we
# actually observed probable.  For one image, the model says that the label
# is 1 with probability $a$ and 0 with probability $1 - a$.  One formula
# covers both cases: the probability of label $y$ is $a^{y} (1 - a)^{1 - y}$,
# which is $a$ when $y = 1$ and $1 - a$ when $y = 0$.  (This is a
# *Bernoulli distribution*.)
#
# We assume that, once the images are given, their labels are independent
# of one another.  Then the probability of all $m$ labels is the product
# of these $m$ probabilities.  This product is the *likelihood*, and we
# want weights that make it large.  In practice we work with its
# logarithm, for two reasons.  First, a product of 3000 numbers below 1
# can be too small for a computer's floating-point numbers.  At the start
# of training every probability is $\tfrac12$, and the product is
# $(\tfrac12)^{3000} \approx 10^{-903}$, far below the smallest positive
# float, about $5 \times 10^{-324}$, so it rounds to 0.  The logarithm
# turns the product into a sum, which does not underflow.  Second, the
# logarithm is increasing, so the weights that maximise the
# log-likelihood also maximise the likelihood.
#
# Optimisers are written to *minimise*, so we take the negative of the
# log-likelihood, and we divide it by $m$ so that it does not grow with
# the number of images.  For one image, the negative logarithm of its
# label's probability is
#
# $$
# \begin{aligned}
# & -\log\bigl(a^{y}(1 - a)^{1 - y}\bigr) \\
# & \quad = -\bigl(y \log a + (1 - y)\log(1 - a)\bigr),
# \end{aligned} \tag{2.3}
# $$
#
# and the mean over the $m$ images is the *cost*
#
# $$
# \begin{aligned}
# J(w, b) = -\frac{1}{m} \sum_{i=1}^{m} \bigl(& y_i \log a_i \\
# & + (1 - y_i) \log(1 - a_i)\bigr).
# \end{aligned} \tag{2.4}
# $$
#
# This cost is called the *cross-entropy* (``cost.cross_entropy``; the
# section before the chapter's summary says where the name comes from).  Read it one image
# at a time.  An image that shows the digit adds $-\log a_i$
# to the sum, and any other image adds $-\log(1 - a_i)$.  So an image adds
# almost nothing when the model is sure and right, and it adds more and
# more, without any bound, as the model becomes sure and wrong.
#
# At the start all the weights and the bias are 0.  Then every logit is
# $z_i = 0$, every probability is $a_i = \tfrac12$, and each image adds
# $-\log \tfrac12 = \log 2$.  So the first cost is
# $J = \log 2 = 0.693147$, whatever the labels are.  (The package's
# ``cost.cross_entropy`` takes the logits $z$, not the probabilities $a$:
# a later section, "Computing the cost without overflow", shows why.)

# %%
w0, b0 = np.zeros(d), 0.0
z0 = X_train @ w0 + b0  # the logits (2.1)
a0 = sigmoid(z0)        # the probabilities (2.2)
print(f"at w = 0: every a is {np.unique(a0)}, "
      f"cost {cross_entropy(z0, y_train):.6f} (log 2 = {np.log(2):.6f})")

# %% [markdown]
# The gradient, one step of the chain rule at a time
# --------------------------------------------------
#
# To lower the cost we need to know how it changes when each weight
# changes a little: its partial derivative with respect to each weight.
# (We also say "the derivative in $w_j$" for "the partial derivative with
# respect to $w_j$".)  The vector of all these derivatives is the
# *gradient*.  Three facts give it.
#
# **First, the sigmoid's derivative.**  Write (2.2) as
# $\sigma(z) = (1 + e^{-z})^{-1}$.  By the chain rule, its derivative is
# $-(1 + e^{-z})^{-2}$ times the derivative of $1 + e^{-z}$, which is
# $-e^{-z}$; so $\sigma'(z) = e^{-z} / (1 + e^{-z})^2$.  Split this into
# $\frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}$.  The first factor
# is $\sigma(z)$.  The second is $1 - \sigma(z)$, because
# $\frac{e^{-z}}{1 + e^{-z}} = \frac{(1 + e^{-z}) - 1}{1 + e^{-z}}$, which
# is $1 - \frac{1}{1 + e^{-z}}$.  So the sigmoid's derivative is the
# sigmoid times one minus the sigmoid:
#
# $$
# \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr). \tag{2.5}
# $$
#
# **Second, the derivative of one image's loss with respect to its
# logit.**  We call the cost of one image, (2.3), its *loss*.  It depends
# on the weights only through the image's logit $z$, so we first
# differentiate it in $z$.  By the chain rule, its derivative in $z$ is its
# derivative in $a$ times the derivative of $a$ in $z$.  The derivative of
# $-y \log a$ in $a$ is $-y/a$.  The derivative of $-(1 - y)\log(1 - a)$
# in $a$ is $+(1 - y)/(1 - a)$: the derivative of $\log(1 - a)$ is
# $1/(1 - a)$ times the derivative of $1 - a$, which is $-1$, and the two
# minus signs cancel.  The derivative of $a$ in $z$ is $a(1 - a)$, by
# (2.5).  Multiplying out, that factor cancels both denominators:
#
# $$
# \begin{aligned}
# & \frac{\partial}{\partial z}\Bigl(-y \log a - (1 - y) \log(1 - a)\Bigr) \\
# & \quad = \Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)\, a (1 - a) \\
# & \quad = -y (1 - a) + (1 - y)\, a = a - y.
# \end{aligned} \tag{2.6}
# $$
#
# (In the last line, $-y + ya + a - ya = a - y$.)
#
# The result is remarkably simple.  The *error signal* of image $i$ is
# $a_i - y_i$: the predicted probability minus the label.  It is near 0
# when the model is right and sure, and near $\pm 1$ when it is wrong and
# sure.
#
# **Third, the logit's derivative in the weights.**  The logit of image
# $i$ is $z_i = \sum_j X_{ij} w_j + b$.  So
# $\partial z_i / \partial w_j = X_{ij}$, the value of pixel $j$ in image
# $i$, and $\partial z_i / \partial b = 1$.
#
# Now put the three facts together.  The cost (2.4) is the mean of the
# images' losses, and the derivative of a mean is the mean of the
# derivatives.  By the chain rule, the derivative of image $i$'s loss in
# $w_j$ is its derivative in $z_i$, which is $a_i - y_i$ by (2.6), times
# the derivative of $z_i$ in $w_j$, which is $X_{ij}$.  In $b$ the second
# factor is 1.  So the gradient is:
#
# $$
# \begin{aligned}
# \frac{\partial J}{\partial w_j} &= \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,(a_i - y_i), \\
# \frac{\partial J}{\partial b} &= \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i).
# \end{aligned} \tag{2.7}
# $$
#
# The sum over $i$ in the first line, done for every pixel $j$ at once, is
# a matrix-vector product with $X$ transposed: entry $j$ of
# $X^\top (a - y)$ is $\sum_{i} X_{ij} (a_i - y_i)$, since row $j$ of
# $X^\top$ is column $j$ of $X$.  Check the shapes: $X^\top$
# has shape $(d, m)$ and $a - y$ has shape $(m,)$, so their product has
# shape $(d,)$, the same shape as $w$, with one derivative for each weight.
# We call the two parts of the gradient $dw$ and $db$:
#
# $$
# \begin{aligned}
# dw &= \frac{1}{m} X^\top (a - y), \\
# db &= \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i).
# \end{aligned} \tag{2.8}
# $$
#
# This is what ``gradients.propagate`` computes.  The cell below computes
# (2.7) the slow way, one image at a time in a loop, beside the
# vectorized (2.8).  It uses the first 200 images, small random weights
# (drawn from a normal distribution with standard deviation $10^{-3}$) and
# the bias $b = 0.1$, so that the probabilities are not all $\tfrac12$.
# The two give the same numbers, up to rounding.

# %%
rng = np.random.default_rng(args.seed)
w_random = rng.normal(scale=1e-3, size=d)
cost, dw, db = propagate(w_random, 0.1, X_train[:200], y_train[:200])  # (2.8)
dw_loop, db_loop = np.zeros(d), 0.0
for x_i, y_i in zip(X_train[:200], y_train[:200]):  # (2.7), one image at a time
    a_i = sigmoid(x_i @ w_random + 0.1)
    dw_loop += x_i * (a_i - y_i) / 200
    db_loop += (a_i - y_i) / 200
print(f"dw {dw.shape}: the loop and X^T (a - y) / m differ by at most "
      f"{np.max(np.abs(dw - dw_loop)):.1e}")
print(f"db: {db:.6f} from (2.8), {db_loop:.6f} from the loop")

# %% [markdown]
# **Why not squared error?**  A natural alternative cost is the squared
# error $\tfrac12 (a - y)^2$.  The same chain rule gives its derivative in
# $z$: $(a - y)\, a (1 - a)$.  Squared error has two problems.
#
# The first: take an image that the model gets confidently wrong, say a 1
# with $a$ near 0.  The factor $a(1 - a)$ is then near 0, so the worst
# mistakes would barely move the weights.  The cost is almost flat there,
# and gradient descent stalls on such flat stretches.
#
# The second needs a new word.  A function of one number is *convex* when
# its second derivative is never negative: its graph curves upward (or
# runs straight) everywhere, like a bowl.  A function of many numbers is
# convex when it is convex along every straight line through them.  A
# convex function has no valley other than its lowest one, so gradient
# descent cannot get stuck in a wrong valley.  The second derivative of
# the squared error in $z$ (differentiate $(a - y)\,a(1 - a)$ once more,
# with the product rule and (2.5)) is
# $a(1 - a)\bigl(a(1 - a) + (a - y)(1 - 2a)\bigr)$.  For a 1, with
# $y = 1$, this is $a (1 - a)^2 (3a - 1)$, which is negative when
# $a < \tfrac13$.  So squared error is not convex, and a cost built from it
# can have more than one valley.
#
# The cross-entropy has neither problem.  Its error signal $a - y$ is
# largest exactly for the confident mistakes.  And its cost $J$ is convex
# in $w$ and $b$.  One image's loss is convex in its logit $z$ (exercise
# 6).  Along any straight line through the weights and the bias, each
# logit $z_i$ changes in proportion to the distance travelled, and a
# convex function of such a linear change stays convex (exercise 6 shows
# this too; chapter 3 computes the curvature along a line).  A mean of
# convex functions is convex as well.  So $J$ has no second valley in
# which gradient descent could get stuck.

# %% [markdown]
# Computing the cost without overflow
# -----------------------------------
#
# Floating-point numbers have a limited range and precision, and the
# formulas above can break when the logits are large.  On raw pixels they
# are: we will see logits in the thousands after one step of training.
# Two things go wrong.  First, $\sigma(z)$ rounds to exactly 1.0 once $z$
# is above about 36.7, so $\log(1 - a)$ becomes $\log 0$.  Second,
# $e^{-z}$ *overflows*, that is, it is larger than the largest float,
# about $1.8 \times 10^{308}$, once $z < -709.78$ (709.78 is the logarithm
# of that largest float).  NumPy then warns and uses infinity, so (2.2)
# gives $\sigma(z) = 1/(1 + \infty) = 0$ exactly, and $\log a$ becomes
# $\log 0$ again.  The package's ``sigmoid.sigmoid`` avoids the overflow:
# it only ever computes $e^{-|z|}$, which lies between 0 and 1, and for a
# negative $z$ it uses (2.2) with the numerator and the denominator
# multiplied by $e^{z}$, that is $e^{z}/(1 + e^{z})$.  That is why the
# chapter's own loop below can call it at logits near $-10{,}000$ without
# a warning.  But the logarithm of a probability that has rounded to 0 or
# 1 is still lost.
#
# The cure is to compute the logarithms from $z$ itself, never from $a$.
# First, $1 - \sigma(z) = \sigma(-z)$: write
# $1 - \sigma(z) = \frac{e^{-z}}{1 + e^{-z}}$ (as in the derivation of
# (2.5)) and multiply the numerator and the denominator by $e^{z}$, which
# gives $\frac{1}{e^{z} + 1} = \sigma(-z)$.  Then
#
# $$
# \begin{aligned}
# \log \sigma(z) &= -\log\bigl(1 + e^{-z}\bigr), \\
# \log\bigl(1 - \sigma(z)\bigr) &= -\log\bigl(1 + e^{z}\bigr).
# \end{aligned} \tag{2.9}
# $$
#
# The first line holds because $\log \sigma(z) = \log 1 - \log(1 + e^{-z})$,
# and the second follows from the first with $-z$ in place of $z$.
#
# NumPy's ``np.logaddexp(0, z)`` computes $\log(1 + e^{z})$ as
# $\max(0, z) + \log(1 + e^{-|z|})$.  For $z \le 0$ the two are the same
# expression.  For $z > 0$, take $e^{z}$ out of the sum:
# $\log(1 + e^{z}) = \log\bigl(e^{z}(e^{-z} + 1)\bigr) = z + \log(1 + e^{-z})$.
# The exponential in that form never exceeds 1, so nothing overflows for
# any finite $z$, and $a$ is never rounded to 1 on the way
# (``sigmoid.log_sigmoid``, ``sigmoid.log_one_minus_sigmoid``).  With
# (2.9), the loss of one image becomes the *softplus* $\log(1 + e^{z})$ of
# its logit, minus $y z$:
#
# $$
# \begin{aligned}
# & -y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr) \\
# & \quad = \log\bigl(1 + e^{z}\bigr) - y z.
# \end{aligned} \tag{2.10}
# $$
#
# (Exercise 5 derives it.)  For a confident mistake the loss is about
# $|z|$: an image labelled 1 with $z = -1000$ costs about 1000.
#
# The error signal needs the same care.  The package computes $a - y$ as
# $(1 - y)\,\sigma(z) - y\,\sigma(-z)$.  For a label of 0 or 1 this is the
# same number, and one of its two terms is exactly 0: for $y = 0$ it is
# $\sigma(z)$, and for $y = 1$ it is $-\sigma(-z)$.  So it never subtracts
# two nearly equal numbers, which would lose digits.  A confident "yes"
# ($z = 37$, where $a - 1$ would round to 0) keeps its true small
# gradient, $-\sigma(-37) = -8.5 \times 10^{-17}$.

# %% [markdown]
# Training: gradient descent
# --------------------------
#
# The gradient points in the direction in which the cost rises fastest.
# Here is why.  If we change each weight $w_j$ by a small amount, the cost
# changes by about the sum over $j$ of $\partial J / \partial w_j$ times
# that amount: this is the dot product of the gradient with the vector of
# changes.  Among all vectors of changes of the same small length, a dot
# product with the gradient is largest when the changes point the same way
# as the gradient, and most negative when they point the opposite way.
#
# So to lower the cost, we move the weights a small step against the
# gradient, and repeat.  This is *gradient descent*.  Each step is the
# gradient times a positive number, the *learning rate* $\eta$ (``rate``
# in the code):
#
# $$
# w \leftarrow w - \eta\, dw, \qquad b \leftarrow b - \eta\, db. \tag{2.11}
# $$
#
# The rate must be small enough; chapter 3 shows how small.
#
# Written as code, gradient descent is a short loop.  Each pass computes
# the logits (2.1), the probabilities (2.2) and the gradient (2.8), then
# takes the step (2.11).  We count the steps from 1, and we call one pass
# of the loop one *step* (the code and its options say *iteration*; the
# two words mean the same).  Here are the first three steps, from $w = 0$
# and $b = 0$.  Each pass prints the cost (2.4) of the model it starts
# from, before it takes its step:

# %%
rate = args.rate                           # the learning rate eta
# sphinx_gallery_start_ignore
# (a rate so large that the loop below would overflow ends the chapter here, in one line;
# a run of 3 steps is judged by overflow only, optimize.JUDGED_AFTER)
try:
    gradient_descent(np.zeros(d), 0.0, X_train, y_train, 3, args.rate)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
# sphinx_gallery_end_ignore
w, b = np.zeros(d), 0.0                    # start with every weight 0
for step in (1, 2, 3):
    z = X_train @ w + b                    # (2.1)
    a = sigmoid(z)                         # (2.2)
    print(f"before step {step}: cost {cross_entropy(z, y_train):.6f}")
    dw = X_train.T @ (a - y_train) / m     # (2.8)
    db = np.mean(a - y_train)
    w -= rate * dw                         # (2.11)
    b -= rate * db

# %% [markdown]
# This loop is what the package's ``optimize.gradient_descent`` does.
# The package's version also records each cost, checks that the numbers
# stay finite, and computes $a - y$ in the careful way described above.
# Run for the same three steps from the same start, it must end at the
# same weights.  The cell prints the largest difference between the two;
# here they agree to the last digit.  (They agree exactly, even though the
# loop computes $a - y$ directly: in these three steps every 1 has the
# logit 0, at the start, or a logit below $-700$, so $a - 1$ is exactly
# $-\tfrac12$ or exactly $-1$ either way.)

# %%
w_package, b_package, _ = gradient_descent(np.zeros(d), 0.0, X_train, y_train, 3, rate)
print("the loop against gradient_descent, after 3 steps:")
print(f"  largest difference in w {np.max(np.abs(w - w_package)):.1e}, "
      f"in b {abs(b - b_package):.1e}")

# %% [markdown]
# Something surprising happened in the loop: after the first step the cost
# did not fall, it jumped from $\log 2 = 0.69$ to about 327.  To see why,
# look at the model after that one step:

# %%
w1, b1, _ = gradient_descent(np.zeros(d), 0.0, X_train, y_train, 1, rate)
z1 = X_train @ w1 + b1
is_digit = y_train == 1
print(f"after one step at rate {rate:g}:")
print(f"  weights below 0: {np.sum(w1 < 0)}, above 0: {np.sum(w1 > 0)}, "
      f"still 0: {np.sum(w1 == 0)}")
print(f"  logits below 0: {np.sum(z1 < 0)} of {m}, from {z1.min():.0f} to {z1.max():.0f}")
print(f"  wrong: {np.sum(z1[is_digit] <= 0)} of the {is_digit.sum()} {args.digit}s, "
      f"{np.sum(z1[~is_digit] > 0)} of the {np.sum(~is_digit)} other images")
print(f"  median |z| of the {args.digit}s: {np.median(np.abs(z1[is_digit])):.0f}")
losses = np.logaddexp(0, z1) - y_train * z1  # each image's loss, (2.10)
print(f"  cost {losses.mean():.2f}: the {args.digit}s add {losses[is_digit].sum() / m:.2f}, "
      f"the others {losses[~is_digit].sum() / m:.2f}")

# %% [markdown]
# What to look for: here is the story these numbers tell.  At the start
# every $a_i$ is $\tfrac12$, so the error signal $a_i - y_i$ is $+\tfrac12$
# for each of the 2661 images that are not 1s, and $-\tfrac12$ for each of
# the 339 1s.  By (2.8), $dw_j$ is the mean over the images of pixel $j$'s
# value times that error.  The other digits outnumber the 1s almost eight
# to one, so $dw_j$ is positive for almost every pixel that has ink
# anywhere, and the step $w \leftarrow w - \eta\, dw$ makes 646 of the 784
# weights negative.  Only 4 weights become positive: pixels where the 339
# 1s together have more ink than the 2661 other images together.  (The 134
# pixels that are blank in every image keep the weight 0.)
#
# The step is also large, because the raw pixel values are in the
# hundreds.  After it, every one of the 3000 logits is below 0, from
# about $-10904$ to $-1395$.  So the model now answers "no" to every
# image.  It is right about all 2661 other digits and wrong about all 339
# 1s.  The images it is right about cost nothing: their loss
# $\log(1 + e^{z})$ is 0 to the last digit.  Each 1 costs about $|z_i|$ by
# (2.10), and the 1s' logits are in the thousands (their median $|z|$ is
# 2761).  So the whole cost of 327 comes from the 339 1s.
#
# Gradient descent recovers from this bad first step, as the full run
# below shows.  Chapter 3 explains why the step was so large, and how
# scaling the pixels cures it.
#
# Training for 100 steps
# ----------------------
#
# Now we train with ``optimize.gradient_descent`` for the full 100 steps.
# It records the cost each step computes before its update, as our loop
# printed it: entry $t$ of ``costs`` is the cost after $t$ steps, for
# $t = 0, 1, \dots, 99$.  It can also call a function of ours after each
# step (a *callback*), which we use to print the cost every 10 steps.  The
# cost after the last step is not among the recorded ones, so we compute
# it once training has ended.

# %%
def report(iteration, w, b, cost):  # iteration counts from 0; cost is before its step
    if iteration % 10 == 0:
        print(f"after {iteration:3d} steps: cost {cost:.6f}")


try:
    w, b, costs = gradient_descent(np.zeros(d), 0.0, X_train, y_train,
                                   args.iterations, rate, callback=report)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
final_cost = cross_entropy(X_train @ w + b, y_train)  # the cost of the model we keep
print(f"after {args.iterations:3d} steps: cost {final_cost:.6f}")

# %% [markdown]
# What to look for: the cost starts at $\log 2$ and jumps to 327 after the
# first step, as above.  After 10 steps it is back down to about 5.5, and
# after 100 steps it is 1.21, still falling slowly.
#
# How well does it do?
# --------------------
#
# The model answers "yes" when $a > \tfrac12$.  Since the sigmoid is
# increasing and $\sigma(0) = \tfrac12$, that is exactly when $z > 0$: no
# sigmoid is needed to decide (``predict.predict``).  The *accuracy* is the
# share of images whose answer matches the label.

# %%
print(f"train accuracy: {100 * accuracy(predict(w, b, X_train), y_train):.2f} %")
print(f"test accuracy: {100 * accuracy(predict(w, b, X_test), y_test):.2f} %")

# %% [markdown]
# What to look for: the model is right about 99.23 % of the training
# images and 99.00 % of the test images, the original notebook's numbers.
# Always saying "no" scores 88.70 % and 86.60 %.  Keep in mind how few
# test images there are: on 500 images each one is worth 0.2 points, and
# 99.00 % means 5 mistakes.  So the test accuracy is known only roughly
# (chapter 6 says how roughly).
#
# Here are ten test images picked at random (the ``--seed`` option picks
# them).  The first line gives their positions among the test images
# (their row numbers in ``X_test``, counted from 0); below it are the
# model's answers (1 for "yes") and the true labels, in the same order:

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("rows of the picked test images:", picks.tolist())
print("the model's answers:           ", predict(w, b, X_test[picks]).tolist())
print("the labels:                    ", y_test[picks].tolist())

# %% [markdown]
# The cost curve
# --------------
#
# The figure shows the cost after every step, on a logarithmic scale so
# that both the jump of the first step and the long, slow fall after it
# are visible.  The fall is steep until the fourth step and slow after it.
# The steep part is the 1s coming back: after the first step their logits
# are thousands below 0, each of them costs about $|z_i|$, and each step
# raises their logits a long way.  Once most of the 1s are on the right
# side of 0, only the few images near the boundary are left to fix, and
# the cost falls slowly.

# %%
fig = cost_curves({f"rate {args.rate:g}, {pixels}": np.append(costs, final_cost)},
                  log_y=True, xlabel="steps taken",
                  title=f'Is it a {args.digit}? Cost during gradient descent ({m} images)')
save(fig, args, "02_binary_cost.png")
show(args)

# %% [markdown]
# Reading a weight: odds and log-odds
# -----------------------------------
#
# What does one weight $w_j$ say?  The model's answer is a probability $a$,
# and a probability is often easier to read through its *odds*: the chance
# of "yes" divided by the chance of "no", $a / (1 - a)$.  Odds of 3 mean
# that "yes" is three times as likely as "no" ($a = \tfrac34$), odds of 1
# mean an even chance ($a = \tfrac12$), and odds below 1 favour "no".
#
# The sigmoid (2.2) is exactly the function whose odds are $e^{z}$.  From
# $a = 1/(1 + e^{-z})$ we get $1 - a = e^{-z}/(1 + e^{-z})$, and dividing
# the first by the second cancels their common denominator $1 + e^{-z}$,
# leaving $1 / e^{-z} = e^{z}$.  Taking the logarithm of both sides:
#
# $$
# \frac{a}{1 - a} = e^{z}, \qquad z = \log \frac{a}{1 - a}. \tag{2.12}
# $$
#
# So the logit is the logarithm of the odds, the *log-odds*; *logit* is
# the name statisticians gave to the log-odds.  The log-odds are a linear
# function of the pixels, (2.1); the probability is not.
#
# Now raise one pixel $x_j$ by one unit, and hold every other pixel where
# it is.  By (2.1) the logit rises by exactly $w_j$.  Call the new logit
# and probability $z'$ and $a'$.  By (2.12) the new odds are
# $e^{z'} = e^{z + w_j} = e^{z} e^{w_j}$, the old odds times $e^{w_j}$:
#
# $$
# z' = z + w_j, \qquad \frac{a' / (1 - a')}{a / (1 - a)} = e^{w_j}. \tag{2.13}
# $$
#
# One unit more of pixel $j$ multiplies the odds of "yes" by $e^{w_j}$,
# whatever the image and whatever its other pixels (as long as the pixel
# can still rise: a raw pixel stops at 255).  This factor is called an
# *odds ratio*.  A positive weight raises the odds, a negative one lowers
# them, and a weight of 0 leaves them alone.  Raising the pixel by
# several units multiplies the odds by $e^{w_j}$ once for each unit: from
# blank to full ink on raw pixels, 255 units, by $e^{255 w_j}$.
#
# The cell below reads the trained weights this way.  It prints the
# pixels with the largest and the smallest weight (their place in the
# 28 × 28 picture counted from 0, row by row), with their odds ratios for
# one unit (one grey level) and for blank to full ink.  The second is
# written as a power of ten, because it can be huge:
# $e^{255 w_j} = 10^{255 w_j / \log 10}$, with $\log 10 \approx 2.30$.
# Then it checks (2.13) on one test image.  It picks the image nearest
# the boundary $z = 0$, because most images' logits are so large that
# their probabilities round to exactly 0 or 1, whose odds a computer
# cannot divide.  Last, it compares the pixel of the largest weight with
# its left neighbour.

# %%
full = X_train.max()  # full ink: 255 on raw pixels, 1 with --scale
order = np.argsort(w)
for name, j in (("largest", order[-1]), ("smallest", order[0])):
    print(f"{name} weight: pixel {j} (row {j // 28}, column {j % 28} of the "
          f"picture), w_j = {w[j]:.3f}")
    print(f"  odds ratio for one unit: e^w_j = {np.exp(w[j]):.3f}; blank to full "
          f"ink: 10^{full * w[j] / np.log(10):.1f}")
j = order[-1]
z = X_test @ w + b
i = int(np.argmin(np.abs(z)))  # the test image nearest the boundary z = 0
x_up = X_test[i].copy()
x_up[j] += 1  # one unit more of pixel j, every other pixel as it was
z_up = x_up @ w + b
# each probability and its complement: 1 - a as sigmoid(-z), since the subtraction
# 1 - a would lose digits where a is near 1
a, not_a = sigmoid(z[i]), sigmoid(-z[i])
a_up, not_a_up = sigmoid(z_up), sigmoid(-z_up)
print(f"test image {i}: z = {z[i]:.3f}; with pixel {j} one unit up, z' = {z_up:.3f}")
if min(a, not_a, a_up, not_a_up) > 0:  # odds that floating point can hold
    print(f"  odds ratio from the two probabilities: "
          f"{(a_up / not_a_up) / (a / not_a):.6f}; e^w_j = {np.exp(w[j]):.6f}")
print(f"median |z| over the test images: {np.median(np.abs(z)):.0f}")
left = j - 1  # the pixel to its left
if np.all(X_train[:, [j, left]].std(axis=0) > 0):
    correlation = np.corrcoef(X_train[:, j], X_train[:, left])[0, 1]
    print(f"pixel {j} and its left neighbour {left}: correlation "
          f"{correlation:.2f} over the\n  training images; "
          f"weights {w[j]:.3f} and {w[left]:.3f}")

# %% [markdown]
# What to look for: the largest weight, about 0.28, sits in the middle of
# the image, where a 1's stroke runs.  One grey level more there
# multiplies the odds of a 1 by about 1.32, and the test image confirms
# (2.13) to every digit printed.  The odds ratio for a whole stroke,
# $e^{255 w_j}$, is absurd, though: more than $10^{30}$.  Nobody should
# believe odds like that, and the model's logits say why.  After its wild
# first step they are in the hundreds and thousands (their median size on
# the test images is printed above), so its probabilities are all but
# exactly 0 or 1, and its odds are as extreme.  The pattern of the
# weights' signs says where a 1's ink tends to be and where it tends not
# to be; the odds ratios of this model are not to be believed.  Chapter 3
# trains on scaled pixels, without the wild first step, and chapter 11
# measures how far a model's probabilities can be trusted.
#
# A second caution.  "Hold every other pixel where it is" describes a
# change that no real image makes.  Ink comes in strokes, so neighbouring
# pixels rise and fall together: across the training images, the pixel of
# the largest weight and its left neighbour have a *correlation* of about
# 0.8.  (A correlation measures how closely two quantities rise and fall
# together, from $-1$ to 1; 1 means in lockstep.)  When two pixels are
# nearly equal in every image, $x_{j-1} \approx x_j$, their part of the
# logit, $w_{j-1} x_{j-1} + w_j x_j$, is nearly $(w_{j-1} + w_j)\, x_j$:
# the data pin down the sum of the two weights much better than how it is
# split between them.  So neither weight is the effect of its pixel
# alone, and a ranking of single pixels is shaky for the same reason.  A
# *weight map*, the 784 weights drawn as a 28 × 28 picture, is read as a
# whole, as chapter 4 does.

# %% [markdown]
# Why the name cross-entropy
# --------------------------
#
# The name comes from information theory.  When something happens that
# had probability $a$, its *surprise* is $-\log a$: 0 for a certain event,
# and large for a rare one.  (The logarithm is the natural one, as
# everywhere in this book; information theory often uses base 2, and
# counts surprise in bits.)  Take a yes-or-no outcome whose true chance of
# "yes" is $a^\star$.  Its *entropy* is its average surprise: the
# surprises of "yes" and "no", $-\log a^\star$ and $-\log(1 - a^\star)$,
# averaged with the chances $a^\star$ and $1 - a^\star$.  The
# *cross-entropy* averages with the same true chances, but scores each
# answer with a model's probability instead: $-\log a$ and $-\log(1 - a)$.
# The gap between the two is the *Kullback-Leibler divergence*, KL for
# short, which measures how far the model's $a$ is from $a^\star$:
#
# $$
# \begin{aligned}
# \operatorname{Ent}(a^\star) &= -a^\star \log a^\star \\
#   &\quad - (1 - a^\star) \log (1 - a^\star), \\
# \operatorname{CE}(a^\star, a) &= -a^\star \log a \\
#   &\quad - (1 - a^\star) \log (1 - a), \\
# \operatorname{KL}(a^\star, a) &= \operatorname{CE}(a^\star, a) - \operatorname{Ent}(a^\star) \\
#   &= a^\star \log \frac{a^\star}{a} \\
#   &\quad + (1 - a^\star) \log \frac{1 - a^\star}{1 - a}.
# \end{aligned} \tag{2.14}
# $$
#
# The last line subtracts the first line from the second, term by term,
# using $\log a^\star - \log a = \log (a^\star / a)$.  Where $a^\star$ is
# 0 or 1, a term $0 \log 0$ appears; it counts as 0, its limit.  KL is not
# a distance in the everyday sense: swapping $a^\star$ and $a$ changes its
# value.
#
# The divergence is never negative, and it is 0 only when the model's
# probability is the true one:
#
# $$
# \begin{aligned}
# & \operatorname{KL}(a^\star, a) \geq 0, \\
# & \text{with } 0 \text{ only at } a = a^\star.
# \end{aligned} \tag{2.15}
# $$
#
# The proof uses one fact about the logarithm: the logarithm of a
# positive number is at most that number minus 1, and equal to it only
# when the number is 1 (the logarithm's curve lies below its tangent line
# at 1, which is the line "number minus 1").  Take $0 < a^\star < 1$.  Turn
# each fraction of KL upside down, which flips the sign of its logarithm,
# $-\log(a^\star / a) = \log(a / a^\star)$, and apply the fact to each:
#
# $$
# \begin{aligned}
# -\operatorname{KL}(a^\star, a)
#   &= a^\star \log \frac{a}{a^\star} + (1 - a^\star) \log \frac{1 - a}{1 - a^\star} \\
# &\leq a^\star \Bigl(\frac{a}{a^\star} - 1\Bigr) \\
#   &\quad + (1 - a^\star) \Bigl(\frac{1 - a}{1 - a^\star} - 1\Bigr) \\
# &= a - a^\star + (1 - a) - (1 - a^\star) \\
# &= 0.
# \end{aligned}
# $$
#
# (The inequality may be multiplied by $a^\star$ and $1 - a^\star$ because
# both are positive.)  Equality needs both fractions to be 1, that is
# $a = a^\star$.  Where $a^\star$ is 1, KL is just $-\log a$, and where it
# is 0, $-\log(1 - a)$: positive, and 0 only at $a = a^\star$ too.
#
# Now read the loss (2.3) with these words.  The label $y$ we see is
# certain, 0 or 1, so its true chance is $a^\star = y$.  Then
# $\operatorname{CE}(y, a)$ is exactly the loss (2.3), and
# $\operatorname{Ent}(y) = 0$: a certain outcome holds no surprise.  So
# each image's loss is also its KL divergence, and the cost $J$ (2.4), the
# mean of $\operatorname{CE}(y_i, a_i)$ over the images, is the mean
# divergence of the model's probabilities from the labels.  No image's
# loss is ever 0, because $\sigma(z)$ never reaches 0 or 1.
#
# Which label an image gets may be uncertain, though: a scrawl that some
# would read as a 1 and others not is labelled 1 with some true chance
# $a^\star$.  Averaged over its two possible labels, weighted by their
# chances, its loss is $\operatorname{CE}(a^\star, a)$: its *expected*
# loss.  Many images that look alike, each with its own label, bring the
# mean loss close to this expected loss, and by (2.15) it is lowest
# exactly at $a = a^\star$.  So the cross-entropy rewards a model for
# giving the true chances, and $\operatorname{Ent}(a^\star)$ is a floor no
# model can go below.  Chapter 11 builds on this.  The cell below prints
# the three for a true chance of 0.3 and a few of the model's
# probabilities.

# %%
true_chance = 0.3
entropy = -true_chance * np.log(true_chance) - (1 - true_chance) * np.log(1 - true_chance)
print(f"true chance a* = {true_chance}: Ent(a*) = {entropy:.4f}")
print("   a      CE(a*, a)   KL(a*, a)")
for p_model in (0.1, 0.2, 0.3, 0.4, 0.5, 0.9):
    ce = -true_chance * np.log(p_model) - (1 - true_chance) * np.log(1 - p_model)
    print(f"  {p_model:.1f}   {ce:9.4f}   {ce - entropy:9.4f}")

# %% [markdown]
# What to look for: the cross-entropy is lowest, and the divergence is 0,
# at $a = 0.3$, the true chance.  They rise on both sides, and not evenly:
# $a = 0.1$, two tenths below, costs more than $a = 0.5$, two tenths
# above, and $a = 0.9$, far too sure of "yes", costs the most.  The lowest
# cross-entropy is the entropy, about 0.61: even a model that knows the
# true chance is surprised by such an outcome.

# %% [markdown]
# Summary
# -------
#
# - The logit $z = Xw + b$ (2.1) scores each image, and the sigmoid turns
#   the score into a probability, $a = \sigma(z)$ (2.2).
# - Maximising the likelihood of the labels is the same as minimising the
#   cross-entropy $J$ (2.3, 2.4).  We compute it from $z$, never from $a$,
#   so that nothing overflows (2.9, 2.10).
# - The sigmoid's derivative is $\sigma(1 - \sigma)$ (2.5).  With it the
#   chain rule gives each image's error signal, $a - y$ (2.6), and the
#   whole gradient is one matrix product, $dw = X^\top (a - y) / m$ (2.8).
# - The cross-entropy is convex, so gradient descent cannot get stuck in a
#   wrong valley; squared error is not.
# - Gradient descent (2.11) is a loop of a few lines.  From $w = 0$ on raw
#   pixels it reaches 99 % accuracy, but its first step overshoots wildly:
#   the scale of the pixels matters.
# - The logit is the log-odds, $\log(a / (1 - a))$ (2.12), so one unit
#   more of pixel $j$ multiplies the odds by $e^{w_j}$, an odds ratio
#   (2.13).  On raw pixels the odds ratios for a whole stroke are far too
#   large to believe, and the weights of neighbouring pixels, which rise
#   and fall together, are not separate effects.
# - Each image's loss is the cross-entropy of its label and the model's
#   probability; since a label is certain, it is also their
#   Kullback-Leibler divergence (2.14).  The expected loss of an image
#   whose label is uncertain is lowest when the model gives the true
#   chance (2.15).
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Train "is it a 7?" with ``--digit 7``, then "is it a 4?" and "is it an
#    8?", and compare each test accuracy with the "always no" score the
#    chapter prints.  Is 8 really harder than always saying no?  Look at the
#    printed costs, then rerun with ``--scale`` (chapter 3 explains).  With
#    ``--scale``, which of the ten digits scores lowest, and can 500 test
#    images tell which digit is hardest?
# 2. Check the gradient yourself.  The function ``numerical_gradient`` of
#    ``logreg_from_scratch.gradients`` estimates the gradient of any
#    function from the function's values alone (chapter 7 explains how).
#    In the chapter's notebook, import it, define the cost of the first
#    20 images as a function of $w$ (with $b = 0$),
#    ``J = lambda w: propagate(w, 0.0, X_train[:20], y_train[:20])[0]``,
#    and call ``numerical_gradient(J, np.zeros(d))``.  Call its result
#    $\hat g$, and compare it with the $dw$ that
#    ``propagate(np.zeros(d), 0.0, X_train[:20], y_train[:20])`` returns,
#    entry by entry, with the *relative error*
#    $|dw_j - \hat g_j| / (|dw_j| + |\hat g_j|)$ (``relative_error`` in the
#    same file computes it).  Is the largest one below $10^{-6}$?
# 3. Rerun with ``--rate 0.05`` and with ``--rate 0.0005``.  The cost after
#    100 steps changes about tenfold each time; do the accuracies?  Why?
#    (Look at the logits after the first step.)  Then, with ``--scale``,
#    which ends at the lower cost after 100 steps: ``--rate 0.5`` or
#    ``--rate 5``?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Show that the sigmoid's derivative (2.5) is at most $\tfrac14$, and
#    that it reaches $\tfrac14$ only at $z = 0$.  (Write $a = \sigma(z)$ and
#    complete the square in $a(1 - a)$.  Chapter 3 uses this bound.)
# 5. Derive the loss written with the logit, (2.10), from the loss (2.3)
#    and the two logarithms of the sigmoid (2.9).  (Hint: first show that
#    $\log(1 + e^{-z}) = \log(1 + e^{z}) - z$, by writing $1 + e^{-z}$ as
#    $e^{-z}(e^{z} + 1)$.)  Then differentiate (2.10) in $z$: you get the
#    gradient $a - y$ of (2.6) again, this time without using the
#    sigmoid's derivative (2.5).
# 6. Convexity, as defined in the part "Why not squared error?".  Show that
#    the loss (2.10) is convex in $z$: show that its second derivative is
#    $\sigma(z)(1 - \sigma(z))$, and so positive.  Then show that $J$ is
#    convex in $w$ and $b$: along a straight line, each logit changes in
#    proportion to the distance travelled, so apply the chain rule twice.
#    Finally, for an image labelled 1, show that the loss minus $|z|$
#    tends to 0 as $z \to -\infty$: a confident mistake costs about $|z|$.
# 7. Odds ratios and units.  Chapter 3 scales the pixels to $[0, 1]$ by
#    dividing them by 255, and the weights $255\, w$ then give the same
#    logits.  Show that the odds ratio for one unit of pixel $j$ changes
#    from $e^{w_j}$ to $e^{255 w_j}$, while the odds ratio for a pixel going
#    from blank to full ink is the same in both units.  What does this say
#    about comparing the sizes of two weights whose features are measured
#    in different units?
# 8. KL is not symmetric.  Compute $\operatorname{KL}(0.3, 0.1)$ and
#    $\operatorname{KL}(0.1, 0.3)$ from (2.14).  Which is larger?  Explain
#    the difference from the weights that (2.14) gives each answer.
#
# To write this chapter's steps as code and have them graded, see
# ``exercises/README.md``: it says how to start and how the grader works.
