# %% [markdown]
r"""
Chapter 3. All ten digits: one-vs-rest, and why the pixels must be scaled
=========================================================================

Which of the ten digits does an image show?  The simplest answer reuses
chapter 2 ten times.  We build one yes-or-no model for each digit ("is it
a 0?", "is it a 1?", and so on), train all ten at once with the same
matrix products, and answer with the digit whose model is most sure.
This is called *one-vs-rest*.  The original notebook trained these ten
models on raw pixels, and its cost bounced up and down instead of
falling.  This chapter reproduces that run, explains the bouncing with a
little geometry of the cost, and cures it by scaling the pixels.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import (blas_kernel, chapter_parser, load, parse, positive,
                                         save, show)
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.newton import hessian
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves, curvature_bowl
from logreg_from_scratch.predict import accuracy, predict
from logreg_from_scratch.sigmoid import sigmoid
from logreg_from_scratch.uncertainty import describe_paired


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--scaled-rate 1"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=110, rate=0.002)
parser.add_argument("--every", type=positive(int), default=10,
                    help="print progress every n iterations (default %(default)s)")
parser.add_argument("--scaled-rate", type=positive(float), default=0.5,
                    help="learning rate of run 2, on pixels scaled to [0, 1] (default %(default)s)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
k = 10

# %% [markdown]
# Ten models side by side
# -----------------------
#
# Give each digit $\ell$ (for $\ell = 0, 1, \dots, 9$) its own weight
# vector and its own bias, as in chapter 2.  Put the ten weight vectors
# side by side as the columns of one matrix $W$ of shape $(d, k)$, where
# $k = 10$ is the number of classes, and the ten biases into one vector
# $b$ of shape $(k,)$.  Then a single matrix product scores every image
# for every digit:
#
# $$
# Z = X W + b. \tag{3.1}
# $$
#
# The logits $Z$ form a matrix of shape $(m, k)$: $Z_{i\ell}$ is the logit
# of image $i$ under digit $\ell$'s model.  The product $XW$ has that
# shape too, and NumPy adds $b$, of shape $(k,)$, to each of its rows
# (this is called *broadcasting*).
#
# The labels change form too.  Each label becomes a *one-hot* row of $k$
# numbers (``labels.one_hot``): $Y_{i\ell} = 1$ when image $i$ shows digit
# $\ell$, and $Y_{i\ell} = 0$ otherwise.  Column $\ell$ of $Y$ is then
# exactly chapter 2's label vector for the question "is it an $\ell$?".
# In the same way $A = \sigma(Z)$, the sigmoid applied to each entry,
# holds the ten models' probabilities, one model to a column.
#
# Each model has its own cost: chapter 2's cross-entropy (2.4) of its own
# column, which we call $J_\ell$.  We train the ten models together, so
# we add their costs up.  The cost of one-vs-rest is the *sum* of the ten
# binary costs:
#
# $$
# \begin{aligned}
# J(W, b) &= \sum_{\ell=0}^{k-1} J_\ell \\
# &= -\frac{1}{m} \sum_{i=1}^{m} \sum_{\ell=0}^{k-1} \bigl(Y_{i\ell} \log A_{i\ell} \\
# &\qquad + (1 - Y_{i\ell}) \log(1 - A_{i\ell})\bigr).
# \end{aligned} \tag{3.2}
# $$
#
# At the start, with $W = 0$ and $b = 0$, each of the ten costs is
# $\log 2$, so $J = 10 \log 2 = 6.93$.
#
# Next, the gradient.  The weights of model $\ell$, column $\ell$ of $W$,
# and its bias $b_\ell$ appear in $J_\ell$ only.  So the derivative of the
# sum $J$ in them is the derivative of $J_\ell$ alone, which is chapter
# 2's gradient (2.8) for column $\ell$.  Side by side, the ten columns of
# (2.8) are again one matrix product:
#
# $$
# \begin{aligned}
# dW &= \frac{1}{m} X^\top (A - Y), \\
# db &= \frac{1}{m} \sum_{i=1}^{m} (A_{i\cdot} - Y_{i\cdot}).
# \end{aligned} \tag{3.3}
# $$
#
# Check the shapes: $X^\top$ is $(d, m)$ and $A - Y$ is $(m, k)$, so $dW$
# is $(d, k)$, like $W$, with one derivative for every weight.  In the
# second line $A_{i\cdot}$ stands for row $i$ of $A$, so $db$ has shape
# $(k,)$, one derivative for each bias.  This is what
# ``gradients.propagate`` computes.
#
# The cost we print and the gradient we follow belong together: $dW$ and
# $db$ are the gradient of the sum $J$ of (3.2), and $J$ is the cost the
# chapter prints.  So the learning rate $\eta$ is a rate on the printed
# cost, as in chapter 2, and each model moves just as chapter 2 would
# move it alone.  The original notebook did not quite do this.  It
# followed the same gradient, but it printed the mean of the ten costs,
# $J / 10$, a cost whose gradient is a tenth of the one it followed.
#
# To answer, we pick the digit whose model is most sure:
# $\hat y_i = \arg\max_\ell A_{i\ell}$, the $\ell$ with the largest
# $A_{i\ell}$ (``predict.predict``).

# %%
def train(X, y, rate, each_model=None):
    """Gradient descent from W = 0; each_model, a list, gets each column's own cost J_l
    (2.4) after every step: the ten models' costs, read off the one run."""
    Y = one_hot(y, k)

    def report(iteration, W, b, cost):  # iteration counts from 0; cost is before its step
        step = iteration + 1
        if each_model is not None:
            Z = X @ W + b  # the model after this step
            each_model.append([cross_entropy(Z[:, l], Y[:, l]) for l in range(k)])
        if step % args.every == 0:
            train_accuracy = accuracy(predict(W, b, X), y)
            print(f"{step:8d}   {cost:18.6f}   {100 * train_accuracy:25.2f} %")

    print(f"{'step t':>8}   {'cost before step t':>18}   {'train accuracy after step t':>27}")
    try:
        return gradient_descent(np.zeros((X.shape[1], k)), np.zeros(k), X, one_hot(y, k),
                                args.iterations, rate, callback=report)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")


