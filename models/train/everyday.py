"""Everyday grade-school word problems, as people write them: several people or objects compared ("5 more than
Sam", "twice as many as", "half as many"), shopping with money and change, "the rest" of a total, time and unit
conversions, equal sharing, rates, working backwards from what is left. Numbers come as digits, as words
("seven") or as idioms ("a dozen", "half a dozen", "a pair"); an irrelevant sentence with a number is sometimes
added; the question comes at the end, at the start ("How many ... if ..."), or as an instruction ("Find ...").

Ten later families (after the first fine-tune) widen the language: work done in sittings ("in the morning ... in
the afternoon"), ages of relatives, prices per thing, people or things coming and going ("at the first stop 5
got off"), a goal and progress toward it, equal groups and leftovers, rectangles, saving each week, facts the
question leaves out (a spider's 8 legs), and a fraction or percent of a whole; they draw from longer lists of
names and goods, and sometimes a role ("A baker", "Mrs. Chen") stands for a named person. FIRST_FAMILIES are
the eight the first fine-tune drew from: restricted to them, a seed draws exactly the problems it drew then.

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


def dozens(k):
    """k dozen as written, its comment and its code: ("two dozen", "two dozen is 2 * 12", "2 * 12")."""
    if k == 1:
        return "a dozen", "a dozen is 12", "12"
    return "%s dozen" % WORDS[k], "%s dozen is %d * 12" % (WORDS[k], k), "%d * 12" % k


def start_count(rng, who, items):
    """A first quantity, sometimes as "a dozen" / "half a dozen" / "two dozen". Returns (text, comment, value)."""
    r = rng.random()
    if r < 0.15:
        k = rng.choice([1, 2, 3, 4])
        text, comment, code = dozens(k)
        return text, comment, k * 12, code
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


# ---- Wider language: more people and things, roles instead of names, and the families below ----------------

MORE_PEOPLE = ["Tariq", "Yara", "Mei", "Santiago", "Ingrid", "Kofi", "Leila", "Ruben", "Sakura", "Emeka", "Greta",
               "Nikhil", "Fatima", "Callum", "Rania", "Jasper", "Ayla", "Bruno", "Noor", "Ezra", "Thandi", "Lars",
               "Mira", "Ibrahim", "Chiara", "Kenji", "Zainab", "Olu", "Astrid", "Raj", "Beatriz", "Malik", "Hazel",
               "Yusuf", "Esme", "Tomas", "Anika", "Diego", "Sunita", "Wes", "Carmen", "Joon", "Leticia", "Femi",
               "Isla", "Rohan", "Mariam", "Gus", "Paloma", "Viktor", "Wren", "Adil", "Camille", "Eli", "Nadia", "Quinn"]
MORE_SHE = {"Yara", "Mei", "Ingrid", "Leila", "Sakura", "Greta", "Fatima", "Rania", "Ayla", "Noor", "Thandi", "Mira",
            "Chiara", "Zainab", "Astrid", "Beatriz", "Hazel", "Esme", "Anika", "Sunita", "Carmen", "Leticia", "Isla",
            "Mariam", "Paloma", "Wren", "Camille", "Nadia"}
# the families above draw from the first lists only, so a run restricted to them (problems.py --families)
# draws exactly the problems it drew before these lists existed
ALL_PEOPLE = PEOPLE + [n for n in MORE_PEOPLE if n not in PEOPLE]
SHE |= MORE_SHE
ALL_GOODS = GOODS + [("box of crayons", "boxes of crayons"), ("pack of gum", "packs of gum"), ("loaf of bread", "loaves of bread"),
          ("carton of milk", "cartons of milk"), ("movie ticket", "movie tickets"), ("bag of rice", "bags of rice"),
          ("jar of honey", "jars of honey"), ("pizza", "pizzas"), ("T-shirt", "T-shirts"), ("toy robot", "toy robots"),
          ("bus pass", "bus passes"), ("puzzle", "puzzles"), ("basket of berries", "baskets of berries")]

# someone who is not named: (subject, pronoun, possessive)
ROLES = [("A baker", "she", "her"), ("The farmer", "he", "his"), ("A florist", "she", "her"), ("Mr. Lopez", "he", "his"),
         ("Mrs. Chen", "she", "her"), ("The coach", "he", "his"), ("Grandma", "she", "her"), ("Ms. Adeyemi", "she", "her"),
         ("Uncle Ray", "he", "his"), ("A shopkeeper", "he", "his"), ("The librarian", "she", "her"),
         ("Dr. Patel", "he", "his"), ("Aunt Rosa", "she", "her"), ("A fisherman", "he", "his")]
# a few years apart, and a generation apart ("cousin" twice: the lists are drawn by index, as for the shipped data)
RELATIVES = ["sister", "brother", "cousin", "cousin", "best friend", "neighbor", "little brother", "older sister"]
PARENTS = ["mother", "father", "aunt", "uncle", "grandfather", "grandmother", "teacher"]


def someone(rng, roles=0.35):
    """(subject as written, she/he, her/his): a named person or, sometimes, a role."""
    if rng.random() < roles:
        return rng.choice(ROLES)
    name = rng.choice(ALL_PEOPLE)
    he, _, his = People.pron(name)
    return name, he, his


def cap(s):
    return s[0].upper() + s[1:]


def subj(s):
    """A role inside a sentence: "A baker" -> "the baker" (names unchanged)."""
    return "the " + s.split(" ", 1)[1] if s.startswith(("A ", "The ")) else s


def count_text(rng, n):
    """n as digits or a word, or as dozens when it is a multiple of 12 (rarely): (text, comment or None, code)."""
    if n % 12 == 0 and n <= 60 and rng.random() < 0.3:
        return dozens(n // 12)
    return num(rng, n), None, str(n)


# what people make, sell or do in several sittings: (present, past, things)
WORK = [("bakes", "baked", "rolls"), ("bakes", "baked", "loaves of bread"), ("sells", "sold", "cups of lemonade"),
        ("picks", "picked", "apples"), ("picks", "picked", "strawberries"), ("catches", "caught", "fish"),
        ("reads", "read", "pages"), ("runs", "ran", "laps"), ("writes", "wrote", "emails"), ("plants", "planted", "trees"),
        ("folds", "folded", "paper cranes"), ("knits", "knitted", "scarves"), ("washes", "washed", "cars"),
        ("scores", "scored", "points"), ("paints", "painted", "pictures"), ("makes", "made", "sandwiches"),
        ("sells", "sold", "tickets"), ("collects", "collected", "cans"), ("delivers", "delivered", "newspapers"),
        ("answers", "answered", "questions"), ("packs", "packed", "boxes"), ("sews", "sewed", "buttons")]
PERIODS = [("in the morning", "in the afternoon", "in the evening", "that day"),
           ("on Monday", "on Tuesday", "on Wednesday", "over the three days"),
           ("on Saturday", "on Sunday", "on Monday", "in those days"),
           ("in the first week", "in the second week", "in the third week", "in those weeks"),
           ("before lunch", "after lunch", "after dinner", "that day"),
           ("in June", "in July", "in August", "over the summer")]


def verb_base(pres):
    """ "bakes" -> "bake", "catches" -> "catch", "washes" -> "wash"."""
    return pres[:-2] if pres.endswith(("ches", "shes", "sses")) else pres[:-1]


def fam_sittings(rng):
    """Work done in two or three sittings, the later ones given as counts or relative to the first; the question
    asks for the total or a difference."""
    who, he, his = someone(rng)
    pres, past, things = rng.choice(WORK)
    base = verb_base(pres)
    per = rng.choice(PERIODS)
    k = rng.choice([2, 2, 3])
    a = rng.randint(1, 5) * 12 if rng.random() < 0.25 else rng.randint(4, 80)
    at, anote, acode = count_text(rng, a)
    sentences = ["%s %s %s %s %s." % (who, past, at, things, per[0])]
    steps = [("%s: %d %s%s." % (cap(per[0]), a, things, " (%s)" % anote if anote else ""), ["first = %s" % acode])]
    rel = rng.choice(["count", "more", "fewer", "times", "half"])
    if (rel == "half" and a % 2) or (rel == "fewer" and a < 6):
        rel = "more"
    if rel == "count":
        b = rng.randint(3, 80)
        sentences.append(rng.choice(["%s %s %s more %s." % (cap(he), past, num(rng, b), per[1]),
                                     "%s, %s %s %s." % (cap(per[1]), he, past, num(rng, b)),
                                     "%s %s another %s %s." % (cap(he), past, num(rng, b), per[1])]))
        steps.append(("%s: %d." % (cap(per[1]), b), ["second = %d" % b]))
        bv = b
    elif rel == "more":
        d = rng.randint(2, 25)
        sentences.append("%s, %s %s %s more than %s." % (cap(per[1]), he, past, num(rng, d), per[0]))
        steps.append(("%s: %d more than %s." % (cap(per[1]), d, per[0]), ["second = first + %d" % d]))
        bv = a + d
    elif rel == "fewer":
        d = rng.randint(1, a - 2)
        sentences.append("%s, %s %s %s fewer than %s." % (cap(per[1]), he, past, num(rng, d), per[0]))
        steps.append(("%s: %d fewer than %s." % (cap(per[1]), d, per[0]), ["second = first - %d" % d]))
        bv = a - d
    elif rel == "times":
        m = rng.choice([2, 2, 3])
        sentences.append("%s, %s %s %s as many." % (cap(per[1]), he, past, TIMES[m]))
        steps.append(("%s: %d times as many as %s." % (cap(per[1]), m, per[0]), ["second = first * %d" % m]))
        bv = a * m
    else:
        sentences.append("%s, %s %s half as many." % (cap(per[1]), he, past))
        steps.append(("%s: half as many as %s." % (cap(per[1]), per[0]), ["second = first // 2"]))
        bv = a // 2
    names, total = ["first", "second"], a + bv
    if k == 3:
        c = rng.randint(2, 60)
        sentences.append(rng.choice(["%s %s %s %s." % (cap(he), past, num(rng, c), per[2]),
                                     "%s, %s %s %s more." % (cap(per[2]), he, past, num(rng, c))]))
        steps.append(("%s: %d more." % (cap(per[2]), c), ["third = %d" % c]))
        names.append("third")
        total += c
    if rng.random() < 0.2:
        sentences.insert(1, distractor(rng, rng.choice(ALL_PEOPLE)))
    if k == 2 and bv != a and rng.random() < 0.3:
        hi, lo = (1, 0) if bv > a else (0, 1)
        q = "How many more %s did %s %s %s than %s?" % (things, subj(who), base, per[hi], per[lo])
        steps.append(("The difference.", ["diff = %s - %s" % (names[hi], names[lo])]))
        return sentences, q, None, steps, "diff", abs(bv - a), "sittings|%s|diff" % rel
    q = rng.choice(["How many %s did %s %s in all?" % (things, subj(who), base),
                    "How many %s did %s %s %s?" % (things, subj(who), base, per[3]),
                    "What is the total number of %s %s %s?" % (things, he, past)])
    lead = "How many %s did %s %s %s?" % (things, subj(who), base, per[3])
    steps.append(("Add the %s amounts." % ("two" if k == 2 else "three"), ["total = " + " + ".join(names)]))
    return sentences, q, lead, steps, "total", total, "sittings|%s|%d|total" % (rel, k)


def fam_age(rng):
    """Ages: a relative older, younger, twice or half as old; the question asks that age, a sum, or an age in
    some years or some years ago."""
    name = rng.choice(ALL_PEOPLE)
    _, him, his = People.pron(name)
    a = rng.randint(4, 16)
    sibling = rng.random() < 0.5
    if sibling:
        rel_name = rng.choice(RELATIVES)
        rel = rng.choice(["older", "younger", "twice", "half"])
    else:
        rel_name = rng.choice(PARENTS)
        rel = rng.choice(["older", "times"])
    if rel == "half" and a % 2:
        a += 1
    if rel == "younger":
        a = max(a, 5)
    who = "%s %s" % (his, rel_name)
    sentences = [rng.choice(["%s is %s years old." % (name, num(rng, a)), "%s is %s." % (name, num(rng, a)),
                             "%s just turned %s." % (name, num(rng, a))])]
    steps = [("%s is %d." % (name, a), ["%s = %d" % (var(name), a)])]
    if rel == "older":
        d = rng.randint(2, 6) if sibling else rng.randint(20, 35)
        sentences.append(rng.choice(["%s %s is %s years older than %s." % (cap(his), rel_name, num(rng, d), him),
                                     "%s %s is %s years older." % (cap(his), rel_name, num(rng, d))]))
        steps.append(("The %s is %d years older." % (rel_name, d), ["other = %s + %d" % (var(name), d)]))
        b = a + d
    elif rel == "younger":
        d = rng.randint(1, a - 1)
        sentences.append("%s %s is %s years younger than %s." % (cap(his), rel_name, num(rng, d), him))
        steps.append(("The %s is %d years younger." % (rel_name, d), ["other = %s - %d" % (var(name), d)]))
        b = a - d
    elif rel in ("twice", "times"):
        m = 2 if rel == "twice" else rng.choice([3, 4])
        sentences.append(rng.choice(["%s %s is %s %s age." % (cap(his), rel_name, TIMES[m], his),
                                     "%s %s is %s as old as %s." % (cap(his), rel_name, TIMES[m], him)]))
        steps.append(("The %s is %d times as old." % (rel_name, m), ["other = %s * %d" % (var(name), m)]))
        b = a * m
    else:
        sentences.append(rng.choice(["%s %s is half %s age." % (cap(his), rel_name, his),
                                     "%s %s is half as old as %s." % (cap(his), rel_name, him)]))
        steps.append(("The %s is half as old." % rel_name, ["other = %s // 2" % var(name)]))
        b = a // 2
    form = rng.choice(["that", "that", "sum", "later", "ago"])
    if form == "sum":
        q = rng.choice(["What is the sum of their ages?", "How old are they together?",
                        "What is %s age plus %s %s's age?" % (name + "'s", his, rel_name)])
        steps.append(("Add the two ages.", ["total = %s + other" % var(name)]))
        return sentences, q, None, steps, "total", a + b, "age|%s|sum" % rel
    if form == "later":
        y = rng.randint(2, 10)
        q = rng.choice(["How old will %s be in %s years?" % (who, num(rng, y)),
                        "In %s years, how old will %s be?" % (num(rng, y), who)])
        steps.append(("%d years from now." % y, ["later = other + %d" % y]))
        return sentences, q, None, steps, "later", b + y, "age|%s|later" % rel
    if form == "ago" and b > 3:
        y = rng.randint(1, b - 1)
        q = "How old was %s %s years ago?" % (who, num(rng, y))
        steps.append(("%d years ago." % y, ["before = other - %d" % y]))
        return sentences, q, None, steps, "before", b - y, "age|%s|ago" % rel
    q = rng.choice(["How old is %s?" % who, "What is the age of %s?" % who, "How many years old is %s?" % who])
    return sentences, q, None, steps, "other", b, "age|%s|that" % rel


def fam_price(rng):
    """A price per thing: the cost of several, the price of one from a total, or how many a sum buys."""
    name = rng.choice(ALL_PEOPLE)
    he = People.pron(name)[0]
    one, many = rng.choice(ALL_GOODS)
    p = rng.randint(2, 25)
    n = rng.randint(2, 12)
    cents = rng.random() < 0.15
    unit = "cents" if cents else "dollars"
    money = (lambda v: "%d cents" % v) if cents else (lambda v: "$%d" % v)
    if cents:
        p = rng.choice([5, 10, 15, 20, 25, 30, 45, 50, 75])
    form = rng.choice(["cost", "cost", "one", "howmany"])
    if form == "cost":
        sentences = [rng.choice(["A %s costs %s." % (one, money(p)), "Each %s is %s." % (one, money(p)),
                                 "%s are %s each." % (cap(many), money(p)), "One %s sells for %s." % (one, money(p))])]
        q = rng.choice(["How much do %s %s cost, in %s?" % (num(rng, n), many, unit),
                        "How much does %s pay for %s %s?" % (name, num(rng, n), many),
                        "%s buys %s %s. How many %s does %s spend?" % (name, num(rng, n), many, unit, he),
                        "What is the price of %s %s?" % (num(rng, n), many)])
        steps = [("%d %s at %s each." % (n, many, money(p)), ["total = %d * %d" % (n, p)])]
        return sentences, q, None, steps, "total", n * p, "price|cost|%d" % cents
    if form == "one":
        sentences = [rng.choice(["%s %s cost %s." % (cap(num(rng, n)), many, money(n * p)),
                                 "%s paid %s for %s %s." % (name, money(n * p), num(rng, n), many)])]
        q = rng.choice(["How much does one %s cost?" % one, "What is the price of each %s, in %s?" % (one, unit),
                        "How much is a single %s?" % one])
        steps = [("%s for %d %s." % (money(n * p), n, many), ["each = %d // %d" % (n * p, n)])]
        return sentences, q, None, steps, "each", p, "price|one|%d" % cents
    budget = n * p
    sentences = ["Each %s costs %s." % (one, money(p)), "%s has %s to spend." % (name, money(budget))]
    if rng.random() < 0.5:
        sentences.reverse()
    q = rng.choice(["How many %s can %s buy?" % (many, he), "How many %s can %s afford?" % (many, he)])
    steps = [("%s at %s each." % (money(budget), money(p)), ["count = %d // %d" % (budget, p)])]
    return sentences, q, None, steps, "count", n, "price|howmany|%d" % cents


# places where things come and go: (place, things, come verb, go verb)
FLOWS = [("the bus", "people", "got on", "got off"), ("the train", "passengers", "boarded", "got off"),
         ("the party", "guests", "arrived", "left"), ("the parking lot", "cars", "drove in", "drove away"),
         ("the pond", "ducks", "landed", "flew away"), ("the library", "students", "came in", "went home"),
         ("the tree", "birds", "joined them", "flew off"), ("the elevator", "people", "stepped in", "stepped out"),
         ("the classroom", "children", "came in", "left for recess"), ("the shelter", "dogs", "were brought in", "were adopted")]
STOPS = ["At the first stop", "Then", "A little later", "After that", "At the next stop", "Soon"]


def fam_flow(rng):
    """A count that changes as some come and some go, one to three times; how many are there now?"""
    place, things, come, go = rng.choice(FLOWS)
    n = rng.randint(10, 70)
    sentences = [rng.choice(["There were %s %s at %s." % (num(rng, n), things, place) if place != "the bus" else
                             "There were %s %s on the bus." % (num(rng, n), things),
                             "%s had %d %s in it." % (cap(place), n, things)])]
    steps = [("%d %s at the start." % (n, things), ["count = %d" % n])]
    q = n
    k = rng.choice([1, 2, 2, 3])
    for i in range(k):
        lead = STOPS[0] if i == 0 and place in ("the bus", "the train") else rng.choice(STOPS[1:])
        form = rng.choice(["both", "come", "go"])
        a = rng.randint(1, max(1, min(q - 1, 20)))
        b = rng.randint(1, 20)
        if form == "both":
            sentences.append("%s, %s %s and %s %s." % (lead, num(rng, a), go, num(rng, b), come))
            steps.append(("%d %s, %d %s." % (a, go, b, come), ["count = count - %d + %d" % (a, b)]))
            q = q - a + b
        elif form == "go":
            sentences.append("%s %s %s." % (lead + ",", num(rng, a), go))
            steps.append(("%d %s." % (a, go), ["count = count - %d" % a]))
            q -= a
        else:
            sentences.append("%s %s more %s." % (lead + ",", num(rng, b), come))
            steps.append(("%d more %s." % (b, come), ["count = count + %d" % b]))
            q += b
    q_text = rng.choice(["How many %s are there now?" % things, "How many %s are at %s now?" % (things, place),
                         "How many %s are left at the end?" % things])
    if place in ("the bus", "the train"):
        q_text = rng.choice(["How many %s are on %s now?" % (things, place), "How many %s are there now?" % things])
    return sentences, q_text, None, steps, "count", q, "flow|%d" % k


# goals with progress: (goal sentence, the part done, unit, question)
GOALS = [("{name}'s book has {n} pages.", "{he} read {a} pages", "pages", "How many pages does {he} still have to read?"),
         ("A puzzle has {n} pieces.", "{name} put in {a} pieces", "pieces", "How many pieces are still missing?"),
         ("{name} wants to save ${n} for a bike.", "{he} saved ${a}", "dollars", "How much more money does {he} need?"),
         ("The hiking trail is {n} kilometers long.", "{name} walked {a} kilometers", "kilometers", "How many kilometers are left?"),
         ("{name} has to write an essay of {n} words.", "{he} wrote {a} words", "words", "How many more words must {he} write?"),
         ("A farmer must plant {n} trees.", "{he} planted {a} trees", "trees", "How many trees are left to plant?"),
         ("The team needs {n} points to win.", "they scored {a} points", "points", "How many more points do they need?")]
DAYS = ["on Monday", "on Tuesday", "yesterday", "today", "in the morning", "last week", "this week"]


def fam_goal(rng):
    """A goal, progress in one to three parts, and what is still left to do."""
    goal, part, unit, q = rng.choice(GOALS)
    name = rng.choice(ALL_PEOPLE)
    he = People.pron(name)[0]
    k = rng.choice([1, 2, 2, 3])
    parts = [rng.randint(3, 60) for _ in range(k)]
    n = sum(parts) + rng.randint(2, 150)
    days = rng.sample(DAYS, k)
    fill = lambda s, **kw: s.format(name=name, he=he, **kw)
    sentences = [fill(goal, n=n)]
    for d, a in zip(days, parts):
        s = fill(part, a=a) + " " + d + "."
        sentences.append(cap(s))
    if rng.random() < 0.3:
        sentences = sentences[1:] + sentences[:1]
    steps = [("The goal is %d %s." % (n, unit), ["goal = %d" % n])]
    steps.append(("Done so far: %s." % " + ".join(str(a) for a in parts), ["done = " + " + ".join(str(a) for a in parts)]))
    steps.append(("What is left.", ["left = goal - done"]))
    return sentences, fill(q), None, steps, "left", n - sum(parts), "goal|%d" % k


# things put in equal groups: (things, group word, verb)
GROUPINGS = [("students", "teams", "are split into"), ("eggs", "cartons", "are packed into"),
             ("cupcakes", "boxes", "are put in"), ("chairs", "rows", "are set out in"), ("players", "teams", "form"),
             ("books", "shelves", "are placed on"), ("photos", "pages", "are glued onto"), ("guests", "tables", "sit at"),
             ("flowers", "bunches", "are tied into"), ("marbles", "bags", "are poured into")]


def fam_groups(rng):
    """Equal groups: how many groups, how many in each, how many left over, or how many in all."""
    things, groups, verb = rng.choice(GROUPINGS)
    size = rng.randint(2, 12)
    g = rng.randint(2, 12)
    form = rng.choice(["groups", "each", "left", "all"])
    if form == "groups":
        s = rng.choice(["%d %s %s %s of %s." % (g * size, things, verb, groups, num(rng, size)),
                        "There are %d %s. They %s %s of %s." % (g * size, things, verb, groups, num(rng, size))])
        q = "How many %s are there?" % groups
        steps = [("%d %s, %d in each of the %s." % (g * size, things, size, groups), ["count = %d // %d" % (g * size, size)])]
        return [s], q, None, steps, "count", g, "groups|groups"
    if form == "each":
        s = "%d %s %s %s equal %s." % (g * size, things, verb, num(rng, g), groups)
        q = rng.choice(["How many %s are in each of the %s?" % (things, groups), "How many %s does each one get?" % things])
        steps = [("%d %s shared by %d %s." % (g * size, things, g, groups), ["each = %d // %d" % (g * size, g)])]
        return [s], q, None, steps, "each", size, "groups|each"
    if form == "left":
        r = rng.randint(1, size - 1)
        n = g * size + r
        s = "There are %d %s. They %s %s of %s, as many full %s as possible." % (n, things, verb, groups, num(rng, size), groups)
        q = rng.choice(["How many %s are left over?" % things, "How many %s are not in a full group?" % things])
        steps = [("%d %s in %s of %d." % (n, things, groups, size), ["left = %d %% %d" % (n, size)])]
        return [s], q, None, steps, "left", r, "groups|left"
    s = rng.choice(["There are %s %s with %s %s in each." % (num(rng, g), groups, num(rng, size), things),
                    "%s %s each hold %s %s." % (cap(num(rng, g)), groups, num(rng, size), things)])
    q = rng.choice(["How many %s are there in all?" % things, "How many %s are there altogether?" % things])
    steps = [("%d %s of %d." % (g, groups, size), ["total = %d * %d" % (g, size)])]
    return [s], q, None, steps, "total", g * size, "groups|all"


def fam_rectangle(rng):
    """A rectangle or a square: its area, its perimeter, or the fence around it."""
    thing = rng.choice(["garden", "room", "rug", "field", "poster", "patio", "playground", "tablecloth"])
    unit = rng.choice(["meters", "feet", "centimeters", "yards"])
    square = rng.random() < 0.3
    a = rng.randint(3, 30)
    b = a if square else rng.randint(2, 25)
    if square:
        s = rng.choice(["A square %s has sides of %d %s." % (thing, a, unit), "A %s is a square, %d %s on each side." % (thing, a, unit)])
    else:
        s = rng.choice(["A %s is %d %s long and %d %s wide." % (thing, a, unit, b, unit),
                        "A rectangular %s measures %d %s by %d %s." % (thing, a, unit, b, unit)])
    form = rng.choice(["area", "perimeter"])
    if form == "area":
        q = rng.choice(["What is its area in square %s?" % unit, "How many square %s does it cover?" % unit])
        steps = [("Area is length times width.", ["area = %d * %d" % (a, b)])]
        return [s], q, None, steps, "area", a * b, "rect|%d|area" % square
    q = rng.choice(["What is its perimeter?", "How many %s of fence go all the way around it?" % unit,
                    "How far is it around the %s, in %s?" % (thing, unit)])
    steps = [("Perimeter is twice length plus width.", ["perimeter = 2 * (%d + %d)" % (a, b)])]
    return [s], q, None, steps, "perimeter", 2 * (a + b), "rect|%d|perimeter" % square


def fam_saving(rng):
    """Saving or earning a fixed amount each week or day: how much after some time, or how long to a target."""
    name = rng.choice(ALL_PEOPLE)
    he = People.pron(name)[0]
    per = rng.choice(["week", "day", "month"])
    x = rng.randint(2, 30)
    start = rng.randint(5, 60) if rng.random() < 0.4 else 0
    form = rng.choice(["after", "howlong"])
    s0 = ("%s already has $%d. " % (name, start)) if start else ""
    if form == "after":
        t = rng.randint(2, 12)
        sentences = [(s0 + "%s saves $%d every %s." % (cap(he) if start else name, x, per)).strip()]
        q = rng.choice(["How much money will %s have after %s %ss?" % (he, num(rng, t), per),
                        "How many dollars will %s have in %d %ss?" % (he, t, per)])
        code = "total = %d + %d * %d" % (start, x, t) if start else "total = %d * %d" % (x, t)
        steps = [("$%d a %s for %d %ss%s." % (x, per, t, per, ", plus the $%d already saved" % start if start else ""), [code])]
        return sentences, q, None, steps, "total", start + x * t, "saving|after|%d" % bool(start)
    t = rng.randint(2, 12)
    target = start + x * t
    sentences = [(s0 + "%s puts away $%d each %s." % (cap(he) if start else name, x, per)).strip(),
                 "%s wants to have $%d." % (cap(he), target)]
    q = rng.choice(["How many %ss will it take?" % per, "After how many %ss will %s have enough?" % (per, he)])
    code = "count = (%d - %d) // %d" % (target, start, x) if start else "count = %d // %d" % (target, x)
    steps = [("The amount still to save, divided by $%d a %s." % (x, per), [code])]
    return sentences, q, None, steps, "count", t, "saving|howlong|%d" % bool(start)


# things with a fixed number of parts: (things, part, per thing)
FACTS = [("spiders", "legs", 8), ("cars", "wheels", 4), ("bicycles", "wheels", 2), ("tricycles", "wheels", 3),
         ("dogs", "legs", 4), ("chickens", "legs", 2), ("octopuses", "arms", 8), ("weeks", "days", 7),
         ("hands", "fingers", 5), ("triangles", "sides", 3), ("squares", "sides", 4), ("packs of six", "cans", 6),
         ("dozens", "eggs", 12), ("hours", "minutes", 60), ("years", "months", 12), ("stools", "legs", 3)]


def fam_facts(rng):
    """Counting parts of things the question does not spell out (a spider has 8 legs): one or two kinds."""
    (t1, p1, k1), (t2, p2, k2) = rng.sample(FACTS, 2)
    n1, n2 = rng.randint(2, 15), rng.randint(2, 15)
    if p1 == p2 and rng.random() < 0.6:
        s = "There are %s %s and %s %s." % (num(rng, n1), t1, num(rng, n2), t2)
        q = rng.choice(["How many %s are there in all?" % p1, "How many %s do they have altogether?" % p1])
        steps = [("Each of the %s has %d %s." % (t1, k1, p1), ["first = %d * %d" % (n1, k1)]),
                 ("Each of the %s has %d %s." % (t2, k2, p2), ["second = %d * %d" % (n2, k2)]),
                 ("Add them.", ["total = first + second"])]
        return [cap(s)], q, None, steps, "total", n1 * k1 + n2 * k2, "facts|two"
    s = rng.choice(["There are %s %s." % (num(rng, n1), t1), "%s counts %s %s." % (rng.choice(ALL_PEOPLE), num(rng, n1), t1)])
    q = rng.choice(["How many %s are there in all?" % p1, "How many %s is that?" % p1])
    steps = [("Each has %d %s." % (k1, p1), ["total = %d * %d" % (n1, k1)])]
    return [s], q, None, steps, "total", n1 * k1, "facts|one"


FRACTION_WORDS = {(1, 2): "half", (1, 3): "a third", (2, 3): "two thirds", (1, 4): "a quarter",
                  (3, 4): "three quarters", (1, 5): "a fifth", (2, 5): "two fifths", (1, 10): "a tenth"}
HABITS = [("students", "walk to school", "take the bus"), ("apples", "are red", "are green"),
          ("guests", "ordered pasta", "ordered soup"), ("pets", "are cats", "are dogs"),
          ("players", "are girls", "are boys"), ("cookies", "have nuts", "have none"),
          ("seats", "are taken", "are empty"), ("songs", "are slow", "are fast")]


def fam_fraction_of(rng):
    """A fraction or percent of a whole, asked as that part, the other part, or the part after some change."""
    things, yes, no = rng.choice(HABITS)
    (p, d), word = rng.choice(sorted(FRACTION_WORDS.items()))
    pct = rng.random() < 0.3
    if pct:
        pc = rng.choice([10, 20, 25, 30, 40, 50, 60, 75, 80])
        n = 20 * rng.randint(1, 10)
        part, phrase, code = n * pc // 100, "%d%%" % pc, "part = %d * %d // 100" % (n, pc)
    else:
        n = d * rng.randint(2, 15)
        part, phrase, code = n * p // d, word, "part = %d * %d // %d" % (n, p, d)
    where = rng.choice(["There are %d %s." % (n, things), "A group has %d %s." % (n, things), "Out of %d %s," % (n, things)])
    if where.endswith(","):
        s = "%s %s %s." % (where, phrase, yes)
    else:
        s = "%s %s of them %s." % (where, cap(phrase), yes)
    steps = [("%s of %d." % (cap(phrase), n), [code])]
    if rng.random() < 0.5:
        q = "How many %s %s?" % (things, yes)
        return [s], q, None, steps, "part", part, "fraction|%d|yes" % pct
    q = "How many %s %s?" % (things, no)
    if not where.endswith(","):
        s += " The rest %s." % no
    steps.append(("The rest.", ["rest = %d - part" % n]))
    return [s], q, None, steps, "rest", n - part, "fraction|%d|no" % pct


FAMILIES = {"compare": fam_compare, "shop": fam_shop, "rest": fam_rest, "time": fam_time, "units": fam_units,
            "share": fam_share, "backwards": fam_backwards, "rate": fam_rate, "sittings": fam_sittings,
            "age": fam_age, "price": fam_price, "flow": fam_flow, "goal": fam_goal, "groups": fam_groups,
            "rect": fam_rectangle, "saving": fam_saving, "facts": fam_facts, "fraction": fam_fraction_of}


FIRST_FAMILIES = ("backwards", "compare", "rate", "rest", "share", "shop", "time", "units")


def make_everyday(rng, family=None, families=None):
    """One problem of `family`, or of one drawn from `families` (default all): (question, steps, out_var, answer,
    signature)."""
    fam = family or rng.choice(sorted(families or FAMILIES))
    sentences, q, lead, steps, out_var, ans, sig = FAMILIES[fam](rng)
    question = place_question(rng, sentences, q, lead)
    return question, steps, out_var, ans, sig
