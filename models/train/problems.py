"""Compositional generator of grade-school word problems with exact answers and code-augmented solutions.

Two kinds of problem:
  chain     a start sentence, a chain of operations on one running quantity and a closing question (the
            generator the shipped models were trained on);
  everyday  the families of everyday.py: people compared, shopping and change, "the rest", time, units,
            sharing, rates, working backwards, ages, prices, comings and goings, goals, groups, rectangles,
            savings, facts, fractions of a whole, work in sittings, with number words, idioms and irrelevant
            sentences (--families picks some of them).
Each part has several phrasings; the solution has one step per part, and Python does the arithmetic.
With --fresh, a share of the problems has its people and things renamed to invented ones (fresh.py).
The held-out split uses signatures (operation sequences, or family + variant) that never occur in training, so
test problems are new combinations of known parts rather than new templates. The hand-written evaluation set
(models/eval/*.jsonl) is never generated: a drawn problem whose question equals one of its questions is drawn
again, and the output is checked for it.

    /usr/bin/python3 models/train/problems.py --train 20000 --test 600 --out models/train/data
    /usr/bin/python3 models/train/problems.py ... --everyday 0     # chains only (the shipped models' data)
"""

import argparse
import glob
import hashlib
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from everyday import ALL_GOODS, ALL_PEOPLE, FAMILIES, FIRST_FAMILIES, SHE as EVERYDAY_SHE, THINGS, make_everyday  # noqa: E402
from fresh import Freshener, freshen  # noqa: E402
from quote import quote_steps  # noqa: E402

EVAL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval")

NAMES = [
    "Mia", "Liam", "Ava", "Noah", "Emma", "Lucas", "Zoe", "Omar", "Nina", "Ethan", "Sofia", "Leo", "Chloe",
    "Mateo", "Ruby", "Owen", "Priya", "Jack", "Hana", "Ben", "Lena", "Sam", "Maya", "Theo", "Iris", "Kai",
    "Aisha", "Felix", "Grace", "Hugo", "Jade", "Ivan", "Lily", "Marco", "Nora", "Oscar", "Pia", "Ravi",
    "Sara", "Tom", "Uma", "Victor", "Wendy", "Yuki", "Zara", "Diego", "Elena", "Finn",
]
SHE = {"Mia", "Ava", "Emma", "Zoe", "Nina", "Sofia", "Chloe", "Ruby", "Priya", "Hana", "Lena", "Maya", "Iris",
       "Aisha", "Grace", "Jade", "Lily", "Nora", "Pia", "Sara", "Uma", "Wendy", "Yuki", "Zara", "Elena"}

# (plural, singular, container, place)
ITEMS = [
    ("apples", "apple", "basket", "orchard"), ("marbles", "marble", "jar", "playground"),
    ("stickers", "sticker", "album", "shop"), ("cookies", "cookie", "tin", "bakery"),
    ("pencils", "pencil", "case", "school"), ("stamps", "stamp", "book", "post office"),
    ("shells", "shell", "bucket", "beach"), ("cards", "card", "box", "fair"),
    ("beads", "bead", "pouch", "craft store"), ("eggs", "egg", "carton", "farm"),
    ("books", "book", "shelf", "library"), ("coins", "coin", "purse", "bank"),
    ("flowers", "flower", "vase", "garden"), ("balloons", "balloon", "bag", "party"),
    ("candies", "candy", "bowl", "market"), ("toys", "toy", "chest", "toy store"),
    ("oranges", "orange", "crate", "grove"), ("rocks", "rock", "bin", "river"),
    ("buttons", "button", "drawer", "tailor"), ("cupcakes", "cupcake", "tray", "kitchen"),
    ("bottles", "bottle", "rack", "store"), ("plants", "plant", "greenhouse", "nursery"),
    ("tickets", "ticket", "envelope", "booth"), ("muffins", "muffin", "box", "cafe"),
    ("crayons", "crayon", "box", "art room"), ("leaves", "leaf", "sack", "park"),
    ("potatoes", "potato", "sack", "field"), ("puzzles", "puzzle", "cupboard", "shop"),
]

OPS = ["add", "sub", "mul", "div", "pct", "frac", "rate"]
STARTS = ["has", "packs"]
ENDS = ["count", "value"]
MAX_Q = 5000


