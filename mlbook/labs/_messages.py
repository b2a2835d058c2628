r"""The one message catalogue of the labs: every diagnosis in English and in Chinese.

The checks write their diagnoses once, in English, as they always have: the
English line is the message and stays exactly as it is. :data:`MESSAGES`
gives each recurring part of a diagnosis a key, its English form (as the
checks write it, with typed fields such as ``{num}``) and its Chinese form,
the way gettext keys a translation by its English text. :func:`translate`
turns a finished English line into Chinese part by part, longest parts
first, so that a task's own explanation is translated before the generic
words around it ("your cost", "on a case with ..."); what the catalogue does
not cover yet stays English inside the Chinese line rather than being lost.

The hints (:func:`mlbook.labs.hint`) are whole steps rather than lines put
together, so their Chinese is kept by task and step, :data:`HINTS_ZH`.

Which language a lab speaks is decided by the lab itself (:func:`language`):
the Chinese notebooks (``docs-zh/labs/``) are the English ones with only
their strings translated, so their task functions carry Chinese docstrings.
A check whose function, or whose notebook's task functions, carry Chinese
text answers in Chinese; ``lang="zh"`` or ``lang="en"`` forces a language.
"""

import re

LANGUAGES = ("en", "zh")

# A field of a template matches one kind of text; its name is the kind, then
# optionally digits: {num}, {num2}, {shape}, {eq}, {name}, {text}.
FIELDS = {
    "num": r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?",
    "shape": r"\([^()]*\)",
    "eq": r"\(\d+\.\d+[a-z]?\)",
    "name": r"[A-Za-z_][\w.]*(?:\^\(\d\))?",
    "text": r".+?",
}

