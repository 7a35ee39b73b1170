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
# $y_i = 0$ if it shows any other digit.
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
# that image $i$ shows the digit (``sigmoid.sigmoid``).  The probability
# that it does not is $1 - a_i$.  This model, a weighted sum of the
# features passed through the sigmoid, is called *logistic regression*.

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
# If the images are independent, the probability of all $m$ labels is the
# product of these $m$ probabilities.  This product is the *likelihood*,
# and we want weights that make it large.  In practice we work with its
# logarithm, for two reasons.  A product of 3000 numbers below 1 is too
# small for a computer's floating-point numbers: it rounds to 0.  The
# logarithm turns the product into a sum, which does not underflow, and
# since the logarithm is increasing, the weights that maximise the
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
# This cost is called the *cross-entropy* (``cost.cross_entropy``).  Read
# it one image at a time.  An image that shows the digit adds $-\log a_i$
# to the sum, and any other image adds $-\log(1 - a_i)$.  So an image adds
# almost nothing when the model is sure and right, and it adds more and
# more, without any bound, as the model becomes sure and wrong.
#
# At the start all the weights and the bias are 0.  Then every logit is
# $z_i = 0$, every probability is $a_i = \tfrac12$, and each image adds
# $-\log \tfrac12 = \log 2$.  So the first cost is
# $J = \log 2 = 0.693147$, whatever the labels are:

# %%
w0, b0 = np.zeros(d), 0.0
a0 = sigmoid(X_train @ w0 + b0)  # (2.1) and (2.2)
print(f"at w = 0: every a is {np.unique(a0)}, "
      f"cost {cross_entropy(X_train @ w0 + b0, y_train):.6f} (log 2 = {np.log(2):.6f})")

# %% [markdown]
# The gradient, one step of the chain rule at a time
# --------------------------------------------------
#
# To lower the cost we need to know how it changes when each weight
# changes a little: its partial derivative in each weight.  The vector of
# all these derivatives is the *gradient*.  Three facts give it.
#
# **First, the sigmoid's derivative.**  Differentiating (2.2) gives
# $\sigma'(z) = e^{-z} / (1 + e^{-z})^2$.  Split this into
# $\frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}$.  The first factor
# is $\sigma(z)$, and the second is $1 - \sigma(z)$.  So the sigmoid's
# derivative is a product of the sigmoid with itself:
#
# $$
# \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr). \tag{2.5}
# $$
#
# **Second, the derivative of one image's loss in its logit.**  We call the
# cost of one image, (2.3), its *loss*.  It depends on the weights only
# through the image's logit $z$, so we first differentiate it in $z$.  By
# the chain rule, its derivative in $z$ is its derivative in $a$ times the
# derivative of $a$ in $z$, and the second factor is $a(1 - a)$ by (2.5).
# That factor cancels both denominators:
#
# $$
# \begin{aligned}
# & \frac{\partial}{\partial z}\Bigl(-y \log a - (1 - y) \log(1 - a)\Bigr) \\
# & \quad = \Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)\, a (1 - a) = a - y.
# \end{aligned} \tag{2.6}
# $$
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
# Multiplying the second fact by the third, and taking the mean over the
# images as (2.4) does, gives the gradient:
#
# $$
# \begin{aligned}
# \frac{\partial J}{\partial w_j} &= \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,(a_i - y_i), \\
# \frac{\partial J}{\partial b} &= \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i).
# \end{aligned} \tag{2.7}
# $$
#
# The sum over $i$ in the first line, done for every pixel $j$ at once, is
# a matrix-vector product with $X$ transposed.  Check the shapes: $X^\top$
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
# vectorized (2.8), on 200 images and a random $w$.  The two give the same
# numbers, up to rounding.

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
# $z$: $(a - y)\, a (1 - a)$.  Now take an image that the model gets
# confidently wrong, say a 1 with $a$ near 0.  The factor $a(1 - a)$ is
# then near 0, so the worst mistakes would barely move the weights.
# Squared error has a second problem.  Its second derivative in $z$ is
# $a(1 - a)\bigl(a(1 - a) + (a - y)(1 - 2a)\bigr)$, and for a 1 with
# $a < \tfrac13$ this is negative.  So the cost is not *convex*: it has
# flat shoulders where gradient descent stalls.
#
# The cross-entropy has neither problem.  Its error signal $a - y$ is
# largest exactly for the confident mistakes.  And $J$ is convex in $w$ and
# $b$ (exercise 6 below, and chapter 10), so it has no second valley in
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
# of that largest float).
#
# The cure is to compute the logarithms from $z$ itself, never from $a$.
# Dividing the numerator and the denominator of (2.2) by $e^{z}$ shows
# that $1 - \sigma(z) = \sigma(-z)$.  Then
#
# $$
# \begin{aligned}
# \log \sigma(z) &= -\log\bigl(1 + e^{-z}\bigr), \\
# \log\bigl(1 - \sigma(z)\bigr) &= -\log\bigl(1 + e^{z}\bigr).
# \end{aligned} \tag{2.9}
# $$
#
# NumPy's ``np.logaddexp(0, t)`` computes $\log(1 + e^{t})$ as
# $\max(0, t) + \log(1 + e^{-|t|})$.  The exponential in that form never
# exceeds 1, so nothing overflows for any finite $t$, and $a$ is never
# rounded to 1 on the way (``sigmoid.log_sigmoid``,
# ``sigmoid.log_one_minus_sigmoid``).  With (2.9), the loss of one image
# becomes the *softplus* $\log(1 + e^{z})$ of its logit, minus $y z$:
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
# same number, but it never subtracts two nearly equal numbers.  So a
# confident "yes" ($z = 37$, where $a - 1$ would round to 0) keeps its true
# small gradient, $-\sigma(-37) = -8.5 \times 10^{-17}$.