class Ctx:
    def __init__(self, rng):
        self.rng = rng
        self.name = rng.choice(NAMES)
        self.friend = rng.choice([n for n in NAMES if n != self.name])
        she = self.name in SHE
        self.he, self.him, self.his = ("she", "her", "her") if she else ("he", "him", "his")
        self.items, self.item, self.container, self.place = rng.choice(ITEMS)
        self.var = self.items

    def fill(self, s, **kw):
        d = dict(name=self.name, friend=self.friend, he=self.he, him=self.him, his=self.his,
                 He=self.he.capitalize(), His=self.his.capitalize(), items=self.items, item=self.item,
                 container=self.container, place=self.place, v=self.var)
        d.update(kw)
        return s.format(**d)


def op_start(ctx, rng, kind):
    """Returns (sentence, comment, code lines, value)."""
    if kind == "has":
        n = rng.randint(12, 240)
        s = rng.choice([
            "{name} has {n} {items}.",
            "{name} starts the week with {n} {items}.",
            "There are {n} {items} in {name}'s {container}.",
            "{name} collected {n} {items} last month.",
        ])
        return ctx.fill(s, n=n), ctx.fill("{name} starts with {n} {items}.", n=n), [ctx.fill("{v} = {n}", n=n)], n
    b, c = rng.randint(2, 12), rng.randint(3, 25)
    s = rng.choice([
        "{name} buys {b} packs of {items} with {c} {items} in each pack.",
        "{name} has {b} boxes, and each box holds {c} {items}.",
        "{name} fills {b} bags with {c} {items} each.",
        "There are {b} rows of {items} in {name}'s {container}, with {c} {items} in every row.",
    ])
    return (ctx.fill(s, b=b, c=c), ctx.fill("{name} starts with {b} groups of {c} {items}.", b=b, c=c),
            [ctx.fill("{v} = {b} * {c}", b=b, c=c)], b * c)


