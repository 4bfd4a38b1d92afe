"""Stories: multi-person, multi-step everyday word problems composed from parts, in broad natural language.

A story has one to three people (named, a role such as "a baker" or "Mrs. Ortiz", or the first one's relative
such as "Ana's brother"), one or two kinds of things and/or money. It introduces quantities, one to five events
happen, and a question asks for a derived quantity. Every kind of sentence has several phrasings, in the past or
the present; numbers come as digits, as words ("twenty-four") or as idioms ("two dozen", "half a dozen", "a
couple"); sentences sometimes join with "and then" or start with "After that,"; an irrelevant sentence with a
number is sometimes added. The question comes last, first, as an instruction ("Find the number of ..."), as "Can
you work out how many ...?", or with the story's last fact folded into it ("If she gives 4 away, how many ...?").

Each family `fam_xxx(rng)` returns (sentences, question, lead, steps, out_var, answer, signature) like
everyday.py's: one step (comment, code lines) per fact; the code is integer arithmetic on names of the people
and things; the signature "story|<family>|<structure>" names the operations and the question form, not the
words, so the held-out split (problems.py hashes signatures) tests new combinations of known parts. Every step's
code runs while the story is drawn: a count below zero or a division with a remainder draws the story again.
Variable names are a person's or a thing's name alone ("ana", "stickers") or generic ("rate", "cost1"), so
fresh.py's renaming, which renames whole names, also renames them in the code.

    python3 models/train/stories.py     # self-check: answers, grounding of numbers, signatures, samples
"""

import functools
import hashlib
import keyword
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from everyday import ALL_GOODS, ALL_PEOPLE, SHE, WORDS, cap, var  # noqa: E402
from numwords import stated  # noqa: E402

MAX_ANSWER = 5000
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


# ---- numbers as a story writes them ---------------------------------------------------------------------------

def word(n):
    """n (0..100) in words: 7 -> "seven", 24 -> "twenty-four", 100 -> "one hundred"."""
    if n <= 20:
        return WORDS[n]
    if n == 100:
        return "one hundred"
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + WORDS[u] if u else "")


def digits(rng, n):
    """n in digits, with a thousands comma half the time ("1,200")."""
    return "{:,}".format(n) if n >= 1000 and rng.random() < 0.5 else str(n)


def say(rng, n, p=0.3):
    """n as written: digits, or words (often when small, now and then up to a hundred)."""
    if (n <= 12 and rng.random() < p) or (n <= 100 and rng.random() < p / 4):
        return word(n)
    return digits(rng, n)


def more(rng, n):
    """n before "more": "a couple" for 2 now and then."""
    return "a couple" if n == 2 and rng.random() < 0.5 else say(rng, n)


def amount(rng, n, p=0.3):
    """n things as a story writes them, the code for n, and a note for the comment: ("two dozen", "2 * 12",
    " (two dozen is 2 * 12)"), ("half a dozen", "6", " (half a dozen is 6)") or ("24", "24", "")."""
    r = rng.random()
    if n % 12 == 0 and n <= 60 and r < 0.4:
        k = n // 12
        if k == 1:
            return "a dozen", "12", " (a dozen is 12)"
        return "%s dozen" % word(k), "%d * 12" % k, " (%s dozen is %d * 12)" % (word(k), k)
    if n == 6 and r < 0.4:
        return "half a dozen", "6", " (half a dozen is 6)"
    return say(rng, n, p), str(n), ""


def cash(rng, n, p=0.2):
    """A sum of dollars as written: "$12" mostly, or "12 dollars", "twelve dollars"."""
    if rng.random() < p:
        return "%s dollar%s" % (say(rng, n, 0.5), "" if n == 1 else "s")
    return "$" + digits(rng, n)


# fractions: (numerator, denominator, ways to write it)
FRACS = [(1, 2, ["half"]), (1, 3, ["a third", "one third", "one-third"]), (2, 3, ["two thirds", "two-thirds"]),
         (1, 4, ["a quarter", "one fourth", "a fourth"]), (3, 4, ["three quarters", "three-fourths"]),
         (1, 5, ["a fifth", "one fifth"]), (2, 5, ["two fifths", "2/5"]), (3, 5, ["three fifths", "3/5"]),
         (1, 6, ["a sixth", "1/6"]), (1, 8, ["an eighth", "1/8"]), (3, 8, ["3/8"]), (1, 10, ["a tenth", "1/10"])]
TIMES_WORDS = {2: ["twice", "two times"], 3: ["three times"], 4: ["four times"], 5: ["five times"]}
PART_WORDS = {2: ["half"], 3: ["a third", "one third"], 4: ["a quarter", "one fourth"]}


def part_code(x, n, d):
    """Code for n/d of x: "x // 4" or "x * 3 // 4"."""
    return "%s // %d" % (x, d) if n == 1 else "%s * %d // %d" % (x, n, d)


# ---- sentences in the story's tense ---------------------------------------------------------------------------

# verbs as templates write them, {gives}, and their past; a template in the present becomes the past by these
VERBS = dict(pair.split(":") for pair in """
has:had have:had is:was are:were does:did do:did doesnt:didn't isnt:wasn't gives:gave give:gave gets:got get:got
buys:bought buy:bought finds:found find:found loses:lost eats:ate eat:ate sells:sold sell:sold spends:spent
spend:spent makes:made make:made keeps:kept puts:put put:put pays:paid pay:paid reads:read takes:took take:took
brings:brought sends:sent wins:won grows:grew grow:grew runs:ran comes:came come:came leaves:left goes:went go:went
throws:threw holds:held lets:let rides:rode ride:rode swims:swam swim:swam writes:wrote costs:cost cost:cost
splits:split sleeps:slept drives:drove fits:fit babysits:babysat sits:sat hands:handed passes:passed
receives:received asks:asked trades:traded adds:added drops:dropped donates:donated uses:used packs:packed
picks:picked bakes:baked owns:owned starts:started wants:wanted want:wanted needs:needed saves:saved earns:earned
works:worked charges:charged shares:shared share:shared divides:divided wraps:wrapped fills:filled
collects:collected counts:counted decides:decided doubles:doubled hopes:hoped plans:planned plants:planted
prints:printed types:typed folds:folded moves:moved mows:mowed washes:washed walks:walked walk:walked cleans:cleaned
fixes:fixed paints:painted paint:painted delivers:delivered practices:practiced watches:watched plays:played
play:played order:ordered studies:studied weighs:weighed lives:lived knits:knitted serves:served pool:pooled
decide:decided leave:left jogs:jogged sets:set stops:stopped join:joined ends:ended need:needed sorts:sorted
stacks:stacked arrive:arrived arrives:arrived stays:stayed
""".split())


class _Words(dict):
    """A template's words: the given ones, and any verb key in the story's tense."""

    def __init__(self, words, past):
        super().__init__(words)
        self.past = past

    def __missing__(self, key):
        if key not in VERBS:
            raise KeyError(key)
        if key in ("doesnt", "isnt"):
            return VERBS[key] if self.past else key[:-2] + "n't"
        return VERBS[key] if self.past else key


def fill(tmpl, past, words):
    return tmpl.format_map(_Words(words, past))


class Text(str):
    """A sentence that knows other forms of itself: `cond`, an "if" clause for a story's last fact; for a
    question, `indirect` ("how many stickers Ben has") and `noun` ("the number of stickers Ben has")."""
    cond = indirect = noun = None


def ask(rng, forms, **kw):
    """A question: one of `forms`, (direct, indirect, noun) templates (None where a form does not fit)."""
    direct, indirect, noun = rng.choice(forms)
    q = Text(direct.format(**kw))
    q.indirect = indirect.format(**kw) if indirect else None
    q.noun = noun.format(**kw) if noun else None
    return q


# ---- people and things ----------------------------------------------------------------------------------------

class Person:
    """Someone in a story: `name` as written inside a sentence ("Ana", "the baker", "Mrs. Ortiz", "Ana's
    brother"), `intro` at first mention ("a baker"), pronouns, and `key`, the variable name."""

    def __init__(self, name, she, key, intro=None, owner=None, rel=None, it=False):
        self.name, self.she, self.key = name, she, var(key)
        self.intro = intro or name
        self.owner, self.rel = owner, rel
        if it:
            self.he, self.him, self.his, self.self_ = "it", "it", "its", "itself"
        else:
            self.he, self.him, self.his = ("she", "her", "her") if she else ("he", "him", "his")
            self.self_ = "herself" if she else "himself"


JOB_ROLES = ["baker", "farmer", "teacher", "florist", "librarian", "shopkeeper", "coach", "chef", "gardener",
             "beekeeper", "street vendor", "toy maker", "potter", "tailor", "nurse", "camp counselor"]
TITLED = [("Mrs. Ortiz", True), ("Mr. Kim", False), ("Ms. Novak", True), ("Mr. Haddad", False),
          ("Mrs. Brennan", True), ("Dr. Osei", False), ("Ms. Yamada", True), ("Mr. Silva", False),
          ("Grandma Rose", True), ("Uncle Ted", False), ("Aunt Lina", True), ("Coach Rivera", False),
          ("Grandpa Joe", False), ("Miss Clark", True), ("Mr. Dubois", False), ("Mrs. Okafor", True)]
KIN = [("sister", True), ("brother", False), ("cousin", True), ("cousin", False), ("mom", True), ("dad", False),
       ("best friend", True), ("best friend", False), ("neighbor", True), ("neighbor", False), ("grandma", True),
       ("grandpa", False), ("aunt", True), ("uncle", False), ("little brother", False), ("older sister", True)]
# words a person's key must not be: the generic variable names the families use
GENERIC = {"total", "left", "each", "rate", "hours", "pay", "money", "cost", "change", "need", "diff", "start",
           "now", "given", "goal", "done", "people", "extra", "spent", "saved", "rest", "more", "bags", "cups"}


def cast(rng, k, roles=0.3):
    """k different people: mostly named, sometimes a role or a titled name; a later one sometimes the first
    one's relative ("Ana's brother")."""
    people = []
    while len(people) < k:
        r = rng.random()
        first = people[0] if people else None
        if first and first.owner is None and first.intro == first.name and r < 0.2:
            rel, she = rng.choice(KIN)
            p = Person("%s's %s" % (first.name, rel), she, rel, owner=first, rel=rel)
        elif r < roles / 2:
            job = rng.choice(JOB_ROLES)
            p = Person("the " + job, rng.random() < 0.5, job, intro=("an " if job[0] in "aeiou" else "a ") + job)
        elif r < roles:
            name, she = rng.choice(TITLED)
            p = Person(name, she, name.split()[-1])
        else:
            name = rng.choice(ALL_PEOPLE)
            p = Person(name, name in SHE, name)
        if p.key not in GENERIC and all(p.key != q.key and p.name != q.name for q in people):
            people.append(p)
    return people


def machine(rng, what):
    """A machine that does a job ("a printer"): a person whose pronoun is "it"."""
    return Person("the " + what, False, what.split()[-1], intro=("an " if what[0] in "aeiou" else "a ") + what,
                  it=True)


class Thing:
    """A kind of countable thing: plural, singular, kind ("toy", "fruit", "baked") and `v`, its variable name."""

    def __init__(self, items, item, kind):
        self.items, self.item, self.kind = items, item, kind
        self.v = var(items.split()[-1])


THINGS = {
    "toy": [("stickers", "sticker"), ("marbles", "marble"), ("stamps", "stamp"), ("trading cards", "trading card"),
            ("seashells", "seashell"), ("beads", "bead"), ("postcards", "postcard"), ("toy cars", "toy car"),
            ("comic books", "comic book"), ("baseball cards", "baseball card"), ("crayons", "crayon"),
            ("pencils", "pencil"), ("buttons", "button"), ("bottle caps", "bottle cap"), ("keychains", "keychain"),
            ("pins", "pin"), ("feathers", "feather"), ("paper cranes", "paper crane"), ("rubber ducks", "rubber duck"),
            ("board games", "board game"), ("picture books", "picture book"), ("video games", "video game")],
    "fruit": [("apples", "apple"), ("oranges", "orange"), ("strawberries", "strawberry"), ("lemons", "lemon"),
              ("plums", "plum"), ("peaches", "peach"), ("pears", "pear"), ("cherries", "cherry"),
              ("tomatoes", "tomato"), ("bananas", "banana"), ("mangoes", "mango"), ("limes", "lime")],
    "baked": [("cookies", "cookie"), ("cupcakes", "cupcake"), ("muffins", "muffin"), ("brownies", "brownie"),
              ("rolls", "roll"), ("pretzels", "pretzel"), ("donuts", "donut"), ("bagels", "bagel"),
              ("biscuits", "biscuit"), ("tarts", "tart")],
}
BOXES = {"toy": ["box", "jar", "shoebox", "drawer", "bag", "tin"], "fruit": ["basket", "bowl", "bag", "crate"],
         "baked": ["tin", "box", "basket", "jar"]}
WHERE = ["under the couch", "at the park", "in an old box", "in the attic", "on the way to school", "in the garage"]
THEN = ["Then", "Later,", "After that,", "The next day,", "Afterwards,", "Later that week,", "Then,", "A little later,"]
ASIDES = ["{Apos} little brother {is} {n} years old.", "The store {is} {n} blocks from {Apos} house.",
          "It {is} {n} degrees outside that day.", "{Apos} class {has} {n} students.",
          "The bus ride {takes} {n} minutes.", "{Apos} dog {weighs} {n} pounds.",
          "{A} {lives} {n} miles from the park.", "{Apos} favorite number {is} {n}.",
          "The walk home {takes} {n} minutes.", "{A} {is} in a class of {n} children."]


