"""Everyday grade-school word problems, as people write them: several people or objects compared ("5 more than
Sam", "twice as many as", "half as many"), shopping with money and change, "the rest" of a total, time and unit
conversions, equal sharing, rates, working backwards from what is left. Numbers come as digits, as words
("seven") or as idioms ("a dozen", "half a dozen", "a pair"); an irrelevant sentence with a number is sometimes
added; the question comes at the end, at the start ("How many ... if ..."), or as an instruction ("Find ...").

Each family returns (sentences, question, steps, out_var, answer, signature): steps are (comment, code lines)
pairs that do the arithmetic in Python with the numbers as the question gives them (a number word appears in
the comment, its value in the code). problems.py assembles them into the same solution format as its chains.
"""

import keyword

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
TIMES = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}
FRACTIONS = {2: ("half", "a half"), 3: ("a third", "one third"), 4: ("a quarter", "one fourth"), 5: ("a fifth", "one fifth")}

PEOPLE = ["Sam", "Ana", "Jonah", "Keiko", "Mateus", "Dara", "Bilal", "Rosa", "Tobi", "Elif", "Marcus", "Ines",
          "Pavel", "June", "Omari", "Lucia", "Arjun", "Freya", "Kwame", "Nell", "Hiro", "Clara", "Dev", "Amara"]
SHE = {"Ana", "Keiko", "Dara", "Rosa", "Elif", "Ines", "June", "Lucia", "Freya", "Nell", "Clara", "Amara"}
THINGS = [("stickers", "sticker"), ("marbles", "marble"), ("stamps", "stamp"), ("shells", "shell"),
          ("comic books", "comic book"), ("trading cards", "trading card"), ("seashells", "seashell"),
          ("toy cars", "toy car"), ("beads", "bead"), ("postcards", "postcard"), ("pebbles", "pebble"),
          ("pencils", "pencil"), ("erasers", "eraser"), ("keychains", "keychain"), ("apples", "apple"),
          ("cookies", "cookie"), ("eggs", "egg"), ("oranges", "orange"), ("balloons", "balloon")]
GOODS = [("notebook", "notebooks"), ("sandwich", "sandwiches"), ("ticket", "tickets"), ("pen", "pens"),
         ("muffin", "muffins"), ("bottle of juice", "bottles of juice"), ("comic", "comics"), ("kite", "kites"),
         ("bag of chips", "bags of chips"), ("candle", "candles"), ("plant", "plants"), ("ruler", "rulers")]
SHOPS = ["the market", "a toy shop", "the school fair", "a bookstore", "the corner store", "the bakery"]
DISTRACTORS = [
    "{name}'s brother is {n} years old.", "It was {n} degrees outside that day.", "The shop opens at {h} in the morning.",
    "{name} lives {n} blocks from school.", "There are {n} windows in {his} classroom.",
    "{name} had a test worth {n} points the week before.", "The bus ride home takes {n} minutes.",
]


def var(s):
    """A Python name for a person or thing ("Elif" -> "elif_", not the keyword)."""
    v = "".join(c if c.isalnum() else "_" for c in s.lower()).strip("_")
    return v + "_" if keyword.iskeyword(v) else v


class People:
    def __init__(self, rng, k=3):
        names = rng.sample(PEOPLE, k)
        self.names = names
        self.items, self.item = rng.choice(THINGS)

    @staticmethod
    def pron(name):
        return ("she", "her", "her") if name in SHE else ("he", "him", "his")


def num(rng, n, words=0.3):
    """n as digits, or as a word when small (with probability `words`)."""
    if n <= 20 and rng.random() < words:
        return WORDS[n]
    return str(n)


