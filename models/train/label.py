"""Labels solutions the rStar way, without a hand-written step score: every step's code runs (re-executing the
steps before it), a failing step is worth -1, a finished solution is +1 if it prints the known answer and -1
otherwise, and each step's Q-value is the mean terminal value of the rollouts that pass through it (the Monte
Carlo backup MCTS does). Step-preference pairs: same partial solution, a step with Q > 0 over a step with
Q < 0, gap >= 0.5 (the engine's preferencePairs rule).

Used by from_export.py for the generator's own reference solution and a copy of it with one number changed:
code this project wrote, so it runs here with plain exec and an alarm. The policy's solutions are labelled by
the project's MCTS (`stepwise export`), whose steps run in the Pyodide sandbox.
"""

import contextlib
import io
import os
import re
import signal
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ppm_text import new_output, ppm_step  # noqa: E402

END_STEP, END_CODE = "<end_of_step>", "<end_of_code>"


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def run_code(code, seconds=2):
    """(ok, stdout) for a piece of model-written Python, with a wall-clock limit."""
    buf = io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(buf):
            exec(compile(code, "<step>", "exec"), {"__builtins__": __builtins__})
        return True, buf.getvalue()
    except BaseException:  # noqa: BLE001 - any failure of generated code is a failed step
        return False, buf.getvalue()
    finally:
        signal.alarm(0)


def same_number(out, answer):
    try:
        return Fraction(out.strip()) == Fraction(str(answer).strip())
    except (ValueError, ZeroDivisionError):
        return out.strip() == str(answer).strip()


def split_sample(text, stop):
    """Step bodies of one sampled solution and whether it reached <end_of_code>."""
    finished = stop == "customStopTrigger" and END_STEP not in text[-len(END_STEP):]
    pieces = [p.strip("\n").rstrip() for p in text.split(END_STEP)]
    if pieces and not pieces[-1]:
        pieces.pop()
        finished = False
    return pieces, finished


def evaluate_sample(text, stop, answer):
    """Steps as the PPM reads them (ppm_text.ppm_step: rendered, plus what the step newly printed) and the
    terminal value (+1/-1) of one sample; a failing step ends it with -1."""
    bodies, finished = split_sample(text, stop)
    rendered = []
    code = ""
    before = ""
    for i, body in enumerate(bodies):
        last = i == len(bodies) - 1 and finished
        code += body + "\n"
        ok, out = run_code(code)
        if not ok:
            rendered.append(body + "\n" + END_STEP + "\n")
            return rendered, -1.0, None
        if last:
            out = out.strip()[:1024]
            rendered.append(body + "\n" + END_CODE + "\n<output>" + out + "<end_of_output>\n<answer>")
            rendered.append("The answer is \\boxed{%s}<end_of_answer>" % out)
            return rendered, (1.0 if same_number(out, answer) else -1.0), out
        rendered.append(ppm_step(body + "\n" + END_STEP + "\n", new_output(out, before)))
        before = out
    return rendered, -1.0, None  # ran out of tokens


def label_problem(row, min_gap=0.5, per_parent=4):
    trajs = []
    for s in row["samples"]:
        steps, value, out = evaluate_sample(s["text"], s["stop"], row["answer"])
        if steps:
            trajs.append((steps, value, out))
    # Q(node) = mean terminal value of the rollouts through it; nodes keyed by their step prefix.
    stats = {}
    for steps, value, _ in trajs:
        for d in range(1, len(steps) + 1):
            key = tuple(steps[:d])
            n, tot = stats.get(key, (0, 0.0))
            stats[key] = (n + 1, tot + value)
    q = {k: t / n for k, (n, t) in stats.items()}
    uniq = {}
    for steps, value, out in trajs:
        uniq.setdefault(tuple(steps), (value, out))
    distinct = [list(k) for k in uniq]
    # first trajectory holding each node, for referencing steps in the pairs
    where = {}
    for ti, steps in enumerate(distinct):
        for d in range(1, len(steps) + 1):
            where.setdefault(tuple(steps[:d]), (ti, d - 1))
    kids = {}
    for key in q:
        kids.setdefault(key[:-1], []).append(key)
    pairs = []
    for parent, ks in kids.items():
        cands = []
        for a in ks:
            for b in ks:
                if a != b and q[a] > 0 > q[b] and q[a] - q[b] >= min_gap:
                    cands.append((q[a] - q[b], where[a], where[b], q[a], q[b]))
        cands.sort(key=lambda c: -c[0])
        for _, wa, wb, qa, qb in cands[:per_parent]:
            pairs.append({"chosen": list(wa), "rejected": list(wb), "chosenQ": qa, "rejectedQ": qb, "depth": len(parent)})
    return {
        "index": row["index"], "question": row["question"], "answer": row["answer"],
        "trajectories": [{"steps": st, "q": [q[tuple(st[:d])] for d in range(1, len(st) + 1)],
                          "value": uniq[tuple(st)][0], "output": uniq[tuple(st)][1]} for st in distinct],
        "pairs": pairs,
        "outputs": [t[2] for t in trajs],
        "sample_traj": [distinct.index(list(t[0])) for t in trajs],
        "tokens": sum(s.get("tokens", 0) for s in row["samples"]),
        "values": [t[1] for t in trajs],
    }