def group(people):
    """ "Ana and Ben", "Ana, Ben and Carl", "Ana and her brother"."""
    names = [p.owner.his + " " + p.rel if p.owner in people else p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Redraw(Exception):
    """The draw cannot go on exactly (a count below zero, a division with a remainder): draw again."""


class World:
    """A story being written: its people, sentences and steps, and the values its steps' code computes."""

    def __init__(self, rng, k=1, roles=0.3, past=None):
        self.rng = rng
        self.past = rng.random() < 0.35 if past is None else past
        self.people = cast(rng, k, roles)
        self.sentences, self.steps, self.env = [], [], {}
        self.seen, self.last, self.opened = set(), None, None

    def pick(self, xs):
        return self.rng.choice(xs)

    def chance(self, p):
        return self.rng.random() < p

    def upto(self, lo, hi):
        """A number in lo..hi, or a redraw when there is none."""
        if hi < lo:
            raise Redraw
        return self.rng.randint(lo, hi)

    def then(self):
        return self.pick(THEN)

    def thing(self, kinds=("toy", "fruit", "baked")):
        kind = self.pick(kinds)
        return Thing(*self.pick(THINGS[kind]), kind)

    def box(self, t):
        return self.pick(BOXES[t.kind])

    # how people are called: a name, "a baker" at first mention, "her brother" beside his sister, a pronoun
    def name(self, p, subject=None):
        if subject is not None and p.owner is subject:
            s = subject.his + " " + p.rel
        else:
            s = p.name if p in self.seen else p.intro
        self.seen.add(p)
        return s

    def clear(self, p):
        """Whether a pronoun for p can only mean p: p spoke last and no one else takes the same pronoun."""
        return p is self.last and p in self.seen and sum(q.she == p.she for q in self.people) == 1

    def who(self, p):
        s = p.he if self.clear(p) and self.chance(0.6) else self.name(p)
        self.last = p
        return s

    def poss(self, p):
        return p.his if self.clear(p) and self.chance(0.5) else self.name(p) + "'s"

    def say(self, tmpl, p1=None, p2=None, p3=None, pre=None, cond=False, join=0.0, **kw):
        """Adds a sentence: `tmpl` in the story's tense, with {A} the subject p1 (a name or a pronoun), {Apos} its
        possessive, {he} {him} {his} {self} its pronouns, {B} {C} the people p2, p3 (and {Bpos}, {Bhis} ...); `pre`
        a connector put first ("Then"); `cond` keeps an "if" clause of it for the question; `join` is the chance
        to join it to the previous sentence ("... and then eats 2 of them.") when p1 is the subject of both."""
        a, words, plain = p1, dict(kw), dict(kw)
        called = {p: p.name if p in self.seen else p.intro for p in (p1, p2, p3) if p is not None}
        if a is not None:
            for d in (words, plain):
                d.update(he=a.he, him=a.him, his=a.his, self=a.self_)
            if "{A}" in tmpl:
                words["A"], plain["A"] = self.who(a), called[a]
            if "{Apos}" in tmpl:
                words["Apos"], plain["Apos"] = self.poss(a), called[a] + "'s"
        for key, p in (("B", p2), ("C", p3)):
            if p is not None:
                ref = self.name(p, a)
                plain_ref = a.his + " " + p.rel if a is not None and p.owner is a else called[p]
                words.update({key: ref, key + "pos": ref + "'s", key + "his": p.his, key + "him": p.him})
                plain.update({key: plain_ref, key + "pos": plain_ref + "'s", key + "his": p.his, key + "him": p.him})
        opened, self.opened = self.opened, a if tmpl.startswith("{A} ") else None
        if "{A}" not in tmpl:
            self.last = None
        if (join and pre is None and a is not None and opened is a and tmpl.startswith("{A} ")
                and words["A"] == a.he and self.chance(join)):
            rest = fill(tmpl[4:], self.past, words)
            prev = self.sentences[-1]
            self.sentences[-1] = Text(prev[:-1] + self.pick([" and ", " and then ", ", then ", ", and later "]) + rest)
            return
        s = fill(tmpl, self.past, words)
        if pre and s.split(" ", 1)[0] in ("The", "A", "An", "All", "Of", "There", "Every", "In"):
            s = s[0].lower() + s[1:]
        sentence = Text(cap((pre + " " + s) if pre else s))
        if cond:
            c = fill(tmpl, False, plain)[:-1]
            named = any(c.startswith(called.get(p, p.name)) for p in self.people + list(called))
            sentence.cond = c if named else c[0].lower() + c[1:]
        self.sentences.append(sentence)

    def aside(self, p, chance=0.25):
        """Sometimes an irrelevant sentence about p with a number the solution does not use."""
        if self.chance(chance):
            s = fill(self.pick(ASIDES), self.past, dict(A=p.name, Apos=p.name + "'s", n=self.rng.randint(3, 40)))
            self.sentences.insert(self.rng.randint(1, len(self.sentences)), Text(cap(s)))

    def step(self, comment, *code):
        """One step: its comment and code lines, run now. A value below zero, or a // that leaves a remainder,
        draws the story again."""
        for line in code:
            target, expr = line.split(" = ", 1)
            value = eval(expr, {"__builtins__": {}}, self.env)
            if value < 0 or ("//" in expr and eval(expr.replace("//", "/"), {"__builtins__": {}}, self.env) != value):
                raise Redraw
            self.env[target] = value
        self.steps.append((comment, list(code)))

    def intro(self, people, t, values):
        """Each person's first count of t, one or two people to a sentence, and a step for each."""
        i = 0
        while i < len(people):
            p = people[i]
            if i + 1 < len(people) and self.chance(0.4):
                q = people[i + 1]
                self.say(self.pick(HAS_TWO), p, q, n=say(self.rng, values[i]), m=say(self.rng, values[i + 1]),
                         items=t.items)
                for who, n in ((p, values[i]), (q, values[i + 1])):
                    self.step("%s has %d %s." % (cap(who.name), n, t.items), "%s = %d" % (who.key, n))
                i += 2
                continue
            text, code, note = amount(self.rng, values[i])
            self.say(self.pick(HAS), p, n=text, items=t.items, box=self.box(t))
            self.step("%s has %d %s%s." % (cap(p.name), values[i], t.items, note), "%s = %s" % (p.key, code))
            i += 1

    def ask_count(self, people, t, structure, focus=None, left=False, forms=("one", "one", "total", "diff"),
                  static=False):
        """Ends a story about people's counts of t (variables named by the people) with one person's count, the
        total, a difference, or how many one needs to catch up; `static` when nothing happened to the counts."""
        vals = {p: self.env[p.key] for p in people}
        form = self.pick(forms)
        if form in ("diff", "need"):
            x, y = self.rng.sample(people, 2)
            if focus and x not in focus and y not in focus:
                x = self.pick(focus)
                y = self.pick([p for p in people if p is not x])
            if vals[x] < vals[y]:
                x, y = y, x
            if vals[x] == vals[y]:
                form = "one"
        if form == "one":
            p = self.pick(focus or people)
            q = ask(self.rng, Q_STATIC, items=t.items, P=p.name) if static else q_has(self, p, t.items, left)
            return self.done(q, p.key, structure + "|one")
        if form == "total":
            self.step("Add up everyone's %s." % t.items, "total = " + " + ".join(p.key for p in people))
            q = ask(self.rng, Q_TOTAL, items=t.items, P=group(people))
            return self.done(q, "total", structure + "|total")
        self.step("%s's %s minus %s's." % (cap(x.name), t.items, y.name), "diff = %s - %s" % (x.key, y.key))
        q = ask(self.rng, Q_DIFF if form == "diff" else Q_NEED, items=t.items, X=x.name, Y=y.name)
        return self.done(q, "diff", structure + "|" + form)

    def done(self, question, out, structure, lead=True):
        """The family's result; the question can also go first unless `lead` is False."""
        return self.sentences, question, question if lead else None, self.steps, out, self.env[out], structure


HAS = ["{A} {has} {n} {items}.", "{A} {owns} {n} {items}.", "{A} {has} a collection of {n} {items}.",
       "{A} {starts} with {n} {items}.", "There {are} {n} {items} in {Apos} {box}.",
       "{Apos} {box} {holds} {n} {items}.", "{A} {keeps} {n} {items} in a {box}.", "{A} {has} {n} {items} at home."]
HAS_TWO = ["{A} {has} {n} {items} and {B} {has} {m}.", "{A} {has} {n} {items}, while {B} {has} {m}.",
           "{A} and {B} {have} {n} and {m} {items}, respectively.", "{A} {owns} {n} {items}, and {B} {owns} {m}."]

# ---- questions ------------------------------------------------------------------------------------------------

Q_HAS = [("How many {items} does {P} have now?", "how many {items} {P} has now", "the number of {items} {P} has now"),
         ("How many {items} does {P} end up with?", "how many {items} {P} ends up with",
          "the number of {items} {P} ends up with"),
         ("How many {items} does {P} have in the end?", "how many {items} {P} has in the end", None),
         ("What is the number of {items} {P} has now?", None, "the number of {items} {P} has now"),
         ("How many {items} does {P} have after all of this?", "how many {items} {P} has after all of this", None)]
Q_STATIC = [("How many {items} does {P} have?", "how many {items} {P} has", "the number of {items} {P} has"),
            ("How many {items} does {P} own?", "how many {items} {P} owns", None),
            ("What is the number of {items} that {P} has?", None, "the number of {items} that {P} has"),
            ("How many {items} has {P} got?", None, None)]
Q_HAS_LEFT = [("How many {items} does {P} have left?", "how many {items} {P} has left",
               "the number of {items} {P} has left"),
              ("How many {items} is {P} left with?", "how many {items} {P} is left with", None),
              ("How many {items} does {P} still have?", "how many {items} {P} still has", None)]
Q_HAS_PAST = [("How many {items} did {P} have in the end?", "how many {items} {P} had in the end",
               "the number of {items} {P} had in the end"),
              ("How many {items} did {P} end up with?", "how many {items} {P} ended up with", None)]
Q_LEFT_PAST = [("How many {items} did {P} have left?", "how many {items} {P} had left",
                "the number of {items} {P} had left"),
               ("How many {items} was {P} left with?", "how many {items} {P} was left with", None)]
Q_TOTAL = [("How many {items} do {P} have altogether?", "how many {items} {P} have altogether",
            "the total number of {items} {P} have"),
           ("How many {items} do {P} have in all?", "how many {items} {P} have in all", None),
           ("How many {items} do {P} have combined?", "how many {items} {P} have combined",
            "the combined number of {items} {P} have"),
           ("What is the total number of {items} {P} have?", None, "the total number of {items} {P} have"),
           ("Altogether, how many {items} do {P} have?", None, None),
           ("How many {items} do {P} have in total?", "how many {items} {P} have in total", None)]
Q_DIFF = [("How many more {items} does {X} have than {Y}?", "how many more {items} {X} has than {Y}", None),
          ("How many fewer {items} does {Y} have than {X}?", "how many fewer {items} {Y} has than {X}", None),
          ("What is the difference between the number of {items} {X} has and the number {Y} has?", None,
           "the difference between the number of {items} {X} has and the number {Y} has"),
          ("How many {items} more than {Y} does {X} have?", None, None)]
Q_NEED = [("How many more {items} does {Y} need to have as many as {X}?",
           "how many more {items} {Y} needs to have as many as {X}", None),
          ("How many {items} would {Y} have to get to catch up with {X}?",
           "how many {items} {Y} would have to get to catch up with {X}", None)]


def q_has(w, p, items, left=False):
    """How many `items` p has at the end."""
    forms = Q_HAS + (Q_HAS_LEFT if left else [])
    if w.past:
        forms = forms + Q_HAS_PAST + (Q_LEFT_PAST if left else [])
    return ask(w.rng, forms, items=items, P=p.name)


# ---- families -------------------------------------------------------------------------------------------------

FAMILIES = {}


def family(fn):
    """Registers fam_xxx as family "xxx": drawn again until its answer is in 1..MAX_ANSWER and it has 1..7
    steps; its signature becomes "story|xxx|<structure>"."""
    name = fn.__name__[4:]

    @functools.wraps(fn)
    def draw(rng):
        for _ in range(1000):
            try:
                sentences, q, lead, steps, out, ans, structure = fn(rng)
            except Redraw:
                continue
            if 1 <= ans <= MAX_ANSWER and 1 <= len(steps) <= 7:
                return sentences, q, lead, steps, out, ans, "story|%s|%s" % (name, structure)
        raise RuntimeError("family %s could not draw a problem" % name)

    FAMILIES[name] = draw
    return draw


# (template, True when its subject is the one who receives)
GIVE = [("{A} {gives} {B} {n} of {his} {items}.", False), ("{A} {gives} {n} {items} to {B}.", False),
        ("{A} {hands} {B} {n} {items}.", False), ("{A} {passes} {n} of {his} {items} on to {B}.", False),
        ("{A} {lets} {B} have {n} of {his} {items}.", False), ("{A} {gets} {n} {items} from {B}.", True),
        ("{A} {receives} {n} {items} from {B}.", True), ("{A} {is} given {n} {items} by {B}.", True),
        ("{A} {trades} {B} a snack for {n} of {Bpos} {items}.", True)]
GIVE_PART = [("{A} {gives} {f} of {his} {items} to {B}.", False), ("{A} {gives} {B} {f} of {his} {items}.", False),
             ("{A} {hands} {f} of {his} {items} over to {B}.", False), ("{A} {gets} {f} of {Bpos} {items}.", True),
             ("{A} {is} given {f} of {Bpos} {items}.", True)]
# (template, verb for the comment)
GAIN = {"toy": [("{A} {buys} {n} more {items}.", "buys"), ("{A} {finds} {n} {items} {where}.", "finds"),
                ("{A} {gets} {n} {items} for {his} birthday.", "gets"),
                ("{A} {wins} {n} {items} at the school fair.", "wins"),
                ("{A} {adds} {n} new {items} to {his} collection.", "adds"),
                ("{Apos} grandmother {sends} {him} {n} {items}.", "gets"),
                ("{A} {trades} for {n} more {items}.", "gets")],
        "fruit": [("{A} {picks} {n} more {items}.", "picks"), ("{A} {buys} {n} {items} at the market.", "buys"),
                  ("{A} {gets} {n} {items} from a neighbor.", "gets"),
                  ("{Apos} aunt {brings} {him} {n} {items}.", "gets"),
                  ("{A} {picks} another {n} {items} from the tree.", "picks")],
        "baked": [("{A} {bakes} {n} more {items}.", "bakes"), ("{A} {makes} another batch of {n} {items}.", "makes"),
                  ("{A} {buys} {n} {items} at the bakery.", "buys"),
                  ("{Apos} neighbor {brings} over {n} {items}.", "gets"), ("{A} {is} given {n} more {items}.", "gets")]}
LOSE = {"toy": [("{A} {loses} {n} of {his} {items}.", "loses"),
                ("{A} {gives} away {n} of {his} {items}.", "gives away"),
                ("{A} {trades} away {n} {items}.", "trades away"),
                ("{A} {drops} {n} {items} on the way home.", "drops"),
                ("{A} {donates} {n} {items} to the school.", "donates"), ("{n} of {Apos} {items} {get} lost.", "loses"),
                ("{A} {sells} {n} of {his} {items} to a classmate.", "sells")],
        "fruit": [("{A} {eats} {n} of the {items}.", "eats"), ("{A} {uses} {n} {items} to make a pie.", "uses"),
                  ("{n} of the {items} {go} bad, and {A} {throws} them out.", "throws out"),
                  ("{A} {gives} {n} {items} to a neighbor.", "gives away"),
                  ("{A} {sells} {n} of {his} {items} at the market.", "sells"),
                  ("{A} {packs} {n} {items} into lunch boxes for {his} friends.", "gives away")],
        "baked": [("{A} {eats} {n} of the {items}.", "eats"), ("{A} {sells} {n} {items}.", "sells"),
                  ("{A} {gives} {n} {items} to {his} neighbors.", "gives away"),
                  ("{A} {drops} {n} {items} on the floor.", "drops"),
                  ("{A} {takes} {n} {items} to a bake sale.", "gives away")]}


def gain(w, p, t, n, pre=None):
    """p gets n more of t (some way that fits t): the sentence and its step."""
    tmpl, verb = w.pick(GAIN[t.kind])
    w.say(tmpl, p, pre=pre, cond=True, join=0.3, n=more(w.rng, n) if "{n} more" in tmpl else say(w.rng, n),
          items=t.items, where=w.pick(WHERE))
    w.step("%s %s %d more %s." % (cap(p.name), verb, n, t.items), "%s = %s + %d" % (p.key, p.key, n))


def lose(w, p, t, n, pre=None):
    """p has n fewer of t (eaten, lost, sold, given away): the sentence and its step."""
    tmpl, verb = w.pick(LOSE[t.kind])
    w.say(tmpl, p, pre=pre, cond=True, join=0.3, n=say(w.rng, n), items=t.items)
    w.step("%s %s %d %s." % (cap(p.name), verb, n, t.items), "%s = %s - %d" % (p.key, p.key, n))


@family
def fam_transfer(rng):
    """Two or three people with the same kind of thing: one gives another some (both counts change), or a
    fraction of theirs ("half of her stickers"), or someone loses or gets some; the question asks one person's
    count, everyone's total or a difference."""
    k = rng.choice([2, 2, 3])
    w = World(rng, k)
    t = w.thing()
    w.intro(w.people, t, [rng.randint(8, 60) for _ in range(k)])
    kinds, lost = [], False
    for i in range(rng.choice([1, 2, 2, 3]) if k == 2 else rng.choice([1, 2])):
        a, b = rng.sample(w.people, 2)
        have = w.env[a.key]
        parts = [f for f in FRACS if f[1] <= 5 and have % f[1] == 0]
        kind = w.pick(["give", "give", "part", "lose", "gain"])
        if kind == "part" and not parts:
            kind = "give"
        pre = w.then() if i and w.chance(0.5) else None
        if kind == "give":
            n = w.upto(2, min(have - 1, 25))
            tmpl, swap = w.pick(GIVE)
            w.say(tmpl, *((b, a) if swap else (a, b)), pre=pre, cond=True, n=say(rng, n), items=t.items)
            w.step("%s gives %d %s to %s." % (cap(a.name), n, t.items, b.name),
                   "%s = %s - %d" % (a.key, a.key, n), "%s = %s + %d" % (b.key, b.key, n))
        elif kind == "part":
            num, den, ways = w.pick(parts)
            tmpl, swap = w.pick(GIVE_PART)
            w.say(tmpl, *((b, a) if swap else (a, b)), pre=pre, cond=True, f=w.pick(ways), items=t.items)
            w.step("%s gives %d/%d of %s %s to %s." % (cap(a.name), num, den, a.his, t.items, b.name),
                   "given = " + part_code(a.key, num, den), "%s = %s - given" % (a.key, a.key),
                   "%s = %s + given" % (b.key, b.key))
        elif kind == "lose":
            lose(w, a, t, w.upto(2, min(have - 1, 20)), pre)
            lost = True
        else:
            gain(w, a, t, rng.randint(2, 30), pre)
        kinds.append(kind)
    w.aside(w.people[0])
    return w.ask_count(w.people, t, "%d|%s" % (k, "-".join(kinds)), focus=(a, b), left=lost)


# how one count is told from another's: {A} has so many relative to {B} (and {C})
REL = {
    "more": ["{A} {has} {d} more {items} than {B}.", "{A} {has} {d} more {items} than {B} {does}.",
             "{A} {owns} {d} {items} more than {B}.", "{A} {has} {d} more than {B}."],
    "fewer": ["{A} {has} {d} fewer {items} than {B}.", "{A} {has} {d} less than {B} {does}.",
              "{A} {has} {d} {items} fewer than {B}.", "{A} {owns} {d} fewer {items} than {B}."],
    "times": ["{A} {has} {m} as many {items} as {B}.", "{A} {has} {m} as many as {B} {does}.",
              "{A} {has} {M} the number of {items} {B} {has}."],
    "part": ["{A} {has} {f} as many {items} as {B}.", "{A} {has} only {f} as many {items} as {B}.",
             "{A} {has} {f} as many as {B} {does}."],
    "more_times": ["{A} {has} {d} more than {m} as many {items} as {B}.",
                   "{A} {has} {d} more {items} than {m} the number {B} {has}."],
    "fewer_times": ["{A} {has} {d} fewer than {m} as many {items} as {B}.",
                    "{A} {has} {d} less than {m} the number of {items} {B} {has}."],
    "less_part": ["{A} {has} {d} fewer than {f} as many {items} as {B}.",
                  "{A} {has} {d} less than {fof} number of {items} {B} {has}."],
    "same": ["{A} {has} as many {items} as {B}.", "{A} {has} the same number of {items} as {B}.",
             "{A} {has} just as many {items} as {B}."],
    "sum": ["{A} {has} as many {items} as {B} and {C} combined.",
            "{A} {has} as many {items} as {B} and {C} put together."],
    "half_sum": ["{A} {has} half as many {items} as {B} and {C} combined.",
                 "{A} {has} half as many {items} as {B} and {C} have together."],
}


def relate(w, x, y, t, rel, z=None):
    """Says how many t x has relative to y (and z) and adds the step; returns the rule used (it falls back to
    "more" where the numbers do not allow the rule)."""
    rng = w.rng
    have = w.env[y.key]
    ds = [d for d in (2, 3, 4) if have % d == 0]
    if (rel in ("part", "less_part") and not ds) or (rel in ("fewer", "less_part") and have < 6):
        rel = "more"
    if rel == "half_sum" and (have + w.env[z.key]) % 2:
        rel = "sum"
    if rel == "more":
        d = rng.randint(2, 25)
        words, code, note = dict(d=say(rng, d)), "%s + %d" % (y.key, d), "%d more than %s" % (d, y.name)
    elif rel == "fewer":
        d = w.upto(1, min(have - 1, 20))
        words, code, note = dict(d=say(rng, d)), "%s - %d" % (y.key, d), "%d fewer than %s" % (d, y.name)
    elif rel == "times":
        m = rng.choice([2, 2, 3, 4])
        words = dict(m=rng.choice(TIMES_WORDS[m]), M={2: "double", 3: "triple"}.get(m, TIMES_WORDS[m][0]))
        code, note = "%s * %d" % (y.key, m), "%d times as many as %s" % (m, y.name)
    elif rel == "part":
        d = rng.choice(ds)
        words, code = dict(f=rng.choice(PART_WORDS[d])), "%s // %d" % (y.key, d)
        note = "1/%d as many as %s" % (d, y.name)
    elif rel == "more_times":
        m, d = rng.choice([2, 2, 3]), rng.randint(1, 15)
        words = dict(m=TIMES_WORDS[m][0], d=say(rng, d))
        code, note = "%s * %d + %d" % (y.key, m, d), "%d more than %d times as many as %s" % (d, m, y.name)
    elif rel == "fewer_times":
        m = rng.choice([2, 2, 3])
        d = w.upto(1, min(have * m - 1, 15))
        words = dict(m=TIMES_WORDS[m][0], d=say(rng, d))
        code, note = "%s * %d - %d" % (y.key, m, d), "%d fewer than %d times as many as %s" % (d, m, y.name)
    elif rel == "less_part":
        dd = rng.choice(ds)
        d = w.upto(1, min(have // dd - 1, 12))
        f = rng.choice(PART_WORDS[dd])
        words = dict(f=f, fof=f + (" the" if f == "half" else " of the"), d=say(rng, d))
        code, note = "%s // %d - %d" % (y.key, dd, d), "%d fewer than 1/%d as many as %s" % (d, dd, y.name)
    elif rel == "same":
        words, code, note = {}, y.key, "as many as %s" % y.name
    elif rel == "sum":
        words, code, note = {}, "%s + %s" % (y.key, z.key), "as many as %s and %s together" % (y.name, z.name)
    else:
        words = {}
        code, note = "(%s + %s) // 2" % (y.key, z.key), "half as many as %s and %s together" % (y.name, z.name)
    w.say(w.pick(REL[rel]), x, y, z, cond=True, items=t.items, **words)
    w.step("%s has %s." % (cap(x.name), note), "%s = %s" % (x.key, code))
    return rel


@family
def fam_relative(rng):
    """Counts told relative to one another: "5 more than", "3 fewer", "twice as many", "a third as many",
    "4 more than twice as many", "6 less than half as many", "as many as Ana and Ben combined"; the count they
    hang on is sometimes told last; the question asks one count, the total, a difference, or how many one needs
    to catch up."""
    k = rng.choice([2, 3, 3])
    rev = rng.random() < 0.3
    w = World(rng, k, roles=0 if rev else 0.3)
    t = w.thing()
    a, b = w.people[:2]
    n = rng.randint(6, 60) if rng.random() < 0.7 else 12 * rng.randint(1, 5)
    text, code, note = amount(rng, n)
    w.say(w.pick(HAS), a, cond=True, n=text, items=t.items, box=w.box(t))
    w.step("%s has %d %s%s." % (cap(a.name), n, t.items, note), "%s = %s" % (a.key, code))
    rules = [relate(w, b, a, t, w.pick(["more", "fewer", "times", "part", "more_times", "fewer_times",
                                         "less_part", "same"]))]
    if k == 3:
        rule = w.pick(["more", "fewer", "times", "part", "sum", "half_sum"])
        y, z = (a, b) if rule in ("sum", "half_sum") else (w.pick([a, b]), None)
        rules.append(relate(w, w.people[2], y, t, rule, z))
    if rev:
        w.sentences.append(w.sentences.pop(0))
    structure = "-".join(rules)
    return w.ask_count(w.people, t, structure, focus=w.people[-1:],
                       forms=("one", "one", "total", "total", "diff", "need"), static=True)


@family
def fam_rivals(rng):
    """Two people start with counts of the same thing (the second told outright or relative to the first),
    then each gains, loses, doubles or both get some; or both have savings and save so much a week; the question
    asks the difference after, the total after, how many one must give the other to be even, or what is needed
    to catch up."""
    w = World(rng, 2)
    a, b = w.people
    if w.chance(0.25):
        return rivals_saving(w, a, b)
    t = w.thing()
    n = rng.randint(8, 50)
    start = w.pick(["count", "count", "rel"])
    if start == "count":
        w.intro(w.people, t, [n, rng.randint(8, 50)])
    else:
        text, code, note = amount(rng, n)
        w.say(w.pick(HAS), a, n=text, items=t.items, box=w.box(t))
        w.step("%s has %d %s%s." % (cap(a.name), n, t.items, note), "%s = %s" % (a.key, code))
        start = relate(w, b, a, t, w.pick(["more", "fewer", "times"]))
    kinds = []
    for i in range(w.pick([1, 2, 2])):
        kind = w.pick(["gain", "lose", "lose", "double", "each"])
        p = w.pick(w.people)
        pre = w.then() if i and w.chance(0.5) else None
        if kind == "gain":
            gain(w, p, t, rng.randint(2, 25), pre)
        elif kind == "lose":
            lose(w, p, t, w.upto(2, min(w.env[p.key] - 1, 20)), pre)
        elif kind == "double":
            w.say(w.pick(["{A} {doubles} {his} {items}.", "{A} {gets} as many more {items} as {he} already {has}.",
                          "The number of {Apos} {items} {doubles}."]), p, pre=pre, cond=True, items=t.items)
            w.step("%s doubles %s %s." % (cap(p.name), p.his, t.items), "%s = %s * 2" % (p.key, p.key))
        else:
            d = rng.randint(2, 15)
            w.say("{A} and {B} each {get} {n} more {items}.", a, b, pre=pre, cond=True, n=say(rng, d), items=t.items)
            w.step("Both get %d more." % d, "%s = %s + %d" % (a.key, a.key, d), "%s = %s + %d" % (b.key, b.key, d))
        kinds.append(kind)
    structure = "%s|%s" % (start, "-".join(kinds))
    if w.chance(0.3):
        x, y = (a, b) if w.env[a.key] > w.env[b.key] else (b, a)
        if (w.env[x.key] - w.env[y.key]) % 2 == 0 and w.env[x.key] > w.env[y.key]:
            w.step("%s's %s minus %s's." % (cap(x.name), t.items, y.name), "diff = %s - %s" % (x.key, y.key))
            w.step("Giving half of the difference makes them even.", "give = diff // 2")
            q = ask(rng, [("How many {items} must {X} give {Y} so that they both have the same number?",
                           "how many {items} {X} must give {Y} so that they have the same number", None),
                          ("How many {items} should {X} give to {Y} for them to have equal amounts?",
                           "how many {items} {X} should give to {Y} for them to have equal amounts", None)],
                    items=t.items, X=x.name, Y=y.name)
            return w.done(q, "give", structure + "|even")
    return w.ask_count(w.people, t, structure, forms=("diff", "diff", "total", "need"))


def rivals_saving(w, a, b):
    """Two people with savings who each save so much a week: the difference or total after some weeks."""
    rng = w.rng
    weeks = rng.randint(2, 12)
    for p in (a, b):
        m, r = rng.randint(5, 80), rng.randint(2, 15)
        w.say(w.pick(["{A} {has} {m} in {his} piggy bank and {saves} {r} a week.",
                      "{A} {starts} with {m} and {puts} away {r} every week.",
                      "{A} already {has} {m} saved, and {he} {adds} {r} each week."]), p, m=cash(rng, m),
              r=cash(rng, r))
        w.step("%s has $%d and saves $%d a week for %d weeks." % (cap(p.name), m, r, weeks),
               "%s = %d + %d * %d" % (p.key, m, r, weeks))
    when = say(rng, weeks)
    if w.chance(0.5):
        x, y = (a, b) if w.env[a.key] >= w.env[b.key] else (b, a)
        if w.env[x.key] == w.env[y.key]:
            raise Redraw
        w.step("The difference.", "diff = %s - %s" % (x.key, y.key))
        q = ask(rng, [("How much more money will {X} have than {Y} after {n} weeks?",
                       "how much more money {X} will have than {Y} after {n} weeks", None),
                      ("After {n} weeks, how many more dollars does {X} have than {Y}?", None, None)],
                X=x.name, Y=y.name, n=when)
        return w.done(q, "diff", "saving|diff")
    w.step("Add their savings.", "total = %s + %s" % (a.key, b.key))
    q = ask(rng, [("How much money will {X} and {Y} have together after {n} weeks?",
                   "how much money {X} and {Y} will have together after {n} weeks",
                   "the money {X} and {Y} will have together after {n} weeks"),
                  ("After {n} weeks, how many dollars do they have in all?", None, None)],
            X=a.name, Y=b.name, n=when)
    return w.done(q, "total", "saving|total", lead=False)


SHOPS = ["the market", "a toy shop", "the school fair", "a bookstore", "the corner store", "the bakery", "the mall",
         "a garage sale", "the supermarket", "a craft store"]
BY_DOZEN = [("egg", "eggs"), ("donut", "donuts"), ("bagel", "bagels"), ("rose", "roses"), ("cookie", "cookies"),
            ("cupcake", "cupcakes")]
PACKED = [("pen", "pens"), ("pencil", "pencils"), ("battery", "batteries"), ("marker", "markers"),
          ("juice box", "juice boxes"), ("tennis ball", "tennis balls"), ("yogurt cup", "yogurt cups"),
          ("light bulb", "light bulbs")]
CENT_GOODS = [("stamp", "stamps"), ("pencil", "pencils"), ("eraser", "erasers"), ("gumball", "gumballs"),
              ("postcard", "postcards"), ("banana", "bananas"), ("sticker", "stickers")]
BUY_PHRASES = {"each": ["{n} {goods} at {p} each", "{n} {goods} for {p} each", "{n} {goods} that cost {p} apiece",
                        "{n} {goods} priced at {p} each"],
               "one": ["a {good} for {p}", "a {good} that {costs} {p}", "one {good} for {p}"],
               "dozen": ["{n} dozen {goods} at {p} a dozen", "{n} dozen {goods} at {p} per dozen"],
               "cents": ["{n} {goods} at {ct} cents each", "{n} {goods} for {ct} cents apiece"]}
BUY_ALONE = {"pack": ["{Goods} {are} sold in packs of {s} for {p} a pack, and {A} {needs} {N} of them.",
                      "{A} {needs} {N} {goods}, which come in packs of {s} that cost {p} each.",
                      "A pack of {s} {goods} {costs} {p}, and {A} {buys} enough packs for {N} {goods}."],
             "bydozen": ["{A} {needs} {N} {goods}, and {goods} cost {p} a dozen.",
                         "{Goods} {are} {p} per dozen, and {A} {buys} {N} of them."]}


def the(place):
    """A place already named: "a toy shop" -> "the toy shop"."""
    return "the " + place[2:] if place.startswith("a ") else place


def plan_buy(w, kind):
    """One purchase: (kind, words for its phrase, comment, code, cost, price of one if sold singly,
    (singular, plural))."""
    rng = w.rng
    if kind == "each":
        g, n, p = w.pick(ALL_GOODS), rng.randint(2, 9), rng.randint(2, 20)
        comment = "%d %s at $%d each." % (n, g[1], p)
        return kind, dict(n=say(rng, n), p=cash(rng, p)), comment, "%d * %d" % (n, p), n * p, p, g
    if kind == "one":
        g, p = w.pick(ALL_GOODS), rng.randint(3, 25)
        return kind, dict(p=cash(rng, p)), "One %s for $%d." % (g[0], p), "%d" % p, p, p, g
    if kind == "dozen":
        g, n, p = w.pick(BY_DOZEN), rng.randint(2, 5), rng.randint(2, 9)
        comment = "%d dozen %s at $%d a dozen." % (n, g[1], p)
        return kind, dict(n=word(n), p=cash(rng, p)), comment, "%d * %d" % (n, p), n * p, 0, g
    if kind == "cents":
        g, ct = w.pick(CENT_GOODS), rng.choice([5, 10, 20, 25, 50, 75])
        n = 100 // ct * rng.randint(1, 4) if ct != 75 else 4 * rng.randint(1, 3)
        if n > 40:
            raise Redraw
        return (kind, dict(n=say(rng, n), ct=ct),
                "%d %s at %d cents each, in dollars (a dollar is 100 cents)." % (n, g[1], ct),
                "%d * %d // 100" % (n, ct), n * ct // 100, 0, g)
    if kind == "pack":
        g, s, p = w.pick(PACKED), rng.choice([4, 5, 6, 8, 10, 12]), rng.randint(2, 12)
        k = rng.randint(2, 6)
        return (kind, dict(s=say(rng, s), p=cash(rng, p), N=k * s),
                "%d %s in packs of %d at $%d a pack." % (k * s, g[1], s, p),
                "%d // %d * %d" % (k * s, s, p), k * p, 0, g)
    g, k, p = w.pick(BY_DOZEN), rng.randint(2, 5), rng.randint(2, 9)
    return (kind, dict(p=cash(rng, p), N=k * 12), "%d %s at $%d a dozen (a dozen is 12)." % (k * 12, g[1], p),
            "%d // 12 * %d" % (k * 12, p), k * p, 0, g)


@family
def fam_shopping(rng):
    """Buying one or two things (so much each, a pack or a dozen at a price, cents each) with money of one's
    own, pooled or given, or with a bill, sometimes with a coupon or a percent off; the question asks the money
    left, the amount spent, the change, the money still needed, or how many more of a thing the rest buys."""
    w = World(rng, 2 if rng.random() < 0.3 else 1)
    a = w.people[0]
    shop = w.pick(SHOPS)
    kinds = [w.pick(["each", "each", "one", "dozen", "pack", "cents", "bydozen"])]
    if w.chance(0.6):
        kinds.append(w.pick(["each", "one"]))
    buys = [plan_buy(w, kind) for kind in kinds]
    if len({var(g[1].split()[-1]) for *_, g in buys}) < len(buys):
        raise Redraw
    total = sum(b[4] for b in buys)
    form = w.pick(["left", "left", "spent", "change", "need", "more"])
    off = w.pick(["none", "none", "none", "coupon", "percent"]) if form in ("spent", "left", "change") else "none"
    if form == "more" and kinds[0] != "each":
        form = "left"
    # the money at hand, chosen so that the question comes out whole
    price = buys[0][5]
    if form == "left":
        money = total + rng.randint(1, 40)
    elif form == "need":
        money = w.upto(2, total - 1)
    elif form == "more":
        money = total + price * rng.randint(1, 5)
    if form in ("left", "more", "need"):
        if len(w.people) == 2:
            b = w.people[1]
            m1 = w.upto(1, money - 1)
            w.say(w.pick(["{A} {has} {m} and {B} {has} {k}, and they put their money together.",
                          "{A} {has} {m}, and {B} {gives} {him} {k} more.",
                          "{A} and {B} put together {m} and {k}."]), a, b, m=cash(rng, m1), k=cash(rng, money - m1))
            w.step("%s's $%d and %s's $%d together." % (cap(a.name), m1, b.name, money - m1),
                   "money = %d + %d" % (m1, money - m1))
            pooled = "pool"
        else:
            if form != "need":
                tmpl = w.pick(["{A} {has} {m}.", "{A} {has} {m} to spend.", "{A} {goes} to {shop} with {m}.",
                               "{A} {takes} {m} to {shop}.", "{Apos} mom {gives} {him} {m} to spend at {shop}.",
                               "{A} {saves} {m} from {his} allowance.", "{A} {has} {m} in {his} wallet."])
                w.say(tmpl, a, m=cash(rng, money), shop=shop)
                shop = the(shop) if "{shop}" in tmpl else shop
                w.step("%s has $%d." % (cap(a.name), money), "money = %d" % money)
            pooled = "own"
    else:
        pooled = "none"
    # the purchases
    phrases = []
    for kind, words, *_, g in buys:
        words.update(good=g[0], goods=g[1], Goods=cap(g[1]), shop=shop)
        if kind in BUY_ALONE:
            w.say(w.pick(BUY_ALONE[kind]), a, **words)
        else:
            phrases.append(fill(w.pick(BUY_PHRASES[kind]), w.past, words))
    if len(phrases) == 2 and w.chance(0.5):
        w.say(w.pick(["{A} {buys} {x} and {y}.", "At {shop}, {A} {buys} {x} and {y}.",
                      "{A} {goes} to {shop} and {buys} {x} and {y}.", "{A} {picks} up {x} and {y} at {shop}."]),
              a, x=phrases[0], y=phrases[1], shop=shop)
    else:
        for i, x in enumerate(phrases):
            tmpl = (["{A} {buys} {x}.", "At {shop}, {A} {buys} {x}.", "{A} {gets} {x} at {shop}."] if i == 0 else
                    ["{A} also {buys} {x}.", "{A} also {gets} {x}.", "{A} then {picks} up {x}."])
            w.say(w.pick(tmpl), a, x=x, shop=shop, pre=w.then() if i and w.chance(0.2) else None)
    if len(buys) == 1:
        w.step(buys[0][2], "total = " + buys[0][3])
    else:
        for i, b in enumerate(buys):
            w.step(b[2], "cost%d = %s" % (i + 1, b[3]))
        w.step("The total cost.", "total = cost1 + cost2")
    if off == "coupon":
        d = w.upto(2, min(10, total - 1))
        w.say(w.pick(["{A} {uses} a coupon for {d} off.", "{A} {has} a coupon that takes {d} off the total.",
                      "The cashier {takes} {d} off the bill."]), a, d=cash(rng, d))
        w.step("A $%d coupon." % d, "total = total - %d" % d)
    elif off == "percent":
        pcs = [pc for pc in (10, 20, 25, 50) if total * pc % 100 == 0]
        if not pcs:
            raise Redraw
        pc = w.pick(pcs)
        w.say(w.pick(["At the register, {A} {gets} {pc}% off the total.", "Everything {is} {pc}% off that day.",
                      "{A} {gets} a {pc}% discount on all of it."]), a, pc=pc)
        w.step("%d%% off the total." % pc, "discount = total * %d // 100" % pc, "total = total - discount")
    who = a.name
    if form == "spent":
        q = ask(rng, [("How much does {P} spend in all?", "how much {P} spends in all", "the total amount {P} spends"),
                      ("How much money does {P} spend altogether?", "how much money {P} spends altogether", None),
                      ("What is the total cost?", None, "the total cost"),
                      ("How many dollars does {P} pay in total?", "how many dollars {P} pays in total", None)], P=who)
        return w.done(q, "total", "%s|%s|%s|spent" % (pooled, "-".join(kinds), off))
    if form == "change":
        bill = next((x for x in (5, 10, 20, 50, 100) if x > w.env["total"]), None)
        if bill is None:
            raise Redraw
        w.say(w.pick(["{A} {pays} with a {bill} bill.", "{A} {hands} the cashier a {bill} bill.",
                      "{A} {pays} with {bw}."]), a, bill="$%d" % bill, bw=cash(rng, bill, 1))
        w.step("%s pays with $%d." % (cap(who), bill), "change = %d - total" % bill)
        q = ask(rng, [("How much change does {P} get back?", "how much change {P} gets back", "the change {P} gets"),
                      ("How much change should {P} receive?", "how much change {P} should receive", None),
                      ("How many dollars of change does {P} get?", None, "the change in dollars")], P=who)
        return w.done(q, "change", "%s|%s|%s|change" % (pooled, "-".join(kinds), off))
    if form == "need":
        if pooled == "own":
            w.say(w.pick(["But {A} only {has} {m}.", "{A} only {has} {m} with {him}.", "{A} {has} just {m}."]),
                  a, m=cash(rng, money))
            w.step("%s has $%d." % (cap(who), money), "money = %d" % money)
        w.step("The money still missing.", "need = total - money")
        q = ask(rng, [("How much more money does {P} need?", "how much more money {P} needs",
                       "the amount of money {P} still needs"),
                      ("How many more dollars does {P} need to buy everything?",
                       "how many more dollars {P} needs to buy everything", None),
                      ("How much is {P} short?", "how much {P} is short", None)], P=who)
        return w.done(q, "need", "%s|%s|need" % (pooled, "-".join(kinds)))
    w.step("Money left after paying.", "left = money - total")
    if form == "left":
        q = ask(rng, [("How much money does {P} have left?", "how much money {P} has left",
                       "the amount of money {P} has left"),
                      ("How many dollars does {P} have left after shopping?",
                       "how many dollars {P} has left after shopping", None),
                      ("How much money is left?", "how much money is left", "the money left over"),
                      ("How much does {P} have left?", "how much {P} has left", None)], P=who)
        return w.done(q, "left", "%s|%s|%s|left" % (pooled, "-".join(kinds), off))
    g = buys[0][-1]
    w.step("More %s at $%d each." % (g[1], price), "count = left // %d" % price)
    q = ask(rng, [("How many more {goods} can {P} buy with the money left?",
                   "how many more {goods} {P} can buy with the money left", None),
                  ("With the money left, how many more {goods} could {P} buy?", None, None)], goods=g[1], P=who)
    return w.done(q, "count", "%s|%s|more" % (pooled, "-".join(kinds)))


HOURLY_JOBS = ["babysitting", "at the library", "at a cafe", "tutoring", "at the animal shelter", "as a lifeguard",
               "at the farmers market", "at a bike shop", "at the car wash", "at a pet store"]
# (verb, one task, tasks)
TASKS = [("mows", "lawn", "lawns"), ("washes", "car", "cars"), ("walks", "dog", "dogs"), ("bakes", "cake", "cakes"),
         ("fixes", "bike", "bikes"), ("paints", "fence", "fences"), ("cleans", "window", "windows"),
         ("delivers", "package", "packages"), ("knits", "scarf", "scarves")]
SPEND_ON = ["a new game", "a pair of sneakers", "a birthday present", "books", "a jacket", "concert tickets",
            "art supplies", "a skateboard"]


@family
def fam_earnings(rng):
    """Earning money: so much an hour (hours a day for some days, every day for a week, on Saturday and
    Sunday), so much per task (a lawn, a car), or a weekly wage (for weeks or a year); tips, spending a sum or a
    fraction, saving a fraction; a second person paid more or twice as much per hour; the question asks the
    pay, the money left or saved, the pair's total or difference, or the weeks needed to reach a sum."""
    w = World(rng, 2 if rng.random() < 0.25 else 1)
    a = w.people[0]
    pay = w.pick(["hour", "hour", "task", "week"])
    if pay == "week":
        return earnings_weekly(w, a)
    r = rng.randint(6, 20) if pay == "hour" else rng.randint(5, 25)
    if pay == "hour":
        job = w.pick(HOURLY_JOBS)
        w.say(w.pick(["{A} {earns} {r} an hour {job}.", "{A} {works} {job} and {gets} paid {r} per hour.",
                      "{A} {makes} {r} per hour {job}.", "{A} {gets} {r} for every hour {he} {works} {job}."]),
              a, r=cash(rng, r), job=job)
        w.step("%s earns $%d an hour." % (cap(a.name), r), "rate = %d" % r)
        unit, units, verb = "hour", "hours", "works"
        doing = "{A} {works} {n} hours"
    else:
        verb, unit, units = w.pick(TASKS)
        w.say(w.pick(["{A} {charges} {r} for each {unit} {he} {V}.", "{A} {earns} {r} for every {unit} {he} {V}.",
                      "For every {unit} {he} {V}, {A} {gets} {r}."]).replace("{V}", "{%s}" % verb),
              a, r=cash(rng, r), unit=unit)
        w.step("%s earns $%d per %s." % (cap(a.name), r, unit), "rate = %d" % r)
        doing = "{A} {%s} {n} %s" % (verb, units)
    period = w.pick(["plain", "days", "week", "weekend"])
    if period == "plain":
        n = rng.randint(3, 30)
        w.say(doing + w.pick([".", " this month.", " in all."]), a, cond=True, join=0.4, n=say(rng, n))
        w.step("%d %s." % (n, units), "%s = %d" % (units, n))
    elif period == "days":
        h, d = rng.randint(2, 8), rng.randint(2, 6)
        w.say(doing + w.pick([" a day for {d} days.", " each day for {d} days."]), a, cond=True, join=0.4,
              n=say(rng, h), d=say(rng, d))
        w.step("%d %s a day for %d days." % (h, units, d), "%s = %d * %d" % (units, h, d))
    elif period == "week":
        h = rng.randint(2, 6)
        w.say(doing + w.pick([" every day for a week.", " a day for a whole week."]), a, cond=True, join=0.4,
              n=say(rng, h))
        w.step("%d %s a day for a week; a week has 7 days." % (h, units), "%s = %d * 7" % (units, h))
    else:
        h1, h2 = rng.randint(2, 8), rng.randint(2, 8)
        w.say(doing + " on Saturday and {m} on Sunday.", a, cond=True, join=0.4, n=say(rng, h1), m=say(rng, h2))
        w.step("%d %s on Saturday and %d on Sunday." % (h1, units, h2), "%s = %d + %d" % (units, h1, h2))
    w.step("Pay is the rate times the %s." % units, "pay = rate * %s" % units)
    base = "%s|%s" % (pay, period)
    if len(w.people) == 2 and pay == "hour":
        b = w.people[1]
        rel = w.pick(["more", "times", "same"])
        if rel == "more":
            d = rng.randint(1, 6)
            w.say(w.pick(["{A} {earns} {d} more per hour than {B} and {works} the same hours.",
                          "{A} {works} just as long but {earns} {d} more an hour than {B}."]), b, a, d=cash(rng, d))
            w.step("%s earns $%d more an hour." % (cap(b.name), d), "other_rate = rate + %d" % d)
        elif rel == "times":
            w.say(w.pick(["{A} {earns} twice as much per hour as {B} and {works} the same hours.",
                          "{A} {works} the same hours at double {Bpos} hourly pay."]), b, a)
            w.step("%s earns twice as much an hour." % cap(b.name), "other_rate = rate * 2")
        else:
            r2 = rng.randint(6, 20)
            w.say("{A} {works} the same hours {job} for {r} an hour.", b, r=cash(rng, r2), job=w.pick(HOURLY_JOBS))
            w.step("%s earns $%d an hour." % (cap(b.name), r2), "other_rate = %d" % r2)
        w.step("%s's pay for the same hours." % cap(b.name), "other_pay = other_rate * hours")
        if w.chance(0.5) and w.env["other_pay"] != w.env["pay"]:
            x, y = ("other_pay", "pay") if w.env["other_pay"] > w.env["pay"] else ("pay", "other_pay")
            hi, lo = (b, a) if x == "other_pay" else (a, b)
            w.step("The difference in pay.", "diff = %s - %s" % (x, y))
            q = ask(rng, [("How much more does {X} earn than {Y}?", "how much more {X} earns than {Y}", None),
                          ("How many more dollars does {X} make than {Y}?", None, None)], X=hi.name, Y=lo.name)
            return w.done(q, "diff", "%s|%s|diff" % (base, rel))
        w.step("Their pay together.", "total = pay + other_pay")
        q = ask(rng, [("How much do {X} and {Y} earn together?", "how much {X} and {Y} earn together",
                       "the total that {X} and {Y} earn"),
                      ("How much money do the two of them make in all?", None, None)], X=a.name, Y=b.name)
        return w.done(q, "total", "%s|%s|total" % (base, rel))
    tips = w.chance(0.35)
    if tips:
        tip = rng.randint(5, 40)
        w.say(w.pick(["{A} also {gets} {t} in tips.", "On top of that, {A} {gets} a {b} bonus.",
                      "{A} also {earns} {t} in tips."]), a, cond=True, t=cash(rng, tip), b="$%d" % tip)
        w.step("Plus $%d extra." % tip, "pay = pay + %d" % tip)
    extra = w.pick(["none", "spend", "spend_part", "save_part"])
    if extra == "spend":
        s = w.upto(2, w.env["pay"] - 1)
        w.say("{A} {spends} {s} on {thing}.", a, cond=True, join=0.3, s=cash(rng, s), thing=w.pick(SPEND_ON))
        w.step("%s spends $%d." % (cap(a.name), s), "left = pay - %d" % s)
        out, form = "left", "left"
    elif extra in ("spend_part", "save_part"):
        num, den, ways = w.pick([f for f in FRACS if f[1] <= 5])
        f = w.pick(ways)
        if extra == "spend_part":
            w.say(w.pick(["{A} {spends} {f} of {his} earnings on {thing}.",
                          "{A} {spends} {f} of the money on {thing}."]),
                  a, cond=True, f=f, thing=w.pick(SPEND_ON))
            w.step("%s spends %d/%d of it." % (cap(a.name), num, den), "spent = " + part_code("pay", num, den),
                   "left = pay - spent")
            out, form = "left", "left"
        else:
            w.say(w.pick(["{A} {saves} {f} of {his} earnings.", "{A} {puts} {f} of the money into savings."]),
                  a, cond=True, f=f)
            w.step("%s saves %d/%d of it." % (cap(a.name), num, den), "saved = " + part_code("pay", num, den))
            out, form = "saved", "saved"
    else:
        out, form = "pay", "earned"
    q = ask(rng, {"earned": [("How much money does {P} earn?", "how much money {P} earns", "the money {P} earns"),
                             ("How many dollars does {P} make in all?", "how many dollars {P} makes in all", None),
                             ("What is {P}'s total pay?", None, "{P}'s total pay")],
                  "left": [("How much money does {P} have left?", "how much money {P} has left",
                            "the money {P} has left"),
                           ("How many dollars does {P} have left over?", None, None)],
                  "saved": [("How much money does {P} save?", "how much money {P} saves", "the amount {P} saves"),
                            ("How many dollars does {P} put into savings?", None, None)]}[form], P=a.name)
    return w.done(q, out, "%s|%s|%s|%s" % (base, "tips" if tips else "-", extra, form))


def earnings_weekly(w, a):
    """A weekly wage: the pay for some weeks or a year (52 weeks), or the weeks needed to reach a sum."""
    rng = w.rng
    r = rng.randint(2, 12) * 10 if w.chance(0.5) else rng.randint(20, 150)
    job = w.pick(HOURLY_JOBS)
    w.say(w.pick(["{A} {earns} {r} a week {job}.", "{A} {gets} paid {r} every week {job}.",
                  "{A} {makes} {r} each week working {job}."]), a, r=cash(rng, r), job=job)
    w.step("%s earns $%d a week." % (cap(a.name), r), "weekly = %d" % r)
    form = w.pick(["weeks", "year", "goal"])
    if form == "weeks":
        n = rng.randint(2, 12)
        w.step("%d weeks of pay." % n, "pay = weekly * %d" % n)
        q = ask(rng, [("How much does {P} earn in {n} weeks?", "how much {P} earns in {n} weeks", None),
                      ("How many dollars will {P} have made after {n} weeks?", None, None)], P=a.name, n=say(rng, n))
        return w.done(q, "pay", "week|weeks")
    if form == "year":
        if r > 90:
            raise Redraw
        w.step("A year has 52 weeks.", "pay = weekly * 52")
        q = ask(rng, [("How much does {P} earn in a year?", "how much {P} earns in a year", "{P}'s pay for a year"),
                      ("How many dollars does {P} make in one year?", None, None)], P=a.name)
        return w.done(q, "pay", "week|year")
    n = rng.randint(2, 15)
    w.say(w.pick(["{A} {wants} to save {g} for {thing}.", "{A} {needs} {g} to buy {thing}."]), a,
          g=cash(rng, r * n), thing=w.pick(SPEND_ON))
    w.step("%s needs $%d." % (cap(a.name), r * n), "goal = %d" % (r * n))
    w.step("Weeks of pay it takes.", "weeks = goal // weekly")
    q = ask(rng, [("How many weeks will it take {P} to earn enough if {he} saves all of it?",
                   "how many weeks it will take {P} to earn enough", "the number of weeks {P} needs"),
                  ("If {P} saves every dollar, after how many weeks will {he} have enough?", None, None)],
            P=a.name, he=a.he)
    return w.done(q, "weeks", "week|goal")


@family
def fam_sharing(rng):
    """Things gathered (packs of so many, dozens baked, two people's put together, a jar of them), sometimes
    some eaten or kept first, then shared equally among friends (with or without the sharer) or packed in bags
    of so many; the question asks how many each gets, how many are left over, how many bags, or how many more
    would fill one more bag."""
    source = rng.choice(["packs", "dozens", "two", "plain"])
    w = World(rng, 2 if source == "two" else 1)
    a = w.people[0]
    t = w.thing(("baked",) if source == "dozens" else ("toy", "fruit", "baked"))
    v = t.v
    if source == "packs":
        n, m = rng.randint(2, 9), rng.randint(3, 12)
        cont = w.pick(["packs", "bags", "boxes"]) if t.kind != "fruit" else w.pick(["baskets", "bags", "crates"])
        w.say(w.pick(["{A} {buys} {n} {cont} of {items} with {m} {items} in each.",
                      "{A} {has} {n} {cont} of {items}, and each one {holds} {m}.",
                      "{A} {gets} {n} {cont} of {items}. Each of them {has} {m} {items} inside."]),
              a, n=say(rng, n), m=say(rng, m), cont=cont, items=t.items)
        w.step("%d %s of %d %s." % (n, cont, m, t.items), "%s = %d * %d" % (v, n, m))
    elif source == "dozens":
        d = rng.randint(2, 6)
        w.say(w.pick(["{A} {bakes} {d} dozen {items}.", "{A} {makes} {d} dozen {items} for the class.",
                      "{A} {buys} {d} dozen {items} for a party."]), a, d=word(d), items=t.items)
        w.step("%s dozen is %d * 12." % (cap(word(d)), d), "%s = %d * 12" % (v, d))
    elif source == "two":
        b = w.people[1]
        x, y = rng.randint(5, 40), rng.randint(5, 40)
        w.say(w.pick(HAS_TWO), a, b, n=say(rng, x), m=say(rng, y), items=t.items)
        w.say(w.pick(["They {put} all of them together.", "They {decide} to put them all in one pile.",
                      "They {pool} their {items}."]), items=t.items)
        w.step("%d and %d %s together." % (x, y, t.items), "%s = %d + %d" % (v, x, y))
    else:
        n = rng.randint(10, 90)
        w.say(w.pick(["There {are} {n} {items} in a {box}.", "{A} {has} {n} {items}.", "{A} {collects} {n} {items}."]),
              a, n=say(rng, n), items=t.items, box=w.box(t))
        w.step("%d %s." % (n, t.items), "%s = %d" % (v, n))
    pre = w.chance(0.35)
    if pre:
        e = w.upto(1, min(w.env[v] - 4, 12))
        tmpl = w.pick(["{A} {keeps} {e} for {self}.", "{A} {gives} {e} to {his} teacher first."] +
                      (["{A} {eats} {e} of them first."] if t.kind != "toy" else
                       ["{e} of them {are} broken, so {A} {throws} them away."]))
        w.say(tmpl, a, e=say(rng, e), join=0.3)
        w.step("%d of them are taken out first." % e, "%s = %s - %d" % (v, v, e))
    have = w.env[v]
    box = w.box(t)
    cont = w.pick(["bag", "box", "gift bag", "jar"] if t.kind != "fruit" else ["bag", "basket", "box"])
    div = w.pick(["friends", "self", "bags"])
    form = w.pick(["each", "each", "left", "keep"] if div != "bags" else ["bags", "left", "more"])
    exact = form in ("each", "bags")
    lo, hi = (2, 8) if div != "bags" else (3, 12)
    sizes = [g for g in range(lo, hi + 1) if (have % (g + (div == "self")) == 0) == exact and g < have]
    if not sizes:
        raise Redraw
    g = w.pick(sizes)
    rest = "them" if not pre else w.pick(["the rest", "the others", "what is left"])
    if div == "friends":
        if exact:
            tmpl = w.pick(["{A} {shares} {rest} equally among {his} {g} friends.",
                           "{A} {divides} {rest} equally among {g} friends.",
                           "{A} {hands} {rest} out equally to {his} {g} friends."])
        else:
            tmpl = w.pick(["{A} {shares} {rest} equally among {his} {g} friends, giving each as many as possible, "
                           "and {keeps} any that are left.",
                           "{A} {gives} {rest} out to {g} friends so that each {gets} the same number, as many as "
                           "possible, and {keeps} the extras."])
        w.say(tmpl, a, rest=rest, g=say(rng, g))
        people = str(g)
    elif div == "self":
        if exact:
            tmpl = w.pick(["{A} {shares} {rest} equally between {self} and {his} {g} friends.",
                           "{A} {splits} {rest} evenly among {self} and {g} friends."])
        else:
            tmpl = ("{A} {shares} {rest} equally between {self} and {his} {g} friends, as many each as possible, "
                    "and the extras {go} back in the {box}.")
        w.say(tmpl, a, rest=rest, g=say(rng, g), box=box)
        w.step("%s and %d friends are %d people." % (cap(a.name), g, g + 1), "people = %d + 1" % g)
        people = "people"
    else:
        w.say(w.pick(["{A} {puts} {rest} into {cont}s of {g}.", "{A} {packs} {rest} in {cont}s, {g} to a {cont}.",
                      "{A} {puts} {g} {items} in each {cont}.", "{A} {fills} {cont}s with {g} {items} each."]),
              a, rest=rest, g=say(rng, g), items=t.items, cont=cont)
        people = str(g)
    structure = "%s|%d|%s|%s" % (source, pre, div, form)
    P = a.name
    if form == "each":
        w.step("Share %s equally among %s people." % (t.items, g + (div == "self")), "each = %s // %s" % (v, people))
        q = ask(rng, [("How many {items} does each person get?", "how many {items} each person gets",
                       "the number of {items} each person gets"),
                      ("How many {items} does each friend get?" if div == "friends" else
                       "How many {items} does each of them get?", None, None)], items=t.items)
        return w.done(q, "each", structure, lead=False)
    if form == "bags":
        w.step("%ss of %d." % (cap(cont), g), "bags = %s // %d" % (v, g))
        q = ask(rng, [("How many {cont}s can {P} fill?", "how many {cont}s {P} can fill",
                       "the number of {cont}s {P} fills"),
                      ("How many full {cont}s are there?", "how many full {cont}s there are", None)], P=P, cont=cont)
        return w.done(q, "bags", structure)
    w.step("What is left after equal shares of %d." % (g + (div == "self")) if div != "bags" else
           "What is left after full %ss of %d." % (cont, g), "left = %s %% %s" % (v, people))
    if form == "more":
        w.step("One more full %s needs %d in all." % (cont, g), "more = %d - left" % g)
        q = ask(rng, [("How many more {items} would {P} need to fill one more {cont}?",
                       "how many more {items} {P} would need to fill one more {cont}", None)],
                items=t.items, P=P, cont=cont)
        return w.done(q, "more", structure)
    q = ask(rng,
            [("How many {items} are left over?", "how many {items} are left over", "the number of {items} left over"),
                  {"friends": ("How many {items} does {P} keep?", "how many {items} {P} keeps", None),
                   "self": ("How many {items} go back in the {box}?", "how many {items} go back in the {box}", None),
                   "bags": ("How many {items} don't fit in a full {cont}?",
                            "how many {items} don't fit in a full {cont}", None)}[div]],
            items=t.items, P=P, box=box, cont=cont)
    return w.done(q, "left", structure, lead=False)


# a whole split into kinds: (things, where, [(predicate, variable)])
CATEGORIES = [
    ("marbles", "in a jar",
     [("{are} red", "red"), ("{are} blue", "blue"), ("{are} green", "green"), ("{are} yellow", "yellow")]),
    ("students", "in a class", [("{walk} to school", "walkers"), ("{ride} a bike to school", "bikers"),
                                ("{take} the bus", "bus_riders"), ("{come} by car", "by_car")]),
    ("books", "on a shelf",
     [("{are} novels", "novels"), ("{are} comic books", "comics"), ("{are} cookbooks", "cookbooks"),
                             ("{are} picture books", "picture_books")]),
    ("animals", "at the shelter", [("{are} dogs", "dogs"), ("{are} cats", "cats"), ("{are} rabbits", "rabbits"),
                                   ("{are} guinea pigs", "guinea_pigs")]),
    ("cars", "in a parking lot",
     [("{are} white", "white"), ("{are} black", "black"), ("{are} red", "red"), ("{are} silver", "silver")]),
    ("guests", "at a party", [("{order} pizza", "pizza"), ("{order} pasta", "pasta"), ("{order} salad", "salad"),
                              ("{order} soup", "soup")]),
    ("flowers", "in a garden", [("{are} roses", "roses"), ("{are} tulips", "tulips"), ("{are} daisies", "daisies"),
                                ("{are} lilies", "lilies")]),
    ("trees", "in an orchard", [("{are} apple trees", "apple_trees"), ("{are} pear trees", "pear_trees"),
                                ("{are} plum trees", "plum_trees"), ("{are} cherry trees", "cherry_trees")]),
    ("children", "at a summer camp", [("{play} soccer", "soccer"), ("{swim}", "swimmers"), ("{paint}", "painters"),
                                      ("{play} chess", "chess")]),
    ("fish", "in a pond", [("{are} goldfish", "goldfish"), ("{are} koi", "koi"), ("{are} minnows", "minnows"),
                           ("{are} catfish", "catfish")]),
    ("cupcakes", "on a tray", [("{have} chocolate frosting", "chocolate"), ("{have} vanilla frosting", "vanilla"),
                               ("{have} sprinkles", "sprinkles"), ("{have} lemon frosting", "lemon")]),
    ("songs", "on a playlist", [("{are} pop songs", "pop"), ("{are} rock songs", "rock"), ("{are} jazz songs", "jazz"),
                                ("{are} country songs", "country")]),
    ("tickets", "sold for the school play", [("{are} for adults", "adults"), ("{are} for children", "kids"),
                                             ("{are} for teachers", "teachers"),
                                             ("{are} for grandparents", "grandparents")]),
]
PERCENTS = [5, 10, 15, 20, 25, 30, 40, 50, 60, 75]
PART_SENTENCES = {
    "frac": ["{F} of them {pred}.", "{F} of the {noun} {pred}."],
    "pct": ["{pc}% of them {pred}.", "{pc} percent of the {noun} {pred}."],
    "rest": ["{F} of the rest {pred}.", "{F} of the remaining {noun} {pred}.", "Of the others, {f} {pred}.",
             "{F} of those left {pred}."],
    "count": ["{n} of them {pred}.", "{N} {pred}."],
}
# (verb as written, its base form)
USE_VERBS = {"fruit": [("{eats}", "eat"), ("{gives} away", "give away"), ("{sells}", "sell"), ("{uses}", "use")],
             "baked": [("{eats}", "eat"), ("{gives} away", "give away"), ("{sells}", "sell")],
             "toy": [("{gives} away", "give away"), ("{sells}", "sell"), ("{trades} away", "trade away"),
                     ("{loses}", "lose")]}
SITTINGS = [("On Monday,", "On Tuesday,", "On Wednesday,"), ("In the morning,", "At lunch,", "In the evening,"),
            ("First,", "Then", "After that,"), ("On the first day,", "On the second day,", "On the third day,")]


def denominator(kind, frac, pc):
    return frac[1] if kind in ("frac", "rest") else 100 // gcd(pc, 100) if kind == "pct" else 1


def gcd(x, y):
    while y:
        x, y = y, x % y
    return x


def fraction_parts(w, k, later):
    """k parts of a whole, each (kind, fraction, percent), and a whole that every part divides exactly."""
    kinds = [w.pick(["frac", "frac", "pct", "count"])] + [w.pick(later) for _ in range(k - 1)]
    parts = [(kind, w.pick(FRACS), w.pick(PERCENTS)) for kind in kinds]
    base = 1
    for kind, frac, pc in parts:
        base *= denominator(kind, frac, pc)
    if base > 200:
        raise Redraw
    return parts, base * w.rng.randint(max(1, 12 // base), max(1, 400 // base))


@family
def fam_fractions(rng):
    """A whole split by fractions, percents and counts: "a quarter of them are red, 40% of the rest are blue,
    12 are green, the rest are yellow"; or someone using up "a third of them on Monday and half of what is left
    on Tuesday"; the question asks one part, the rest, a difference of two parts, or how many were used."""
    w = World(rng, 1)
    if w.chance(0.35):
        return fractions_used(w)
    noun, where, preds = w.pick(CATEGORIES)
    k = w.pick([1, 2, 2, 3])
    parts, n = fraction_parts(w, k, ["frac", "rest", "rest", "pct", "count"])
    preds = rng.sample(preds, k + 1)
    v = var(noun)
    tmpl = w.pick(["There {are} {n} {noun} {where}.", cap(where) + ", there {are} {n} {noun}.",
                   "{A} {counts} {n} {noun} {where}."])
    w.say(tmpl, w.people[0], n=say(rng, n), noun=noun, where=where)
    w.step("There are %d %s." % (n, noun), "%s = %d" % (v, n))
    used = []
    for (kind, (num, den, ways), pc), (pred, pv) in zip(parts, preds):
        p_now = fill(pred, False, {})
        f = w.pick(ways)
        words = dict(F=cap(f), f=f, pc=pc, noun=noun, pred=fill(pred, w.past, {}))
        if kind == "count":
            c = w.upto(1, min(w.env[v] - sum(w.env[u] for u in used) - 1, 30))
            words.update(n=say(rng, c), N=cap(say(rng, c)))
        w.say(w.pick(PART_SENTENCES[kind]), cond=True, **words)
        if kind == "frac":
            w.step("%d/%d of the %s %s." % (num, den, noun, p_now), "%s = %s" % (pv, part_code(v, num, den)))
        elif kind == "pct":
            w.step("%d%% of the %s %s." % (pc, noun, p_now), "%s = %s * %d // 100" % (pv, v, pc))
        elif kind == "count":
            w.step("%d of the %s %s." % (c, noun, p_now), "%s = %d" % (pv, c))
        else:
            w.step("%d/%d of the remaining %s %s." % (num, den, noun, p_now),
                   "rest = " + " - ".join([v] + used), "%s = %s" % (pv, part_code("rest", num, den)))
        used.append(pv)
    last, lv = preds[-1]
    form = w.pick(["rest", "rest", "part", "diff"])
    structure = "|".join(["whole", "-".join(p[0] for p in parts)])
    if form == "rest" or (form == "diff" and k < 2):
        w.say(w.pick(["The rest {pred}.", "All the others {pred}.", "The remaining {noun} {pred}."]),
              pred=fill(last, w.past, {}), noun=noun)
        w.step("The rest %s." % fill(last, False, {}), "%s = %s" % (lv, " - ".join([v] + used)))
        out, pred = lv, last
        form = "rest"
    elif form == "part":
        choices = [i for i, p in enumerate(parts) if p[0] != "count"]
        if not choices:
            raise Redraw
        i = w.pick(choices)
        out, pred = preds[i][1], preds[i][0]
        del w.steps[i + 2:]
        if i == len(parts) - 1:
            w.sentences[-1].cond = None
        if i == len(parts) - 1 and w.chance(0.5):
            w.say(w.pick(["The rest {pred}.", "All the others {pred}."]), pred=fill(last, w.past, {}))
    if form != "diff":
        p = fill(pred, w.past, {})
        q = ask(rng, [("How many {noun} {p}?", "how many {noun} {p}", "the number of {noun} that {p}"),
                      ("How many of the {noun} {p}?", "how many of the {noun} {p}", None)], noun=noun, p=p)
        return w.done(q, out, structure + "|" + form)
    vals = sorted(((w.env[u], i) for i, u in enumerate(used)), reverse=True)
    (hi, i), (lo, j) = vals[0], vals[1]
    if hi == lo:
        raise Redraw
    w.step("The difference between the two groups.", "diff = %s - %s" % (used[i], used[j]))
    px, py = fill(preds[i][0], w.past, {}), fill(preds[j][0], w.past, {})
    if px.split()[0] == py.split()[0] in ("are", "were", "have", "had"):
        py = py.split(" ", 1)[1]
    q = ask(rng, [("How many more {noun} {px} than {py}?", "how many more {noun} {px} than {py}", None)],
            noun=noun, px=px, py=py)
    return w.done(q, "diff", structure + "|diff")


def fractions_used(w):
    """Someone uses up a fraction, a percent or a count of their things, then parts of what is left."""
    rng = w.rng
    a = w.people[0]
    t = w.thing()
    k = w.pick([1, 2, 2, 3])
    parts, n = fraction_parts(w, k, ["rest", "rest", "count"])
    verb, base = w.pick(USE_VERBS[t.kind])
    text, code, note = amount(rng, n)
    w.say(w.pick(["{A} {has} {n} {items}.", "{A} {buys} {n} {items}.", "There {are} {n} {items} in {Apos} {box}."]),
          a, n=text, items=t.items, box=w.box(t))
    w.step("%s has %d %s%s." % (cap(a.name), n, t.items, note), "%s = %s" % (t.v, code))
    when = w.pick(SITTINGS)
    plain = fill(verb, False, {})
    for i, (kind, (num, den, ways), pc) in enumerate(parts):
        src = t.v if i == 0 else "left"
        f = w.pick(ways)
        if kind == "frac":
            tmpl = "{A} %s {f} of {his} {items}." % verb
            comment, code = "%d/%d of them." % (num, den), part_code(src, num, den)
        elif kind == "pct":
            tmpl = "{A} %s {pc}%% of them." % verb
            comment, code = "%d%% of them." % pc, "%s * %d // 100" % (src, pc)
        elif kind == "rest":
            tmpl = w.pick(["{A} %s {f} of the remaining {items}.", "{A} %s {f} of what {is} left."]) % verb
            comment, code = "%d/%d of what is left." % (num, den), part_code(src, num, den)
        else:
            c = w.upto(1, min(w.env[src] - 1, 20))
            tmpl = "{A} %s {cnt} more." % verb if i else "{A} %s {cnt} of them." % verb
            comment, code = "%d of them." % c, str(c)
        w.say(tmpl, a, pre=when[i], cond=True, f=f, pc=pc, items=t.items, cnt=say(rng, c) if kind == "count" else "")
        w.step("%s %s %s" % (cap(a.name), plain, comment), "part = " + code, "left = %s - part" % src)
    structure = "use|" + "-".join(p[0] for p in parts)
    if w.chance(0.3):
        w.step("All that is gone.", "gone = %s - left" % t.v)
        q = ask(rng, [("How many {items} does {P} {v} in all?", "how many {items} {P} {vs} in all", None),
                      ("What is the total number of {items} that {P} {vs}?", None,
                       "the total number of {items} that {P} {vs}")],
                items=t.items, P=a.name,
                v=base, vs=plain)
        return w.done(q, "gone", structure + "|gone")
    q = ask(rng,
            [("How many {items} does {P} have left?", "how many {items} {P} has left",
              "the number of {items} {P} has left"),
                  ("How many {items} are left?", "how many {items} are left", "the number of {items} that are left"),
                  ("How many {items} remain?", "how many {items} remain", None),
                  ("How many {items} does {P} still have?", "how many {items} {P} still has", None)],
            items=t.items, P=a.name)
    return w.done(q, "left", structure + "|left")


# jobs done at a rate: (machine or None for a person, verb, base verb, things)
RATE_JOBS = [(None, "reads", "read", "pages"), ("printer", "prints", "print", "pages"),
             ("bottling machine", "fills", "fill", "bottles"), (None, "types", "type", "words"),
             ("bakery oven", "bakes", "bake", "rolls"), ("water pump", "moves", "move", "gallons of water"),
             (None, "folds", "fold", "paper cranes"), ("toy factory", "makes", "make", "toy cars"),
             (None, "picks", "pick", "strawberries"), ("candle machine", "makes", "make", "candles"),
             (None, "knits", "knit", "rows"), (None, "packs", "pack", "boxes"),
             ("juice press", "fills", "fill", "cups"),
             (None, "sorts", "sort", "letters"), ("robot", "stacks", "stack", "crates")]
# (rate unit, duration unit, one duration unit, factor, the fact), people only for the first five
CONVERSIONS = [("minute", "hours", "an hour", 60, "an hour has 60 minutes"),
               ("day", "weeks", "a week", 7, "a week has 7 days"),
               ("month", "years", "a year", 12, "a year has 12 months"),
               ("hour", "hours", "an hour", 1, None), ("day", "days", "a day", 1, None),
               ("hour", "days", "a day", 24, "a day has 24 hours"),
               ("week", "years", "a year", 52, "a year has 52 weeks")]


@family
def fam_rates(rng):
    """Work at a rate: pages a day, bottles a minute, rolls an hour; over hours, days, weeks or years (an hour
    has 60 minutes, a week 7 days); one worker or two (the second faster by some, twice as fast, or its own
    rate); the question asks the amount done, the pair's total or difference, the time a job takes, or what is
    left of a job."""
    machine_job = rng.random() < 0.5
    _, verb, base, what = job = rng.choice([j for j in RATE_JOBS if (j[0] is not None) == machine_job])
    unit, dur_units, one_dur, factor, fact = rng.choice(CONVERSIONS if machine_job else CONVERSIONS[:5])
    two = rng.random() < 0.35
    w = World(rng, 2 if two and not machine_job else 1, past=False)
    a = machine(rng, job[0]) if machine_job else w.people[0]
    form = w.pick(["total", "total", "job", "left", "plus"] + (["diff", "diff"] if two else []))
    if form in ("left", "plus") and two:
        form = "total"
    r = rng.randint(2, 15) if factor >= 24 or (unit == "minute" and not machine_job) else rng.randint(2, 60)
    n = rng.randint(1, 6) if factor > 1 else rng.randint(2, 12)
    dur = one_dur if n == 1 else "%s %s" % (say(rng, n), dur_units)
    units = unit + "s"
    V = "{%s}" % verb
    if form == "left":
        goal = r * n * factor + rng.randint(5, 300)
        w.say(w.pick(["{A} {needs} to {b} {n} {what}.", "{A} {has} {n} {what} to {b}."]), a,
              b=base, n=digits(rng, goal), what=what)
        w.step("%d %s to %s in all." % (goal, what, base), "goal = %d" % goal)
    art = "an" if unit == "hour" else "a"
    per = w.pick(["per %s" % unit, "%s %s" % (art, unit), "every %s" % unit, "each %s" % unit])
    w.say(w.pick(["{A} %s {r} {what} {per}." % V, "{A} can %s {r} {what} {per}." % base,
                  "Every %s, {A} %s {r} {what}." % (unit, V), "In one %s, {A} %s {r} {what}." % (unit, V)]),
          a, r=say(rng, r), what=what, per=per)
    w.step("%s %s %d %s per %s." % (cap(a.name), verb, r, what, unit), "rate = %d" % r)
    workers = "one"
    if two:
        b = machine(rng, job[0]) if machine_job else w.people[1]
        if machine_job:
            b.name, b.intro, b.key = "the second " + job[0], "a second " + job[0], "second"
            a.name = "the first " + job[0]
        workers = w.pick(["more", "times", "own"])
        if workers == "more":
            d = rng.randint(1, 10)
            w.say("{A} %s {d} more {what} per %s than {B}." % (V, unit), b, a, d=say(rng, d), what=what)
            w.step("%s %s %d more per %s." % (cap(b.name), verb, d, unit), "other_rate = rate + %d" % d)
        elif workers == "times":
            w.say(w.pick(["{A} {works} twice as fast as {B}.",
                          "{A} %s twice as many {what} per %s as {B}." % (V, unit)]),
                  b, a, what=what)
            w.step("%s works twice as fast." % cap(b.name), "other_rate = rate * 2")
        else:
            r2 = rng.randint(2, 60) if factor < 24 else rng.randint(2, 15)
            w.say("{A} %s {r} {what} {per}." % V, b, r=say(rng, r2), what=what, per=per)
            w.step("%s %s %d per %s." % (cap(b.name), verb, r2, unit), "other_rate = %d" % r2)
        if form == "diff" and w.env["other_rate"] == r:
            form = "total"
        if form != "diff":
            w.step("Together per %s." % unit, "rate = rate + other_rate")
    structure = "%s-%s|%s" % (unit, dur_units if factor > 1 else "same", workers)
    if form == "job":
        k = rng.randint(2, 12)
        if factor > 1:
            w.step("Per %s: %s." % (dur_units[:-1], fact), "per_%s = rate * %d" % (dur_units[:-1], factor))
            per_v, tu = "per_" + dur_units[:-1], dur_units
        else:
            per_v, tu = "rate", units
        total = w.env[per_v] * k
        if total > 20000:
            raise Redraw
        w.say(w.pick(["{A} {has} to {b} {n} {what} in all."] + ["An order {comes} in for {n} {what}."] * machine_job),
              a,
              b=base, n=digits(rng, total), what=what, cond=True)
        w.step("%d %s to %s." % (total, what, base), "time = %d // %s" % (total, per_v))
        q = ask(rng, [("How many {tu} will it take%s?" % (" them" if two else ""), "how many {tu} it will take",
                       "the number of {tu} it takes"),
                      ("How many {tu} does the job take?", None, None)], tu=tu)
        return w.done(q, "time", structure + "|job", lead=False)
    if factor == 1:
        w.step("%d %s." % (n, units), "%s = %d" % (units, n))
    else:
        w.step("%s in %s; %s." % (cap(units), "1 " + dur_units[:-1] if n == 1 else "%d %s" % (n, dur_units), fact),
               "%s = %s" % (units, "%d" % factor if n == 1 else "%d * %d" % (n, factor)))
    if form == "diff":
        x, y, hi, lo = ("other_rate", "rate", b, a) if w.env["other_rate"] > r else ("rate", "other_rate", a, b)
        w.step("The difference per %s." % unit, "gap = %s - %s" % (x, y))
        w.step("The difference over the whole time.", "diff = gap * %s" % units)
        q = ask(rng, [("How many more {what} does {X} {v} than {Y} in {dur}?",
                       "how many more {what} {X} {vs} than {Y} in {dur}", None)],
                what=what, v=base, vs=verb, dur=dur, X=hi.name, Y=lo.name)
        return w.done(q, "diff", structure + "|diff")
    w.step("Rate times time.", "done = rate * %s" % units)
    if form == "plus":
        start = rng.randint(5, 200)
        w.say(w.pick(["{n} {what} are already done.", "{A} already {has} {n} {what} finished."]), a, n=say(rng, start),
              what=what, cond=True)
        w.step("%d were done before." % start, "total = done + %d" % start)
        q = ask(rng,
                [("How many {what} will be done in all after {dur}?", "how many {what} will be done in all after {dur}",
                       None)], what=what, dur=dur)
        return w.done(q, "total", structure + "|plus", lead=False)
    if form == "left":
        w.step("What is still left.", "left = goal - done")
        q = ask(rng,
                [("How many {what} are still left after {dur}?", "how many {what} are still left after {dur}", None),
                      ("After {dur}, how many {what} does {P} still have to {v}?", None, None)],
                what=what, dur=dur, P=a.name, v=base)
        return w.done(q, "left", structure + "|left", lead=False)
    if two:
        q = ask(rng,
                [("How many {what} do they {v} together in {dur}?", "how many {what} they {v} together in {dur}", None),
                      ("Working together, how many {what} can {P} {v} in {dur}?", None, None)],
                what=what, v=base, dur=dur, P=group([a, b]))
        return w.done(q, "done", structure + "|total", lead=False)
    q = ask(rng, [("How many {what} does {P} {v} in {dur}?", "how many {what} {P} {vs} in {dur}",
                   "the number of {what} {P} {vs} in {dur}"),
                  ("How many {what} can {P} {v} in {dur}?", "how many {what} {P} can {v} in {dur}", None),
                  ("In {dur}, how many {what} does {P} {v}?", None, None)],
            what=what, v=base, vs=verb, dur=dur, P=a.name)
    return w.done(q, "done", structure + "|total")


# what happened, told forward, for a story worked backwards: (things or money, kind) -> templates
BACK = {
    ("things", "minus"): ["{A} {gives} {n} {items} to {B}.", "{A} {loses} {n} of them.",
                          "{A} {gives} away {n} of {his} {items}.",
                          "{A} {uses} {n} {items} for a school project."],
    ("things", "plus"): ["{A} {buys} {n} more.", "{A} {finds} {n} more {items}.", "{A} {gets} {n} more from {B}.",
                         "{A} {is} given {n} {items} for {his} birthday."],
    ("things", "half"): ["{A} {gives} half of {his} {items} to {B}.", "{A} {gives} away half of them.",
                         "{A} {loses} half of them."],
    ("things", "double"): ["{A} {doubles} the number of {items} {he} {has}.",
                           "{A} {gets} as many more {items} as {he} already {has}.",
                           "The number of {Apos} {items} {doubles}."],
    ("money", "minus"): ["{A} {spends} {n} on a book.", "{A} {pays} {n} for lunch.", "{A} {buys} a toy for {n}.",
                         "{A} {gives} {n} to {B}."],
    ("money", "plus"): ["{A} {earns} {n} for helping a neighbor.", "{Apos} grandmother {gives} {him} {n}.",
                        "{A} {finds} {n} on the sidewalk.", "{A} {gets} {n} from {B}."],
    ("money", "half"): ["{A} {spends} half of {his} money on a jacket.", "{A} {puts} half of {his} money in the bank.",
                        "{A} {gives} half of {his} money to {B}."],
    ("money", "double"): ["{Apos} mom {doubles} {his} money.", "{A} {doubles} {his} money selling lemonade."],
}
UNDO = {"minus": ("Add back the %(n)d that went away.", "%(v)s = %(prev)s + %(n)d", "before_loss"),
        "plus": ("Take away the %(n)d that came in.", "%(v)s = %(prev)s - %(n)d", "before_gain"),
        "half": ("Half went away, so before that there was twice as much.", "%(v)s = %(prev)s * 2", "before_half"),
        "double": ("It doubled, so before that there was half as much.", "%(v)s = %(prev)s // 2", "before_double")}


@family
def fam_backwards(rng):
    """Working backwards: someone had some things or money, gave, lost or spent some, got more, gave away half,
    or doubled them, and is left with so many; the question asks how many there were at first."""
    w = World(rng, rng.choice([1, 2]), past=rng.random() < 0.75)
    a = w.people[0]
    b = w.people[1] if len(w.people) > 1 else None
    money = w.chance(0.35)
    kinds = [w.pick(["minus", "minus", "plus", "half", "double"]) for _ in range(w.pick([1, 2, 2, 3]))]
    t = Thing("dollars", "dollar", "money") if money else w.thing()
    value, amounts = rng.randint(10, 90), []
    for kind in kinds:
        n = 0
        if kind == "minus":
            n = w.upto(2, min(value - 1, 40))
            value -= n
        elif kind == "plus":
            n = rng.randint(2, 40)
            value += n
        elif kind == "half":
            if value % 2:
                raise Redraw
            value //= 2
        else:
            value *= 2
        amounts.append(n)
    show = (lambda n: cash(rng, n)) if money else (lambda n: say(rng, n))
    if money:
        w.say(w.pick(["{A} {has} some money.", "{A} {has} some money in {his} piggy bank.",
                      "{A} {goes} to the fair with some money.", "{A} {has} some money saved up."]), a)
    else:
        w.say(w.pick(["{A} {has} some {items}.", "{A} {has} a {box} of {items}.",
                      "{A} {starts} the day with some {items}.",
                      "{A} {has} a number of {items}."]), a, items=t.items, box=w.box(t))
    for i, (kind, n) in enumerate(zip(kinds, amounts)):
        tmpls = [x for x in BACK[("money" if money else "things", kind)] if b is not None or "{B}" not in x]
        if kind == "minus" and t.kind in ("fruit", "baked"):
            tmpls = tmpls + ["{A} {eats} {n} of them."]
        pre = w.then() if i else "First," if len(kinds) > 1 and w.chance(0.5) else None
        w.say(w.pick(tmpls), a, b, pre=pre, join=0.3 if i else 0, n=show(n), items=t.items)
    end = show(value) + ("" if money else " " + t.items)
    w.say(w.pick(["%s {A} {has} {q} left." % ("After all that," if w.past else "Now"), "{A} {is} left with {q}.",
                  "{A} {ends} up with {q}.", "In the end, {A} {has} {q}.", "At the end of the day, {A} {has} {q}."]),
          a, q=end)
    w.step("%s ends with %s." % (cap(a.name), ("$%d" % value) if money else "%d %s" % (value, t.items)),
           "now = %d" % value)
    prev, names = "now", set()
    for i in reversed(range(len(kinds))):
        comment, code, name = UNDO[kinds[i]]
        v = "start" if i == 0 else name + ("" if name not in names else str(i))
        names.add(v)
        w.step(comment % dict(n=amounts[i]), code % dict(v=v, prev=prev, n=amounts[i]))
        prev = v
    if money:
        forms = [("How much money did {P} have at first?", "how much money {P} had at first",
                  "the money {P} had at first"),
                 ("How much money did {P} start with?", "how much money {P} started with", None),
                 ("How many dollars did {P} have to begin with?", None, None)]
    else:
        forms = [("How many {items} did {P} have at first?", "how many {items} {P} had at first",
                  "the number of {items} {P} had at first"),
                 ("How many {items} did {P} start with?", "how many {items} {P} started with", None),
                 ("How many {items} did {P} have in the beginning?", None,
                  "the number of {items} {P} had in the beginning")]
    q = ask(rng, forms, items=t.items, P=a.name)
    return w.done(q, "start", "%s|%s" % ("money" if money else "things", "-".join(kinds)))


# goals and progress: (goal sentences, progress verb, unit, base verb); money goals have {m}
GOALS = [(["{A} {is} reading a book with {n} pages.", "{Apos} book {has} {n} pages.",
           "{A} {wants} to finish a {n}-page book."],
          "{reads}", "pages", "read"),
         (["{A} {wants} to collect {n} cans for the food drive.", "{A} {hopes} to collect {n} cans for recycling."],
          "{collects}", "cans", "collect"),
         (["{A} {plans} to run {n} miles.", "{A} {is} training to run {n} miles in all."], "{runs}", "miles", "run"),
         (["{A} {is} putting together a puzzle with {n} pieces.", "{A} {is} doing a {n}-piece puzzle."],
          "{puts} in", "puzzle pieces", "put in"),
         (["{A} {needs} to sell {n} raffle tickets.", "{A} {has} {n} raffle tickets to sell."], "{sells}", "tickets",
          "sell"),
         (["{A} {has} to bake {n} cupcakes for the school fair."], "{bakes}", "cupcakes", "bake"),
         (["{A} {plans} to plant {n} flower bulbs.", "{A} {wants} to plant {n} tulip bulbs in {his} garden."],
          "{plants}", "bulbs", "plant"),
         (["{A} {has} to write an essay of {n} words.", "{Apos} essay must be {n} words long."], "{writes}", "words",
          "write"),
         (["{A} {wants} to swim {n} laps.", "{Apos} coach {wants} {him} to swim {n} laps."], "{swims}", "laps", "swim"),
         (["{A} {has} to fold {n} paper cranes for a school project."], "{folds}", "cranes", "fold"),
         (["{A} {is} saving up for a bike that costs {m}.", "{A} {wants} to buy a {m} guitar.",
           "{A} {needs} {m} for a school trip."], "{saves}", "dollars", "save")]
GOAL_TIMES = [("on Monday", "on Tuesday", "on Wednesday"), ("in the morning", "in the afternoon", "in the evening"),
              ("in the first week", "in the second week", "in the third week"),
              ("on Saturday", "on Sunday", "on Monday"),
              ("in June", "in July", "in August")]


@family
def fam_goal(rng):
    """A goal (pages to read, cans to collect, money to save) and progress in one to three parts, each told as a
    count, as so many an hour for some hours, or relative to the part before ("twice as many", "5 more", "half
    as many"), by one person at different times or by two people; the question asks what is left, what is done
    so far, or how many more days it takes at some rate."""
    people = rng.random() < 0.3
    w = World(rng, 2 if people else 1)
    goals, verb, unit, base = w.pick(GOALS)
    money = unit == "dollars"
    k = 2 if people else w.pick([1, 2, 2, 3])
    ops = [w.pick(["count", "count"] + ["rate"] * (not money))]
    ops += [w.pick(["count", "more", "fewer", "times", "half"]) for _ in range(k - 1)]
    who = w.people if people else [w.people[0]] * k
    times = w.pick(GOAL_TIMES)
    names = [p.key for p in w.people] if people else ["first", "second", "third"][:k]
    amt = (lambda n: cash(rng, n)) if money else (lambda n: "%s %s" % (say(rng, n), unit))
    many = "as much money" if money else "as many %s" % unit
    parts, ns = [], []
    for i, op in enumerate(ops):
        ref = ("{B}", who[i - 1].name) if people else (times[i - 1], times[i - 1]) if i else None
        if op == "count":
            n = rng.randint(5, 60)
            text, comment, code = amt(n), "%d." % n, str(n)
        elif op == "rate":
            r, h = rng.randint(2, 15), rng.randint(2, 6)
            n = r * h
            text = "%s an hour for %s hours" % (amt(r), say(rng, h))
            comment, code = "%d an hour for %d hours." % (r, h), "%d * %d" % (r, h)
        elif op in ("more", "fewer"):
            d = rng.randint(2, 20)
            n = ns[-1] + d if op == "more" else ns[-1] - d
            if n < 1:
                raise Redraw
            text = "%s than %s" % (cash(rng, d) + " " + op if money else "%s %s %s" % (say(rng, d), op, unit), ref[0])
            comment, code = "%d %s than %s." % (d, op, ref[1]), "%s %s %d" % (names[i - 1],
                                                                              "+" if op == "more" else "-", d)
        elif op == "times":
            n = ns[-1] * 2
            text = "twice %s as %s" % (many, ref[0])
            comment, code = "twice as many as %s." % ref[1], "%s * 2" % names[i - 1]
        else:
            if ns[-1] % 2:
                raise Redraw
            n = ns[-1] // 2
            text = "half %s as %s" % (many, ref[0])
            comment, code = "half as many as %s." % ref[1], "%s // 2" % names[i - 1]
        ns.append(n)
        when = times[i]
        tmpl = ("{A} %s %s." % (verb, text) if people else cap(when) + ", {A} %s %s." % (verb, text)
                if op not in ("count", "rate") or w.chance(0.5) else "{A} %s %s %s." % (verb, text, when))
        parts.append((tmpl, who[i], who[i - 1] if people and i else None,
                      "%s: %s" % (cap(who[i].name) if people else cap(when), comment), "%s = %s" % (names[i], code)))
    form = w.pick(["left", "left", "done", "days"])
    r = rng.randint(3, 30)
    goal = sum(ns) + (r * rng.randint(1, 10) if form == "days" else rng.randint(1, 200))
    if people:
        tmpl = ("{A} and {B} {want} to save {m} together for a gift." if money else
                w.pick(["{A} and {B} {want} to %s {n} %s together." % (base, unit),
                        "Together, {A} and {B} {need} to %s {n} %s." % (base, unit)]))
    else:
        tmpl = w.pick(goals)
    w.say(tmpl, w.people[0], w.people[1] if people else None, n=digits(rng, goal), m=cash(rng, goal))
    if people:
        w.last = None
    w.step("The goal is %s." % ("$%d" % goal if money else "%d %s" % (goal, unit)), "goal = %d" % goal)
    for tmpl, p, other, comment, code in parts:
        w.say(tmpl, p, other, cond=True, join=0.2)
        w.step(comment, code)
    w.step("Done so far.", "done = " + " + ".join(names))
    structure = "%s|%s" % ("people" if people else "times", "-".join(ops))
    P = group(w.people) if people else w.people[0].name
    plural = dict(do="do", need="need", have="have") if people else dict(do="does", need="needs", have="has")
    if form == "done":
        done = {"read": "read", "collect": "collected", "run": "run", "put in": "put in", "sell": "sold",
                "bake": "baked", "plant": "planted", "write": "written", "swim": "swum", "fold": "folded",
                "save": "saved"}
        asked = (("How many {unit} {have} {P} {vb} so far?", "how many {unit} {P} {have} {vb} so far", None)
                 if not money else
                 ("How much money {have} {P} saved so far?", "how much money {P} {have} saved so far", None))
        q = ask(rng, [asked, ("What is the total so far?", None, "the total so far")],
                unit=unit, P=P, vb=done[base], **plural)
        del w.steps[0]  # the goal itself is not needed
        return w.done(q, "done", structure + "|done", lead=not q.startswith("What is the total"))
    w.step("What is left to reach the goal.", "left = goal - done")
    if form == "left":
        q = ask(rng, [("How many more {unit} {do} {P} need to {b}?", "how many more {unit} {P} {need} to {b}",
                       "the number of {unit} still to {b}"),
                      ("How many {unit} are left to reach the goal?", "how many {unit} are left to reach the goal",
                       None)]
                if not money else
                [("How much more money {do} {P} need?", "how much more money {P} {need}", "the money still needed"),
                 ("How many more dollars {do} {P} have to save?", None, None)],
                unit=unit, P=P, b=base, **plural)
        return w.done(q, "left", structure + "|left")
    w.step("Days at %d a day." % r, "days = left // %d" % r)
    q = ask(rng, [("If {P} {v} {x} a day from now on, how many more days will it take to reach the goal?", None, None),
                  ("How many more days will it take if {P} {v} {x} each day from now on?", None, None)],
            P=P, v=base if people else fill(verb, False, {}), x=amt(r))
    return w.done(q, "days", structure + "|days", lead=False)


@family
def fam_unit_price(rng):
    """Prices: the cost of some from the cost of others ("5 notebooks cost $20; how much do 8 cost?"), a pack
    against single ones, a price per dozen or half dozen, cents each paid in dollars, adult and child tickets,
    how many a sum buys (after paying for something else), and two people buying the same thing."""
    kind = rng.choice(["scale", "deal", "dozen", "cents", "tickets", "afford", "buyers"])
    w = World(rng, 2 if kind == "buyers" else 1)
    a = w.people[0]
    one, goods = w.pick(ALL_GOODS)
    shop = w.pick(SHOPS)
    P = a.name
    if kind == "scale":
        p, n1 = rng.randint(2, 20), rng.randint(2, 9)
        w.say(w.pick(["{A} {pays} {t} for {n} {goods}.", "{N} {goods} {cost} {t} at {shop}.",
                      "At {shop}, {n} {goods} sell for {t}.", "{A} {buys} {n} {goods} for {t} in all."]),
              a, t=cash(rng, p * n1), n=say(rng, n1), N=cap(say(rng, n1)), goods=goods, shop=shop)
        w.step("$%d for %d %s: the price of one." % (p * n1, n1, goods), "each = %d // %d" % (p * n1, n1))
        sub = w.pick(["cost", "cost", "one", "afford", "more", "total"])
        if sub in ("more", "total"):
            n2 = rng.randint(n1 + 1, 16) if sub == "more" else rng.randint(2, 12)
            if sub == "total":
                w.say(w.pick(["Later, {A} {buys} {n} more.", "The next week {A} {buys} another {n}."]), a,
                      n=say(rng, n2),
                      cond=True)
            w.step("%d %s at that price." % (n2, goods), "cost = each * %d" % n2)
            if sub == "more":
                w.step("Less the $%d for %d." % (p * n1, n1), "diff = cost - %d" % (p * n1))
                q = ask(rng,
                        [("How much more would {n} {goods} cost than {m}?",
                          "how much more {n} {goods} would cost than {m}",
                               None)], n=say(rng, n2), m=say(rng, n1), goods=goods)
                return w.done(q, "diff", "scale|more")
            w.step("Both times together.", "total = %d + cost" % (p * n1))
            q = ask(rng,
                    [("How much does {P} spend on {goods} in all?", "how much {P} spends on {goods} in all", None)],
                    P=P, goods=goods)
            return w.done(q, "total", "scale|total")
        if sub == "one":
            q = ask(rng, [("How much does one {one} cost?", "how much one {one} costs", "the price of one {one}"),
                          ("What is the price of a single {one}?", None, "the price of a single {one}")], one=one)
            return w.done(q, "each", "scale|one")
        if sub == "cost":
            n2 = rng.choice([k for k in range(2, 16) if k != n1])
            w.step("%d %s at that price." % (n2, goods), "cost = each * %d" % n2)
            q = ask(rng,
                    [("How much would {n} {goods} cost?", "how much {n} {goods} would cost", "the cost of {n} {goods}"),
                          ("At the same price, how much do {n} {goods} cost?", None, None)], n=say(rng, n2),
                    goods=goods)
            return w.done(q, "cost", "scale|cost")
        k = rng.randint(2, 12)
        w.say("{A} {has} {m} to spend on more of them.", a, m=cash(rng, p * k))
        w.step("$%d to spend." % (p * k), "count = %d // each" % (p * k))
        q = ask(rng, [("How many {goods} can {P} buy with it?", "how many {goods} {P} can buy", None)], goods=goods,
                P=P)
        return w.done(q, "count", "scale|afford")
    if kind == "deal":
        p, s = rng.randint(2, 10), rng.choice([3, 4, 5, 6, 8, 10, 12])
        q_pack = w.upto(s * p // 2, s * p - 1)
        w.say(w.pick(["A single {one} {costs} {p}, but a pack of {s} {costs} {q}.",
                      "{Goods} {cost} {p} each, or {q} for a pack of {s}.",
                      "At {shop}, a pack of {s} {goods} {costs} {q}, while one {one} on its own {costs} {p}."]),
              p=cash(rng, p), s=say(rng, s), q=cash(rng, q_pack), one=one, goods=goods, Goods=cap(goods), shop=shop)
        k = 1 if w.chance(0.5) else rng.randint(2, 5)
        if k == 1:
            w.say("{A} {needs} {n} {goods}.", a, n=say(rng, s), goods=goods)
            w.step("%d single %s at $%d each." % (s, goods, p), "singles = %d * %d" % (s, p))
            w.step("The pack costs $%d." % q_pack, "save = singles - %d" % q_pack)
            q = ask(rng, [("How much does {P} save by buying a pack instead of {s} single {goods}?",
                           "how much {P} saves by buying a pack instead of {s} single {goods}", None)],
                    P=P, s=say(rng, s), goods=goods)
            return w.done(q, "save", "deal|one")
        w.say("{A} {needs} {n} {goods}.", a, n=k * s, goods=goods, cond=True)
        w.step("%d single %s at $%d each." % (k * s, goods, p), "singles = %d * %d" % (k * s, p))
        w.step("Packs of %d." % s, "packs = %d // %d" % (k * s, s))
        w.step("The packs at $%d each." % q_pack, "pack_cost = packs * %d" % q_pack)
        w.step("The difference.", "save = singles - pack_cost")
        q = ask(rng, [("How much does {P} save by buying packs instead of single {goods}?",
                       "how much {P} saves by buying packs instead of single {goods}", None),
                      ("How much money is saved by buying the {goods} in packs?", None, None)], P=P, goods=goods)
        return w.done(q, "save", "deal|many")
    if kind == "dozen":
        one, goods = w.pick(BY_DOZEN)
        p = rng.randint(2, 9)
        half = w.chance(0.3)
        size = 6 if half else 12
        n = size * rng.randint(2, 8)
        w.say(w.pick(["{Goods} {cost} {p} {per}.", "{Per} {goods} {costs} {p}.",
                      "At {shop}, {goods} {are} {p} {per}."]),
              a, p=cash(rng, p), goods=goods, Goods=cap(goods), shop=shop,
              per="per half dozen" if half else w.pick(["a dozen", "per dozen"]),
              Per="Half a dozen" if half else "A dozen")
        w.say(w.pick(["{A} {buys} {n} {goods}.", "{A} {needs} {n} {goods} for a party."]), a, n=n, goods=goods,
              cond=True)
        w.step("%d %s in groups of %d (%s)." % (n, goods, size, "half a dozen is 6" if half else "a dozen is 12"),
               "groups = %d // %s" % (n, "6" if half else "12"))
        w.step("$%d for each group." % p, "cost = groups * %d" % p)
        if w.chance(0.35):
            bill = next(b for b in (20, 50, 100, 200) if b > w.env["cost"])
            w.say("{A} {pays} with a {b} bill.", a, b="$%d" % bill)
            w.step("Paid $%d." % bill, "change = %d - cost" % bill)
            q = ask(rng, [("How much change does {P} get?", "how much change {P} gets", "the change {P} gets")], P=P)
            return w.done(q, "change", "dozen|%s|change" % ("half" if half else "whole"))
        q = ask(rng, [("How much does {P} pay?", "how much {P} pays", "the amount {P} pays"),
                      ("How much do the {goods} cost in all?", "how much the {goods} cost in all", "the total cost")],
                P=P, goods=goods)
        return w.done(q, "cost", "dozen|%s|cost" % ("half" if half else "whole"))
    if kind == "cents":
        one, goods = w.pick(CENT_GOODS)
        ct = w.pick([5, 10, 20, 25, 50])
        n = 100 // ct * rng.randint(1, 5)
        w.say(w.pick(["Each {one} {costs} {ct} cents.", "{Goods} {are} {ct} cents each.",
                      "{Goods} sell for {ct} cents apiece."]),
              one=one, goods=goods, Goods=cap(goods), ct=ct)
        if w.chance(0.3):
            d = rng.randint(1, 5)
            w.say("{A} {has} {m} to spend on them.", a, m=cash(rng, d), cond=True)
            w.step("$%d is %d * 100 cents." % (d, d), "cents = %d * 100" % d)
            w.step("%d cents each." % ct, "count = cents // %d" % ct)
            q = ask(rng,
                    [("How many {goods} can {P} buy?", "how many {goods} {P} can buy",
                      "the number of {goods} {P} can buy")],
                    goods=goods, P=P)
            return w.done(q, "count", "cents|afford")
        w.say(w.pick(["{A} {buys} {n} {goods}.", "{A} {wants} {n} of them."]), a, n=say(rng, n), goods=goods, cond=True)
        w.step("%d %s at %d cents each." % (n, goods, ct), "cents = %d * %d" % (n, ct))
        w.step("A dollar is 100 cents.", "dollars = cents // 100")
        if w.chance(0.4):
            bill = w.env["dollars"] + rng.randint(1, 10)
            w.say("{A} {pays} with {m}.", a, m=cash(rng, bill))
            w.step("%s pays $%d." % (cap(P), bill), "change = %d - dollars" % bill)
            q = ask(rng, [("How many dollars of change does {P} get?", "how many dollars of change {P} gets", None)],
                    P=P)
            return w.done(q, "change", "cents|change")
        q = ask(rng, [("How many dollars does {P} spend?", "how many dollars {P} spends", "the cost in dollars"),
                      ("What is the cost in dollars?", None, "the cost in dollars")], P=P)
        return w.done(q, "dollars", "cents|cost")
    if kind == "tickets":
        x = rng.randint(5, 20)
        y, na, nc = rng.randint(2, x - 1), rng.randint(1, 4), rng.randint(1, 6)
        event = w.pick(["the zoo", "the museum", "the school play", "the water park", "the circus", "the movies"])
        w.say(w.pick(["Tickets to {e} cost {x} for adults and {y} for children.",
                      "At {e}, an adult ticket {costs} {x} and a child ticket {costs} {y}."]),
              e=event, x=cash(rng, x), y=cash(rng, y))
        w.say(w.pick(["{A} {buys} tickets for {na} and {nc}.", "{A} {pays} for {na} and {nc}."]), a,
              na="%s adult%s" % (say(rng, na, 1 if na == 1 else 0.3), "s" * (na > 1)),
              nc="%s child%s" % (say(rng, nc, 1 if nc == 1 else 0.3), "ren" * (nc > 1)))
        w.step("Adult tickets: %d at $%d." % (na, x), "adults = %d * %d" % (na, x))
        w.step("Child tickets: %d at $%d." % (nc, y), "kids = %d * %d" % (nc, y))
        w.step("All the tickets.", "total = adults + kids")
        off = w.chance(0.3)
        if off:
            d = w.upto(1, min(w.env["total"] - 1, 10))
            w.say("{A} {uses} a coupon for {d} off.", a, d=cash(rng, d))
            w.step("A $%d coupon." % d, "total = total - %d" % d)
        if w.chance(0.4):
            bill = next((b for b in (20, 50, 100, 200) if b > w.env["total"]), None)
            if bill is None:
                raise Redraw
            w.say("{A} {pays} with {m}.", a, m=cash(rng, bill))
            w.step("%s pays $%d." % (cap(P), bill), "change = %d - total" % bill)
            q = ask(rng, [("How much change does {P} get?", "how much change {P} gets", "the change {P} gets")], P=P)
            return w.done(q, "change", "tickets|%d|change" % off)
        q = ask(rng,
                [("How much does {P} pay for the tickets?", "how much {P} pays for the tickets",
                  "the cost of the tickets"),
                      ("How much do all the tickets cost?", None, "the total cost of the tickets")], P=P)
        return w.done(q, "total", "tickets|%d|total" % off)
    if kind == "afford":
        p, k = rng.randint(2, 15), rng.randint(2, 12)
        spend = rng.randint(2, 30) if w.chance(0.5) else 0
        over = rng.randint(1, p - 1) if p > 2 and w.chance(0.3) else 0
        money = p * k + spend + over
        w.say(w.pick(["{A} {has} {m}.", "{A} {takes} {m} to {shop}.", "{A} {has} {m} in {his} pocket."]), a,
              m=cash(rng, money), shop=shop)
        w.step("%s has $%d." % (cap(P), money), "money = %d" % money)
        if spend:
            w.say(w.pick(["{A} {spends} {s} on lunch first.", "First, {A} {pays} {s} for a bus ticket."]), a,
                  s=cash(rng, spend))
            w.step("$%d is spent first." % spend, "money = money - %d" % spend)
        w.say(w.pick(["{Goods} {cost} {p} each.", "Each {one} {costs} {p}."]), goods=goods, Goods=cap(goods), one=one,
              p=cash(rng, p))
        structure = "afford|%s" % ("spend" if spend else "plain")
        if over:
            w.say("{A} {buys} as many as {he} can.", a, cond=True)
            w.step("What is left after as many $%d %s as the money buys." % (p, goods), "left = money %% %d" % p)
            q = ask(rng,
                    [("How much money does {P} have left?", "how much money {P} has left", "the money {P} has left")],
                    P=P)
            return w.done(q, "left", structure + "|left")
        w.step("%s at $%d each." % (cap(goods), p), "count = money // %d" % p)
        q = ask(rng,
                [("How many {goods} can {P} buy?", "how many {goods} {P} can buy", "the number of {goods} {P} can buy"),
                      ("How many {goods} can {P} afford%s?" % (" with the rest" if spend else ""), None, None)],
                goods=goods, P=P)
        return w.done(q, "count", structure + "|count")
    b = w.people[1]
    p, n = rng.randint(2, 15), rng.randint(2, 10)
    w.say(w.pick(["{Goods} {cost} {p} each.", "A {one} {costs} {p}.", "At {shop}, each {one} {costs} {p}."]),
          goods=goods, Goods=cap(goods), one=one, p=cash(rng, p), shop=shop)
    w.say(w.pick(["{A} {buys} {n} {goods}.", "{A} {gets} {n} of them."]), a, n=say(rng, n), goods=goods)
    w.step("%s buys %d." % (cap(a.name), n), "%s = %d" % (a.key, n))
    rel = w.pick(["more", "times", "count"])
    if rel == "more":
        d = rng.randint(1, 8)
        w.say("{A} {buys} {d} more than {B}.", b, a, d=say(rng, d))
        w.step("%s buys %d more." % (cap(b.name), d), "%s = %s + %d" % (b.key, a.key, d))
    elif rel == "times":
        w.say(w.pick(["{A} {buys} twice as many as {B}.", "{A} {buys} twice as many {goods}."]), b, a, goods=goods)
        w.step("%s buys twice as many." % cap(b.name), "%s = %s * 2" % (b.key, a.key))
    else:
        m = rng.choice([k for k in range(1, 12) if k != n])
        w.say("{A} {buys} {m}.", b, m=say(rng, m))
        w.step("%s buys %d." % (cap(b.name), m), "%s = %d" % (b.key, m))
    if w.chance(0.5):
        w.step("All the %s." % goods, "count = %s + %s" % (a.key, b.key))
        w.step("At $%d each." % p, "cost = count * %d" % p)
        q = ask(rng, [("How much do {X} and {Y} spend altogether?", "how much {X} and {Y} spend altogether",
                       "the total amount {X} and {Y} spend"),
                      ("How much money do they spend on {goods} in all?", None, None)], X=a.name, Y=b.name, goods=goods)
        return w.done(q, "cost", "buyers|%s|total" % rel, lead=False)
    x, y = (b, a) if w.env[b.key] > w.env[a.key] else (a, b)
    w.step("How many more %s buys." % x.name, "extra = %s - %s" % (x.key, y.key))
    w.step("At $%d each." % p, "diff = extra * %d" % p)
    q = ask(rng, [("How much more does {X} spend than {Y}?", "how much more {X} spends than {Y}", None)], X=x.name,
            Y=y.name)
    return w.done(q, "diff", "buyers|%s|diff" % rel)


ANIMALS = [("cows", "cow", 4), ("chickens", "chicken", 2), ("ducks", "duck", 2), ("horses", "horse", 4),
           ("sheep", "sheep", 4),
           ("goats", "goat", 4), ("pigs", "pig", 4), ("geese", "goose", 2), ("turkeys", "turkey", 2)]
VEHICLES = [("cars", "car", 4), ("bicycles", "bicycle", 2), ("tricycles", "tricycle", 3),
            ("motorcycles", "motorcycle", 2),
            ("wagons", "wagon", 4)]


@family
def fam_groups(rng):
    """Equal groups put together, with facts the story leaves out (a cow has 4 legs, a car 4 wheels): animals on
    a farm, vehicles in a lot, classes of students, tables of chairs, boxes of crayons, rows of plants; some sold,
    arrive, are absent or are given away; the question asks a total, a difference, what is empty or needed, or
    how many boxes a new packing fills."""
    domain = rng.choice(["legs", "wheels", "classes", "tables", "boxes", "garden"])
    w = World(rng, 1)
    a = w.people[0]
    P = a.name
    if domain in ("legs", "wheels"):
        (p1, s1, k1), (p2, s2, k2), (p3, s3, k3) = rng.sample(ANIMALS if domain == "legs" else VEHICLES, 3)
        part = "legs" if domain == "legs" else "wheels"
        n1, n2, n3 = rng.randint(2, 25), rng.randint(2, 25), rng.randint(2, 15)
        three = w.chance(0.3)
        place = w.pick(["on {Apos} farm", "at the petting zoo", "in the barn"] if domain == "legs" else
                       ["in the parking lot", "at the repair shop", "outside the school"])
        if three:
            y = "{m} {y} and {k} %s" % p3
            w.say(w.pick(["There {are} {n} {x}, %s %s." % (y, place), "{A} {counts} {n} {x}, %s %s." % (y, place)]),
                  a, n=say(rng, n1), m=say(rng, n2), k=say(rng, n3), x=p1, y=p2)
        else:
            w.say(w.pick(["There {are} {n} {x} and {m} {y} %s." % place,
                          "%s, there {are} {n} {x} and {m} {y}." % cap(place),
                          "{A} {counts} {n} {x} and {m} {y} %s." % place]),
                  a, n=say(rng, n1), m=say(rng, n2), x=p1, y=p2)
        event = w.pick(["none", "none", "minus", "plus"])
        if event != "none":
            k = w.upto(1, n1 - 1) if event == "minus" else rng.randint(1, 10)
            w.say(w.pick(["{k} of the {x} {are} sold.", "{k} of the {x} {leave}."] if event == "minus" else
                         ["{k} more {x} {arrive}.", "Later, {k} more {x} {join} them."]), k=cap(say(rng, k)), x=p1)
            w.step("%d %s %s." % (k, p1, "leave" if event == "minus" else "arrive"),
                   "%s = %d %s %d" % (var(p1), n1, "-" if event == "minus" else "+", k))
            count1 = var(p1)
        else:
            count1 = str(n1)
        w.step(("The %s now" % p1 if event != "none" else "%d %s" % (n1, p1)) + "; a %s has %d %s." % (s1, k1, part),
               "%s1 = %s * %d" % (part, count1, k1))
        w.step("%d %s; a %s has %d %s." % (n2, p2, s2, k2, part), "%s2 = %d * %d" % (part, n2, k2))
        if three:
            w.step("%d %s; a %s has %d %s." % (n3, p3, s3, k3, part), "%s3 = %d * %d" % (part, n3, k3))
            w.step("Add them.", "total = %s1 + %s2 + %s3" % (part, part, part))
            q = ask(rng,
                    [("How many {part} are there in all?", "how many {part} there are in all",
                      "the total number of {part}")],
                    part=part)
            return w.done(q, "total", "%s|three|%s|total" % (domain, event))
        form = w.pick(["total", "total", "diff"])
        if form == "diff" and w.env[part + "1"] != w.env[part + "2"]:
            big = 1 if w.env[part + "1"] > w.env[part + "2"] else 2
            x, y = (p1, p2) if big == 1 else (p2, p1)
            w.step("The difference.", "diff = %s%d - %s%d" % (part, big, part, 3 - big))
            q = ask(rng,
                    [("How many more {part} do the {x} have than the {y}?",
                      "how many more {part} the {x} have than the {y}",
                           None)], part=part, x=x, y=y)
            return w.done(q, "diff", "%s|two|%s|diff" % (domain, event))
        w.step("Add them.", "total = %s1 + %s2" % (part, part))
        q = ask(rng,
                [("How many {part} are there in all?", "how many {part} there are in all",
                  "the total number of {part}"),
                      ("How many {part} do they have altogether?", "how many {part} they have altogether", None)],
                part=part)
        return w.done(q, "total", "%s|two|%s|total" % (domain, event))
    if domain in ("classes", "tables"):
        g1, s1, g2, s2 = rng.randint(2, 8), rng.randint(15, 32), rng.randint(2, 6), rng.randint(15, 32)
        if domain == "tables":
            s1, s2 = rng.randint(2, 10), rng.randint(2, 10)
            w.say(w.pick(["{A} {sets} up {n} tables with {x} chairs each and {m} tables with {y} chairs each.",
                          "A hall has {n} tables of {x} chairs and {m} tables of {y} chairs."]),
                  a, n=say(rng, g1), x=say(rng, s1), m=say(rng, g2), y=say(rng, s2))
            what = "chairs"
        else:
            w.say(w.pick(["A school has {n} classes with {x} students each and {m} classes with {y} students each.",
                          "There {are} {n} classes of {x} students and {m} classes of {y} students at {Apos} school."]),
                  a, n=say(rng, g1), x=s1, m=say(rng, g2), y=s2)
            what = "students"
        w.step("%d groups of %d." % (g1, s1), "group1 = %d * %d" % (g1, s1))
        w.step("%d groups of %d." % (g2, s2), "group2 = %d * %d" % (g2, s2))
        w.step("All the %s." % what, "%s = group1 + group2" % what)
        total = w.env[what]
        if domain == "classes":
            event = w.pick(["absent", "join"])
            k = rng.randint(2, 20)
            w.say("{k} students {are} absent today." if event == "absent" else "{k} new students {join} the school.",
                  k=cap(say(rng, k)), cond=True)
            w.step("%d students %s." % (k, "are absent" if event == "absent" else "join"),
                   "students = students %s %d" % ("-" if event == "absent" else "+", k))
            if w.chance(0.35):
                sizes = [b for b in range(10, 61) if w.env["students"] % b == 0]
                if not sizes:
                    raise Redraw
                bus = w.pick(sizes)
                w.say("Each bus for the school trip {holds} {b} students.", b=bus, cond=True)
                w.step("Buses of %d." % bus, "buses = students // %d" % bus)
                q = ask(rng, [("How many buses are needed to take all of them?", "how many buses are needed", None)])
                return w.done(q, "buses", "classes|%s|buses" % event)
            q = ask(rng, [("How many students are at school today?" if event == "absent" else
                           "How many students does the school have now?", None, None),
                          ("How many students are there now?", "how many students there are now",
                           "the number of students now")])
            return w.done(q, "students", "classes|%s|count" % event)
        need = w.chance(0.4)
        guests = total + rng.randint(1, 30) if need else w.upto(1, total - 1)
        w.say("{g} guests {come} to the party." if not need else "{g} guests are expected.", g=guests, cond=True)
        if need:
            w.step("%d guests need chairs." % guests, "more = %d - chairs" % guests)
            q = ask(rng,
                    [("How many more chairs are needed?", "how many more chairs are needed",
                      "the number of extra chairs needed")])
            return w.done(q, "more", "tables|need")
        w.step("%d guests sit down." % guests, "empty = chairs - %d" % guests)
        q = ask(rng, [("How many chairs are empty?", "how many chairs are empty", "the number of empty chairs"),
                      ("How many chairs are left over?", None, None)])
        return w.done(q, "empty", "tables|empty")
    if domain == "boxes":
        t = w.thing(("toy",))
        b, size, loose = rng.randint(2, 9), rng.choice([6, 8, 10, 12, 16, 24]), rng.randint(1, 11)
        w.say(w.pick(["{A} {has} {b} boxes of {s} {items} and {l} loose {items}.",
                      "{A} {owns} {b} boxes with {s} {items} in each, plus {l} more {items}."]),
              a, b=say(rng, b), s=size, l=say(rng, loose), items=t.items)
        w.step("%d boxes of %d, plus %d." % (b, size, loose), "%s = %d * %d + %d" % (t.v, b, size, loose))
        if w.chance(0.5):
            k = w.upto(2, min(w.env[t.v] - 1, 40))
            w.say(w.pick(["{A} {gives} {k} {items} to {his} cousin.", "{A} {loses} {k} of them."]), a, k=say(rng, k),
                  items=t.items, cond=True, join=0.3)
            w.step("%d are given away." % k, "%s = %s - %d" % (t.v, t.v, k))
            q = q_has(w, a, t.items, left=True)
            return w.done(q, t.v, "boxes|minus|left")
        sizes = [x for x in (2, 3, 4, 5, 6, 8, 10, 12) if w.env[t.v] % x == 0 and x != size]
        if not sizes:
            raise Redraw
        s2 = w.pick(sizes)
        w.say("{A} {puts} all of them into new boxes that hold {s} each.", a, s=say(rng, s2), cond=True, join=0.3)
        w.step("New boxes of %d." % s2, "boxes = %s // %d" % (t.v, s2))
        q = ask(rng,
                [("How many new boxes does {P} fill?", "how many new boxes {P} fills", "the number of new boxes")], P=P)
        return w.done(q, "boxes", "boxes|repack")
    r, c = rng.randint(2, 9), rng.randint(3, 12)
    plant, crop = w.pick([("tomato plants", "tomatoes"), ("pepper plants", "peppers"), ("bean plants", "beans"),
                          ("strawberry plants", "strawberries"), ("cabbages", None), ("rose bushes", "roses")])
    w.say(w.pick(["In {Apos} garden grow {r} rows of {c} {plant}.",
                  "{A} {plants} {r} rows of {plant} with {c} in each row."]),
          a, r=say(rng, r), c=c, plant=plant)
    w.step("%d rows of %d." % (r, c), "plants = %d * %d" % (r, c))
    if crop and w.chance(0.6):
        k = rng.randint(2, 12)
        w.say("Each plant {gives} {k} {crop}.".replace("{gives}", "{grows}"), k=say(rng, k), crop=crop, cond=True)
        w.step("%d %s on each plant." % (k, crop), "%s = plants * %d" % (var(crop), k))
        if w.chance(0.4):
            price = rng.randint(1, 3)
            w.say("{A} {sells} the {crop} for {m} each.", a, crop=crop, m=cash(rng, price), cond=True)
            w.step("$%d each." % price, "money = %s * %d" % (var(crop), price))
            q = ask(rng, [("How much money does {P} make?", "how much money {P} makes", "the money {P} makes")], P=P)
            return w.done(q, "money", "garden|sell")
        q = ask(rng, [("How many {crop} does {P} get?", "how many {crop} {P} gets", "the number of {crop} {P} gets"),
                      ("How many {crop} grow in all?", None, "the total number of {crop}")], crop=crop, P=P)
        return w.done(q, var(crop), "garden|crop")
    r2, c2 = rng.randint(2, 9), rng.randint(3, 12)
    w.say("{A} also {has} {r} rows of {c} herbs.", a, r=say(rng, r2), c=c2, cond=True, join=0.3)
    w.step("%d rows of %d herbs." % (r2, c2), "herbs = %d * %d" % (r2, c2))
    w.step("Both beds.", "total = plants + herbs")
    q = ask(rng, [("How many plants are in the garden altogether?", "how many plants are in the garden altogether",
                   "the total number of plants")])
    return w.done(q, "total", "garden|two")


ACTIVITIES = [("{practices} the piano", "practicing"), ("{reads}", "reading"), ("{jogs}", "jogging"),
              ("{plays} soccer", "playing soccer"), ("{studies} math", "studying"),
              ("{walks} the dog", "walking the dog"),
              ("{swims}", "swimming"), ("{paints}", "painting")]
FEES = ["a gym membership", "music lessons", "a phone plan", "swimming classes", "a magazine", "a streaming service"]


@family
def fam_schedule(rng):
    """Time over a week or more: minutes every weekday and on weekend days, on weekdays only, so many minutes a
    few times a day, classes or movies with or without breaks between them, a drive with a stop (and the same way
    back), hours of sleep over nights or weeks, a fee by the month or week over years; the answer in minutes,
    hours (an hour has 60 minutes) or dollars."""
    kind = rng.choice(["week", "weekdays", "daily", "sessions", "trip", "sleep", "fee"])
    w = World(rng, 1, past=False)
    a = w.people[0]
    P = a.name
    act, doing = w.pick(ACTIVITIES)
    variant = "-"
    if kind == "week":
        m1, m2 = rng.choice([10, 15, 20, 25, 30, 40, 45, 60]), rng.choice([15, 20, 30, 45, 60, 90])
        w.say("{A} %s for {x} minutes every weekday, Monday to Friday, and {y} minutes on both Saturday and Sunday."
              % act, a, x=m1, y=m2)
        w.step("%d minutes on each day from Monday to Friday, 5 days." % m1, "weekdays = %d * 5" % m1)
        w.step("%d minutes on Saturday and on Sunday, 2 days." % m2, "weekend = %d * 2" % m2)
        w.step("A whole week.", "minutes = weekdays + weekend")
    elif kind == "weekdays":
        m = rng.choice([15, 20, 30, 40, 45, 60, 90])
        variant = w.pick(["weekdays", "six"])
        if variant == "weekdays":
            w.say("{A} %s for {x} minutes on each school day, Monday to Friday." % act, a, x=m)
            w.step("%d minutes on each day from Monday to Friday, 5 days." % m, "minutes = %d * 5" % m)
        else:
            w.say("{A} %s for {x} minutes every day except Sunday." % act, a, x=m)
            w.step("%d minutes on 6 days of the week (a week has 7 days, less Sunday)." % m,
                   "minutes = %d * (7 - 1)" % m)
    elif kind == "daily":
        times, m = rng.choice([2, 3]), rng.choice([10, 15, 20, 25, 30])
        variant = w.pick(["every", "school"])
        when = ", Monday to Friday" if variant == "school" else ""
        w.say("{A} %s {t} a day for {m} minutes each time%s." % (act, when), a, t={2: "twice", 3: "three times"}[times],
              m=m)
        w.step("%d times a day, %d minutes each." % (times, m), "per_day = %d * %d" % (times, m))
        if variant == "school":
            w.step("Monday to Friday is 5 days.", "minutes = per_day * 5")
        else:
            w.step("A week has 7 days.", "minutes = per_day * 7")
    elif kind == "sessions":
        n, m, b = rng.randint(2, 6), rng.choice([30, 40, 45, 50, 60, 90, 100, 120]), rng.choice([5, 10, 15, 20])
        thing = w.pick(["movies", "classes", "games", "meetings"])
        doing = {"movies": "watching movies", "classes": "in class", "games": "playing games",
                 "meetings": "in meetings"}[thing]
        verb = "{watches}" if thing == "movies" else "{has}"
        variant = w.pick(["breaks", "plain"])
        if variant == "breaks":
            w.say("{A} %s {n} {thing} in a row, each {m} minutes long, with a {b}-minute break between one and "
                  "the next." % verb, a, n=say(rng, n), thing=thing, m=m, b=b)
        else:
            w.say("{A} %s {n} {thing} in a row, each {m} minutes long." % verb, a, n=say(rng, n), thing=thing, m=m)
        w.step("%d %s of %d minutes." % (n, thing, m), "minutes = %d * %d" % (n, m))
        if variant == "breaks":
            w.step("%d %s have %d - 1 breaks between them." % (n, thing, n),
                   "minutes = minutes + (%d - 1) * %d" % (n, b))
        if thing != "movies" and w.chance(0.4):
            w.say("{A} {does} this every school day, Monday to Friday.", a, cond=True)
            w.step("Monday to Friday is 5 days.", "minutes = minutes * 5")
            variant += "-week"
    elif kind == "trip":
        h, m, st, h2 = rng.randint(1,
                                   4), rng.choice([10, 15, 20, 30, 40, 45]), rng.choice([10, 15, 20,
                                                                                         30]), rng.randint(1, 3)
        variant = w.pick(["stop", "back", "nonstop"])
        doing = "on the trip"
        if variant == "nonstop":
            w.say("{A} {drives} for {h} hour%s and {m} minutes without stopping, then {drives} {k} more hour%s "
                  "after lunch." % ("s" * (h > 1), "s" * (h2 > 1)), a, h=say(rng, h), m=m, k=say(rng, h2))
        else:
            w.say("{A} {drives} for {h} hour%s and {m} minutes, {stops} for {s} minutes, then {drives} {k} more hour%s."
                  % ("s" * (h > 1), "s" * (h2 > 1)), a, h=say(rng, h), m=m, s=st, k=say(rng, h2))
        w.step("%d hour%s and %d minutes; an hour has 60 minutes." % (h, "s" * (h > 1), m),
               "first = %d * 60 + %d" % (h, m))
        w.step("%d more hours." % h2, "second = %d * 60" % h2)
        if variant == "nonstop":
            w.step("Both drives.", "minutes = first + second")
        else:
            w.step("Both drives and the %d-minute stop." % st, "minutes = first + %d + second" % st)
        if variant == "back":
            w.say("The trip home {takes} just as long.")
            w.step("The same again on the way home.", "minutes = minutes * 2")
    elif kind == "sleep":
        h, n = rng.randint(6, 11), rng.randint(2, 8)
        w.say(w.pick(["{A} {sleeps} {h} hours every night.", "Every night, {A} {sleeps} for {h} hours."]), a,
              h=say(rng, h))
        if w.chance(0.5):
            w.step("%d hours a night; a week has 7 days." % h, "per_week = %d * 7" % h)
            w.step("%d weeks." % n, "hours = per_week * %d" % n)
            span = "%s weeks" % say(rng, n)
        else:
            n = rng.randint(2, 30)
            w.step("%d nights of %d hours." % (n, h), "hours = %d * %d" % (h, n))
            span = "%s nights" % say(rng, n)
        q = ask(rng, [("How many hours does {P} sleep in {s}?", "how many hours {P} sleeps in {s}", None)], P=P, s=span)
        return w.done(q, "hours", "sleep|%s" % span.split()[-1])
    else:
        r, y = rng.randint(2, 60), rng.randint(1, 5)
        per = w.pick(["month", "week"])
        w.say("{A} {pays} {r} a %s for {what}." % per, a, r=cash(rng, r), what=w.pick(FEES))
        if per == "month":
            w.step("A year has 12 months.", "count = %s" % ("12" if y == 1 else "%d * 12" % y))
        else:
            w.step("A year has 52 weeks.", "count = %s" % ("52" if y == 1 else "%d * 52" % y))
        w.step("$%d each %s." % (r, per), "cost = count * %d" % r)
        span = "a year" if y == 1 else "%s years" % say(rng, y)
        q = ask(rng, [("How much does {P} pay in {s}?", "how much {P} pays in {s}", "the cost for {s}"),
                      ("How many dollars does {P} spend on it in {s}?", None, None)], P=P, s=span)
        return w.done(q, "cost", "fee|%s|%s" % (per, "one" if y == 1 else "years"))
    if kind in ("week", "weekdays", "daily") and w.chance(0.35):
        n = rng.randint(2, 6)
        w.step("%d weeks." % n, "minutes = minutes * %d" % n)
        span = "in %s weeks" % say(rng, n)
    else:
        span = "in a week" if kind in ("week", "weekdays", "daily") else "in all"
    unit = "hours" if w.env["minutes"] % 60 == 0 and w.chance(0.6) else "minutes"
    if unit == "hours":
        w.step("An hour has 60 minutes.", "hours = minutes // 60")
    q = ask(rng, [("How many {u} does {P} spend %s {s}?" % doing, "how many {u} {P} spends %s {s}" % doing, None),
                  ("How many {u} is that {s}?", None, None)], u=unit, P=P, s=span)
    return w.done(q, unit, "%s|%s|%s|%s" % (kind, variant, "weeks" if "weeks" in span else "one", unit),
                  lead=" is that " not in q)


FOODS = [("cookies", "cups of flour", "cup of flour"), ("pancakes", "eggs", "egg"),
         ("muffins", "cups of sugar", "cup of sugar"),
         ("loaves of bread", "cups of flour", "cup of flour"), ("pizzas", "cups of cheese", "cup of cheese"),
         ("brownies", "sticks of butter", "stick of butter"), ("smoothies", "bananas", "banana")]


@family
def fam_recipe(rng):
    """Recipes and supplies: a recipe scaled to more servings, made several times over, or doubled or halved,
    then what is needed, still missing, or its cost; eggs bought by the dozen for some batches (cartons, eggs
    left, cost); bread for sandwiches for a party (loaves, rounding up, slices left); lemons for pitchers of
    lemonade (how many more, their cost, the money from selling cups); the cost of an ingredient over some
    batches and the profit from selling them."""
    kind = rng.choice(["scale", "scale", "cartons", "sandwich", "lemonade", "cost"])
    w = World(rng, 1)
    a = w.people[0]
    P = a.name
    if kind == "scale":
        food, ing, one = w.pick(FOODS)
        b, q_ = rng.randint(2, 24), rng.randint(2, 6)
        given = w.pick(["ratio", "batches", "times"])
        if given == "ratio":
            k = rng.randint(2, 8)
            w.say(w.pick(["A recipe for {b} {food} uses {q} {ing}.", "To make {b} {food}, {A} {needs} {q} {ing}."]),
                  a, b=say(rng, b), q=say(rng, q_), food=food, ing=ing)
            w.say("{A} {wants} to make {n} {food}.", a, n=b * k, food=food, cond=True, join=0.3)
            w.step("%d %s is %d // %d batches." % (b * k, food, b * k, b), "batches = %d // %d" % (b * k, b))
            w.step("%d %s per batch." % (q_, ing), "need = batches * %d" % q_)
        elif given == "batches":
            k = rng.randint(2, 9)
            w.say("A batch of {food} {takes} {q} {ing}.", food=food, q=say(rng, q_), ing=ing)
            w.say("{A} {makes} {k} batches.", a, k=say(rng, k), cond=True)
            w.step("%d batches of %d %s." % (k, q_, ing), "need = %d * %d" % (k, q_))
        else:
            m, word_ = w.pick([(2, "double"), (3, "triple"), (2, "half")])
            if word_ == "half" and q_ % 2:
                q_ += 1
            w.say("A recipe for {food} {uses} {q} {ing}.", food=food, q=say(rng, q_), ing=ing)
            w.say("{A} {makes} half the recipe." if word_ == "half" else "{A} {makes} a %s batch." % word_, a,
                  cond=True)
            w.step("%s the recipe." % cap(word_), "need = %d %s %d" % (q_, "//" if word_ == "half" else "*", m))
        form = w.pick(["need", "more", "cost"])
        if form == "more":
            h = w.upto(1, w.env["need"] - 1)
            w.say("{A} already {has} {h} {ing}.", a, h=say(rng, h), ing=ing, cond=True)
            w.step("%d already there." % h, "more = need - %d" % h)
            q = ask(rng, [("How many more {ing} does {P} need?", "how many more {ing} {P} needs", None)], ing=ing, P=P)
            return w.done(q, "more", "scale|%s|more" % given)
        if form == "cost":
            c = rng.randint(1, 4)
            w.say("Each {one} {costs} {c}.", one=one, c=cash(rng, c), cond=True)
            w.step("$%d for each." % c, "cost = need * %d" % c)
            q = ask(rng,
                    [("How much does {P} spend on {ing}?", "how much {P} spends on {ing}", "the cost of the {ing}")],
                    ing=ing, P=P)
            return w.done(q, "cost", "scale|%s|cost" % given)
        q = ask(rng, [("How many {ing} does {P} need?", "how many {ing} {P} needs", "the number of {ing} {P} needs")],
                ing=ing, P=P)
        return w.done(q, "need", "scale|%s|need" % given)
    if kind == "cartons":
        form = w.pick(["count", "cost", "left"])
        e = rng.randint(2, 6)
        k = 12 // gcd(e, 12) * rng.randint(1, 3) if form != "left" else rng.randint(2, 12)
        if k > 12:
            raise Redraw
        food = w.pick(["cakes", "pancakes", "quiches", "omelets", "custards"])
        w.say("Each batch of {food} {needs} {e} eggs, and {A} {makes} {k} batches.", a, food=food, e=say(rng, e),
              k=say(rng, k))
        w.step("%d eggs in each of %d batches." % (e, k), "eggs = %d * %d" % (e, k))
        if form == "left":
            c = (e * k + 11) // 12 + rng.randint(0, 2)
            w.say("{A} {buys} {c} dozen eggs.", a, c=word(c), cond=True)
            w.step("%d dozen eggs; a dozen is 12." % c, "bought = %d * 12" % c)
            w.step("Eggs not used.", "left = bought - eggs")
            q = ask(rng,
                    [("How many eggs are left over?", "how many eggs are left over", "the number of eggs left over")])
            return w.done(q, "left", "cartons|left")
        c = rng.randint(2, 6)
        w.say("Eggs come in cartons of a dozen%s." % (", and a carton {costs} {c}" if form == "cost" else ""),
              c=cash(rng, c))
        w.step("A dozen is 12.", "cartons = eggs // 12")
        if form == "cost":
            w.step("$%d a carton." % c, "cost = cartons * %d" % c)
            q = ask(rng, [("How much does {P} spend on eggs?", "how much {P} spends on eggs", "the cost of the eggs")],
                    P=P)
            return w.done(q, "cost", "cartons|cost")
        q = ask(rng, [("How many cartons of eggs does {P} need?", "how many cartons of eggs {P} needs", None)], P=P)
        return w.done(q, "cartons", "cartons|count")
    if kind == "sandwich":
        people, each, loaf = rng.randint(4, 20), rng.randint(1, 3), rng.choice([10, 12, 16, 20, 24])
        w.say("{A} {is} making sandwiches for {n} people, {e} for each person.", a, n=people, e=say(rng, each))
        w.say("Each sandwich {takes} 2 slices of bread, and a loaf {has} {l} slices.", l=loaf)
        w.step("%d people, %d each." % (people, each), "sandwiches = %d * %d" % (people, each))
        w.step("2 slices each.", "slices = sandwiches * 2")
        if w.chance(0.35):
            bought = w.env["slices"] // loaf + rng.randint(1, 2)
            w.say("{A} {buys} {n} loaves.", a, n=say(rng, bought), cond=True)
            w.step("%d loaves of %d slices." % (bought, loaf), "bought = %d * %d" % (bought, loaf))
            w.step("Slices not used.", "left = bought - slices")
            q = ask(rng, [("How many slices of bread are left over?", "how many slices of bread are left over", None)])
            return w.done(q, "left", "sandwich|left")
        w.step("Loaves of %d slices." % loaf, "loaves = slices // %d" % loaf)
        q = ask(rng, [("How many loaves of bread does {P} need?", "how many loaves of bread {P} needs", None)], P=P)
        return w.done(q, "loaves", "sandwich|loaves")
    if kind == "lemonade":
        l, p = rng.randint(3, 8), rng.randint(2, 9)
        form = w.pick(["more", "cost", "sell"])
        w.say("Each pitcher of lemonade {takes} {l} lemons.", l=say(rng, l))
        if form == "sell":
            cups, price = rng.randint(4, 10), rng.randint(1, 3)
            w.say("{A} {makes} {p} pitchers, and each pitcher {fills} {c} cups.", a, p=say(rng, p), c=say(rng, cups))
            w.say("{A} {sells} every cup for {m}.", a, m=cash(rng, price), cond=True)
            w.step("%d pitchers of %d cups." % (p, cups), "cups = %d * %d" % (p, cups))
            w.step("$%d a cup." % price, "money = cups * %d" % price)
            q = ask(rng, [("How much money does {P} make?", "how much money {P} makes", "the money {P} makes"),
                          ("How many dollars does {P} earn from the lemonade?", None, None)], P=P)
            return w.done(q, "money", "lemonade|sell")
        h = w.upto(2, l * p - 1)
        w.say("{A} {wants} to make {p} pitchers and already {has} {h} lemons.", a, p=say(rng, p), h=say(rng, h))
        w.step("%d pitchers of %d lemons." % (p, l), "lemons = %d * %d" % (p, l))
        w.step("%d lemons already." % h, "more = lemons - %d" % h)
        if form == "cost":
            c = rng.randint(1, 3)
            w.say("Lemons cost {c} each.", c=cash(rng, c), cond=True)
            w.step("$%d a lemon." % c, "cost = more * %d" % c)
            q = ask(rng, [("How much will {P} spend on lemons?", "how much {P} will spend on lemons", None)], P=P)
            return w.done(q, "cost", "lemonade|cost")
        q = ask(rng, [("How many more lemons does {P} need?", "how many more lemons {P} needs", None)], P=P)
        return w.done(q, "more", "lemonade|more")
    food, ing, one = w.pick(FOODS)
    q_, c, k = rng.randint(1, 5), rng.randint(1, 6), rng.randint(2, 10)
    w.say("A batch of {food} {needs} {q} {ing}, and each {one} {costs} {c}.", food=food, q=say(rng, q_), ing=ing,
          one=one,
          c=cash(rng, c))
    w.say("{A} {makes} {k} batches.", a, k=say(rng, k), cond=True)
    w.step("%d %s in each of %d batches." % (q_, ing, k), "amount = %d * %d" % (q_, k))
    w.step("$%d each." % c, "cost = amount * %d" % c)
    if w.chance(0.4):
        m, price = rng.randint(4, 12), rng.randint(1, 4)
        w.say("Each batch {makes} {m} {food}, and {A} {sells} them for {p} each.", a, m=say(rng, m), food=food,
              p=cash(rng, price))
        w.step("%d batches of %d, at $%d each." % (k, m, price), "sales = %d * %d * %d" % (k, m, price))
        w.step("Sales less the cost.", "profit = sales - cost")
        q = ask(rng, [("How much profit does {P} make?", "how much profit {P} makes", "the profit {P} makes")], P=P)
        return w.done(q, "profit", "cost|profit")
    q = ask(rng, [("How much does {P} spend on {ing}?", "how much {P} spends on {ing}", "the cost of the {ing}")], P=P,
            ing=ing)
    return w.done(q, "cost", "cost|batches")


# ---- the whole problem ----------------------------------------------------------------------------------------

def lower_first(q):
    """A question put after "If ...,": "How many ..." -> "how many ..." (None if it does not start that way)."""
    return q[0].lower() + q[1:] if q.split(" ", 1)[0] in ("How", "What") else None


def place(rng, sentences, q, lead):
    """The story and its question: the question last (most often), first, as "Find ..." / "Calculate ...", as
    "Can you work out ...?", or with the story's last fact folded into it ("If she gives 4 away, how many ...?")."""
    story = " ".join(sentences)
    last = sentences[-1]
    folded = lower_first(q)
    if len(sentences) > 1 and getattr(last, "cond", None) and folded and " if " not in q and rng.random() < 0.2:
        return " ".join(sentences[:-1]) + " If " + last.cond + ", " + folded
    r = rng.random()
    if lead and r < 0.12:
        return lead + " " + story
    noun, indirect = getattr(q, "noun", None), getattr(q, "indirect", None)
    if noun and r < 0.24:
        return story + " " + rng.choice(["Find", "Calculate", "Work out", "Determine"]) + " " + noun + "."
    if indirect and r < 0.34:
        return story + " " + rng.choice(["Can you work out %s?", "Work out %s.", "Find out %s.",
                                         "Can you figure out %s?", "Determine %s."]).replace("%s", indirect)
    if folded and r < 0.38:
        return story + " " + rng.choice(["So, ", "Then "] + ["Now, "] * (" now" not in folded)) + folded
    return story + " " + q


def make_story(rng, family=None):
    """One problem of `family` (default: one drawn uniformly): (question, steps, out_var, answer, signature)."""
    fam = family or rng.choice(sorted(FAMILIES))
    sentences, q, lead, steps, out_var, ans, sig = FAMILIES[fam](rng)
    return place(rng, sentences, q, lead), steps, out_var, ans, sig


# ---- self-check -----------------------------------------------------------------------------------------------

CONSTANTS = set(range(11)) | {12, 24, 52, 60, 100, 1000, 7}
NUMBER_WORDS = {w: i for i, w in enumerate(WORDS)}
NUMBER_WORDS.update({t: 10 * i for i, t in enumerate(TENS) if t})
NUMBER_WORDS.update(hundred=100, dozen=12, half=2, twice=2, double=2, triple=3, third=3, thirds=3, quarter=4,
                    quarters=4, fourth=4, fourths=4, fifth=5, fifths=5, sixth=6, eighth=8, tenth=10, pair=2, couple=2,
                    week=7, weeks=7)


def check(question, steps, out_var, answer, sig, family):
    """Asserts one problem is sound: its code computes the answer, every literal is stated or a common constant,
    no placeholder leaks, no variable is a keyword, the signature names the family."""
    assert isinstance(answer, int) and answer >= 1, (answer, question)
    assert 1 <= len(steps) <= 7, question
    assert sig.startswith("story|%s|" % family), sig
    allowed = set(stated(question)) | CONSTANTS
    env = {}
    for comment, code in steps:
        for text in (question, comment):
            assert not re.search(r"[{}]|(?<!\d)%", text), "placeholder leak: %r" % text
        for line in code:
            target = line.split(" = ", 1)[0]
            assert target.isidentifier() and not keyword.iskeyword(target), line
            for lit in re.findall(r"\b\d+\b", line):
                assert int(lit) in allowed, "literal %s not stated in: %s | %s" % (lit, question, line)
        exec("\n".join(code), {"__builtins__": {}}, env)
    assert env[out_var] == answer, (question, env[out_var], answer)


def is_test(sig):
    """problems.py's held-out rule."""
    return int(hashlib.sha1(sig.encode()).hexdigest(), 16) % 7 == 0


def shape(question, names, lexicon=frozenset()):
    """The question with its digits, number words and names masked ("#", "P"), and the words of `lexicon` ("W")."""
    def mask(m):
        x = m.group()
        low = x.lower()
        if x in names:
            return "P"
        if low in NUMBER_WORDS or all(part in NUMBER_WORDS for part in low.split("-")):
            return "#"
        return "W" if low in lexicon else x
    return re.sub(r"[A-Za-z]+(?:-[A-Za-z]+)?", mask, re.sub(r"\d[\d,]*", "#", question))


def lexicon():
    """The nouns and phrases of the generator's lists (roles, things, goods, places, jobs), whose words a frame
    masks, to count sentence frames rather than word choices."""
    lists = [THINGS, BOXES, ALL_GOODS, BY_DOZEN, PACKED, CENT_GOODS, CATEGORIES, RATE_JOBS, GOALS, ANIMALS, VEHICLES,
             FOODS, JOB_ROLES, KIN, SHOPS, HOURLY_JOBS, TASKS, SPEND_ON, FEES, ACTIVITIES, WHERE, GOAL_TIMES]
    words, stack = set(), list(lists)
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            if "{" not in x:
                words |= set(re.findall(r"[a-z]+", x.lower()))
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)):
            stack.extend(x)
    return frozenset(words - {"a", "an", "the", "of", "in", "at", "on", "for", "to", "and", "with", "day", "week"})


def show(question, steps, answer):
    lines = [question]
    for comment, code in steps:
        lines.append("  # " + comment)
        lines.extend("  " + c for c in code)
    lines.append("  -> %d" % answer)
    return "\n".join(lines)


def selfcheck(n=20000, seed=0):
    """Draws n problems of each family and checks them all (see `check`); prints per family the distinct
    signatures, the distinct question shapes (digits, number words and names masked) and frames (the generator's
    nouns masked too), the share of held-out signatures and two samples; then builds
    problems.py records for a few thousand problems and runs their solutions; then times 10,000 draws."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from problems import check_solution, problem_record
    names = set(ALL_PEOPLE) | {x.strip(".") for name, _ in TITLED for x in name.split()}
    words = lexicon()
    rng = random.Random(seed)
    print("%-12s %7s %6s %8s %8s %6s %6s" % ("family", "drawn", "sigs", "shapes", "frames", "test%", "tsigs"))
    samples = {}
    for fam in sorted(FAMILIES):
        sigs, shapes, frames, test = {}, set(), set(), 0
        for i in range(n):
            question, steps, out_var, ans, sig = make_story(rng, fam)
            check(question, steps, out_var, ans, sig, fam)
            sigs[sig] = sigs.get(sig, 0) + 1
            shapes.add(shape(question, names))
            frames.add(shape(question, names, words))
            test += is_test(sig)
            if i < 2:
                samples.setdefault(fam, []).append(show(question, steps, ans))
        tsigs = sum(map(is_test, sigs))
        share = test / n
        print("%-12s %7d %6d %8d %8d %5.1f%% %6d" % (fam, n, len(sigs), len(shapes), len(frames), 100 * share, tsigs))
        assert len(sigs) >= 8, (fam, len(sigs))
        assert 0.05 <= share <= 0.30 and 0 < tsigs < len(sigs), (fam, share)
    for fam in sorted(samples):
        print("\n== %s" % fam)
        print("\n".join(samples[fam]))
    for _ in range(3000):
        question, steps, out_var, ans, sig = make_story(rng)
        assert check_solution(problem_record(question, steps, out_var, ans, sig)), question
    print("\nproblems.py records: 3000 built, every solution prints its answer")
    start = time.perf_counter()
    for _ in range(10000):
        make_story(rng)
    print("10,000 problems generated in %.2f s" % (time.perf_counter() - start))


if __name__ == "__main__":
    selfcheck(*(int(x) for x in sys.argv[1:3]))  # [n [seed]]