def start_count(rng, who, items):
    """A first quantity, sometimes as "a dozen" / "half a dozen" / "two dozen". Returns (text, comment, value)."""
    r = rng.random()
    if r < 0.15:
        k = rng.choice([1, 2, 3, 4])
        text = "a dozen" if k == 1 else "%s dozen" % WORDS[k]
        if k == 1:
            return text, "a dozen is 12", 12, "12"
        return text, "%s dozen is %d * 12" % (WORDS[k], k), k * 12, "%d * 12" % k
    if r < 0.22:
        return "half a dozen", "half a dozen is 6", 6, "6"
    n = rng.randint(6, 90)
    return num(rng, n), None, n, str(n)


def distractor(rng, name):
    his = People.pron(name)[2]
    return rng.choice(DISTRACTORS).format(name=name, n=rng.randint(3, 40), h=rng.randint(7, 10), his=his)


def place_question(rng, sentences, question, lead):
    """The question at the end (usual), first (a family's `lead` question), or after "Work it out:"."""
    r = rng.random()
    if lead and r < 0.25:
        return lead + " " + " ".join(sentences)
    if r < 0.35:
        return " ".join(sentences) + " Work it out: " + question[0].lower() + question[1:]
    return " ".join(sentences) + " " + question


def fam_compare(rng):
    """Two or three people with relative quantities; the question asks one of them, the total, or a difference."""
    k = rng.choice([2, 2, 3])
    p = People(rng, k)
    a, b = p.names[0], p.names[1]
    items = p.items
    va, vb = var(a), var(b)
    text, note, qa, expr = start_count(rng, a, items)
    sentences = [rng.choice(["%s has %s %s." % (a, text, items), "%s owns %s %s." % (a, text, items),
                             "%s collected %s %s." % (a, text, items)])]
    steps = [("%s has %d %s%s." % (a, qa, items, " (%s)" % note if note else ""), ["%s = %s" % (va, expr)])]
    rel = rng.choice(["more", "fewer", "times", "half", "same"])
    if rel == "more":
        d = rng.randint(2, 30)
        sentences.append(rng.choice(["%s has %s more %s than %s." % (b, num(rng, d), items, a),
                                     "%s has %s more than %s does." % (b, num(rng, d), a)]))
        steps.append(("%s has %d more than %s." % (b, d, a), ["%s = %s + %d" % (vb, va, d)]))
        qb = qa + d
    elif rel == "fewer":
        d = rng.randint(2, qa - 1)
        sentences.append(rng.choice(["%s has %s fewer %s than %s." % (b, num(rng, d), items, a),
                                     "%s has %s less than %s." % (b, num(rng, d), a)]))
        steps.append(("%s has %d fewer than %s." % (b, d, a), ["%s = %s - %d" % (vb, va, d)]))
        qb = qa - d
    elif rel == "times":
        m = rng.choice([2, 3, 4, 5])
        sentences.append(rng.choice(["%s has %s as many %s as %s." % (b, TIMES[m], items, a),
                                     "%s has %s as many as %s." % (b, TIMES[m], a)]))
        steps.append(("%s has %d times as many as %s." % (b, m, a), ["%s = %s * %d" % (vb, va, m)]))
        qb = qa * m
    elif rel == "half":
        if qa % 2:
            qa += 1
            steps[0] = ("%s has %d %s." % (a, qa, items), ["%s = %d" % (va, qa)])
            sentences[0] = "%s has %d %s." % (a, qa, items)
        sentences.append(rng.choice(["%s has half as many %s as %s." % (b, items, a),
                                     "%s has only half as many as %s." % (b, a)]))
        steps.append(("%s has half as many as %s." % (b, a), ["%s = %s // 2" % (vb, va)]))
        qb = qa // 2
    else:
        sentences.append(rng.choice(["%s has as many %s as %s." % (b, items, a), "%s has the same number as %s." % (b, a)]))
        steps.append(("%s has as many as %s." % (b, a), ["%s = %s" % (vb, va)]))
        qb = qa
    vals = {a: qa, b: qb}
    if k == 3:
        c = p.names[2]
        vc = var(c)
        d = rng.randint(2, 25)
        sentences.append(rng.choice(["%s has %s more than %s." % (c, num(rng, d), b),
                                     "And %s has %s more %s than %s." % (c, num(rng, d), items, b)]))
        steps.append(("%s has %d more than %s." % (c, d, b), ["%s = %s + %d" % (vc, vb, d)]))
        vals[c] = qb + d
    if rng.random() < 0.25:
        sentences.insert(rng.randint(1, len(sentences)), distractor(rng, a))
    form = rng.choice(["total", "total", "one", "diff"])
    names = list(vals)
    if form == "total":
        q = rng.choice(["How many %s do they have altogether?" % items, "How many %s do they have in all?" % items,
                        "What is the total number of %s they have?" % items])
        lead = "How many %s do %s have together?" % (items, " and ".join([", ".join(names[:-1]), names[-1]]) if k == 3 else "%s and %s" % (a, b))
        steps.append(("Add up everyone's %s." % items, ["total = " + " + ".join(var(n) for n in names)]))
        return sentences, q, lead, steps, "total", sum(vals.values()), "compare|%s|%d|total" % (rel, k)
    if form == "one" or qb == qa:
        who = names[-1]
        q = rng.choice(["How many %s does %s have?" % (items, who), "How many does %s have?" % who])
        return sentences, q, None, steps, var(who), vals[who], "compare|%s|%d|one" % (rel, k)
    big, small = (a, b) if qa > qb else (b, a)
    q = rng.choice(["How many more %s does %s have than %s?" % (items, big, small),
                    "How many %s fewer does %s have than %s?" % (items, small, big)])
    steps.append(("Subtract the smaller amount from the larger.", ["diff = %s - %s" % (var(big), var(small))]))
    return sentences, q, None, steps, "diff", vals[big] - vals[small], "compare|%s|%d|diff" % (rel, k)