def summarise(W, b, costs, run):
    end = cross_entropy(X_train @ W + b, one_hot(y_train, k))  # the cost after the last step
    after = np.append(costs, end)  # entry t: the cost after t steps
    print(f"cost after 1 step {after[1]:.2f}, after {len(costs)} steps {end:.6f}  ({run})")
    print(f"train accuracy: {100 * accuracy(predict(W, b, X_train), y_train):.2f} %  ({run})")
    print(f"test accuracy: {100 * accuracy(predict(W, b, X_test), y_test):.2f} %  ({run})")
    return end


# %% [markdown]
# Run 1: raw pixels, the original notebook's settings
# ---------------------------------------------------
#
# The first run uses the original notebook's settings: the first 3000
# training and 500 test images, raw pixel values from 0 to 255, learning
# rate $\eta = 0.002$, and 110 steps from $W = 0$, $b = 0$.
#
# Every 10 steps the chapter prints a row of two numbers, which belong to
# two models one step apart.  The first is the cost that step $t$
# computes on its way, before it updates the weights: the cost of the
# model after $t - 1$ steps.  The second is the accuracy on the training
# images of the model after step $t$.  We print them this way because it
# is exactly what the original notebook printed, and we want to reproduce
# its numbers one for one.  After the table, the chapter prints the cost
# of the final model, after all 110 steps.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=False)
kernel, reference = blas_kernel()
print(f"Run 1: raw 0-255 pixels, learning rate {args.rate:g}")
print(f"BLAS: {kernel}")
print(f"  reproduces the original notebook's late numbers exactly: "
      f"{'yes' if reference else 'no'}")
each_model = [[np.log(2.0)] * k]  # every model's cost at W = 0, then after each step
W_raw, b_raw, costs_raw = train(X_train, y_train, args.rate, each_model)
end_raw = summarise(W_raw, b_raw, costs_raw, "run 1: raw pixels")
Z_test_raw = X_test @ W_raw + b_raw  # run 1's test logits, kept to compare with run 2