def op_chain(ctx, rng, kind, q):
    """One operation on the running quantity q. Returns (sentence, comment, code, new q) or None if it
    cannot apply exactly to q."""
    if kind == "add":
        a = rng.randint(2, 99)
        s = rng.choice([
            "Then {he} buys {a} more {items}.",
            "{friend} gives {him} another {a} {items}.",
            "The next day {he} finds {a} extra {items}.",
            "After that, {he} brings home {a} more {items} from the {place}.",
        ])
        return ctx.fill(s, a=a), ctx.fill("{name} gets {a} more {items}.", a=a), [ctx.fill("{v} = {v} + {a}", a=a)], q + a
    if kind == "sub":
        if q < 4:
            return None
        a = rng.randint(1, min(q - 1, 99))
        s = rng.choice([
            "{He} gives {a} {items} to {friend}.",
            "Then {a} of the {items} are lost.",
            "{He} uses {a} {items} for a school project.",
            "{He} sells {a} of {his} {items} at the {place}.",
        ])
        return ctx.fill(s, a=a), ctx.fill("{name} loses {a} {items}.", a=a), [ctx.fill("{v} = {v} - {a}", a=a)], q - a
    if kind == "mul":
        k = rng.randint(2, 5)
        if q * k > MAX_Q:
            return None
        s = rng.choice([
            "Then the number of {items} becomes {k} times as large.",
            "{He} ends up with {k} times as many {items} as before.",
            "A week later {his} collection has grown to {k} times its size.",
            "{friend} helps, and now there are {k} times as many {items}.",
        ])
        return ctx.fill(s, k=k), ctx.fill("The {items} are multiplied by {k}.", k=k), [ctx.fill("{v} = {v} * {k}", k=k)], q * k
    if kind == "div":
        ks = [k for k in range(2, 7) if q % k == 0 and q // k >= 2]
        if not ks:
            return None
        k = rng.choice(ks)
        s = rng.choice([
            "{He} splits the {items} equally into {k} boxes and keeps one box.",
            "{He} shares the {items} equally among {k} people, {himself} included, and keeps {his} share.",
            "{He} divides them into {k} equal piles and keeps only one pile.",
            "The {items} are packed equally into {k} bags, and {he} keeps a single bag.",
        ])
        himself = "herself" if ctx.he == "she" else "himself"
        return (ctx.fill(s, k=k, himself=himself), ctx.fill("{name} keeps one of {k} equal parts.", k=k),
                [ctx.fill("{v} = {v} // {k}", k=k)], q // k)
    if kind == "pct":
        ps = [p for p in (10, 20, 25, 30, 40, 50, 60, 75) if (q * p) % 100 == 0]
        if not ps:
            return None
        p = rng.choice(ps)
        part = q * p // 100
        if rng.random() < 0.5:
            s = rng.choice([
                "{He} gives away {p}% of {his} {items}.",
                "Then {p}% of the {items} are sold.",
                "{p}% of the {items} get damaged and are thrown out.",
            ])
            if q - part < 1:
                return None
            return (ctx.fill(s, p=p), ctx.fill("{name} loses {p}% of the {items}.", p=p),
                    [ctx.fill("lost = {v} * {p} // 100", p=p), ctx.fill("{v} = {v} - lost")], q - part)
        if q + part > MAX_Q:
            return None
        s = rng.choice([
            "The number of {items} then increases by {p}%.",
            "{He} adds {p}% more {items} to the {container}.",
            "Thanks to {friend}, {his} {items} grow by {p}%.",
        ])
        return (ctx.fill(s, p=p), ctx.fill("The {items} grow by {p}%.", p=p),
                [ctx.fill("extra = {v} * {p} // 100", p=p), ctx.fill("{v} = {v} + extra")], q + part)
    if kind == "frac":
        ds = [d for d in range(2, 7) if q % d == 0]
        if not ds:
            return None
        d = rng.choice(ds)
        n = rng.randint(1, d - 1)
        s = rng.choice([
            "{He} gives {n}/{d} of the {items} to {friend}.",
            "Then {he} eats {n}/{d} of them.",
            "{n}/{d} of the {items} are broken and thrown away.",
            "{He} donates {n}/{d} of {his} {items} to the {place}.",
        ])
        return (ctx.fill(s, n=n, d=d), ctx.fill("{name} loses {n}/{d} of the {items}.", n=n, d=d),
                [ctx.fill("lost = {v} * {n} // {d}", n=n, d=d), ctx.fill("{v} = {v} - lost")], q - q * n // d)
    if kind == "rate":
        r, h = rng.randint(2, 15), rng.randint(2, 9)
        s = rng.choice([
            "For the next {h} hours, {he} makes {r} {items} per hour.",
            "{He} then picks {r} {items} an hour for {h} hours.",
            "Over {h} days {he} adds {r} {items} each day.",
            "Every day for {h} days, {friend} gives {him} {r} {items}.",
        ])
        return (ctx.fill(s, r=r, h=h), ctx.fill("{name} adds {r} {items} for each of {h} periods.", r=r, h=h),
                [ctx.fill("made = {r} * {h}", r=r, h=h), ctx.fill("{v} = {v} + made")], q + r * h)
    raise ValueError(kind)


def op_end(ctx, rng, kind, q):
    """The closing question. Returns (question, comment, code, answer)."""
    if kind == "count":
        s = rng.choice([
            "How many {items} does {name} have now?",
            "How many {items} are left at the end?",
            "What is the final number of {items} that {name} has?",
        ])
        return ctx.fill(s), ctx.fill("Count the {items} at the end."), [], q
    v = rng.randint(2, 9)
    s = rng.choice([
        "If each {item} is worth ${v}, how many dollars are all of {his} {items} worth?",
        "{name} sells every {item} for ${v} at the end. How many dollars does {he} earn?",
        "Each {item} costs ${v}. What is the total value of the {items} in dollars?",
    ])
    return (ctx.fill(s, v=v), ctx.fill("Each {item} is worth {val} dollars.", val=v),
            [ctx.fill("value = {v} * {val}", val=v)], q * v)


def signature(start, ops, end):
    return "|".join([start] + list(ops) + [end])


def is_test_signature(sig):
    # A fixed hash bucket of operation sequences is held out entirely.
    return int(hashlib.sha1(sig.encode()).hexdigest(), 16) % 7 == 0


def make_problem(rng, n_ops=None, want_test=None, quote=False):
    """Draws one problem. want_test: None (any), True (held-out sequences only), False (training only); quote:
    the steps' comments quote the question (quote.py)."""
    for _ in range(1000):
        ctx = Ctx(rng)
        k = n_ops if n_ops is not None else rng.randint(2, 5)
        start = rng.choice(STARTS)
        end = "value" if rng.random() < 0.3 else "count"
        ops = [rng.choice(OPS) for _ in range(k)]
        sig = signature(start, ops, end)
        if want_test is not None and is_test_signature(sig) != want_test:
            continue
        sent, comment, code, q = op_start(ctx, rng, start)
        parts = [(sent, comment, code)]
        ok = True
        for kind in ops:
            r = op_chain(ctx, rng, kind, q)
            if r is None:
                ok = False
                break
            s, c, cd, q = r
            parts.append((s, c, cd))
        if not ok or q < 1:
            continue
        qs, qc, qcode, ans = op_end(ctx, rng, end, q)
        question = " ".join(p[0] for p in parts) + " " + qs
        steps = []
        for i, (_, c, cd) in enumerate(parts):
            steps.append((c, cd))
        if qcode:
            steps.append((qc, qcode))
        out_var = "value" if end == "value" else ctx.var
        return problem_record(question, steps, out_var, ans, sig, quote)
    raise RuntimeError("could not draw a problem")


def problem_record(question, steps, out_var, ans, sig, quote=False):
    """The problem with its code-augmented solution: one step per (comment, code lines), the last prints; with
    `quote`, a step's comment is the sentence of the question it uses where there is one (quote.py)."""
    if quote:
        steps = quote_steps(question, steps)
    lines = []
    for i, (c, cd) in enumerate(steps):
        body = "# Step %d: %s\n%s" % (i + 1, c, "\n".join(cd))
        if i == len(steps) - 1:
            lines.append(body + "\n# Now print the final answer\nprint(%s)\n<end_of_code>\n" % out_var)
        else:
            lines.append(body + "\n<end_of_step>\n")
    solution = ("".join(lines) + "<output>%d<end_of_output>\n<answer>The answer is \\boxed{%d}<end_of_answer>"
                % (ans, ans))
    return {"question": question, "answer": str(ans), "solution": solution, "ops": sig, "gsm8k_answer": "#### %d" % ans}


def make_everyday_problem(rng, want_test=None, families=None, quote=False):
    """One problem of everyday.py's families (or of `families`), on the requested side of the held-out split."""
    for _ in range(1000):
        question, steps, out_var, ans, sig = make_everyday(rng, families=families)
        sig = "everyday|" + sig
        if want_test is not None and is_test_signature(sig) != want_test:
            continue
        if ans < 1:
            continue
        return problem_record(question, steps, out_var, ans, sig, quote)
    raise RuntimeError("could not draw a problem")


def make_wide_problem(rng, want_test=None, quote=False):
    """One problem of the wide generators, half from stories.py (people and things changing hands, compared,
    bought, earned, shared), half from scenes.py (everyday situations, each with its own words)."""
    from scenes import make_scene
    from stories import make_story
    make = make_story if rng.random() < 0.5 else make_scene
    for _ in range(1000):
        question, steps, out_var, ans, sig = make(rng)
        if want_test is not None and is_test_signature(sig) != want_test:
            continue
        return problem_record(question, steps, out_var, ans, sig, quote)
    raise RuntimeError("could not draw a problem")


def normalise(question):
    return re.sub(r"\s+", " ", question.strip().lower())


def eval_questions(folder=EVAL_DIR):
    """Normalised questions of the hand-written evaluation sets, which must never be generated."""
    out = set()
    for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        for line in open(path):
            if line.strip():
                out.add(normalise(json.loads(line)["question"]))
    return out


def prompt_header(question):
    """Same text as buildPromptHeader(question, "rstar") in src/engine/steps/format.ts."""
    return "<|user|>:\n%s\n<|assistant|>: Let's think step by step and solve the problem with code.\n<code>\n" % question.strip()


def check_solution(p):
    """Runs the solution's code and checks it prints the answer (the generator's self-test)."""
    import contextlib
    import io
    code = p["solution"].split("<end_of_code>")[0].replace("<end_of_step>", "")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(code, {})
    return buf.getvalue().strip() == p["answer"]


def freshener():
    """Renames the people and things of every list here and in everyday.py (fresh.py)."""
    people = {n: n in SHE for n in NAMES}
    people.update({n: n in EVERYDAY_SHE for n in ALL_PEOPLE if n not in people})
    things = [(s, p) for p, s, _, _ in ITEMS] + [(s, p) for p, s in THINGS] + list(ALL_GOODS)
    return Freshener(people, things)


def generate(n, seed, want_test, ops=(2, 5), everyday=0.0, exclude=frozenset(), families=None, fresh=0.0, wide=0.0,
             quote=False):
    """n problems: a share `wide` of the wide generators (stories.py and scenes.py), then of the rest a share
    `everyday` of everyday.py's families (or of `families`), the rest chains (with wide=0 and everyday=0 the draws
    are exactly those of the chain-only generator); a share `fresh` of them with invented people and things
    (fresh.py; a second random stream, so the problems are otherwise the same); none whose question is in
    `exclude`. quote: every solution's steps quote the question (quote.py; the same draws otherwise)."""
    rng = random.Random(seed)
    frng = random.Random(seed + 7919)
    renamer = freshener() if fresh > 0 else None
    out = []
    while len(out) < n:
        if wide > 0 and rng.random() < wide:
            p = make_wide_problem(rng, want_test, quote)
        elif everyday > 0 and rng.random() < everyday:
            p = make_everyday_problem(rng, want_test, families, quote)
        else:
            p = make_problem(rng, n_ops=rng.randint(*ops), want_test=want_test, quote=quote)
        if renamer and frng.random() < fresh:
            p = freshen(renamer, frng, p)
        if normalise(p["question"]) not in exclude:
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=int, default=20000)
    ap.add_argument("--test", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "data"))
    ap.add_argument("--train-ops", default="2,5", help="chain operations per training problem, min,max (a short "
                    "curriculum set uses 1,2); the held-out split always uses 2..5 after the start")
    ap.add_argument("--everyday", type=float, default=0.5,
                    help="share of problems from everyday.py's families (0: chains only, the shipped models' data)")
    ap.add_argument("--families", default="all",
                    help="everyday families to draw from, comma-separated; 'first' is the eight the first fine-tune "
                    "used (its problems are drawn again exactly); default all")
    ap.add_argument("--fresh", type=float, default=0.0,
                    help="share of problems whose people and things are renamed to invented or unlisted ones, so "
                    "the policy learns to copy them from the question (fresh.py); default 0 (the draws as before)")
    ap.add_argument("--wide", type=float, default=0.0,
                    help="share of problems from the wide generators, stories.py and scenes.py (default 0: the draws "
                    "as before)")
    ap.add_argument("--quote", action="store_true",
                    help="each step's comment quotes the sentence of the question it uses (quote.py)")
    a = ap.parse_args()
    families = None if a.families == "all" else FIRST_FAMILIES if a.families == "first" else tuple(a.families.split(","))
    unknown = set(families or ()) - set(FAMILIES)
    if unknown:
        ap.error("unknown families: %s (known: %s)" % (", ".join(sorted(unknown)), ", ".join(sorted(FAMILIES))))
    os.makedirs(a.out, exist_ok=True)
    exclude = eval_questions()
    train = generate(a.train, a.seed, False, tuple(int(x) for x in a.train_ops.split(",")), a.everyday, exclude, families,
                     a.fresh, a.wide, a.quote)
    test = generate(a.test, a.seed + 1000003, True, everyday=a.everyday, exclude=exclude, families=families, fresh=a.fresh,
                    wide=a.wide, quote=a.quote)
    train_sigs = {p["ops"] for p in train}
    assert not any(p["ops"] in train_sigs for p in test), "held-out sequence leaked into training"
    assert not any(normalise(p["question"]) in exclude for p in train + test), "a hand-written evaluation problem was generated"
    for name, rows in (("train", train), ("test", test)):
        bad = [p for p in rows if not check_solution(p)]
        assert not bad, "solution does not print its answer: %r" % bad[0]
        with open(os.path.join(a.out, name + ".jsonl"), "w") as f:
            for p in rows:
                f.write(json.dumps(p) + "\n")
    print("train %d problems (%d op sequences, %d everyday, %d wide), test %d problems (%d op sequences, none in train); "
          "none of the %d hand-written evaluation questions generated"
          % (len(train), len(train_sigs), sum(p["ops"].startswith("everyday|") for p in train),
             sum(p["ops"].startswith(("story|", "scene|")) for p in train), len(test), len({p["ops"] for p in test}),
             len(exclude)))


if __name__ == "__main__":
    main()