def fam_shop(rng):
    """Buying things: a total cost, change from a bill, or how much more money is needed."""
    name = rng.choice(PEOPLE)
    he, him, his = People.pron(name)
    g1, g2 = rng.sample(GOODS, 2)
    n1, p1 = rng.randint(2, 9), rng.randint(2, 15)
    two = rng.random() < 0.6
    n2, p2 = rng.randint(1, 5), rng.randint(1, 20)
    shop = rng.choice(SHOPS)
    parts = ["%s %s at $%d each" % (num(rng, n1), g1[1], p1)]
    if two:
        parts.append(("a %s for $%d" % (g2[0], p2)) if n2 == 1 else "%s %s for $%d each" % (num(rng, n2), g2[1], p2))
    s = rng.choice(["At %s, %s buys %s." % (shop, name, " and ".join(parts)),
                    "%s goes to %s and buys %s." % (name, shop, " and ".join(parts)),
                    "%s bought %s at %s." % (name, " and ".join(parts), shop)])
    sentences = [s]
    steps = [("%d %s at $%d each." % (n1, g1[1], p1), ["cost1 = %d * %d" % (n1, p1)])]
    total = n1 * p1
    if two:
        steps.append(("%d %s at $%d each." % (n2, g2[1], p2), ["cost2 = %d * %d" % (n2, p2)]))
        steps.append(("Total cost.", ["total = cost1 + cost2"]))
        total += n2 * p2
    else:
        steps.append(("Total cost.", ["total = cost1"]))
    if rng.random() < 0.2:
        sentences.append(distractor(rng, name))
    form = rng.choice(["total", "change", "change", "need"])
    # the smallest bill that covers the total; a total no bill covers is asked as a total instead
    bill = next((b for b in (10, 20, 50, 100, 200, 500, 1000) if b > total), None)
    if form == "change" and bill is None:
        form = "total"
    if form == "change":
        sentences.append(rng.choice(["%s pays with a $%d bill." % (he.capitalize(), bill),
                                     "%s hands the cashier $%d." % (he.capitalize(), bill)]))
        q = rng.choice(["How much change does %s get back?" % he, "How many dollars of change should %s receive?" % he,
                        "What is %s change, in dollars?" % his])
        steps.append(("Change from the $%d bill." % bill, ["change = %d - total" % bill]))
        return sentences, q, None, steps, "change", bill - total, "shop|%d|change" % two
    if form == "need":
        have = rng.randint(1, total - 1)
        sentences.append("%s only has $%d." % (he.capitalize(), have))
        q = rng.choice(["How much more money does %s need?" % he, "How many more dollars does %s need to pay for it all?" % he])
        steps.append(("Money still needed.", ["need = total - %d" % have]))
        return sentences, q, None, steps, "need", total - have, "shop|%d|need" % two
    q = rng.choice(["How much does %s spend?" % he, "How many dollars does %s pay in total?" % he,
                    "What is the total cost in dollars?"])
    return sentences, q, None, steps, "total", total, "shop|%d|total" % two