# %% [markdown]
# What to look for: the cost before step 10 is 156.420820, and the train
# accuracy after step 10 is 78.40 %.  The original notebook printed these
# two numbers on one line, as 15.642082 and 78.4 %: its cost is the mean
# of the ten models' costs, $J / 10$, where we print their sum $J$.  After
# that the cost jumps up and down (101.4, 62.4, 39.7, 80.4, 36.1, 85.2,
# ...), and the train accuracy swings between 70 % and 91 %.  The final
# 91.27 % train and 83.80 % test accuracy are a snapshot of this bouncing
# run, taken wherever its 110th step happened to leave it.
#
# A bouncing run also magnifies rounding errors.  The last digit of a sum
# of floating-point numbers depends on the order in which they are added.
# The library that computes NumPy's matrix products (BLAS, named in the
# second line of the output) adds up $X^\top (A - Y)$ in an order that
# differs from one processor to another.  In a run that falls smoothly,
# such a difference in the last digit stays in the last digits.  In a
# bouncing run it grows.  Each step that overshoots multiplies the gap
# between two nearly equal sets of weights by a number larger than 1 (the
# next section shows why), and after some dozens of steps the gap is
# large enough to move images from one side of 0 to the other, which
# changes their errors, and so the later steps, by much more.  So on your
# machine the late accuracies may differ from the
# original notebook's by a few tenths of a point, while the cost before
# step 10 does not.  (The third line of the output says whether your
# machine should reproduce the late numbers exactly: the chapter looks up
# the name of its BLAS library in a list of those that were measured to
# do so.  Chapter 8 says more about BLAS.)
#
# Why it bounces: how sharply the cost curves
# -------------------------------------------
#
# To understand the bouncing we need one new idea: the *curvature* of the
# cost, which says how fast its slope changes.  In this book, the
# curvature of a function of one number is its second derivative.  (In
# geometry, the curvature of a curve is a related but different quantity;
# we will not need it.)
#
# We write $\theta$ for all the parameters of one model together: its
# weights and its bias, $\theta = (w, b)$, a vector of $d + 1$ numbers.
#
# **In one dimension.**  Suppose first that $\theta$ had a single entry,
# and the cost were the parabola $J(\theta) = 2\theta^2$.  Its slope is
# $4\theta$ and its curvature is 4.  A gradient-descent step moves
# $\theta$ to $\theta - \eta \cdot 4\theta = (1 - 4\eta)\,\theta$.  So each
# step multiplies the distance to the minimum at 0 by $1 - 4\eta$, and the
# distance shrinks only while $|1 - 4\eta| < 1$, that is while
# $\eta < 2/4$.  A step with $\eta$ between $1/4$ and $2/4$ overshoots the
# minimum but lands closer to it on the other side.  A step with
# $\eta > 2/4$ lands farther away each time, and the bouncing grows.  The
# same argument works for any curvature: the learning rate must stay
# below 2 divided by the curvature.
#
# **Along a direction.**  A real cost depends on many numbers at once.
# Take one of the ten models, model $\ell$, with its parameters $\theta$
# (column $\ell$ of $W$ and the bias $b_\ell$) and its cost $J_\ell$.  As
# in chapter 2, write $a_i = A_{i\ell}$ for its probabilities and
# $y_i = Y_{i\ell}$ for its labels.  From a point $\theta$ we can move in
# any direction: pick a vector $\delta$ of length 1, and follow the cost
# along the line $\theta + \epsilon\,\delta$, where $\epsilon$ is a number
# that says how far we have moved.  Along that line the cost is a function
# of the one number $\epsilon$, and its second derivative at
# $\epsilon = 0$ is the *curvature of the cost along* $\delta$.
#
# For the cross-entropy we can compute it with chapter 2's tools.  Append
# a 1 to each image, $\tilde x_i = (x_i, 1)$, so that the logit is
# $z_i = \tilde x_i \cdot \theta$.  Along the line, each logit changes at
# the rate $dz_i / d\epsilon = \tilde x_i \cdot \delta$.  By (2.6) and the
# chain rule, the slope of the cost along the line is
# $\frac{1}{m} \sum_i (a_i - y_i)\,(\tilde x_i \cdot \delta)$.
# Differentiating once more, the factor $a_i - y_i$ changes at the rate
# $a_i (1 - a_i)\, (\tilde x_i \cdot \delta)$, by (2.5) and the chain rule
# again, and the factor $\tilde x_i \cdot \delta$ does not change.  This
# gives the curvature, in the first line below.  The second line writes
# it with matrices.  There $\tilde X$ is $X$ with a column of ones
# appended, so that its rows are the $\tilde x_i$, and $S$ is the diagonal
# matrix of shape $(m, m)$ with the numbers $a_i (1 - a_i)$ on its
# diagonal:
#
# $$
# \begin{aligned}
# \frac{d^2}{d\epsilon^2} J_\ell(\theta + \epsilon\delta) &= \frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot \delta)^2 \\
# &= \delta^\top H \delta, \qquad H = \frac{1}{m} \tilde X^\top S \tilde X.
# \end{aligned} \tag{3.4}
# $$
#
# Here is the step from the first line to the second.  The vector
# $\tilde X \delta$ has one entry for each image, $\tilde x_i \cdot \delta$.
# Multiplying it by the diagonal matrix $S$ multiplies entry $i$ by
# $a_i (1 - a_i)$, and the dot product of $\tilde X \delta$ with the result
# is the sum in the first line:
# $\sum_i a_i (1 - a_i)(\tilde x_i \cdot \delta)^2 = (\tilde X \delta)^\top S\, (\tilde X \delta)$.
# Finally, transposing a product reverses its order,
# $(\tilde X \delta)^\top = \delta^\top \tilde X^\top$, which gives
# $\delta^\top \tilde X^\top S \tilde X \delta$.
#
# The matrix $H$, of shape $(d + 1, d + 1)$, is called the *Hessian* of
# the cost; chapter 10 builds a faster method on it.  It holds all the
# second derivatives of $J_\ell$: its entry in row $j$ and column $j'$ is
# $\partial^2 J_\ell / \partial \theta_j \partial \theta_{j'}$, the
# derivative in $\theta_{j'}$ of the slope in $\theta_j$.  (To see this,
# differentiate entry $j$ of the gradient,
# $\frac{1}{m} \sum_i (a_i - y_i)\, \tilde x_{ij}$, in $\theta_{j'}$: by
# (2.5) this gives
# $\frac{1}{m} \sum_i a_i (1 - a_i)\, \tilde x_{ij}\, \tilde x_{ij'}$,
# which is entry $(j, j')$ of $\tilde X^\top S \tilde X / m$.)
#
# Here we need three facts about $H$.  First, every curvature is at least
# 0, because (3.4) is a sum of squares times positive numbers: the cost
# curves upward, or runs straight, in every direction.  Second, $H$
# contains the pixel values twice, once in $\tilde X^\top$ and once in
# $\tilde X$.  Third, $H$ does not depend on the labels, only on the
# images and on the probabilities $a_i$.
#
# **The directions of least and most curvature.**  The matrix $H$ is
# *symmetric*: $H^\top = H$.  A symmetric matrix has special directions,
# its *eigenvectors*.  Along an eigenvector $\delta$ the matrix acts like
# a number: $H\delta$ is a multiple of $\delta$, and that multiple is the
# *eigenvalue*.  Linear algebra shows that for a symmetric matrix with
# $d + 1$ rows one can always choose $d + 1$ eigenvectors of length 1,
# all at right angles to one another (this is the *spectral theorem*).
# We write $\operatorname{eig}_{\max}(H)$ and $\operatorname{eig}_{\min}(H)$
# for the largest and smallest eigenvalues, and $\delta_{\max}$ and
# $\delta_{\min}$ for their eigenvectors of length 1.  Along such an
# eigenvector, the curvature is exactly its eigenvalue.  For example,
# $\delta_{\max}^\top H \delta_{\max}$ is
# $\operatorname{eig}_{\max}(H)\, \delta_{\max}^\top \delta_{\max}$, and
# that is $\operatorname{eig}_{\max}(H)$, since
# $\delta_{\max}^\top \delta_{\max} = \lVert \delta_{\max} \rVert^2 = 1$.
#
# Every other direction is a mix of the eigenvectors.  In two dimensions,
# a direction at angle $\varphi$ from $\delta_{\max}$ is
# $\delta = \cos\varphi\, \delta_{\max} + \sin\varphi\, \delta_{\min}$.
# Multiplying out $\delta^\top H \delta$, with
# $H\delta_{\max} = \operatorname{eig}_{\max}(H)\, \delta_{\max}$,
# $H\delta_{\min} = \operatorname{eig}_{\min}(H)\, \delta_{\min}$,
# $\delta_{\max} \cdot \delta_{\min} = 0$ and both of length 1, leaves
#
# $$
# \begin{aligned}
# \delta^\top H \delta &= \cos^2\varphi\, \operatorname{eig}_{\max}(H) \\
# &\quad + \sin^2\varphi\, \operatorname{eig}_{\min}(H).
# \end{aligned} \tag{3.5}
# $$
#
# The weights $\cos^2\varphi$ and $\sin^2\varphi$ add up to 1, so the
# curvature along any direction is an average of the two eigenvalues.  It
# is never above $\operatorname{eig}_{\max}(H)$, which it reaches along
# $\delta_{\max}$, and never below $\operatorname{eig}_{\min}(H)$, which it
# reaches along $\delta_{\min}$.  In more dimensions the same holds, with
# one weight for each eigenvector: the largest eigenvalue is the largest
# curvature in any direction, and the smallest eigenvalue the smallest.
#
# The same argument covers the ten models at once.  A direction for all
# of them has ten pieces, one for each model's parameters, and the
# squared lengths of the pieces add up to 1.  Each model's cost depends
# on its own piece only, so the curvature of the sum $J$ along the
# direction is the sum of the ten models' curvatures along their pieces.
# A piece's curvature is its squared length times the curvature along the
# same piece stretched to length 1.  So the sum is an average of the ten
# models' curvatures along directions of length 1, with the pieces'
# squared lengths as its weights.  An average is never above its largest
# term, so the largest curvature of $J$ is the largest among the ten
# models' largest eigenvalues.
#
# **The rule for the learning rate.**  Take first a cost that is exactly
# a quadratic bowl: its minimum is at $\theta^\star$, and it has the same
# Hessian $H$ everywhere.  Up to a constant, such a cost is
# $\tfrac12 (\theta - \theta^\star)^\top H (\theta - \theta^\star)$.  Its
# gradient is $H (\theta - \theta^\star)$.  In one dimension, where $H$
# is a single number, this is the familiar rule that
# $\tfrac12 H (\theta - \theta^\star)^2$ has the derivative
# $H (\theta - \theta^\star)$.  In general, write the cost out as the
# double sum
# $\tfrac12 \sum_j \sum_{j'} H_{jj'} (\theta_j - \theta^\star_j) (\theta_{j'} - \theta^\star_{j'})$
# and differentiate it in one entry
# $\theta_j$: the entry appears once as the first factor and once as the
# second, and because $H_{jj'} = H_{j'j}$ the two terms are equal and add
# up to $\sum_{j'} H_{jj'} (\theta_{j'} - \theta^\star_{j'})$, entry $j$ of
# $H (\theta - \theta^\star)$.
#
# Write $\theta_t$ for the parameters after $t$ steps and $I$ for the
# identity matrix.  A step of gradient descent,
# $\theta_{t+1} = \theta_t - \eta H (\theta_t - \theta^\star)$, gives
#
# $$
# \theta_{t+1} - \theta^\star = (I - \eta H)\,(\theta_t - \theta^\star). \tag{3.6}
# $$
#
# Along an eigenvector, $H$ acts like its eigenvalue, so each step
# multiplies the component of $\theta_t - \theta^\star$ along that
# eigenvector by the number $1 - \eta \cdot \text{(its eigenvalue)}$: the
# one-dimensional story again, once for each eigenvector.  The component
# shrinks only if this number lies between $-1$ and 1, that is, if $\eta$
# stays below 2 divided by the eigenvalue.  The largest eigenvalue gives
# the tightest limit:
#
# $$
# 0 < \eta < \frac{2}{\operatorname{eig}_{\max}(H)}. \tag{3.7}
# $$
#
# One kind of direction is an exception: along an eigenvector whose
# eigenvalue is 0 the factor is exactly 1, so that component never
# changes.  The cost is flat along such a direction, and gradient descent
# does not move along it at all.  Our $H$ has such directions: a pixel
# that is blank in every training image gives $H$ a row and a column of
# zeros, and its weight stays where it started.  Chapter 2 counted 134
# such pixels in the first 3000 training images.
#
# The figure shows (3.6) on a bowl of two parameters, whose curvatures
# are 4 along its steep direction and 0.25 along its flat one, so the
# limit is $2/4 = 0.5$.  The star marks the minimum.  With $\eta = 0.45$
# the path zigzags across the steep direction, but each zigzag is smaller
# than the one before.  With $\eta = 0.55$ each zigzag is larger than the
# one before: after eight steps the path is farther from the minimum
# along the steep direction than where it started, and it keeps moving
# away, while it still creeps towards the minimum along the flat
# direction.

