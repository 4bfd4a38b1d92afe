"""Fresh names and nouns for generated problems, so the policy learns to copy them from the question.

The generator's people and things come from short fixed lists, and a policy trained on them alone learns those
lists instead of copying: renaming them (same problems, same answers) took the second fine-tune's greedy accuracy
on the everyday-half split from 49.6% to 6.2% (models/MODEL_CARD.md). `freshen` renames, consistently in the
question, the step comments and the code, every person and thing of those lists that a problem mentions: to an
invented name or word (syllables, so no list of them can ever be complete), or to a noun of NOUNS, most of
which the templates never name. Pronouns stay right because a person keeps their pronouns' name pool. The code
still runs and prints the same answer (problems.py checks every solution after renaming).
"""

import builtins
import keyword
import re

from everyday import var

ONSETS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "dr",
          "gl", "kr", "pl", "sh", "st", "th", "tr"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ee", "oo", "ou"]
CODAS = ["", "", "", "n", "l", "r", "m", "s", "k", "t", "nd", "rt"]
SHE_ENDS = ["a", "ia", "i", "elle", "ine", "ah", "ette"]
HE_ENDS = ["o", "an", "on", "im", "ek", "ar", "us", "en"]

# countable things, most of which the templates never name (singular, plural)
NOUNS = [("acorn", "acorns"), ("bracelet", "bracelets"), ("brick", "bricks"), ("brush", "brushes"),
         ("bucket", "buckets"), ("cabbage", "cabbages"), ("candle", "candles"), ("carrot", "carrots"),
         ("chair", "chairs"), ("cherry", "cherries"), ("coconut", "coconuts"), ("cup", "cups"),
         ("daisy", "daisies"), ("dice", "dice"), ("dinosaur figure", "dinosaur figures"), ("domino", "dominoes"),
         ("feather", "feathers"), ("fish hook", "fish hooks"), ("flag", "flags"), ("glove", "gloves"),
         ("hat", "hats"), ("jar", "jars"), ("kite", "kites"), ("lemon", "lemons"), ("lock", "locks"),
         ("magnet", "magnets"), ("mango", "mangoes"), ("map", "maps"), ("mitten", "mittens"), ("mug", "mugs"),
         ("nail", "nails"), ("napkin", "napkins"), ("necklace", "necklaces"), ("paintbrush", "paintbrushes"),
         ("peach", "peaches"), ("pear", "pears"), ("pillow", "pillows"), ("pine cone", "pine cones"),
         ("plate", "plates"), ("plum", "plums"), ("poster", "posters"), ("radish", "radishes"),
         ("ribbon", "ribbons"), ("ring", "rings"), ("robot", "robots"), ("rose", "roses"), ("sock", "socks"),
         ("spoon", "spoons"), ("stone", "stones"), ("strawberry", "strawberries"), ("straw", "straws"),
         ("tomato", "tomatoes"), ("towel", "towels"), ("tulip", "tulips"), ("walnut", "walnuts"),
         ("watermelon", "watermelons"), ("whistle", "whistles"), ("yo-yo", "yo-yos"), ("brownie", "brownies"),
         ("bagel", "bagels"), ("pretzel", "pretzels"), ("cracker", "crackers"), ("lollipop", "lollipops"),
         ("notepad", "notepads"), ("badge", "badges"), ("coaster", "coasters"), ("tile", "tiles")]


def invent_word(rng, syllables):
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))


def invent_name(rng, she):
    return (invent_word(rng, rng.choice([1, 2])) + rng.choice(SHE_ENDS if she else HE_ENDS)).capitalize()


def plural(word):
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def words_in(text):
    return set(re.findall(r"[A-Za-z_]\w*", text))


class Freshener:
    """people: {name: takes she/her}; things: [(singular, plural)], the lists whose words are renamed."""

    def __init__(self, people, things):
        self.people = dict(people)
        self.things = list(dict.fromkeys(things))
        self.taken = set(self.people) | {w for pair in self.things + NOUNS for w in pair}
        self.nouns = [pair for pair in NOUNS if not any(hasattr(builtins, var(w)) for w in pair)]

    def usable(self, word, avoid):
        """A replacement must not be a listed word, a Python keyword or builtin, or a word the problem uses."""
        v = var(word)
        return (word not in self.taken and v not in avoid and word.lower() not in avoid
                and not keyword.iskeyword(v) and not hasattr(builtins, v) and v.isidentifier())

    def new_name(self, rng, she, avoid):
        for _ in range(100):
            n = invent_name(rng, she)
            if self.usable(n, avoid):
                return n
        raise RuntimeError("could not invent a name")

    def new_thing(self, rng, avoid):
        """(singular, plural): invented half the time, else a noun of NOUNS the problem does not use."""
        for _ in range(100):
            if rng.random() < 0.5:
                word = invent_word(rng, rng.choice([1, 2]))
                pair = (word, plural(word))
                ok = all(self.usable(w, avoid) for w in pair)
            else:
                pair = rng.choice(self.nouns)
                ok = not any(w.lower() in avoid or var(w) in avoid for w in pair)
            if ok:
                return pair
        raise RuntimeError("could not invent a thing")

    def mapping(self, rng, question, solution):
        """{old word or phrase: new one} for the listed people and things the question mentions."""
        avoid = {w.lower() for w in words_in(question + " " + solution)}
        out = {}
        for name, she in self.people.items():
            if re.search(r"\b%s\b" % re.escape(name), question):
                new = self.new_name(rng, she, avoid)
                avoid.add(new.lower())
                out[name] = new
        for s, p in self.things:
            if s in out or p in out:
                continue
            if re.search(r"\b(%s|%s)\b" % (re.escape(s), re.escape(p)), question):
                ns, np_ = self.new_thing(rng, avoid)
                avoid |= {ns.lower(), np_.lower()}
                out[p] = np_
                out[s] = ns
        return out


def substitute(text, mapping, code=False):
    """Every old phrase -> its new one in one pass (longest first, whole words), and each one's Python name
    (var(old) -> var(new)), so "comic_books = 5" follows "comic books"; in code every phrase becomes a name."""
    table = {old: var(new) if code else new for old, new in mapping.items()}
    for old, new in mapping.items():
        table.setdefault(var(old), var(new))
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(%s)(?![\w-])" % "|".join(re.escape(k) for k in keys))
    return pattern.sub(lambda m: table[m.group(1)], text)


def substitute_solution(solution, mapping):
    """Comments, outputs and the answer line as text; code lines as code."""
    lines = solution.split("\n")
    return "\n".join(substitute(line, mapping, code=not line.startswith(("#", "<")) and line.strip() != "")
                     for line in lines)


def freshen(freshener, rng, record):
    """The record with fresh people and things (a new dict; answer and signature kept)."""
    mapping = freshener.mapping(rng, record["question"], record["solution"])
    if not mapping:
        return record
    return dict(record, question=substitute(record["question"], mapping),
                solution=substitute_solution(record["solution"], mapping))