def fam_rest(rng):
    """A total split into parts given as counts, fractions or percentages; the question asks for the rest."""
    items, item = rng.choice(THINGS)
    name = rng.choice(PEOPLE)
    d = rng.choice([2, 3, 4, 5])
    total = d * rng.randint(3, 20)
    kind = rng.choice(["count", "fraction", "percent"])
    colors = rng.sample(["red", "blue", "green", "yellow", "white", "striped", "small", "large"], 3)
    sentences = [rng.choice(["%s has %d %s." % (name, total, items), "A box holds %d %s." % (total, items),
                             "There are %d %s in a bag." % (total, items)])]
    steps = [("There are %d %s in all." % (total, items), ["total = %d" % total])]
    if kind == "count":
        a = rng.randint(1, total // 2)
        b = rng.randint(1, total - a - 1)
        sentences.append("%d of them are %s and %s are %s, and the rest are %s." % (a, colors[0], num(rng, b), colors[1], colors[2]))
        steps.append(("%d are %s and %d are %s." % (a, colors[0], b, colors[1]), ["rest = total - %d - %d" % (a, b)]))
        ans = total - a - b
    elif kind == "fraction":
        word = FRACTIONS[d][rng.randrange(2)]
        sentences.append(rng.choice(["%s of them are %s and the rest are %s." % (word.capitalize(), colors[0], colors[1]),
                                     "%s of the %s are %s; the others are %s." % (word.capitalize(), items, colors[0], colors[1])]))
        steps.append(("%s (1/%d) are %s." % (word.capitalize(), d, colors[0]), ["part = total // %d" % d]))
        steps.append(("The rest are %s." % colors[1], ["rest = total - part"]))
        ans = total - total // d
    else:
        pc = rng.choice([10, 20, 25, 50])
        if total * pc % 100:
            total = 20 * rng.randint(1, 10)
            sentences[0] = "%s has %d %s." % (name, total, items)
            steps[0] = ("There are %d %s in all." % (total, items), ["total = %d" % total])
        sentences.append("%d%% of them are %s and the rest are %s." % (pc, colors[0], colors[1]))
        steps.append(("%d%% are %s." % (pc, colors[0]), ["part = total * %d // 100" % pc]))
        steps.append(("The rest are %s." % colors[1], ["rest = total - part"]))
        ans = total - total * pc // 100
    q = rng.choice(["How many %s are %s?" % (items, colors[1] if kind != "count" else colors[2]),
                    "How many of them are %s?" % (colors[1] if kind != "count" else colors[2])])
    return sentences, q, None, steps, "rest", ans, "rest|%s" % kind


def fam_time(rng):
    """Durations: minutes per day over days or weeks, hours and minutes, start and end times."""
    name = rng.choice(PEOPLE)
    he = People.pron(name)[0]
    act, doing = rng.choice([("practices the violin", "practicing"), ("reads", "reading"), ("walks the dog", "walking the dog"),
                             ("jogs", "jogging"), ("does homework", "doing homework"), ("plays chess", "playing chess")])
    form = rng.choice(["week", "hours", "clock"])
    if form == "week":
        m = rng.choice([10, 15, 20, 25, 30, 40, 45])
        days = rng.choice([("every day", 7, "in a week"), ("on weekdays", 5, "in one week"), ("every day", 14, "in two weeks")])
        sentences = ["%s %s for %d minutes %s." % (name, act, m, days[0])]
        q = "How many minutes does %s spend on it %s?" % (he, days[2])
        steps = [("%d minutes on each of %d days." % (m, days[1]), ["minutes = %d * %d" % (m, days[1])])]
        return sentences, q, None, steps, "minutes", m * days[1], "time|week|%d" % days[1]
    if form == "hours":
        h, m = rng.randint(1, 4), rng.choice([5, 10, 15, 20, 30, 45, 50])
        sentences = ["A trip takes %s hour%s and %d minutes." % (num(rng, h), "" if h == 1 else "s", m)]
        q = rng.choice(["How many minutes long is the trip?", "How long is the trip in minutes?"])
        steps = [("An hour is 60 minutes.", ["minutes = %d * 60 + %d" % (h, m)])]
        return sentences, q, None, steps, "minutes", h * 60 + m, "time|hours"
    start = rng.randint(1, 10)
    dur = rng.choice([30, 45, 60, 75, 90, 105, 120, 150])
    sentences = ["%s starts %s at %d:00 and keeps going for %d minutes." % (name, doing, start, dur)]
    q = "How many minutes after %d:00 does %s finish?" % (start + 1, he) if dur > 60 else \
        "How many minutes after %d:00 does %s finish?" % (start, he)
    base = 60 if dur > 60 else 0
    steps = [("Minutes past the hour %s:00." % (start + 1 if dur > 60 else start), ["after = %d - %d" % (dur, base)])]
    return sentences, q, None, steps, "after", dur - base, "time|clock"


UNITS = [("kilometers", "meters", 1000), ("kilograms", "grams", 1000), ("meters", "centimeters", 100),
         ("hours", "minutes", 60), ("feet", "inches", 12), ("weeks", "days", 7), ("dollars", "cents", 100)]


def fam_units(rng):
    """A quantity in one unit, a second in a smaller one; the answer in the smaller unit."""
    big, small, f = rng.choice(UNITS)
    name = rng.choice(PEOPLE)
    a = rng.randint(2, 9)
    b = rng.randint(1, f - 1) if f <= 12 else rng.randint(1, 9) * (f // 10)
    sentences = [rng.choice(["%s has %s %s and another %d %s." % (name, num(rng, a), big, b, small),
                             "%s counted %s %s and then %d %s more." % (name, num(rng, a), big, b, small)])]
    q = "How many %s is that in total?" % small
    steps = [("1 %s is %d %s." % (big[:-1], f, small), ["total = %d * %d + %d" % (a, f, b)])]
    return sentences, q, None, steps, "total", a * f + b, "units|%s" % small


def fam_share(rng):
    """Packs bought, then shared equally (with or without the buyer), and what each person gets."""
    name = rng.choice(PEOPLE)
    he, him, his = People.pron(name)
    items, item = rng.choice(THINGS)
    friends = rng.randint(2, 6)
    incl = rng.random() < 0.5
    people = friends + (1 if incl else 0)
    per = rng.randint(2, 8)
    packs = rng.randint(2, 9)
    while (packs * per) % people:
        packs += 1
    pack_text = rng.choice(["packs", "bags", "boxes"])
    sentences = ["%s buys %s %s of %s with %d in each." % (name, num(rng, packs), pack_text, items, per)]
    if incl:
        sentences.append("%s shares them equally between %s and %s %s friends." % (he.capitalize(), "herself" if he == "she" else "himself", his, num(rng, friends)))
    else:
        sentences.append("%s gives all of them to %s %s friends, sharing equally." % (he.capitalize(), his, num(rng, friends)))
    q = rng.choice(["How many %s does each person get?" % items if incl else "How many %s does each friend get?" % items])
    steps = [("%d %s of %d." % (packs, pack_text, per), ["total = %d * %d" % (packs, per)]),
             ("Shared among %d people%s." % (people, " (%s too)" % name if incl else ""), ["each = total // %d" % people])]
    return sentences, q, None, steps, "each", packs * per // people, "share|%d" % incl


def fam_backwards(rng):
    """Working backwards: some at first, then changes, and what is left now; how many at first?"""
    name = rng.choice(PEOPLE)
    he, him, his = People.pron(name)
    items, item = rng.choice(THINGS)
    gave = rng.randint(3, 40)
    got = rng.randint(2, 30) if rng.random() < 0.5 else 0
    now = rng.randint(5, 80)
    s = "%s had some %s. %s gave %d to a friend" % (name, items, he.capitalize(), gave)
    s += (" and later got %d more." % got) if got else "."
    sentences = [s, "Now %s has %d %s." % (he, now, items)]
    q = rng.choice(["How many %s did %s have at first?" % (items, name), "How many did %s start with?" % he])
    code = "start = %d + %d" % (now, gave) + (" - %d" % got if got else "")
    steps = [("Undo the changes, starting from the %d left." % now, [code])]
    return sentences, q, None, steps, "start", now + gave - got, "backwards|%d" % bool(got)


def fam_rate(rng):
    """Pay per hour over two days, or speed times time over two legs."""
    name = rng.choice(PEOPLE)
    he = People.pron(name)[0]
    if rng.random() < 0.5:
        r, h1, h2 = rng.randint(6, 20), rng.randint(1, 6), rng.randint(1, 6)
        job = rng.choice(["babysitting", "washing cars", "walking dogs", "at the cafe", "tutoring"])
        sentences = ["%s earns $%d an hour %s." % (name, r, job),
                     "%s works %s hours on Saturday and %s hours on Sunday." % (he.capitalize(), num(rng, h1), num(rng, h2))]
        q = rng.choice(["How much does %s earn that weekend?" % he, "How many dollars does %s make over the two days?" % he])
        steps = [("Hours worked.", ["hours = %d + %d" % (h1, h2)]), ("Pay per hour times hours.", ["pay = %d * hours" % r])]
        return sentences, q, None, steps, "pay", r * (h1 + h2), "rate|pay"
    v1, t1, v2, t2 = rng.randint(3, 60), rng.randint(2, 4), rng.randint(3, 60), rng.randint(2, 3)
    mode = rng.choice(["drives", "cycles", "walks"])
    sentences = ["%s %s at %d kilometers per hour for %s hours, then at %d kilometers per hour for %s hours." % (
        name, mode, v1, num(rng, t1), v2, num(rng, t2))]
    q = "How many kilometers does %s travel?" % he
    steps = [("First part.", ["d1 = %d * %d" % (v1, t1)]), ("Second part.", ["d2 = %d * %d" % (v2, t2)]),
             ("Both parts.", ["dist = d1 + d2"])]
    return sentences, q, None, steps, "dist", v1 * t1 + v2 * t2, "rate|speed"


FAMILIES = {"compare": fam_compare, "shop": fam_shop, "rest": fam_rest, "time": fam_time, "units": fam_units,
            "share": fam_share, "backwards": fam_backwards, "rate": fam_rate}


def make_everyday(rng, family=None):
    """One problem of `family` (or a random one): (question, steps, out_var, answer, signature)."""
    fam = family or rng.choice(sorted(FAMILIES))
    sentences, q, lead, steps, out_var, ans, sig = FAMILIES[fam](rng)
    question = place_question(rng, sentences, q, lead)
    return question, steps, out_var, ans, sig
