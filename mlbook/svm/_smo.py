r"""Sequential minimal optimisation (SMO) of the SVM dual, as libsvm does it.

Derived in the chapter [Support vector machines](../svm/support-vector-machines.md),
equations (6.19) to (6.26). The solver minimises $f = -W$ of the dual (6.17),

$$f(\beta) = \tfrac{1}{2}(\beta \odot y)^\mathsf{T} G\,(\beta \odot y)
          - \mathbf{1}^\mathsf{T}\beta,
  \qquad 0 \le \beta_k \le C,\quad y^\mathsf{T}\beta = 0,$$

with labels $y_k = \pm 1$ and the Gram matrix $G$. Each iteration changes two
multipliers, picked by the second-order rule of Fan, Chen and Lin (2005),
along the one direction that keeps $y^\mathsf{T}\beta = 0$; it costs a few
numpy operations on vectors of length $m$ and no loop over examples. The
solver keeps $v_k = -y_k\, \partial f / \partial \beta_k = y_k - \sum_i \beta_i y_i G_{ik}$,
the label minus the decision value without its bias.

The rows of $G$ it reads, and the rows $1/\sqrt{\eta_{ik}}$ of the pair
choice, are kept in a cache of bounded size (``cache_bytes``, libsvm's
``cache_size``): when it is full, the row used least recently is dropped and
computed again if it is needed again. A row is the same numbers whenever it
is computed, so the size of the cache changes the time, never the result.
"""

import numpy as np

# libsvm's TAU: the curvature used in place of eta <= 0 (a kernel that is not
# positive semi-definite, or two identical examples), so a step stays finite.
TAU = 1e-12


class _RowCache:
    """At most ``max_rows`` rows, keyed; the row used least recently goes first.

    ``get(key, compute, arg)`` returns the kept row, or ``compute(arg)``, which
    it keeps. A dict keeps its keys in insertion order, so taking a row out
    and putting it back makes it the newest, and the first key is the one
    used least recently. Holds only the rows (no reference back to the
    solver), so a dropped row is freed at once.
    """

    def __init__(self, max_rows):
        self.max_rows = max(2, int(max_rows))  # the two rows of one step, as libsvm
        self.rows = {}
        self.computed = 0  # rows computed, counting a row computed again after eviction

    def get(self, key, compute, arg):
        rows = self.rows
        row = rows.pop(key, None)
        if row is None:
            row = compute(arg)
            self.computed += 1
            if len(rows) >= self.max_rows:
                del rows[next(iter(rows))]  # the least recently used
        rows[key] = row  # the most recently used
        return row


# --8<-- [start:select]
def _select_pair(v_up, v_low, G_row, diag, scale_row):
    """The pair (i, j) of equation (6.24), and the largest violation of (6.21).

    v_up holds v_k on I_up and -inf elsewhere; v_low holds v_k on I_low and
    +inf elsewhere (6.20). Then each choice below is one argmax.
    """
    i = int(v_up.argmax())  # v_i is the largest v on I_up
    dv = v_up.item(i) - v_low  # (m,): v_i - v_k on I_low, -inf elsewhere
    violation = dv.item(dv.argmax())  # v_i - smallest v on I_low (argmax beats max)
    scale = scale_row(i)  # (m,): 1 / sqrt(eta_ik) for every k (6.22)
    # The largest dv^2 / eta over dv > 0 is the largest dv / sqrt(eta). Some dv
    # exceeds tol > 0 unless we stop, so a dv <= 0 never wins: no mask needed.
    dv *= scale
    return i, int(dv.argmax()), violation
# --8<-- [end:select]


# --8<-- [start:smo]
def _smo(kernel_row, diag, y, C, tol, max_iter, cache_bytes=200 * 2**20):
    """Minimise f (6.17) from beta = 0; return beta, b, iterations and histories.

    kernel_row(k) is row k of the Gram matrix G, diag its diagonal, shape (m,).
    At most cache_bytes of rows are kept (each row is 8 m bytes).
    """
    m = len(y)
    cache = _RowCache(cache_bytes // (8 * m))  # keys k < m: rows of G; m + i: 1/sqrt(eta)

    def G_row(k):
        return cache.get(k, kernel_row, k)  # (m,)

    def inv_sqrt_eta(i):  # 1 / sqrt(eta_ik) for every k: the pair choice's curvatures
        eta = diag.item(i) + diag - 2.0 * G_row(i)  # (m,): eta_ik (6.22)
        return 1.0 / np.sqrt(np.maximum(eta, TAU))

    def scale_row(i):
        return cache.get(m + i, inv_sqrt_eta, i)  # (m,)

    # At beta = 0, v_k = y_k (6.19), I_up is y_k = +1 and I_low is y_k = -1.
    V = np.where(y > 0, [[1.0], [np.inf]], [[-np.inf], [-1.0]])  # (2, m)
    v_up, v_low = V  # views of the two rows: they follow every change to V
    ys, beta = y.tolist(), [0.0] * m  # single numbers: Python's floats are faster
    violations, objective = [], [0.0]  # W(beta) = 0 at beta = 0
    for n_iter in range(max_iter + 1):
        i, j, violation = _select_pair(v_up, v_low, G_row, diag, scale_row)
        violations.append(violation)
        if violation <= tol or n_iter == max_iter:  # the stopping rule (6.21)
            break
        G_i, G_j = G_row(i), G_row(j)
        dv = v_up.item(i) - v_low.item(j)  # v_i - v_j
        eta = diag.item(i) + diag.item(j) - 2.0 * G_i.item(j)
        room_i = C - beta[i] if ys[i] > 0 else beta[i]  # how far chi may go (6.23)
        room_j = beta[j] if ys[j] > 0 else C - beta[j]
        chi = min(dv / max(eta, TAU), room_i, room_j)  # the step (6.23)
        V -= chi * (G_i - G_j)  # (2, m): the update (6.25) of v, O(m)
        objective.append(objective[-1] + chi * (dv - eta * chi / 2))  # -f, (6.22)
        # beta_i moves by y_i chi, beta_j by -y_j chi; one that reaches a bound
        # lands on it exactly, so that rounding cannot leave C - 1e-17 "free".
        beta[i] = (C if ys[i] > 0 else 0.0) if chi == room_i else beta[i] + ys[i] * chi
        beta[j] = (0.0 if ys[j] > 0 else C) if chi == room_j else beta[j] - ys[j] * chi
        # (6.20) again: i moved up, so it is now free (in both sets) unless it
        # is at a bound, clipped or rounded there (then in I_low only); j likewise,
        # moving down.
        v_i, v_j = v_up.item(i), v_low.item(j)
        v_up[i], v_low[i] = (v_i, v_i) if 0.0 < beta[i] < C else (-np.inf, v_i)
        v_up[j], v_low[j] = (v_j, v_j) if 0.0 < beta[j] < C else (v_j, np.inf)
    beta = np.array(beta)
    return beta, _bias(v_up, v_low, beta, C), n_iter, violations, objective
# --8<-- [end:smo]


# --8<-- [start:bias]
def _bias(v_up, v_low, beta, C):
    """The bias b of equation (6.26)."""
    free = (beta > 0) & (beta < C)  # on the margin: y_k h(x_k) = 1, so b = v_k
    if free.any():
        return float(v_up[free].mean())  # free examples are in both sets
    # No free multiplier: any b between the two ends of (6.21) will do; the middle.
    return float((v_up.max() + v_low.min()) / 2)
# --8<-- [end:bias]