# %%
turn = np.deg2rad(30)  # the steep direction, 30 degrees from the theta_1 axis
steep, flat = np.array([np.cos(turn), np.sin(turn)]), np.array([-np.sin(turn), np.cos(turn)])
H_bowl = 4 * np.outer(steep, steep) + 0.25 * np.outer(flat, flat)  # eigenvalues 4 and 0.25
paths = {}
for eta in (0.45, 0.55):
    theta = 0.4 * steep + 2.5 * flat                 # the start
    points = [theta]
    for t in range(8):
        theta = theta - eta * H_bowl @ theta         # the gradient of the bowl is H theta
        points.append(theta)
    side = "below" if eta < 2 / 4 else "above"
    paths[f"rate {eta:g}, {side} 2 / 4 = 0.5"] = np.array(points)
fig = curvature_bowl(H_bowl, paths, title="Gradient descent on a bowl with curvatures "
                                          "4 and 0.25")
save(fig, args, "03_curvature_bowl.png")

# %% [markdown]
# Why scaling the pixels helps
# ----------------------------
#
# Divide every pixel by 255, so that the pixels lie between 0 and 1.  We
# write $X_{\mathrm{s}} = X / 255$ for the scaled pixels (the "s" is for
# scaled).  The weights $W_{\mathrm{s}} = 255\, W$ then give exactly the
# same logits, $X_{\mathrm{s}} W_{\mathrm{s}} = X W$, so the model can say
# the same things, and its best accuracy is unchanged.  What changes is
# the shape of the cost as gradient descent sees it.  By (3.3) the
# gradient is a mean of pixel values times errors, so it contains the
# pixels once.  By (3.4) the curvature contains them twice.  For the
# gradient, and for $H_{jj}$, the Hessian's entry for the weight of pixel
# $j$ (the curvature along that weight, in any one model), this means
#
# $$
# \begin{aligned}
# dW_{\mathrm{s}} &= \frac{1}{255}\, dW, \\
# (H_{\mathrm{s}})_{jj} &= \frac{1}{255^2}\, H_{jj}.
# \end{aligned} \tag{3.8}
# $$
#
# Here $dW_{\mathrm{s}}$ and $H_{\mathrm{s}}$ are the gradient in
# $W_{\mathrm{s}}$ and the Hessian on scaled pixels, at the same logits.
# The same factor $1/255^2$ holds for every entry of $H$ that pairs two
# pixels.  So on raw pixels the curvature in the weights is
# $255^2 = 65{,}025$ times larger than on scaled pixels, and by (3.7) a
# learning rate that is stable on raw pixels must be about that much
# smaller.  The bias is different: it is multiplied by the column of
# ones, which is not scaled, so its own curvature stays the same.
#
# The cell below computes $\operatorname{eig}_{\max}(H)$ at the start of
# training for both kinds of pixels.  At the start $W = 0$, so every
# $a_i (1 - a_i)$ is $\tfrac14$, and every one of the ten models has the
# same $H$, since $H$ does not depend on the labels (``newton.hessian``).