MESSAGES = {
    # --- single words, looked up by key only (never matched inside a line)
    "word-passed": ("passed", "通过"),
    "word-not-implemented": ("not implemented yet", "尚未实现"),
    # --- what passed: the summary after "passed: " (mlbook/labs/_*.py)
    "pass-mle": ("mu and sigma2 are the maximum-likelihood estimates {eq}, {eq2} on {num} cases",
                 "在 {num} 个用例上，mu 和 sigma2 都是最大似然估计 {eq}、{eq2}"),
    "pass-features": ("it agrees with {eq} on {num} cases, {num2} features included",
                      "在 {num} 个用例上与 {eq} 一致，其中包括 {num2} 个特征的用例"),
    "pass-nothing-flagged": ("it agrees with {eq} on {num} cases, nothing flagged included",
                             "在 {num} 个用例上与 {eq} 一致，其中包括一个样本也没有标出的用例"),
    "pass-threshold": ("it finds a threshold with the best F1 of {eq} on {num} cases",
                       "在 {num} 个用例上都找到了 {eq} 的 F1 最大的阈值"),
    "pass-assigns": ("it assigns by {eq} on {num} cases, a tie included",
                     "在 {num} 个用例上按 {eq} 分配，其中包括一个平局"),
    "pass-centroids": ("each centroid is the mean of its cluster {eq} on {num} cases, and an empty "
                       "cluster takes the farthest example, as the chapter's rule says",
                       "在 {num} 个用例上，每个质心都是它所在簇的均值 {eq}；空簇按这一章的规则取最远的样本"),
    "pass-not-nearest": ("it agrees with {eq} on {num} cases, assignments that are not the nearest included",
                         "在 {num} 个用例上与 {eq} 一致，其中包括不分给最近质心的分配"),
    "pass-lloyd": ("it runs Lloyd's iterations {eq}, {eq2} exactly, every one of the first {num} "
                   "iterations of a start that needs {num2}",
                   "它准确地执行了 Lloyd 迭代 {eq}、{eq2}：从一个需要 {num2} 次迭代的起点出发，"
                   "前 {num} 次迭代每一次都对"),
    "pass-init": ("it picks {num} examples with different values, at random and reproducibly, for {num2} seeds",
                  "对 {num2} 个种子，它都随机且可复现地选出 {num} 个取值互不相同的样本"),
    "pass-mlbook-confident": ("it agrees with mlbook's {name} on {num} cases, lam = 0 and lam > 0, "
                              "a confidently wrong network included",
                              "在 {num} 个用例上与 mlbook 的 {name} 一致，包括 lam = 0 和 lam > 0，"
                              "以及一个自信地出错的网络"),
    "pass-mlbook-lam": ("it agrees with mlbook's {name} on {num} cases, lam = 0 and lam > 0",
                        "在 {num} 个用例上与 mlbook 的 {name} 一致，包括 lam = 0 和 lam > 0"),
    "pass-mlbook-logit": ("it agrees with mlbook's {name} on {num} cases, and stays exact for a logit of {num2}",
                          "在 {num} 个用例上与 mlbook 的 {name} 一致，logit 为 {num2} 时仍然精确"),
    "pass-central-eq": ("on {num} cases it agrees with central differences of the cost {eq} "
                        "(largest relative error {num2})",
                        "在 {num} 个用例上与代价 {eq} 的中心差分一致（最大相对误差 {num2}）"),
    "pass-central": ("on {num} cases it agrees with central differences of the cost "
                     "(largest relative error {num2})",
                     "在 {num} 个用例上与代价的中心差分一致（最大相对误差 {num2}）"),
    "pass-steps": ("it takes the steps of {eq} exactly on {num} cases, num_iters = 0 included",
                   "在 {num} 个用例上准确地走出 {eq} 的每一步，其中包括 num_iters = 0"),
    "pass-normalize": ("X_norm, mu and sigma agree with {eq} on {num} cases",
                       "在 {num} 个用例上，X_norm、mu 和 sigma 都与 {eq} 一致"),
    "pass-solves": ("it solves {eq} on {num} cases, a singular X^T X with lam > 0 included",
                    "在 {num} 个用例上解出了 {eq}，其中包括 lam > 0 时 X^T X 奇异的用例"),
    "pass-sigmoid-range": ("it agrees with {eq} on {num} cases, down to z = {num2} and up to z = {num3}",
                           "在 {num} 个用例上与 {eq} 一致，z 小到 {num2}、大到 {num3}"),
    "pass-sigmoid-warned": ("; numpy warned of an overflow in exp at z = {num}, harmless here "
                            "(e^{num2} is inf and 1/(1 + inf) is 0), and mlbook.sigmoid avoids it",
                            "；numpy 警告 z = {num} 处的 exp 上溢，这里无害（e^{num2} 是 inf，"
                            "1/(1 + inf) 是 0），mlbook.sigmoid 则避免了它"),
    "pass-rows": ("each row of Theta minimises its J_k of {eq}",
                  "Theta 的每一行都使 {eq} 中它对应的 J_k 最小"),
    "pass-predicts": ("it predicts by {eq} on {num} cases, a single example included",
                      "在 {num} 个用例上按 {eq} 预测，其中包括只有一个样本的用例"),
    "pass-forward": ("A2 and A3 agree with {eq} on {num} cases",
                     "在 {num} 个用例上，A2 和 A3 都与 {eq} 一致"),
    "pass-output-delta": ("it is A^(3) - Y on {num} cases: no stray g'(z)",
                          "在 {num} 个用例上它都等于 A^(3) - Y：没有多余的 g'(z)"),
    "pass-covariance": ("it is X^T X / m {eq} on {num} cases",
                        "在 {num} 个用例上它都等于 X^T X / m {eq}"),
    "pass-pca": ("mu, the directions U (up to the sign of each) and the variances d agree with {eq} on {num} cases",
                 "在 {num} 个用例上，mu、方向 U（每个方向可相差一个符号）和方差 d 都与 {eq} 一致"),
    "pass-project": ("Z = X U_k {eq} on {num} cases", "在 {num} 个用例上 Z = X U_k {eq}"),
    "pass-recover": ("X_approx = Z U_k^T {eq} on {num} cases", "在 {num} 个用例上 X_approx = Z U_k^T {eq}"),
    "pass-choose-k": ("it picks the smallest k of {eq} on {num} cases, a tie with psi included",
                      "在 {num} 个用例上选出 {eq} 的最小 k，其中包括恰好等于 psi 的情形"),
    "pass-course-value": ("it agrees with {eq} on {num} cases, the course's check value included",
                          "在 {num} 个用例上与 {eq} 一致，其中包括课程给出的检验值"),
    "pass-entry": ("entry (i, j) is k(x1_i, x2_j) of {eq} on {num} cases",
                   "在 {num} 个用例上，第 (i, j) 个元素都是 {eq} 的 k(x1_i, x2_j)"),
    "pass-they-agree": ("they agree with {eq} on {num} cases", "在 {num} 个用例上都与 {eq} 一致"),
    "pass-agrees": ("it agrees with {eq} on {num} cases", "在 {num} 个用例上与 {eq} 一致"),
    # --- the verdicts (mlbook/labs/_core.py)
    "passed": ("passed: ", "通过："),
    "failed": ("not right yet: ", "还不对："),
    "not-implemented": (
        "not implemented yet: replace the line raise NotImplementedError(...) with your code, "
        "run the cell, then run this check again",
        "尚未实现：把 raise NotImplementedError(...) 这一行换成你的代码，运行这个单元格，"
        "然后再运行一次这个检查"),
    "not-implemented-helper": (
        "not implemented yet: it calls {name}, which still raises NotImplementedError",
        "尚未实现：它调用了 {name}，而 {name} 仍然引发 NotImplementedError"),
    "helper-fails": (
        "your {name} calls your {name2}, which is not right yet, so check {name3} first "
        "(check(\"{name4}\", {name5}))",
        "你的 {name} 调用了你的 {name2}，而 {name3} 还不对，所以先检查 {name4}"
        "（check(\"{name4}\", {name5})）"),
    "run-hint": ("; for what to check step by step, run hint(\"{name}\")",
                 "；要逐步查看该检查什么，请运行 hint(\"{name}\")"),
    "progress-not-run": ("not run yet: run the task's cell, then this one again",
                         "尚未运行：先运行这个任务的单元格，再运行这一个"),
    "progress-passed": ("{num} of {num2} tasks passed", "{num2} 个任务中通过了 {num} 个"),
    "hint-title": (": what to check, step by step", "：逐步检查以下各点"),
    "your-code": (
        "This cell runs your functions: finish {name} above first (it is not implemented yet).",
        "这个单元格运行你写的函数：请先完成上面的 {name}（它尚未实现）。"),
    # --- what the reader returned (_core.py)
    "none": (" is None {text}: the function ends without a return statement",
             "是 None（{text}）：函数结束时没有 return 语句"),
    "one-number-array": (
        " should be one number (a float), but it is an array of shape {shape} {text}; a cost "
        "is a scalar, and column vectors make every product a matrix",
        "应当是一个数（float），却是形状为 {shape} 的数组（{text}）；代价是标量，"
        "而列向量会使每个乘积都变成矩阵"),
    "column": (
        "{shape}, a column, where the flat vector {shape2} was expected; keep vectors 1-D (an "
        "(m,) vector minus an (m, 1) column broadcasts to an (m, m) matrix)",
        "{shape}，是一列，而期望的是一维向量 {shape2}；向量要保持一维（(m,) 向量减去 (m, 1) "
        "列会广播成 (m, m) 矩阵）"),
    "transpose": ("{shape}, the transpose of the expected {shape2}", "{shape}，是期望的 {shape2} 的转置"),
    "shape-of": ("the shape of your {name} is ", "你的 {name} 的形状是 "),
    "changed-in-place": (
        "your function changed its argument {name} in place {text}, so the caller's {name2} "
        "is different after the call; compute on a copy, or build new arrays instead of "
        "assigning into {name3}",
        "你的函数原地修改了它的参数 {name}（{text}），调用之后调用者的 {name2} 就变了；"
        "请在副本上计算，或者新建数组，而不要对 {name3} 赋值"),
    "raised": ("your function raised {name}: ", "你的函数引发了 {name}："),
    "matmul": ("; a product (a, b) @ (c, d) needs b = c: write the shape of each operand next to "
               "it and see which one needs .T",
               "；乘积 (a, b) @ (c, d) 要求 b = c：在每个操作数旁写下它的形状，看看哪一个需要 .T"),
    "wrong-order": ("returns its values in the wrong order {text}: it returns {shape}, the task "
                    "asks for {shape2}; put them in that order in the return statement",
                    "返回值的顺序不对（{text}）：它返回 {shape}，而任务要求 {shape2}；"
                    "在 return 语句里按这个顺序排列"),
    # --- comparing with mlbook (_core.py)
    "times-large": (" is {name} times too large ({name2} = {num} here)",
                    "是应有值的 {name} 倍（这里 {name2} = {num}）"),
    "times-small": (" is {name} times too small ({name2} = {num} here)",
                    "只有应有值的 1/{name}（这里 {name2} = {num}）"),
    "twice": (" is twice too large", "大了一倍"),
    "opposite-sign": (" has the opposite sign", "符号相反"),
    "constants": ("; compare the constants with {eq}", "；请对照 {eq} 检查常数"),
    "no-match": (" does not match {eq} {text} (relative difference {num}); ",
                 "与 {eq} 不符（{text}，相对差异 {num}）；"),
    "what-to-check": (
        "check the shape of every intermediate result (an (m, 1) column against an (m,) vector "
        "broadcasts to (m, m)), which axis each sum or mean runs over, * against @, and which "
        "rows or columns each slice keeps",
        "检查每个中间结果的形状（(m, 1) 列与 (m,) 向量运算会广播成 (m, m)）、每次求和或求均值沿哪个轴、"
        "* 与 @ 的区别，以及每个切片保留了哪些行或列"),
    "relative-error": ("; relative error against central differences {num}",
                       "；与中心差分相比的相对误差为 {num}"),
    "gradient-summary": (
        "on {num} cases it agrees with central differences of the cost (largest relative error "
        "{num2})",
        "在 {num} 个用例上与代价函数的中心差分一致（最大相对误差 {num2}）"),
    # --- the reader's results, by name
    "your-cost": ("your cost", "你的代价"),
    "your-gradient": ("your gradient", "你的梯度"),
    "your-path": ("your path", "你的路径"),
    "your-theta": ("your theta", "你的 theta"),
    "your-result": ("your function's result", "你的函数的结果"),
    "your-objective": ("your objective", "你的目标函数"),
    "your-kernel": ("your kernel value", "你的核函数值"),
    "your-gram": ("your Gram matrix", "你的 Gram 矩阵"),
    "your-decision": ("your decision values", "你的决策值"),
    "your-covariance": ("your covariance matrix", "你的协方差矩阵"),
    "your-distortion": ("your distortion", "你的失真函数值"),
    "your-centroids": ("your centroids", "你的质心"),
    "your-predictions": ("your predictions", "你的预测"),
    "your-output-delta": ("your output delta", "你的输出层误差项"),
    "your-g": ("your g(z)", "你的 g(z)"),
    "your-g-prime": ("your g'(z)", "你的 g'(z)"),
    "your-name": ("your {name}", "你的 {name}"),
    # --- the cases (where)
    "case-m-lam": ("on a case with m = {num} examples and lam = {num2}",
                   "在 m = {num} 个样本、lam = {num2} 的用例上"),
    "case-alpha": ("on a case with alpha = {num} and num_iters = {num2}",
                   "在 alpha = {num}、num_iters = {num2} 的用例上"),
    "case-three-features": ("on a case with m = 9 examples of three features of very different "
                            "sizes", "在 m = 9 个样本、三个特征大小相差悬殊的用例上"),
    "case-logits": ("on a vector of six logits", "在由六个 logit 组成的向量上"),
    "case-network": ("on a network of sizes {shape} with m = {num} examples and lam = {num2}",
                     "在规模为 {shape}、m = {num} 个样本、lam = {num2} 的网络上"),
    "case-m-K-classes": ("on a case with m = {num} examples and K = {num2} classes",
                         "在 m = {num} 个样本、K = {num2} 个类别的用例上"),
    "case-m-K": ("on a case with m = {num} examples and K = {num2}",
                 "在 m = {num} 个样本、K = {num2} 的用例上"),
    "case-m-C": ("on a case with m = {num} examples and C = {num2}",
                 "在 m = {num} 个样本、C = {num2} 的用例上"),
    "case-kmeans": ("on m = {num} examples and K = {num2} centroids",
                    "在 m = {num} 个样本、K = {num2} 个质心的用例上"),
    "case-clusters": ("on m = {num} examples in K = {num2} clusters",
                      "在 m = {num} 个样本、K = {num2} 个簇的用例上"),
    "case-pca": ("on m = {num} centred examples of n = {num2} features",
                 "在 m = {num} 个已中心化的样本、n = {num2} 个特征的用例上"),
    "case-features": ("on m = {num} examples of n = {num2} features",
                      "在 m = {num} 个样本、n = {num2} 个特征的用例上"),
    # --- more of the machinery's words
    "no-constant": (
        ", and no constant of the task (m, 2, ...) accounts for the difference, so the structure "
        "is wrong, not a constant; ",
        "，任务中没有哪个常数（m、2 等）能解释这个差别，所以错的是结构，而不是常数；"),
    "does-not-match": (" does not match {eq}", "与 {eq} 不符"),
    "entries-differ": (": {num} of its {num2} entries differs, the first at index {num3}",
                       "：它的 {num2} 个元素中有 {num} 个不同，第一个在索引 {num3} 处"),
    "entries-differ-plural": (": {num} of its {num2} entries differ, the first at index {num3}",
                              "：它的 {num2} 个元素中有 {num} 个不同，第一个在索引 {num3} 处"),
    "shape-of-gradient": ("the shape of your gradient is ", "你的梯度的形状是 "),
    "shape-of-text": ("the shape of {text} is ", "{text} 的形状是 "),
    "row-of-theta": ("row {num} of your Theta", "你的 Theta 的第 {num} 行"),
    "one-number-where-array": (
        " is one number where an array of shape {shape} was expected",
        "是一个数，而期望的是形状为 {shape} 的数组"),
    "axis": (": a sum, mean or arg-min ran over the whole array; give it the axis to run over "
             "(axis=0 down the rows, axis=1 along each row)",
             "：求和、求均值或 arg-min 作用在了整个数组上；要指定沿哪个轴进行"
             "（axis=0 沿各行向下，axis=1 沿每一行）"),
    "dtype": (" holds whole numbers but its dtype is {name}",
              "存放的是整数值，但它的 dtype 是 {name}"),
    "dtype-why": (": numpy indexes only with integers, so using it as an index raises IndexError; "
                  "make it an integer array (np.zeros(m, dtype=int), or np.argmin, which returns "
                  "integers)",
                  "：numpy 只能用整数做索引，所以把它当作索引会引发 IndexError；把它做成整数数组"
                  "（np.zeros(m, dtype=int)，或者返回整数的 np.argmin）"),
    "path-rows": (
        " has {num} rows {text}: it should hold the starting theta and then one row per step, "
        "num_iters + 1 = {num2} rows",
        "有 {num} 行（{text}）：它应当先放起点 theta，然后每一步一行，共 num_iters + 1 = {num2} 行"),
    "same-array": (
        "every row of your path is the same array {text}: theta was changed in place "
        "(theta -= ...) and the same object appended each time; build a new theta at each step "
        "(theta = theta - ...)",
        "你的路径的每一行都是同一个数组（{text}）：theta 被原地修改（theta -= ...），每次追加的都是"
        "同一个对象；每一步都新建一个 theta（theta = theta - ...）"),
    # --- more cases
    "case-K-m-lam": ("on a case with K = {num} classes, m = {num2} examples and lam = {num3}",
                     "在 K = {num} 个类别、m = {num2} 个样本、lam = {num3} 的用例上"),
    "case-m": ("on a case with m = {num} examples", "在 m = {num} 个样本的用例上"),
    "case-seven-values": ("on a vector of seven values", "在由七个值组成的向量上"),
    "case-pairs": ("on {num} and {num2} examples of {num3} features, sigma = {num4}",
                   "在 {num} 个和 {num2} 个样本、{num3} 个特征、sigma = {num4} 的用例上"),
    "case-new": ("on {num} new examples and {num2} training examples",
                 "在 {num} 个新样本和 {num2} 个训练样本上"),
    "case-course-kernel": ("on the course's check, x1 = {shape}, x2 = {shape2}, sigma = {num}",
                           "在课程自己的检查用例 x1 = {shape}、x2 = {shape2}、sigma = {num} 上"),
    "case-lloyd": ("on m = {num} examples, K = {num2}, from a start whose assignments change for "
                   "{num3} iterations, with max_iters = {num4}",
                   "在 m = {num} 个样本、K = {num2}、max_iters = {num4}，且起点的分配结果会连续变化 "
                   "{num3} 次迭代的用例上"),
    "case-empty": ("on m = {num} examples in K = {num2} clusters where cluster {num3} is empty",
                   "在 m = {num} 个样本、K = {num2} 个簇且簇 {num3} 为空的用例上"),
    "case-kmeans-features": ("on m = {num} examples of {num2} features and K = {num3} centroids",
                             "在 m = {num} 个样本、{num2} 个特征、K = {num3} 个质心的用例上"),
    "case-pca-k": ("on m = {num} examples, n = {num2} and k = {num3}",
                   "在 m = {num} 个样本、n = {num2}、k = {num3} 的用例上"),
    "case-pca-d": ("on d = {shape} and psi = {num}", "在 d = {shape}、psi = {num} 的用例上"),
    "case-pca-exact": (", where k = 1 retains exactly 0.75", "，此时 k = 1 恰好留住 0.75"),
    "case-f1": ("on {num} examples with {num2} anomalies, {num3} flagged",
                "在 {num} 个样本、{num2} 个异常、{num3} 个被标记的用例上"),
    "case-nothing-flagged": ("on a case where nothing is flagged", "在什么都没有标记的用例上"),
    "case-toy": ("on the chapter's toy case, densities 1e-5, 2e-5, 3e-5, 0.2, 0.5, 1 with the two "
                 "smallest anomalies",
                 "在密度为 1e-5, 2e-5, 3e-5, 0.2, 0.5, 1、最小的两个是异常的这一章的玩具用例上"),
    "case-confident": ("on a confident network (output weights near 25, some logits beyond 40 on "
                       "the wrong side) with m = {num} and lam = {num2}",
                       "在 m = {num}、lam = {num2}，输出权重接近 25、有些 logit 落在错误一侧且超过 40 的"
                       "置信度很高的网络上"),
    "case-logit-40": ("on a case where one example labelled 0 has the logit z = 40 (a confidently "
                      "wrong prediction)",
                      "在一个标签为 0 的样本的 logit 为 z = 40，即预测置信度很高却错了的用例上"),
    "case-distinct": ("on m = {num} examples with only {num2} distinct rows and K = {num3}, with "
                      "np.random.default_rng(0)",
                      "在 m = {num} 个样本、只有 {num2} 个互不相同的行、K = {num3}、"
                      "使用 np.random.default_rng(0) 的用例上"),
    # --- the tasks' own explanations
    "linear-theta0-gradient": (
        "regularises theta_0: in (1.12) the penalty's gradient is lam/m times theta with its "
        "first entry zeroed (I_0), because the intercept is not penalised",
        "对 theta_0 做了正则化：在 (1.12) 中，惩罚项的梯度是 lam/m 乘以第一个元素置零的 theta（I_0），"
        "因为截距不受惩罚"),
    "linear-half-penalty": (
        "has a penalty term half what it should be: the 1/2 of the cost's lam/(2m) cancels "
        "against the 2 of the derivative of theta_j^2, so {eq} adds lam/m I_0 theta",
        "的惩罚项只有应有值的一半：代价中 lam/(2m) 的 1/2 与 theta_j^2 求导得到的 2 相消，"
        "所以 {eq} 加上的是 lam/m I_0 theta"),
    "linear-m-penalty": ("has a penalty term m times too large: (1.12) divides the whole gradient "
                         "by m", "的惩罚项是应有值的 m 倍：(1.12) 把整个梯度除以 m"),
    "no-penalty-gradient": ("is not regularised: lam is ignored; {eq} adds lam/m I_0 theta",
                            "没有正则化：忽略了 lam；{eq} 要加上 lam/m I_0 theta"),
    "linear-mu-rows": (" has one entry per example", "每个样本有一个元素"),
    "linear-mu-why": (": it averages each row; (1.9) averages each feature, a column of X",
                      "：它对每一行求平均；(1.9) 对每个特征，即 X 的每一列求平均"),
    "normal-theta0": ("regularises theta_0: (1.13) adds lam I_0, the identity with its first entry "
                      "zeroed, not lam I",
                      "对 theta_0 做了正则化：(1.13) 加上的是 lam I_0，即第一个元素置零的单位矩阵，而不是 lam I"),
    "normal-lam": ("ignores lam: (1.13) adds lam I_0 to X^T X",
                   "忽略了 lam：(1.13) 要给 X^T X 加上 lam I_0"),
    "logistic-inf": (
        " is inf {text}: g(40) rounds to exactly 1 in floating point, so log(1 - g(z)) is log 0; "
        "compute both logs from z itself, as (2.9) shows",
        "是 inf（{text}）：在浮点运算中 g(40) 舍入为恰好 1，于是 log(1 - g(z)) 就是 log 0；"
        "像 (2.9) 那样，直接用 z 计算这两个对数"),
    "logistic-clipped": (
        " is too small {text}: clipping the predictions away from 0 and 1 caps what a wrong "
        "prediction can cost, but a logit of 40 on the wrong side costs 40; compute the logs from "
        "z, as (2.9) shows",
        "太小了（{text}）：把预测值截断、使它远离 0 和 1，会给错误预测的代价设上限，而落在错误一侧、"
        "大小为 40 的 logit 代价就是 40；像 (2.9) 那样用 z 计算对数"),
    "logistic-theta0-cost": ("regularises theta_0: the penalty of (2.13) leaves out the intercept",
                             "对 theta_0 做了正则化：(2.13) 的惩罚项不含截距"),
    "logistic-theta0-gradient": ("regularises theta_0: (2.14) multiplies theta by I_0, which "
                                 "zeroes its first entry",
                                 "对 theta_0 做了正则化：(2.14) 用 I_0 乘 theta，把它的第一个元素置零"),
    "ova-class": (" is the classifier of class {num}", "是类别 {num} 的分类器"),
    "ova-from-one": (": here the classes are numbered 0, ..., K - 1, as numpy indexes (the "
                     "course's MATLAB code numbered them from 1)",
                     "：这里的类别按 numpy 的索引方式编号为 0, ..., K - 1"
                     "（课程的 MATLAB 代码从 1 开始编号）"),
    "ova-no-penalty": (" minimises the cost without its penalty", "最小化的是不含惩罚项的代价"),
    "ova-pass-lam": (": pass lam on to the cost and the gradient (3.3)",
                     "：把 lam 传给代价函数和梯度 (3.3)"),
    "ova-not-minimiser": (
        " is not the minimiser of J_{num}", "不是 J_{num} 的极小值点"),
    "ova-not-minimiser-why": (
        ": the gradient of (3.3) there is {num} of its size at theta = 0; train classifier k on "
        "the labels (y == k) with the regularised cost, to convergence",
        "：那里 (3.3) 的梯度是它在 theta = 0 处大小的 {num} 倍；用正则化的代价，在标签 (y == k) "
        "上训练分类器 k，直到收敛"),
    "predict-axis": (
        " have one entry per class {text}: the largest score was taken over the examples; (3.2) "
        "takes it over the K classes of each example, along a row of X Theta^T",
        "每个类别有一个元素（{text}）：最大得分是在样本之间取的；(3.2) 是对每个样本在 K 个类别之间取，"
        "即沿 X Theta^T 的一行"),
    "predict-from-one": (" are one too large: the classes are 0, ..., K - 1 here (the course "
                         "numbered them from 1)",
                         "大了 1：这里的类别是 0, ..., K - 1（课程从 1 开始编号）"),
    "network-slope-of-z": ("is z(1 - z): (2.4) is g(z)(1 - g(z)), with the sigmoid applied first",
                           "是 z(1 - z)：(2.4) 是 g(z)(1 - g(z))，要先作用 sigmoid 函数"),
    "network-A2-ones": (
        " has s_2 + 1 = {num} columns {text}: A^(2) holds the s_2 hidden units; the column of "
        "ones is put in front of it only to multiply Theta2 (4.4)",
        "有 s_2 + 1 = {num} 列（{text}）：A^(2) 存放的是 s_2 个隐藏单元；全一列只在与 Theta2 "
        "相乘时才放到它前面 (4.4)"),
    "network-A2-Z2": ("is Z^(2): apply the sigmoid, A^(2) = g(Z^(2)) (4.4)",
                      "是 Z^(2)：要作用 sigmoid 函数，A^(2) = g(Z^(2)) (4.4)"),
    "network-A3-Z3": ("is Z^(3): the output layer applies the sigmoid too (4.4)",
                      "是 Z^(3)：输出层也要作用 sigmoid 函数 (4.4)"),
    "network-bias-cost": ("regularises the bias columns: the penalty of (4.5) starts at k = 1, "
                          "leaving out the first column of each Theta",
                          "对偏置列做了正则化：(4.5) 的惩罚项从 k = 1 开始，不含每个 Theta 的第一列"),
    "network-bias-gradient": ("regularises the bias columns: (4.12) adds lam/m times Theta with its "
                              "first column zeroed",
                              "对偏置列做了正则化：(4.12) 加上的是 lam/m 乘以第一列置零的 Theta"),
    "network-no-penalty": ("is not regularised: lam is ignored; (4.5) adds lam/(2m) times the "
                           "squared weights",
                           "没有正则化：忽略了 lam；(4.5) 要加上 lam/(2m) 乘以权重的平方和"),
    "network-half-penalty": (
        "has a penalty term half what it should be: the 1/2 of the cost's lam/(2m) cancels "
        "against the 2 of the square's derivative, so (4.12) adds lam/m times Theta",
        "的惩罚项只有应有值的一半：代价中 lam/(2m) 的 1/2 与平方求导得到的 2 相消，"
        "所以 (4.12) 加上的是 lam/m 乘以 Theta"),
    "network-m-penalty": ("has a penalty term m times too large: (4.12) adds lam/m times Theta, "
                          "not lam times Theta",
                          "的惩罚项是应有值的 m 倍：(4.12) 加上的是 lam/m 乘以 Theta，而不是 lam 乘以 Theta"),
    "network-slope-at-a": (
        "applies g' to A^(2) instead of Z^(2) in the hidden delta: g'(z) = a(1 - a) (4.10), while "
        "g'(a) is the slope at another point",
        "的隐藏层误差项把 g' 作用在了 A^(2) 上，而不是 Z^(2) 上：g'(z) = a(1 - a) (4.10)，"
        "而 g'(a) 是另一个点处的斜率"),
    "network-stray-gradient": (
        "multiplies A^(3) - Y by g'(Z^(3)): with the cross-entropy cost of (4.5) the output "
        "delta is A^(3) - Y (4.8), because g'(z) cancels against the derivative of the log "
        "(5.4); the factor g'(z) belongs to the squared-error cost (5.6)",
        "把 A^(3) - Y 乘上了 g'(Z^(3))：对 (4.5) 的交叉熵代价，输出层误差项是 A^(3) - Y (4.8)，"
        "因为 g'(z) 与对数的导数相消 (5.4)；因子 g'(z) 属于平方误差代价 (5.6)"),
    "network-nan": (
        " is nan {text}: g(40) rounds to exactly 1 in floating point, so log(1 - A^(3)) is log 0; "
        "compute the logs from Z^(3) (-y log g(z) - (1 - y) log(1 - g(z)) = log(1 + e^z) - y z, "
        "np.logaddexp(0, z)), as the logistic lab's cost does (2.9)",
        "是 nan（{text}）：在浮点运算中 g(40) 舍入为恰好 1，于是 log(1 - A^(3)) 就是 log 0；"
        "像逻辑回归实验的代价函数那样，用 Z^(3) 计算对数（-y log g(z) - (1 - y) log(1 - g(z)) = "
        "log(1 + e^z) - y z，np.logaddexp(0, z)）(2.9)"),
    "network-clipped": (
        " is too small {text}: clipping A^(3) away from 0 and 1 caps what a wrong output can "
        "cost, but a logit of 40 on the wrong side costs 40; compute the logs from Z^(3), as "
        "(2.9) shows",
        "太小了（{text}）：把 A^(3) 截断、使它远离 0 和 1，会给错误输出的代价设上限，而落在错误一侧、"
        "大小为 40 的 logit 代价就是 40；像 (2.9) 那样用 Z^(3) 计算对数"),
    "network-penalty-only": (
        " is right for lam = 0 but not {text}: the data term is right and the penalty is not; "
        "(4.5) adds lam/(2m) times the squares of every weight but the first column (the bias "
        "weights) of each Theta; check which rows or columns each slice keeps",
        "在 lam = 0 时是对的，在这个用例上却不对（{text}）：数据项对了，惩罚项不对；(4.5) 加上的是 "
        "lam/(2m) 乘以每个 Theta 除第一列（偏置的权重）以外所有权重的平方；检查每个切片保留了哪些行或列"),
    "svm-gamma": (
        " divides the squared distance by sigma^2 instead of 2 sigma^2: the Gaussian kernel "
        "(6.16) is exp(-|x - z|^2 / (2 sigma^2)), so scikit-learn's gamma is 1/(2 sigma^2), not "
        "1/sigma^2",
        "把距离平方除以了 sigma^2，而不是 2 sigma^2：高斯核函数 (6.16) 是 "
        "exp(-|x - z|^2 / (2 sigma^2))，所以 scikit-learn 的 gamma 是 1/(2 sigma^2)，而不是 1/sigma^2"),
    "svm-labels": (" leave out the labels: (6.18) weights each kernel value by beta_i y_i",
                   "漏掉了标签：(6.18) 用 beta_i y_i 给每个核函数值加权"),
    "svm-half": (" has no 1/2 in front of the double sum (6.17)", "的二重求和前面少了 1/2 (6.17)"),
    "kmeans-axis": (
        " has one entry per centroid {text}: the smallest distance was taken over the examples; "
        "(7.1) takes it over the K centroids, for each example",
        "每个质心有一个元素（{text}）：最小距离是在样本之间取的；(7.1) 是对每个样本在 K 个质心之间取"),
    "kmeans-tie": (
        " gives a tie to the higher index; when two centroids are exactly as near, (7.1)'s rule "
        "here is the lower index (np.argmin's)",
        "在距离相同时取了较大的索引；两个质心恰好一样近时，这里 (7.1) 的规则是取较小的索引"
        "（与 np.argmin 相同）"),
    "case-tie": ("on a case where the example (0, 0) is exactly as far from both centroids (the "
                 "lower index should win)",
                 "在样本 (0, 0) 到两个质心恰好一样远、应当取较小索引的用例上"),
    "kmeans-all-numbers": (
        " have every coordinate equal: the mean was taken over all the numbers of a cluster at "
        "once; (7.6) averages over the examples (axis 0), one mean per feature",
        "的每个坐标都相等：均值是对一个簇的全部数一次求的；(7.6) 是对样本（axis 0）求平均，每个特征一个均值"),
    "kmeans-behind": (
        " are one iteration behind: each of the max_iters iterations makes an assignment step "
        "(7.1) and then an update step (7.6)",
        "落后了一次迭代：max_iters 次迭代中的每一次都先做分配步骤 (7.1)，再做更新步骤 (7.6)"),
    "kmeans-first-iteration": (
        " are those after the first iteration, whatever max_iters is: a return inside the loop, "
        "or an assignment step made once before the loop, stops Lloyd's algorithm after one "
        "step; every iteration assigns (7.1) with the current centroids, then updates (7.6)",
        "不论 max_iters 是多少，都是第一次迭代之后的质心：循环内的 return，或在循环之前只做一次的分配步骤，"
        "会让 Lloyd 算法在一步之后就停下；每次迭代都要先用当前的质心分配 (7.1)，再更新 (7.6)"),
    "kmeans-same-seed": (" are the same examples for every seed: draw them at random with the rng "
                         "passed in",
                         "对每个种子都是同样的样本：用传入的 rng 随机抽取"),
    "kmeans-nan": (" hold nan", "含有 nan"),
    "kmeans-empty-rule": (
        ": an empty cluster has no mean (0/0 is nan, and np.argmin then treats nan as the nearest "
        "centroid, so every example joins it); the chapter's rule moves its centroid onto the "
        "example farthest from its own cluster's mean, which then counts in the empty cluster",
        "：空簇没有均值（0/0 是 nan，而 np.argmin 会把 nan 当作最近的质心，于是所有样本都归入它）；"
        "这一章的规则把它的质心移到离自己所在簇的均值最远的样本上，这个样本随后就算在空簇里"),
    "kmeans-empty-order": (" (the farthest first, a tie to the lower index, the next farthest for "
                           "the next empty cluster)",
                           "（最远的先取，距离相同时取索引较小的，下一个空簇取次远的）"),
    "kmeans-empty-not-chapter": (" of the empty clusters {text} are not the chapter's",
                                 "中空簇 {text} 的质心与这一章的规则给出的不同"),
    "kmeans-relabel": (
        " moves the empty cluster's centroid onto the right example but leaves that example's "
        "old cluster as it was: the example now counts in the empty cluster, so its old "
        "cluster's mean leaves it out",
        "把空簇的质心移到了正确的样本上，却让这个样本原来的簇保持原样：这个样本现在算在空簇里，"
        "所以它原来那个簇的均值不应再包含它"),
    "kmeans-same-point": ("two of your centroids are the same point", "你的质心中有两个是同一个点"),
    "kmeans-distinct": (
        ": pick K examples with different values (X may repeat a row, as a photograph repeats a "
        "colour; draw from the distinct rows, np.unique(X, axis=0), without replacement), or two "
        "clusters start on top of each other and one of them empties",
        "：要挑选 K 个取值互不相同的样本（X 可能有重复的行，就像照片中的颜色会重复；要从互不相同的行 "
        "np.unique(X, axis=0) 中不放回地抽取），否则两个簇会从同一个点出发，其中一个会变空"),
    "kmeans-global": (" change with numpy's global random state", "随 numpy 的全局随机状态而变化"),
    "kmeans-global-why": (
        ": they are drawn with np.random's global state (np.random.permutation, "
        "np.random.choice, ...); draw with the rng your function receives",
        "：它们是用 np.random 的全局状态抽取的（np.random.permutation、np.random.choice 等）；"
        "要用你的函数接收到的 rng 抽取"),
    "kmeans-unseeded": ("your function gives different centroids for two generators in the same "
                        "state",
                        "对处于相同状态的两个生成器，你的函数给出了不同的质心"),
    "kmeans-unseeded-why": (
        ": it draws from a generator made without a seed (np.random.default_rng() inside the "
        "function takes fresh entropy every call); draw with the rng it receives",
        "：它从一个没有种子的生成器中抽取（函数内部的 np.random.default_rng() 每次调用都取新的熵）；"
        "要用它接收到的 rng 抽取"),
    "case-not-nearest": ("on m = {num} examples whose assignments idx are not the nearest "
                         "centroids (as after an update step, before the next assignment)",
                         "在 m = {num} 个样本、其分配 idx 不是最近质心的用例上，"
                         "这正是更新步骤之后、下一次分配之前的情形"),
    "pca-one-too-small": (" is one too small", "小了 1"),
    "pca-one-too-large": (" is one too large", "大了 1"),
    "pca-from-zero": (": numpy indexes from 0, so the position of the first retained(k) >= psi is "
                      "k - 1",
                      "：numpy 从 0 开始索引，所以第一个满足 retained(k) >= psi 的位置是 k - 1"),
    "pca-at-least": (": (8.14) asks for at least psi (>=), and retained(k) equals psi there",
                     "：(8.14) 要求至少为 psi（>=），而在那里 retained(k) 恰好等于 psi"),
    "pca-k-is": ("your k is {num}", "你的 k 是 {num}"),
    "pca-k-other": (", but the smallest k that retains at least psi of the variance is "
                    "different; see (8.14)",
                    "，但至少留住比例为 psi 的方差的最小 k 不是这个值；参见 (8.14)"),
    "anomaly-threshold-f1": ("your threshold's F1 is {num}", "你的阈值的 F1 是 {num}"),
    "anomaly-grid": (
        ", but a better one exists: a grid of thresholds, evenly spaced (9.15) or log-spaced, "
        "steps right over densities that span decades or lie close together; the flagged set "
        "changes only at the densities themselves, so try every distinct density as a "
        "threshold (9.14)",
        "，但存在更好的阈值：等间距 (9.15) 或按对数等间距的阈值网格，会正好跨过跨越多个数量级或彼此"
        "靠得很近的密度；被标记的集合只在各个密度值处发生变化，所以要把每个不同的密度都当作阈值试一试 (9.14)"),
    "case-narrow-gap": (
        "on densities 1e-5, 1.000001e-5, 0.5, 1 with the first one an anomaly: only a threshold "
        "in the narrow gap between the two smallest reaches the best F1",
        "在密度为 1e-5, 1.000001e-5, 0.5, 1、第一个是异常的用例上：只有落在最小两个密度之间那道窄缝里的"
        "阈值才能达到最好的 F1"),
    "raised-where": (" (in {name}, at `{text}`)", "（出错的是 {name} 中的 `{text}`）"),
    "your-function": ("your function", "你的函数"),
    "kmeans-distortion-nearest": (
        " ignores idx: it measures each example's distance to its nearest centroid, but (7.2) "
        "measures it to the centroid of its own cluster c^(i), which after an update step need "
        "not be the nearest; index the centroids with idx",
        "忽略了 idx：它度量的是每个样本到最近质心的距离，而 (7.2) 度量的是到它自己的簇 c^(i) "
        "的质心的距离，更新步骤之后那不一定是最近的；用 idx 对质心做索引"),
    "pca-examples": (
        " is (m, m) {text}: X X^T compares examples; (8.4) is X^T X / m, which compares "
        "features, (n, n)",
        "是 (m, m)（{text}）：X X^T 比较的是样本；(8.4) 是 X^T X / m，比较的是特征，(n, n)"),
    "pca-centring": (
        " comes from the data without centring: subtract the mean first (8.1), or the first "
        "direction points at the mean instead of along the spread",
        "来自未中心化的数据：先减去均值 (8.1)，否则第一个方向会指向均值，而不是沿着数据散布的方向"),
    "pca-rows": (" holds the directions as rows {text}; (8.2) stacks them as the columns "
                 "u_1, ..., u_k of U",
                 "把方向存成了行（{text}）；(8.2) 把它们作为 U 的列 u_1, ..., u_k 排列"),
    "pca-singular": (" holds the singular values omega_j; the variances are d_j = omega_j^2 / m "
                     "(8.10)",
                     "存放的是奇异值 omega_j；方差是 d_j = omega_j^2 / m (8.10)"),
    "pca-rows-of-U": (" uses the first k rows of U; the directions are its columns, "
                      "U_k = U[:, :k] (8.11)",
                      "用的是 U 的前 k 行；方向是它的列，U_k = U[:, :k] (8.11)"),
    "anomaly-sigma2-sd": (" treats sigma2 as a standard deviation: it is the variance sigma_j^2 "
                          "already, so (9.2) uses it as it is",
                          "把 sigma2 当成了标准差：它已经是方差 sigma_j^2，所以 (9.2) 直接使用它"),
    "anomaly-underflow": (
        " is -inf on {num} examples of n = {num2} features, whose densities are below 1e-308 and "
        "round to 0: the log of a density that underflowed to 0; sum the logs of the n factors "
        "instead (9.16), so that the density itself is never formed",
        "是 -inf（在 {num} 个样本、n = {num2} 个特征的用例上，这些样本的密度低于 1e-308，舍入为 0）："
        "这是一个下溢为 0 的密度的对数；改为对 n 个因子的对数求和 (9.16)，这样就根本不会构造密度本身"),
    "anomaly-f1-nan": (
        " is nan {text}: precision is 0/0 there; the last form of (9.12), 2 tp / ((tp + fp) + "
        "(tp + fn)), has no 0/0 when there are anomalies, and gives 0",
        "是 nan（{text}）：这时精确率是 0/0；(9.12) 的最后一种形式 2 tp / ((tp + fp) + (tp + fn)) "
        "在有异常时不会出现 0/0，并给出 0"),
    "anomaly-f1-accuracy": (" is the accuracy; (9.12) is the harmonic mean of precision and "
                            "recall",
                            "是准确率；(9.12) 是精确率和召回率的调和平均"),
    "anomaly-equal": (" counts the examples with p <= tau as flagged {text}; the rule (9.10) flags "
                      "p < tau, strictly",
                      "把 p <= tau 的样本都算作被标记（{text}）；规则 (9.10) 标记的是 p < tau，严格小于"),
    # --- one common mistake or more per lab
    "linear-theta0": (
        "regularises theta_0: the penalty of (1.11) sums theta_1 ... theta_n, leaving out the "
        "intercept",
        "对 theta_0 做了正则化：(1.11) 的惩罚项只对 theta_1 ... theta_n 求和，不含截距"),
    "linear-no-penalty": (
        "is not regularised: lam is ignored, but (1.11) adds lam/(2m) times the sum of "
        "theta_j^2 for j >= 1",
        "没有正则化：忽略了 lam，而 (1.11) 要加上 lam/(2m) 乘以 j >= 1 的 theta_j^2 之和"),
    "linear-sign": ("has the residual's sign flipped: (1.6) uses X theta - y, prediction minus "
                    "target", "中残差的符号反了：(1.6) 用的是 X theta - y，即预测值减目标值"),
    "linear-climbs": ("climbs the cost: (1.7) steps against the gradient, theta - alpha * "
                      "gradient", "在往代价增大的方向走：(1.7) 沿梯度的反方向走，即 theta - alpha * gradient"),
    "linear-ddof": ("divides by m - 1 (the default of pandas and of np.std(ddof=1)); (1.9) "
                    "divides by m",
                    "除以的是 m - 1（pandas 和 np.std(ddof=1) 的默认做法）；(1.9) 除以 m"),
    "logistic-sign": ("is g(-z): the sign of the exponent is flipped; (2.1) has e^(-z)",
                      "是 g(-z)：指数的符号反了；(2.1) 中是 e^(-z)"),
    "logistic-parentheses": ("is 1 + e^(-z): the denominator needs parentheses, 1 / (1 + e^(-z))",
                             "是 1 + e^(-z)：分母需要加括号，1 / (1 + e^(-z))"),
    "logistic-linear": ("is linear regression's gradient (1.6): the hypothesis here is "
                        "g(X theta), not X theta (2.11)",
                        "是线性回归的梯度 (1.6)：这里的假设函数是 g(X theta)，而不是 X theta (2.11)"),
    "network-output-delta": (
        "your output delta multiplies A^(3) - Y by g'(Z^(3)): with the cross-entropy cost of "
        "(4.5) the output delta is A^(3) - Y (4.8), because g'(z) cancels against the "
        "derivative of the log (5.4); the factor g'(z) belongs to the squared-error cost (5.6)",
        "你的输出层误差项把 A^(3) - Y 乘上了 g'(Z^(3))：对 (4.5) 的交叉熵代价，输出层误差项是 "
        "A^(3) - Y (4.8)，因为 g'(z) 与对数的导数相消 (5.4)；因子 g'(z) 属于平方误差代价 (5.6)"),
    "svm-bias": ("penalises the bias b: (6.2) penalises |w|^2 only",
                 "对偏置 b 也施加了惩罚：(6.2) 只惩罚 |w|^2"),
    "svm-hinge": ("sums 1 - y h(x) without max(0, .): an example beyond its margin must cost "
                  "nothing, not a negative amount (6.2)",
                  "对 1 - y h(x) 求和时没有取 max(0, .)：位于间隔之外的样本代价应为零，而不是负数 (6.2)"),
    "kmeans-sums": ("are the sums of each cluster's examples: (7.6) divides by N_k, the number of "
                    "examples in the cluster",
                    "是每个簇中样本的和：(7.6) 要除以 N_k，即簇中的样本数"),
    "kmeans-one-too-large": ("is one too large: clusters are numbered 0, ..., K - 1 here, as numpy "
                             "indexes (the course's MATLAB numbered them from 1)",
                             "大了 1：这里的簇按 numpy 的索引方式编号为 0, ..., K - 1"
                             "（课程的 MATLAB 代码从 1 开始编号）"),
    "pca-unbiased": ("divides by m - 1 (np.cov's default); (8.4) divides by m",
                     "除以的是 m - 1（np.cov 的默认做法）；(8.4) 除以 m"),
    "pca-increasing": ("is in increasing order; (8.10) sorts the variances from the largest, "
                       "d_1 >= d_2 >= ...",
                       "是升序排列的；(8.10) 把方差从大到小排列，d_1 >= d_2 >= ..."),
    "anomaly-std": ("holds the standard deviations sigma_j; (9.7) is their square, the variances",
                    "存放的是标准差 sigma_j；(9.7) 是它们的平方，即方差"),
    "anomaly-unbiased": ("divides by m - 1 (the unbiased estimate); the maximum-likelihood "
                         "variance (9.7) divides by m",
                         "除以的是 m - 1（无偏估计）；最大似然的方差 (9.7) 除以 m"),
}