# %% [markdown]
# Training: gradient descent
# --------------------------
#
# The gradient points in the direction in which the cost rises fastest.
# So to lower the cost, we move the weights a small step the opposite way,
# and repeat.  This is *gradient descent*.  The size of each step is the
# gradient times a small positive number, the *learning rate* $\eta$
# (``rate`` in the code):
#
# $$
# w \leftarrow w - \eta\, dw, \qquad b \leftarrow b - \eta\, db. \tag{2.11}
# $$
#
# Written as code, gradient descent is a short loop.  Each pass computes
# the logits (2.1), the probabilities (2.2) and the gradient (2.8), then
# takes the step (2.11).  Here are its first three steps, from
# $w = 0$ and $b = 0$, printing the cost (2.4) before each step:

# %%
# sphinx_gallery_start_ignore
# (a rate so large that the loop below would overflow ends the chapter here, in one line)
try:
    gradient_descent(np.zeros(d), 0.0, X_train, y_train, 3, args.rate)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
# sphinx_gallery_end_ignore
rate = args.rate                           # the learning rate eta
w, b = np.zeros(d), 0.0                    # start with every weight 0
for step in range(3):
    z = X_train @ w + b                    # (2.1)
    a = sigmoid(z)                         # (2.2)
    print(f"step {step}: cost {cross_entropy(z, y_train):.6f}")
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
# here they agree to the last digit:

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
# weights negative.  (The 134 pixels that are blank in every image keep
# the weight 0.)
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
# Now we train with ``optimize.gradient_descent`` for the full 100 steps,
# printing the cost every 10 steps.  The cost printed at step $t$ is the
# cost before that step's update.

# %%
def report(iteration, w, b, cost):
    if iteration % 10 == 0 or iteration == args.iterations - 1:
        print(f"iteration {iteration:4d}   cost {cost:.6f}")


try:
    w, b, costs = gradient_descent(np.zeros(d), 0.0, X_train, y_train,
                                   args.iterations, rate, callback=report)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")

# %% [markdown]
# What to look for: the cost starts at $\log 2$ and jumps to 327 after the
# first step, as above.  By step 10 it is back down to about 5.5, and
# after 100 steps it is 1.22, still falling slowly.
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
# them), with the model's prediction beside each label:

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked test images:", picks.tolist())
print("predictions:       ", predict(w, b, X_test[picks]).tolist())
print("labels:            ", y_test[picks].tolist())

# %% [markdown]
# The cost curve
# --------------
#
# The figure shows the cost at every step, on a logarithmic scale so that
# both the jump of the first step and the long, slow fall after it are
# visible.

# %%
fig = cost_curves({f"rate {args.rate:g}, {pixels}": costs}, log_y=True,
                  title=f'Is it a {args.digit}? Cost during gradient descent ({m} images)')
save(fig, args, "02_binary_cost.png")
show(args)

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
# - Gradient descent (2.11) is a loop of a few lines.  From $w = 0$ on raw
#   pixels it reaches 99 % accuracy, but its first step overshoots wildly:
#   the scale of the pixels matters.
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
#    ``--scale``, which of the ten digits is hardest?
# 2. Check the gradient yourself: with ``numerical_gradient`` from
#    ``logreg_from_scratch.gradients``, estimate $dw$ for $w = 0$ on the
#    first 20 images and compare it with ``propagate``'s (relative error
#    below $10^{-6}$).
# 3. Rerun with ``--rate 0.05`` and with ``--rate 0.0005``.  The final cost
#    changes tenfold each time; do the accuracies?  Why?  Then, with
#    ``--scale``, which ends at the lower cost after 100 steps: ``--rate
#    0.5`` or ``--rate 5``?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (2.5), $\sigma'(z) = \sigma(z)(1 - \sigma(z))$, from (2.2).
#    Show also that $\sigma(-z) = 1 - \sigma(z)$.
# 5. Derive (2.10) from (2.3) and (2.9), and differentiate it in $z$: you
#    get (2.6) again, without the sigmoid's derivative.
# 6. Show that (2.10) is convex in $z$ (its second derivative is
#    $\sigma(z)(1 - \sigma(z)) > 0$) and that it approaches $|z|$ for a
#    confident mistake.
#
# To write this chapter's steps as code and have them graded:
# ``exercises/`` (see the README).