# %%
for name, X in (("raw pixels", X_train), ("pixels / 255", X_train / 255)):
    H = hessian(np.zeros(X.shape[1]), 0.0, X)  # (3.4) at theta = 0; no labels needed
    largest = np.linalg.eigvalsh(H)[-1]        # eigvalsh lists the eigenvalues smallest first
    print(f"{name:>12}: eig_max(H) at the start {largest:.4g}, "
          f"2 / eig_max(H) = {2 / largest:.2g}")

# %% [markdown]
# What to look for: the largest curvature is about 63,500 times larger on
# raw pixels than on scaled ones.  It is not exactly 65,025 because of the
# bias: the bias's own entry of $H$ does not change with the scaling, and
# the entries that pair the bias with a pixel change by $1/255$ only.  So
# raw $H$ is not exactly 65,025 times scaled $H$, and their largest
# eigenvalues are not either.  By (3.7) the rate should stay below
# $3.2 \times 10^{-6}$ on raw pixels and below 0.2 on scaled ones.
#
# For the cross-entropy these two numbers are safe rates, not only rough
# ones.  Every $a_i (1 - a_i)$ is at most $\tfrac14$ (exercise 4 of
# chapter 2), and at the start all of them equal $\tfrac14$.  So by (3.4)
# no point has more curvature, in any direction, than the start has.  A
# rate below $2 / \operatorname{eig}_{\max}(H)$ at the start therefore
# satisfies (3.7) everywhere, and then each step lowers the cost.
#
# How much larger can the rate be?  We tried the learning rates 1, 2, 3,
# 5 and 7 times each power of ten, each for the same 110 steps on these
# 3000 images, and asked which ones lower the cost at every step.  (These
# runs take a while, so the chapter does not repeat them; the test suite
# does, in ``tests/test_optimize.py``.)  On raw pixels the largest such
# rate is $7 \times 10^{-6}$; at $10^{-5}$ the cost rises once, at the
# first step.  On scaled pixels the largest is 0.5; at 0.7 the cost rises
# once, also at the first step.  The ratio of the two limits,
# $0.5 / (7 \times 10^{-6}) \approx 71{,}000$, is close to 65,025, as
# (3.8) predicts, given how coarse the grid of rates is.
#
# Both limits are two to two and a half times the bound at the start.  The
# rule (3.7) is exact for a quadratic bowl, and the cross-entropy is not
# one: as soon as the logits move away from 0, the numbers $a_i (1 - a_i)$
# shrink, and the curvature shrinks with them.  So a step that would
# overshoot a bowl of the starting curvature can still land lower.  For
# the cross-entropy, (3.7) at the start gives a rate that is sure to work
# and the right order of magnitude for the largest one, not its last
# digit.
#
# The original notebook's rate of 0.002 is about 300 times the largest
# rate that works on raw pixels, and that is why run 1 bounces.  Why does
# its bouncing not grow without end, as on a bowl?  Because the gradient
# (3.3) is a mean of pixel values times errors $A_{i\ell} - Y_{i\ell}$
# that lie between $-1$ and 1, so in one step no weight can move by more
# than $\eta$ times the average value of its pixel.  A bowl's gradient,
# in contrast, grows with the distance from its minimum.  And once a step
# overshoots, so that images land on the wrong side of 0, their errors
# change sign and the next steps point back.  The curvature helps too:
# far from the boundary, where the logits are large, $a_i (1 - a_i)$ is
# almost 0, and there the cost is nearly a straight slope with almost no
# curvature: there is no nearby bottom for a large step to overshoot.
#
# Chapter 2's run used an even larger rate, 0.005, yet after its first
# step its cost fell at every step.  That is a matter of the digit, not
# of the chapter.  Run 1's ten columns are ten models trained side by side,
# each exactly as chapter 2 would train it alone at run 1's rate (3.3), so
# run 1 recorded each model's own cost $J_\ell$ after every step.  The cell
# below counts the steps after the first at which each model's cost rises:

# %%
costs_each = np.array(each_model)  # (iterations + 1, k): row t, the costs after t steps
rises = [int(n) for n in np.sum(np.diff(costs_each, axis=0)[1:] > 0, axis=0)]  # steps 2, 3, ...
print(f"each model alone, raw pixels, rate {args.rate:g}: the steps after the first")
print(f"(of {args.iterations - 1}) at which its cost rises")
print("  digit:" + "".join(f"{digit:4d}" for digit in range(k)))
print("  rises:" + "".join(f"{n:4d}" for n in rises))

# %% [markdown]
# What to look for: the cost of the model for the 1s, chapter 2's
# question, never rises after its first step, while the cost of the model
# for the 8s rises at 56 of its 109 later steps.  (Like every late number
# of a bouncing run, the counts other than the 1s' may differ a little on
# your machine.)  Chapter 2's exercise 1 points the same way: on raw
# pixels, "is it an 8?" ends below the score of always saying "no".  The rule (3.7) at the start cannot tell these models
# apart, because at the start every model has the same $H$: which of them
# bounce depends on the images of each digit, and on where the first,
# overlarge step throws each model.
#
# Run 2: the same model on scaled pixels
# --------------------------------------
#
# The same model, the same 110 steps, but on pixels divided by 255, with
# learning rate 0.5.  That is 2.5 times the safe rate 0.2 computed above,
# and the largest rate on our grid at which the cost fell at every step
# (exercise 1 looks closer).