def _pattern(english):
    """The regular expression of an English template: its text literally, its fields typed."""
    parts, seen = [], set()
    for literal, field in re.findall(r"([^{]*)(?:\{(\w+)\}|$)", english):
        parts.append(re.escape(literal))
        if field:
            kind = field.rstrip("0123456789")
            parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>{FIELDS[kind]})")
            seen.add(field)
    return re.compile("".join(parts))


def _literal_length(english):
    return len(re.sub(r"\{\w+\}", "", english))


_COMPILED = [(key, _pattern(en), zh) for key, (en, zh) in
             sorted(MESSAGES.items(), key=lambda item: -_literal_length(item[1][0]))
             if not key.startswith("word-")]
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def _tidy(text):
    """Chinese punctuation and spacing where a translated part meets an English joint."""
    text = re.sub(r",? (在(?:[^；：（）()]|\([^()]*\))*?上)", r"（\1）", text)
    text = re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)
    text = re.sub(rf"(?<=[\u4e00-\u9fff）]): ", "：", text)
    text = re.sub(rf"(?<=[\u4e00-\u9fff）]); ", "；", text)
    text = re.sub(rf"(?<=[\u4e00-\u9fff）]), ", "，", text)
    text = re.sub(r" ?\(([\u4e00-\u9fff](?:[^()]|\([^()]*\))*)\)", r"（\1）", text)
    text = re.sub(r"(?<=[A-Za-z0-9_)\]'])(?=[\u4e00-\u9fff])", " ", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9_])", " ", text)
    return text