CORRUPTIONS = ("number", "digit", "operation", "sign", "carry")
_OPS = {"+": "-", "-": "+", "*": "//", "//": "*"}


def corrupt(code, rng, kind):
    """`code` with one error of `kind` in one code line (the errors a small policy makes), or None:
      number     a number changed by 1-9            digit   an extra or a dropped digit ("4" -> "48")
      operation  + - * // swapped for another one   sign    + and - swapped
      carry      the running quantity replaced by another number of the solution (a wrong quantity carried on)
    A changed number is changed in the step's comment too ("# Step 3: Chloe loses 20 eggs." and `eggs - 20` both
    become 24), as the policy's own miscopied numbers are: an error the comment contradicts can be told apart
    without reading the question, and a PPM trained on such copies learns that instead of checking the step."""
    lines = code.split("\n")
    code_lines = [i for i, ln in enumerate(lines) if ln and not ln.startswith("#") and not ln.startswith("<")]
    nums_all = [m.group() for i in code_lines for m in re.finditer(r"\b\d+\b", lines[i])]
    cands = []
    for i in code_lines:
        ln = lines[i]
        if kind in ("number", "digit"):
            for m in re.finditer(r"\b\d+\b", ln):
                v = m.group()
                if kind == "number":
                    new = str(int(v) + rng.randint(1, 9))
                elif len(v) > 1 and rng.random() < 0.5:
                    j = rng.randrange(len(v))
                    new = v[:j] + v[j + 1:]
                else:
                    j = rng.randrange(len(v) + 1)
                    new = v[:j] + str(rng.randint(0, 9)) + v[j:]
                if new != v and new.lstrip("0") != v:
                    cands.append((i, ln[:m.start()] + new + ln[m.end():], (v, new)))
        elif kind in ("operation", "sign"):
            for m in re.finditer(r" (\+|-|\*|//) ", ln):
                op = m.group(1)
                if kind == "sign" and op not in "+-":
                    continue
                new = _OPS[op] if kind == "sign" else rng.choice([o for o in _OPS if o != op])
                cands.append((i, ln[:m.start()] + " %s " % new + ln[m.end():], None))
        elif kind == "carry":
            m = re.match(r"(\w+) = (\w+) ", ln)
            if m and m.group(1) == m.group(2) and not m.group(2).isdigit():
                others = [v for v in nums_all if v not in ln]
                if others:
                    cands.append((i, "%s = %s %s" % (m.group(1), rng.choice(others), ln[m.end():]), None))
    if not cands:
        return None
    i, new, changed = rng.choice(cands)
    lines[i] = new
    if changed:
        c = next((j for j in range(i - 1, -1, -1) if lines[j].startswith("# Step")), None)
        if c is not None:
            lines[c] = re.sub(r"\b%s\b" % changed[0], changed[1], lines[c], count=1)
    return "\n".join(lines)


def _printed(code):
    """What a whole solution prints, or None when its code fails."""
    ok, out = run_code(code.replace(END_STEP, ""))
    return out.strip() if ok else None


def reference_samples(solution, rng, corruptions=1, kinds=("number",), tries=8):
    """The generator's own solution and `corruptions` copies of it, each with one error of a kind drawn from
    `kinds` (see corrupt) that changes what the solution prints (or makes it fail): an error that leaves the
    answer as it was (8 * 50 // 100 and 8 * 59 // 100 are both 4) is no error and gives no pair, so up to
    `tries` errors are drawn for each copy. A policy trained for a minute rarely finishes a solution, and a
    weak one rarely finds the right one: this gives right-vs-wrong pairs at the same prefix whenever the
    solution has an error of those kinds to make."""
    code = solution.split(END_CODE)[0]
    out = [{"text": code, "stop": "customStopTrigger"}]
    right = _printed(code)
    for _ in range(corruptions):
        for _ in range(tries):
            bad = corrupt(code, rng, rng.choice(kinds))
            if bad and bad != code and _printed(bad) != right:
                out.append({"text": bad, "stop": "customStopTrigger"})
                break
    return out