# %%
X_train, X_test = X_train / 255, X_test / 255
print(f"\nRun 2: pixels scaled to [0, 1], learning rate {args.scaled_rate:g}")
W_scaled, b_scaled, costs_scaled = train(X_train, y_train, args.scaled_rate)
end_scaled = summarise(W_scaled, b_scaled, costs_scaled, "run 2: scaled pixels")
falls = np.all(np.diff(np.append(costs_scaled, end_scaled)) < 0)
print(f"run 2's cost falls at every step: {'yes' if falls else 'no'}")

# %% [markdown]
# What to look for: run 2's cost falls at every single step, to 0.81
# after 110 steps, where run 1 ends at 16.98.  Its test accuracy, 88.20 %,
# is higher than run 1's 83.80 %, even though its train accuracy is lower.
# That is not a contradiction: run 1's accuracies are a snapshot of a
# bouncing run, taken wherever its last step left it, and a train
# accuracy says little about new images (chapter 6 measures that gap
# properly).
#
# Is the test difference more than chance?  On 500 test images a
# difference of a few points is only a couple of dozen images.  So we
# compare the two runs image by image: we count the images that one run
# gets right and the other gets wrong.  *McNemar's test* (chapter 6
# derives it) then asks how often a split at least that uneven would
# happen by chance if the two runs were equally good.  That chance is the
# test's *p-value*.  The word "exact" in the output means that the
# p-value is computed by counting the possible splits, not by an
# approximation.
#
# There is a catch in run 1, though: ties.  On raw pixels many logits of
# run 1 are in the hundreds, and $\sigma(z)$ rounds to exactly 1.0 once
# $z$ is above about 36.7.  Then several models "say 1.0" for the same
# image, and ``np.argmax`` picks the lowest of those digits, whatever
# their logits are.  The original notebook predicted this way, and so do
# we, to reproduce its numbers.  Since the sigmoid is increasing, the
# largest $A_{i\ell}$ and the largest $Z_{i\ell}$ would be the same model
# if nothing were rounded; taking the argmax over the logits $Z$ instead
# breaks those ties by the logits.  The cell below does both comparisons.

# %%
right_2 = predict(W_scaled, b_scaled, X_test) == y_test
right_1 = np.argmax(sigmoid(Z_test_raw), axis=1) == y_test  # as predict does: with ties
right_1_by_logits = np.argmax(Z_test_raw, axis=1) == y_test  # ties broken by the logits
print(f"run 1 with the argmax of the logits instead of sigma: test accuracy "
      f"{100 * right_1_by_logits.mean():.2f} %")