def text(key, lang):
    """The text of catalogue entry ``key`` in ``lang``."""
    return MESSAGES[key][LANGUAGES.index(lang)]


def translate(line, lang="zh"):
    """``line``, an English diagnosis, in ``lang`` ("en" returns it unchanged)."""
    if lang == "en":
        return line
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    for _, pattern, zh in _COMPILED:
        line = pattern.sub(lambda match, zh=zh: zh.format(**match.groupdict()), line)
    return _tidy(line)


def _has_chinese(text):
    return bool(text) and re.search("[\u4e00-\u9fff]", text) is not None


def language(function=None, namespace=None, lang=None):
    """The language a check answers in: ``lang`` if given, else the lab's own.

    A lab is Chinese when the function checked, or a task function of its
    notebook (``namespace``, or the function's globals), has a Chinese docstring.
    """
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        return lang
    from ._core import TASKS  # noqa: PLC0415 (the registry imports this module)

    if _has_chinese(getattr(function, "__doc__", None)):
        return "zh"
    if namespace is None:
        namespace = getattr(function, "__globals__", None) or {}
    for name in TASKS:
        if _has_chinese(getattr(namespace.get(name), "__doc__", None)):
            return "zh"
    return "en"


# The hints of mlbook/labs/_hints.py in Chinese, keyed by task and step: step i of
# HINTS_ZH[task] translates step i of HINTS[task].
_SHAPES_ZH = ("打印每个中间数组的 .shape，与这里给出的形状比较；(m, 1) 列与 (m,) 向量放在一起，"
              "会不报错地广播成 (m, m)")