for title, right_raw in (("paired, on the same test images:", right_1),
                         ("paired, with run 1's ties broken by its logits:",
                          right_1_by_logits)):
    print(title)
    for part in describe_paired(right_2, right_raw, "run 2", "run 1").split("; "):
        print(f"  {part}")  # a line each: two counts, then the p-value

# %% [markdown]
# What to look for: against run 1 as the original notebook predicted,
# run 2 is right on 40 test images that run 1 gets wrong, and run 1 on 18
# that run 2 gets wrong.  The p-value, 0.0054, says that a split this
# uneven would rarely happen by chance.  But part of that gain is the
# ties, not the scaling: breaking run 1's ties by its logits alone raises
# its test accuracy from 83.80 % to 86.00 %.  Against that fairer run 1,
# the split is 30 against 19, with p-value 0.15: a split this uneven
# would not be rare between equally good runs, so these 500 images cannot
# tell whether scaling the pixels also raises the test accuracy.  That
# does not make the two runs equal; it means the test is too small to
# decide.  What scaling surely changes is the training itself: its cost
# falls at every step, to a far lower value.
#
# Both cost curves on one figure, on a logarithmic scale.  Run 1's cost
# jumps from 6.93 to about 1705 at its first step, for the same reason as
# chapter 2's: that step is hundreds of times too large.  It pushes every
# logit of every model far below 0, so each model says "no" to every
# image and is confidently wrong about every image of its own digit.

# %%
fig = cost_curves({f"run 1: raw pixels, rate {args.rate:g}": np.append(costs_raw, end_raw),
                   f"run 2: pixels / 255, rate {args.scaled_rate:g}":
                       np.append(costs_scaled, end_scaled)},
                  log_y=True, xlabel="steps taken",
                  title="Ten digits, one-vs-rest: cost during gradient descent")
save(fig, args, "03_multiclass_cost.png")
show(args)

# %% [markdown]
# Summary
# -------
#
# - The $k$ one-vs-rest models are the columns of $W$, of shape $(d, k)$.
#   One product $Z = XW + b$ scores them all (3.1), their cost is the sum
#   of their binary costs (3.2), and one product gives its gradient,
#   $X^\top (A - Y)/m$ (3.3).
# - The curvature of the cost along a direction $\delta$ of length 1 is
#   $\delta^\top H \delta$ (3.4).  It lies between the smallest and the
#   largest eigenvalue of $H$ (3.5).
# - On a quadratic bowl, gradient descent converges exactly when
#   $\eta < 2 / \operatorname{eig}_{\max}(H)$ (3.6, 3.7): a larger rate
#   bounces across the steepest direction.  For the cross-entropy, whose
#   curvature is largest at the start, the rule at the start gives a rate
#   that is sure to work and the order of magnitude of the largest rate
#   that does.
# - The pixels' scale sets the curvature: on 0-255 pixels it is $255^2$
#   times that on $[0, 1]$ pixels (3.8), so a rate that suits one is
#   unstable or sluggish on the other.  Scale the inputs first.
# - Compare two models on the same images, image by image, and look for
#   differences that are not the comparison's own doing (here, ties).
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Rerun with ``--scaled-rate 0.6``, ``0.7``, ``1`` and ``2``.  At which
#    of these rates does the cost of run 2 stop falling at every step, and
#    at which step does it first rise?  (``--every 1`` prints every step.)
#    Compare with the safe rate 0.2 that the chapter computes at the start.
# 2. The models are independent.  After run 2, in the chapter's notebook,
#    train "is it a 3?" alone on the same scaled pixels with
#    ``gradient_descent(np.zeros(784), 0.0, X_train,
#    binary_labels(y_train, 3), 110, 0.5)``, and compare its weights and
#    bias with column 3 of ``W_scaled`` and with ``b_scaled[3]``.  How
#    large is the largest difference?  (Chapter 2's script, run with
#    ``--digit 3 --scale --rate 0.5 --iterations 110``, trains the same
#    model, but it does not hand you $w$.)
# 3. Replace ``predict`` by argmax of $XW + b$ for run 2.  Does it change
#    anything on scaled pixels?  Why not?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Show (3.8): if $X_{\mathrm{s}} = X/255$ and $W_{\mathrm{s}} = 255\, W$,
#    the logits are equal, the gradient in $W_{\mathrm{s}}$ is $1/255$ of
#    the gradient in $W$, and each second derivative in a weight is
#    $1/255^2$ of the raw one.