HINTS_ZH = {
    # --- 线性回归（第 1 章）
    "linear_cost": [
        "预测值 X @ theta：形状 (m,)；残差 r = X @ theta - y：形状 (m,)",
        "数据项是 r @ r / (2m)：一个数；(r @ r) 是平方和，不是 np.sum(r) ** 2",
        "惩罚项是 lam / (2m) 乘以 theta[1:] ** 2 之和：不含 theta[0] (1.11)",
        _SHAPES_ZH,
    ],
    "linear_gradient": [
        "残差 r = X @ theta - y：形状 (m,)，预测值减目标值",
        "数据项是 X.T @ r / m：形状 (n+1,)；X @ r 的形状对不上，X.T 才对",
        "惩罚项只给第 1, ..., n 个元素加上 lam / m * theta，第 0 个元素不变 (1.12)；"
        "修改 theta 的副本，绝不要修改 theta 本身",
        "数值检验：取 h = 1e-6，(J(theta + h e_j) - J(theta - h e_j)) / (2h) 应当与你的"
        "第 j 个元素一致",
    ],
    "gradient_descent": [
        "路径的第 0 行是起点 theta；每一步是 theta - alpha * gradient(theta) (1.7)，一个新数组",
        "每一步都追加一个新数组（theta = theta - ...，而不是 theta -= ...），否则每一行都是同一个对象",
        "num_iters 步给出 num_iters + 1 行",
    ],
    "feature_normalize": [
        "mu = 每一列的均值，axis=0：形状 (n,)",
        "sigma = 每一列的标准差，ddof=0（除以 m），形状 (n,)",
        "X_norm = (X - mu) / sigma：形状 (m, n)，现在每一列的均值为 0、标准差为 1 (1.9)",
    ],
    "normal_equation": [
        "A = X.T @ X + lam * I_0，形状 (n+1, n+1)，其中 I_0 是把 (0, 0) 元素置为 0 的单位矩阵 (1.13)",
        "b = X.T @ y，形状 (n+1,)",
        "用 np.linalg.solve 求解 A theta = b（A 奇异时用 lstsq），而不要求逆矩阵",
    ],
    # --- 逻辑回归（第 2 章）
    "sigmoid": [
        "逐元素计算 g(z) = 1 / (1 + e^(-z)) (2.1)：1 + e^(-z) 外面的括号不能少",
        "z = -1000 时 e^(-z) 会上溢：np.exp(-np.clip(z, -500, 500)) 或 scipy 的 expit 可以避免警告",
        "输入一个数就输出一个数；输入数组就输出同样形状的数组",
    ],
    "logistic_cost": [
        "logit z = X @ theta：形状 (m,)",
        "y = 1 的样本代价为 log(1 + e^(-z))，y = 0 的为 log(1 + e^z) (2.9)；np.logaddexp(0, z) "
        "计算 log(1 + e^z) 而不会上溢，也绝不会出现 log(0)",
        "对 m 个样本求平均，再加上 lam / (2m) 乘以 theta[1:] ** 2 之和 (2.13)",
    ],
    "logistic_gradient": [
        "残差 g(X @ theta) - y：形状 (m,)，预测值减目标值",
        "X.T @ residuals / m：形状 (n+1,)",
        "惩罚项只给第 1, ..., n 个元素加上 lam / m * theta[1:] (2.14)",
    ],
    "one_vs_all": [
        "对每个类别 k = 0, ..., K-1，二分类目标 (y == k) 转成浮点数：形状 (m,)",
        "每个类别用给定的 lam 训练一个正则化逻辑回归（用你的代价函数和梯度，或实验提供的优化器）",
        "把 K 个参数向量按行堆叠：形状 (K, n+1)",
    ],
    "predict_one_vs_all": [
        "得分 X @ Theta.T：形状 (m, K)，每个类别一列",
        "每一行最大的得分，np.argmax(..., axis=1)：形状 (m,)，类别为 0, ..., K-1",
    ],
    # --- 神经网络（第 4、5 章）
    "sigmoid_gradient": [
        "先计算 g = sigmoid(z)",
        "再逐元素计算 g * (1 - g) (2.4)：用的是作用过 sigmoid 的值，而不是 z 本身",
    ],
    "forward": [
        "A1 = [1, X]：np.column_stack([np.ones(m), X])，形状 (m, n+1)，全一列在最前",
        "Z2 = A1 @ Theta1.T：形状 (m, s2)；A2 = g(Z2) (4.4)",
        "[1, A2]：形状 (m, s2+1)；Z3 = [1, A2] @ Theta2.T：形状 (m, K)；A3 = g(Z3)",
        "返回不含全一列的 A2，然后是 A3",
    ],
    "nn_cost": [
        "先检查 forward：它的 A2 形状为 (m, s2)，不含全一列",
        "Z3 = [1, A2] @ Theta2.T：形状 (m, K)",
        "数据项：对全部 m * K 个元素求 log(1 + e^z) - y z 之和 (2.9)，只除以 m (4.5)",
        "惩罚项：lam / (2m) 乘以 Theta1[:, 1:] 和 Theta2[:, 1:] 的平方和，不含第一列（偏置的权重）",
    ],
    "output_delta": [
        "形状为 (m, K)，每个样本一行",
        "利用 g'(z) = g(z)(1 - g(z))，把 -y log g(z) - (1 - y) log(1 - g(z)) 对 z 求导：还剩下什么？(5.4)",
    ],
    "backprop": [
        "前向传播一次：A1 = [1, X] (m, n+1)，Z2 (m, s2)，A2 = [1, g(Z2)] (m, s2+1)，A3 (m, K)",
        "Delta3 = 你的 output_delta：形状 (m, K)",
        "Delta2 = (Delta3 @ Theta2[:, 1:]) * g'(Z2)：形状 (m, s2)；去掉 Theta2 的偏置列，"
        "g' 在 Z2 处取值 (4.10)",
        "grad1 = Delta2.T @ A1 / m：形状 (s2, n+1)；grad2 = Delta3.T @ A2 / m：形状 (K, s2+1)",
        "除第一列外，每一列加上 lam / m * Theta (4.12)",
    ],
    # --- 支持向量机（第 6 章）
    "svm_objective": [
        "间隔 y * (X @ w + b)：形状 (m,)",
        "合页损失 max(0, 1 - margin)：用 np.maximum 逐元素计算，形状 (m,)",
        "C 乘以它们的和，再加上 w @ w / 2；b 不受惩罚 (6.2)",
    ],
    "gaussian_kernel": [
        "距离平方 sum((x1 - x2) ** 2)：一个数",
        "exp(-distance / (2 sigma^2)) (6.16)：2 和 sigma 的平方都不能少",
    ],
    "gram_matrix": [
        "每一对的距离平方：X1[:, None, :] - X2[None, :, :] 的形状为 (m1, m2, n)；沿 axis 2 求和得到 (m1, m2)",
        "G = exp(-D / (2 sigma^2))：形状 (m1, m2)，第 i 行对应 X1[i] (6.14)",
    ],
    "decision_values": [
        "beta * y：形状 (m,)，每个乘子乘上它的标签",
        "G @ (beta * y) + b：形状 (m_new,) (6.18)",
    ],
    "dual_objective": [
        "v = beta * y：形状 (m,)",
        "beta 之和减去 v @ G @ v 的一半：一个数 (6.17)",
    ],
    # --- K 均值（第 7 章）
    "find_closest_centroids": [
        "距离平方 D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)：形状 (m, K)",
        "idx = np.argmin(D, axis=1)：形状 (m,)，整数；axis=1 对每个样本在 K 个质心中取最小 (7.1)",
    ],
    "compute_centroids": [
        "对每个 k，掩码 idx == k（布尔值，不是 0/1 整数）选出簇 k 的样本",
        "它们沿 axis 0 的均值：形状 (n,) (7.6)",
        "空簇：先求其他簇的均值，找出离它自己所在簇的均值最远的样本，把它移入空簇（在 idx 的副本中），"
        "然后重新计算所有均值",
    ],
    "distortion": [
        "centroids[idx]：形状 (m, n)，每个样本自己的质心（不是最近的那个）",
        "距离平方沿 axis 1 求和：形状 (m,)；它们的均值就是 J (7.2)",
    ],
    "run_kmeans": [
        "先检查 find_closest_centroids 和 compute_centroids",
        "max_iters 次迭代中的每一次：先由当前质心求 idx (7.1)，再由 idx 求新的质心 (7.6)；两步都在循环之内",
        "在循环之后返回，而不是在循环之内：(centroids, idx)",
    ],
    "init_centroids": [
        "互不相同的行 np.unique(X, axis=0)：两个相同的行会成为同一个点上的两个质心",
        "用 rng 不放回地从中随机选出 K 个（rng.permutation 或 rng.choice(..., replace=False)），"
        "绝不要用 np.random 的全局函数",
    ],
    # --- 主成分分析（第 8 章）
    "covariance_matrix": [
        "X 已经中心化；X.T @ X：形状 (n, n)",
        "除以 m，而不是 m - 1 (8.4)",
    ],
    "principal_components": [
        "mu = X.mean(axis=0)：形状 (n,)；中心化 X - mu",
        "对中心化的数据做 SVD：np.linalg.svd(X - mu, full_matrices=False) 给出 U_svd、omega、Vt；"
        "方向是 Vt 的各行，所以 U = Vt.T，各列为方向",
        "方差 d = omega ** 2 / m，从大到小 (8.10)",
    ],
    "project_data": [
        "U[:, :k]：前 k 列，形状 (n, k)",
        "Z = X @ U[:, :k]：形状 (m, k) (8.11)",
    ],
    "recover_data": [
        "k = Z.shape[1]；U[:, :k]：形状 (n, k)",
        "Z @ U[:, :k].T：形状 (m, n) (8.12)",
    ],
    "choose_k": [
        "保留的比例 np.cumsum(d) / np.sum(d)：形状 (n,)，第 j 个元素对应 k = j + 1",
        "比例至少为 psi（>=）的第一个 k，从 1 开始计数 (8.14)",
    ],
    # --- 异常检测（第 9 章）
    "estimate_gaussian": [
        "mu = X.mean(axis=0)：形状 (n,)，每个特征一个均值 (9.6)",
        "sigma2 = (X - mu) ** 2 沿 axis 0 的均值，除以 m：是方差，不是它们的平方根 (9.7)",
    ],
    "gaussian_density": [
        "每个特征的因子 exp(-(x - mu)^2 / (2 sigma2)) / sqrt(2 pi sigma2)：形状 (m, n)；sigma2 已经是方差",
        "沿特征求积，axis=1：形状 (m,) (9.2)",
    ],
    "log_density": [
        "每个因子的对数：-(1/2) (log(2 pi sigma2) + (x - mu)^2 / sigma2)，形状 (m, n)",
        "沿 axis 1 求和：形状 (m,) (9.16)；绝不要构造密度本身",
    ],
    "f1_score": [
        "tp = y == 1 且 flagged == 1 的样本数",
        "F1 = 2 tp / (被标记的个数 + 异常的个数) (9.12)：什么都没标记时也不会出现 0/0",
    ],
    "select_threshold": [
        "候选值：每个不同的密度 np.unique(p_val)，再加一个比它们都大的值 (9.14)",
        "对每个候选值 tau，标记 p_val < tau（严格小于），计算 F1",
        "保留 F1 最大的 tau，按这个顺序返回 (tau, f1)",
    ],
}
