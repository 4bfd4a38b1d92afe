"""Everyday scenes: a library of grade-school situations, each a small multi-step word problem (GSM8K style) told
the way people write them. everyday.py's families each drill one kind of reasoning (comparing, sharing, the rest
of a total); a scene is a situation instead, with its own vocabulary and facts: a recipe scaled up, a class trip
in buses, a bake sale, wages with overtime, a phone plan over a year, a garden with rows of plants, a water tank
filling and leaking, a theater's rows of seats, a clock, coins, a farm's animals, and so on (SCENES lists them).

Every sentence has several phrasings; numbers come as digits, as words ("twenty-four", "a hundred") or idioms
("a dozen", "twice", "half of"); money as "$12" or "12 dollars"; people are named (many cultures), titled
("Mrs. Ortiz"), a relative ("Kofi's grandmother") or a role ("a baker"); an irrelevant sentence with a number is
sometimes added. Each scene has several structural variants (which steps, which question), named in its
signature "scene|<scene>|<variant>", so holding out signatures holds out new combinations of known parts.

Each scene `sc_xxx(rng)` returns (sentences, question, lead, steps, out_var, answer, signature) as everyday.py's
families do: steps are (comment, code lines) pairs, one per fact or operation, whose code uses only numbers the
question states (a number word or idiom as its digits) and a few common facts the comment names (7 days in a
week, 60 minutes in an hour, 12 months in a year, 100 cents in a dollar, 1000 grams in a kilogram, 4 legs of a
cow). The question is an `Ask`, a str that also knows the thing asked as a noun phrase, so `place_scene` can put
it at the end, first, as "Find ...", "What is ...?", "If <last fact>, how many ...?" or with its unit split off
("How much money, in dollars, ...?"). `make_scene` returns (question, steps, out_var, answer, signature).

    python3 models/train/scenes.py        # self-check: draws every scene, runs and checks every solution
"""

import ast
import builtins
import hashlib
import keyword
from math import gcd
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from everyday import ALL_PEOPLE, ROLES, SHE as EVERYDAY_SHE, WORDS, cap  # noqa: E402
from numwords import stated  # noqa: E402

# ---- numbers as people write them ---------------------------------------------------------------------------

TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n):
    """n in words: "seven", "twenty-four", "a hundred", "three hundred", "a thousand"."""
    if n <= 20:
        return WORDS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return TENS[t] + ("-" + WORDS[u] if u else "")
    if n == 100:
        return "a hundred"
    if n == 1000:
        return "a thousand"
    assert n % 100 == 0 and n < 1000, n
    return WORDS[n // 100] + " hundred"


def wordable(n):
    return 0 <= n <= 100 or n == 1000 or (n < 1000 and n % 100 == 0)


def say(rng, n, p=0.25):
    """n as digits (with a thousands comma sometimes) or, with probability p, in words."""
    if wordable(n) and rng.random() < p:
        return words(n)
    if n >= 1000 and rng.random() < 0.5:
        return "{:,}".format(n)
    return str(n)


def usd(rng, n, p=0.25):
    """An amount of money: "$12", "12 dollars", now and then "twelve dollars"."""
    r = rng.random()
    if r < 0.7:
        return "$%d" % n
    if n == 1:
        return "one dollar"
    return "%s dollars" % say(rng, n, p)


A_AN = re.compile(r"\b([Aa]) (?=(?:[aei]|o(?!ne)|u(?:mbrella|ncle|nder)|8|11\b|18\b|8\d\b|hour))")


def articles(text):
    """ "a internet plan" -> "an internet plan", "a 8-kilogram bag" -> "an 8-kilogram bag"."""
    return A_AN.sub(lambda m: m.group(1) + "n ", text)


def low(s):
    """A phrase inside a sentence: "The town library" -> "the town library"."""
    return s[0].lower() + s[1:]


def plural(n, one, many):
    return one if n == 1 else many


def clock(h, m):
    """A time of day as written: "9:30", "11:05", "7:00"."""
    return "%d:%02d" % (h, m)


# ---- people ---------------------------------------------------------------------------------------------------

# more names, many cultures (ASCII spellings); True: she
MORE_NAMES = {
    "Aaliyah": True, "Priyanka": True, "Ngozi": True, "Siobhan": True, "Ximena": True, "Fatou": True, "Aroha": True,
    "Kalani": True, "Nia": True, "Layla": True, "Valentina": True, "Anh": True, "Giulia": True, "Svetlana": True,
    "Amina": True, "Yasmin": True, "Imani": True, "Ayesha": True, "Marisol": True, "Hyejin": True, "Akosua": True,
    "Parisa": True, "Leilani": True, "Dagny": True, "Tamar": True, "Ewa": True, "Rukhsana": True, "Lupita": True,
    "Chiamaka": True, "Sigrid": True, "Mariana": True, "Zeynep": True, "Keiara": True, "Olivia": True,
    "Oluwaseun": False, "Dmitri": False, "Haruto": False, "Tenzin": False, "Bongani": False, "Mohammed": False,
    "Mehmet": False, "Ahmad": False, "Soren": False, "Chidi": False, "Kwabena": False, "Rashid": False,
    "Alejandro": False, "Enzo": False, "Giorgos": False, "Vikram": False, "Tane": False, "Keoni": False,
    "Arnav": False, "Minh": False, "Jamal": False, "Elias": False, "Pedro": False, "Ali": False, "Sipho": False,
    "Takumi": False, "Farid": False, "Cheng": False, "Luca": False, "Kaveh": False, "Omer": False, "Nikolai": False,
    "Darnell": False, "Mateo": False, "Aidan": False, "Rafael": False,
}
NAMES = {n: n in EVERYDAY_SHE for n in ALL_PEOPLE}
NAMES.update({n: s for n, s in MORE_NAMES.items() if n not in NAMES})
NAME_LIST = sorted(NAMES)
SURNAMES = ["Ortiz", "Nakamura", "Okafor", "Kowalski", "Haddad", "Nguyen", "Lindqvist", "Mensah", "Rossi", "Sharma",
            "O'Brien", "Silva", "Kim", "Abebe", "Novak", "Moreau", "Castillo", "Yilmaz", "Tanaka", "Osei", "Petrov",
            "Garcia", "Walker", "Bianchi", "Hassan", "Chowdhury", "Morales", "Jensen", "Adeyemi", "Reyes", "Cohen"]
TITLES = [("Mr.", False), ("Mrs.", True), ("Ms.", True), ("Dr.", None), ("Coach", None)]
KIN = [("grandmother", True), ("grandfather", False), ("aunt", True), ("uncle", False), ("mom", True),
       ("dad", False), ("older sister", True), ("big brother", False), ("neighbor", None), ("cousin", None)]


# everyday.py's roles that name someone ("Mrs. Chen", "Grandma"), not a trade that may not fit the scene
NAMED_ROLES = [r for r in ROLES if not r[0].startswith(("A ", "The "))]


class Who:
    """A person as the story names them: `first` at the first mention ("a baker", "Ana", "Mrs. Ortiz"), `name`
    after that ("the baker"), and the pronouns that agree."""

    def __init__(self, first, name, she):
        self.first, self.name = first, name
        self.he, self.him, self.his, self.self = ("she", "her", "her",
                                                  "herself") if she else ("he", "him", "his", "himself")
        self.He, self.His = cap(self.he), cap(self.his)
        self.First, self.Name = cap(first), cap(name)
        self.poss = name + "'s"


def person(rng, role=None, p_other=0.3):
    """A named person most often; else a titled one, a relative of someone, a role of the scene ("baker") or one
    of everyday.py's NAMED_ROLES."""
    r = rng.random()
    if r >= p_other:
        name = rng.choice(NAME_LIST)
        return Who(name, name, NAMES[name])
    r = rng.random()
    if r < 0.35:
        title, she = rng.choice(TITLES)
        she = rng.random() < 0.5 if she is None else she
        name = "%s %s" % (title, rng.choice(SURNAMES))
        return Who(name, name, she)
    if r < 0.6:
        kin, she = rng.choice(KIN)
        she = rng.random() < 0.5 if she is None else she
        name = "%s's %s" % (rng.choice(NAME_LIST), kin)
        return Who(name, name, she)
    if role and r < 0.9:
        she = rng.random() < 0.5
        return Who(("an " if role[0] in "aeiou" else "a ") + role, "the " + role, she)
    text, he, _ = rng.choice(NAMED_ROLES)
    return Who(text, text, he == "she")


def others(rng, k, avoid=()):
    """k more names, distinct and not in `avoid`."""
    return rng.sample([n for n in NAME_LIST if n not in avoid], k)


# ---- a question that also knows what it asks ------------------------------------------------------------------


class Ask(str):
    """The question sentence, plus what `place_scene` needs to ask it another way: `what`, the thing asked as a
    noun phrase ("the total cost of the tickets", for "Find ..." and "What is ...?"), and `unit` ("dollars", for
    "How much money, in dollars, ...?")."""

    def __new__(cls, text, what=None, unit=None):
        s = super().__new__(cls, text)
        s.what, s.unit = what, unit
        return s


def ask(rng, texts, what=None, unit=None):
    return Ask(articles(rng.choice(texts)), what and articles(what), unit)


# ---- a scene being written --------------------------------------------------------------------------------------

GENERIC_NOISE = [
    "{N} has lived in the same town for {n} years.", "It was {n} degrees outside that day.",
    "{N}'s house number is {n}.", "{N}'s cousin is {n} years old.", "The radio played {n} songs that morning.",
    "{N} has {n} photos saved on a phone.", "There are {n} houses on {N}'s street.",
    "The school has {n} classrooms.", "{N}'s dog is {n} months old.",
]


PRONOUN_STARTS = {"He", "She", "It", "They", "His", "Her", "Its", "Their", "Each", "Every", "Then"}


class Draft:
    """Collects a scene's sentences and solution steps; `end` returns the scene's tuple."""

    def __init__(self, rng, scene):
        self.rng, self.scene = rng, scene
        self.sentences, self.steps = [], []
        self.noisy = False

    def tell(self, *options):
        """One sentence, in one of its phrasings ("p.m.." ends as "p.m."); returns which one, for a later
        sentence that depends on it."""
        i = self.rng.randrange(len(options))
        self.sentences.append(articles(options[i].replace("..", ".")))
        return i

    def step(self, comment, *code):
        self.steps.append((comment, list(code)))

    def noise(self, p=0.2, *options):
        """Sometimes an irrelevant sentence with a number: one of `options` or of GENERIC_NOISE ({N} a name not in
        the story, {n} a number). It never comes last, nor just before a sentence that starts with a pronoun."""
        rng = self.rng
        self.noisy = True
        if rng.random() >= p:
            return
        story = " ".join(self.sentences)
        s = rng.choice(list(options) + GENERIC_NOISE if options else GENERIC_NOISE)
        s = s.format(N=rng.choice([n for n in NAME_LIST if n not in story]), n=say(rng, rng.randint(3, 60), 0.3))
        spots = [i for i, t in enumerate(self.sentences) if i == 0 or t.split(" ", 1)[0] not in PRONOUN_STARTS]
        self.sentences.insert(rng.choice(spots), cap(s))

    def end(self, question, out_var, answer, variant, lead=None):
        """The scene's tuple; a scene that did not offer an irrelevant sentence may get a generic one."""
        if not self.noisy:
            self.noise(0.08)
        lead = lead and articles(lead)
        return (self.sentences, question, lead, self.steps, out_var, answer, "scene|%s|%s" % (self.scene, variant))


# ---- the scenes -------------------------------------------------------------------------------------------------


def dz(rng, n, p=0.35):
    """A count that may be said in dozens when it is a multiple of 12: (text, code, note for the comment)."""
    k = n // 12
    if n % 12 == 0 and 1 <= k <= 10 and rng.random() < p:
        if k == 1:
            return "a dozen", "12", " (a dozen is 12)"
        return "%s dozen" % WORDS[k], "%d * 12" % k, " (%d dozen is %d * 12)" % (k, k)
    return say(rng, n), str(n), ""


def paren(code):
    """Code as a divisor or factor: "(2 * 12)" for a product, digits as they are."""
    return "(%s)" % code if " " in code else code


BAKES = ["cookies", "muffins", "pancakes", "cupcakes", "brownies", "biscuits", "bread rolls", "scones", "waffles"]
TIMES_AS = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}
CUP_STUFF = ["flour", "sugar", "cornmeal", "brown sugar", "chocolate chips", "blueberries", "rice flour",
             "cocoa powder"]


def sc_recipe(rng):
    """A recipe per batch: two ingredients over several batches, batches from a wanted number of cookies, a
    doubled or halved recipe taken from a bag, grams from a kilogram bag, or what a supply makes."""
    d = Draft(rng, "recipe")
    p = person(rng, "baker")
    food = rng.choice(BAKES)
    ing, ing2 = rng.sample(CUP_STUFF, 2)
    form = rng.choice(["two", "yield", "scale", "half", "bag", "supply"])
    if form == "two":
        a, b, n = rng.randint(2, 6), rng.randint(2, 4), rng.randint(2, 9)
        A, B, N = say(rng, a), say(rng, b), say(rng, n)
        d.tell(f"{p.First} is baking {food}.", f"{p.First} wants to make {food} for a party.",
               f"{p.First} bakes {food} for the school fair.")
        d.tell(f"One batch needs {A} cups of {ing} and {B} cups of {ing2}.",
               f"The recipe calls for {A} cups of {ing} and {B} cups of {ing2} per batch.",
               f"Each batch takes {A} cups of {ing} and {B} cups of {ing2}.")
        d.noise(0.2, "The party starts in {n} minutes.", "{N} already ate {n} grapes.")
        d.tell(f"{p.He} makes {N} batches.", f"{p.He} plans to bake {N} batches.",
               f"{p.He} decides to make {N} batches.")
        q = ask(rng, [f"How many cups of {ing} and {ing2} does {p.he} use in all?",
                      f"How many cups of {ing} and {ing2} will {p.he} need altogether?",
                      f"In total, how many cups of {ing} and {ing2} go into the batches?"],
                f"the total number of cups of {ing} and {ing2} {p.he} needs")
        d.step(f"One batch uses {a} cups of {ing} and {b} cups of {ing2}.", f"per_batch = {a} + {b}")
        d.step(f"{n} batches of {a + b} cups each.", f"total_cups = per_batch * {n}")
        return d.end(q, "total_cups", (a + b) * n, form,
                     f"How many cups of {ing} and {ing2} does {p.name} need in all?")
    if form == "yield":
        y = rng.choice([6, 8, 10, 12, 12, 16, 20, 24, 24, 30])
        k, a = rng.randint(2, 6), rng.randint(2, 5)
        wtext, wcode, wnote = dz(rng, y * k)
        ytext, ycode, ynote = dz(rng, y)
        d.tell(f"{p.First} needs {wtext} {food} for a class party.", f"{p.First} has to bake {wtext} {food}.",
               f"For a picnic, {p.first} wants to make {wtext} {food}.")
        d.tell(f"One batch makes {ytext} {food} and uses {say(rng, a)} cups of {ing}.",
               f"The recipe uses {say(rng, a)} cups of {ing} and makes {ytext} {food}.",
               f"Each batch takes {say(rng, a)} cups of {ing} and gives {ytext} {food}.")
        q = ask(rng, [f"How many cups of {ing} does {p.he} need?", f"How many cups of {ing} will {p.he} use?",
                      f"How much {ing}, in cups, does {p.he} need for all the {food}?"],
                f"the number of cups of {ing} {p.he} needs", "cups")
        d.step(f"{y * k} {food} needed{wnote}, {y} per batch{ynote}.", f"batches = {wcode} // {paren(ycode)}")
        d.step(f"Each batch uses {a} cups of {ing}.", f"cups = batches * {a}")
        return d.end(q, "cups", k * a, form)
    if form in ("scale", "half"):
        m = 2 if form == "half" else rng.choice([2, 3])
        a = rng.randint(1, 6) * 2 if form == "half" else rng.randint(2, 6)
        need = a // 2 if form == "half" else a * m
        bag = need + rng.randint(1, 15)
        d.tell(f"{p.First}'s recipe for {food} calls for {say(rng, a)} cups of {ing}.",
               f"{p.First} has a recipe for {food} that uses {say(rng, a)} cups of {ing}.",
               f"{p.First} is making {food}, and the recipe calls for {say(rng, a)} cups of {ing}.")
        if form == "half":
            d.tell(f"{p.He} makes half the recipe.", f"{p.He} only makes half a batch.",
                   f"{p.He} cuts the recipe in half.")
            comment = f"Half of {a} cups."
            code = f"used = {a} // 2"
        else:
            d.tell({2: f"{p.He} doubles the recipe.", 3: f"{p.He} triples the recipe."}[m],
                   {2: f"{p.He} makes a double batch.", 3: f"{p.He} makes a triple batch."}[m],
                   f"{p.He} makes {TIMES_AS[m]} the recipe.")
            comment = f"{m} times {a} cups."
            code = f"used = {a} * {m}"
        d.tell(f"{p.He} had a bag with {say(rng, bag)} cups of {ing}.",
               f"There were {say(rng, bag)} cups of {ing} in the bag.",
               f"The bag of {ing} held {say(rng, bag)} cups before {p.he} started.")
        q = ask(rng, [f"How many cups of {ing} are left in the bag?", f"How many cups of {ing} remain?",
                      f"How much {ing} is left, in cups?"], f"the number of cups of {ing} left in the bag", "cups")
        d.step(comment, code)
        d.step(f"The bag had {bag} cups.", f"left = {bag} - used")
        return d.end(q, "left", bag - need, form)
    if form == "bag":
        kg, g, n = rng.randint(1, 5), rng.choice([150, 200, 250, 300, 400, 450, 500]), rng.randint(2, 6)
        while g * n >= kg * 1000:
            kg += 1
        d.tell(f"{p.First} buys a {kg}-kilogram bag of {ing}.", f"{p.First} opens a new {kg}-kilogram bag of {ing}.",
               f"{p.First} has a bag holding {say(rng, kg)} {plural(kg, 'kilogram', 'kilograms')} of {ing}.")
        d.tell(f"Each batch of {food} uses {g} grams of {ing}.", f"One batch of {food} takes {g} grams.",
               f"A batch of {food} needs {g} grams of {ing}.")
        d.tell(f"{p.He} bakes {say(rng, n)} batches.", f"{p.He} makes {say(rng, n)} batches for a bake sale.",
               f"Over the weekend {p.he} bakes {say(rng, n)} batches.")
        q = ask(rng, [f"How many grams of {ing} are left?", f"How many grams of {ing} does {p.he} have left?",
                      f"How much {ing} remains in the bag, in grams?"], f"the number of grams of {ing} left", "grams")
        d.step(f"The bag holds {kg} kilograms; 1 kilogram is 1000 grams.", f"bag_grams = {kg} * 1000")
        d.step(f"{n} batches use {g} grams each.", f"used = {n} * {g}")
        d.step("Subtract what was used.", "left = bag_grams - used")
        return d.end(q, "left", kg * 1000 - g * n, form)
    a, k = rng.randint(2, 5), rng.randint(2, 8)
    y = rng.choice([6, 8, 10, 12, 15, 18, 20, 24])
    supply = a * k
    d.tell(f"{p.First} has {say(rng, supply)} cups of {ing}.",
           f"There are {say(rng, supply)} cups of {ing} in {p.first}'s kitchen.",
           f"{p.First} bought {say(rng, supply)} cups of {ing}.")
    d.tell(f"Each batch of {food} needs {say(rng, a)} cups of {ing} and makes {y} {food}.",
           f"A batch takes {say(rng, a)} cups of {ing} and gives {y} {food}.",
           f"The recipe makes {y} {food} from {say(rng, a)} cups of {ing}.")
    d.noise(0.2)
    q = ask(rng,
            [f"How many {food} can {p.he} make with all of the {ing}?",
             f"If {p.he} uses all the {ing}, how many {food} will {p.he} bake?",
                  f"How many {food} can be made?"], f"the number of {food} {p.he} can make")
    d.step(f"{supply} cups, {a} cups per batch.", f"batches = {supply} // {a}")
    d.step(f"Each batch makes {y} {food}.", f"made = batches * {y}")
    return d.end(q, "made", k * y, form, f"How many {food} can {p.name} make?")


TRIP_PLACES = ["the zoo", "the science museum", "the aquarium", "the planetarium", "a farm", "the history museum",
               "the botanical garden", "a chocolate factory", "the state capitol", "a nature reserve"]


def sc_class_trip(rng):
    """A school trip: buses needed (rounded up), empty seats, each student's share of the bus plus a ticket,
    the total cost for students and adults, or adult helpers still needed for groups."""
    d = Draft(rng, "class_trip")
    place = rng.choice(TRIP_PLACES)
    form = rng.choice(["buses", "empty", "share", "total", "helpers"])
    if form in ("buses", "empty"):
        c = rng.choice([20, 24, 30, 32, 36, 40, 44, 48, 50, 52, 56])
        b = rng.randint(2, 5)
        people = rng.randint(c * (b - 1) + 1, c * b - (1 if form == "empty" else 0))
        t = rng.randint(3, min(12, people - 10))
        s = people - t
        S, T = say(rng, s), say(rng, t)
        d.tell(f"{S} students and {T} teachers are going on a field trip to {place}.",
               f"A school is taking {S} students to {place}, along with {T} teachers.",
               f"For a trip to {place}, {S} students signed up, and {T} teachers will go with them.")
        d.noise(0.25, "The trip was planned {n} days ago.", "The ride to {0} takes {{n}} minutes.".format(place))
        if form == "buses":
            d.tell(f"Each bus holds {c} people.", f"A bus has {c} seats.",
                   f"The buses they can rent seat {c} people each.")
            q = ask(rng,
                    ["How many buses do they need?", "What is the smallest number of buses that can carry everyone?",
                          "How many buses must the school rent so that everyone has a seat?"],
                          "the number of buses needed")
            d.step(f"{s} students and {t} teachers.", f"people = {s} + {t}")
            d.step(f"Each bus holds {c}; round up, since a bus that is only partly full is still needed.",
                   f"buses = (people + {c} - 1) // {c}")
            return d.end(q, "buses", b, form, f"How many buses are needed for the trip to {place}?")
        d.tell(f"They ride in {say(rng, b)} buses with {c} seats each.",
               f"The school rents {say(rng, b)} buses, and each bus has {c} seats.",
               f"Everyone rides in {say(rng, b)} buses that seat {c} people each.")
        q = ask(rng, ["How many seats are empty?", "How many seats are left over on the buses?",
                      "How many empty seats are there in all?"], "the number of empty seats")
        d.step(f"{b} buses with {c} seats each.", f"seats = {b} * {c}")
        d.step(f"{s} students and {t} teachers ride.", f"riders = {s} + {t}")
        d.step("Seats minus riders.", "empty = seats - riders")
        return d.end(q, "empty", b * c - people, form)
    if form == "share":
        s = rng.randint(12, 40)
        bus = s * rng.randint(5, 20)
        e = rng.randint(3, 20)
        d.tell(f"A class of {say(rng, s)} students is visiting {place}.",
               f"{say(rng, s).capitalize()} students are going to {place}.",
               f"There are {say(rng, s)} students on the trip to {place}.")
        d.tell(f"The bus costs {usd(rng, bus)}, and the students share the cost equally.",
               f"Renting the bus costs {usd(rng, bus)}, split evenly among the students.",
               f"The students will split the {usd(rng, bus)} bus fee equally.")
        d.tell(f"Each student also needs a {usd(rng, e)} ticket.",
               f"A ticket to get in costs {usd(rng, e)} per student.",
               f"Entry costs {usd(rng, e)} for each student.")
        q = ask(rng, ["How much does each student pay in all?", "How many dollars does one student pay altogether?",
                      "What is the total cost for one student?"], "the total cost for each student, in dollars",
                      "dollars")
        d.step(f"${bus} for the bus shared by {s} students.", f"bus_share = {bus} // {s}")
        d.step(f"Add the ${e} ticket.", f"each = bus_share + {e}")
        return d.end(q, "each", bus // s + e, form)
    if form == "total":
        s, t = rng.randint(15, 60), rng.randint(2, 8)
        a, b, bus = rng.randint(3, 15), rng.randint(5, 20), rng.randint(5, 40) * 10
        d.tell(f"{say(rng, s).capitalize()} students and {say(rng, t)} parents are going to {place}.",
               f"A trip to {place} includes {say(rng, s)} students and {say(rng, t)} parent helpers.",
               f"The class trip to {place} has {say(rng, s)} students and {say(rng, t)} adults.")
        d.tell(f"Tickets cost {usd(rng, a)} for a student and {usd(rng, b)} for an adult.",
               f"A student ticket is {usd(rng, a)} and an adult ticket is {usd(rng, b)}.",
               f"Each student ticket costs {usd(rng, a)}, and each adult ticket costs {usd(rng, b)}.")
        d.tell(f"The bus costs {usd(rng, bus)}.", f"The school also pays {usd(rng, bus)} for the bus.",
               f"On top of that, the bus costs {usd(rng, bus)}.")
        q = ask(rng, ["How much does the trip cost in total?", "What is the total cost of the trip?",
                      "How much money does the whole trip cost?"], "the total cost of the trip, in dollars", "dollars")
        d.step(f"{s} student tickets at ${a}.", f"students = {s} * {a}")
        d.step(f"{t} adult tickets at ${b}.", f"adults = {t} * {b}")
        d.step(f"Add the ${bus} bus.", f"total = students + adults + {bus}")
        return d.end(q, "total", s * a + t * b + bus, form)
    g = rng.randint(4, 10)
    groups = rng.randint(3, 9)
    have = rng.randint(2, groups - 1)
    s = g * groups
    d.tell(f"{say(rng, s).capitalize()} students are visiting {place}.",
           f"A group of {say(rng, s)} students is going to {place}.",
           f"There are {say(rng, s)} students on the trip to {place}.")
    d.tell(f"They walk around in groups of {say(rng, g)}, and each group needs one adult.",
           f"The teacher splits them into groups of {say(rng, g)} students, with one adult per group.",
           f"Each group of {say(rng, g)} students must have an adult with it.")
    d.tell(f"So far {say(rng, have)} adults have signed up.", f"Only {say(rng, have)} parents have volunteered.",
           f"{say(rng, have).capitalize()} adults are already coming.")
    q = ask(rng, ["How many more adults are needed?", "How many more adults still have to sign up?",
                  "How many more helpers does the class need?"], "the number of adults still needed")
    d.step(f"{s} students in groups of {g}.", f"groups = {s} // {g}")
    d.step(f"One adult per group; {have} adults already.", f"more = groups - {have}")
    return d.end(q, "more", groups - have, form)


SALE_ITEMS = [("cupcake", "cupcakes"), ("brownie", "brownies"), ("cookie", "cookies"), ("muffin", "muffins"),
              ("slice of pie", "slices of pie"), ("lemon bar", "lemon bars"),
              ("loaf of banana bread", "loaves of banana bread"),
              ("cinnamon roll", "cinnamon rolls"), ("rice crispy treat", "rice crispy treats")]
CLUBS = ["the school band", "the soccer team", "the art club", "the chess club", "the drama club", "a scout troop",
         "the robotics team", "the library volunteers"]


def sc_bake_sale(rng):
    """A bake sale: money from two kinds of treats, profit after ingredients, dozens baked and some unsold, treats
    still to sell for a goal, or cookies sold in bags."""
    d = Draft(rng, "bake_sale")
    club = rng.choice(CLUBS)
    (one, many), (_, many2) = rng.sample(SALE_ITEMS, 2)
    form = rng.choice(["two", "profit", "unsold", "goal", "bags"])
    if form == "two":
        n1, n2, p1, p2 = rng.randint(5, 60), rng.randint(5, 60), rng.randint(1, 6), rng.randint(1, 6)
        d.tell(f"{cap(club)} held a bake sale.", f"To raise money, {club} had a bake sale.",
               f"{cap(club)} sold treats at a bake sale.")
        d.tell(f"They sold {say(rng, n1)} {many} for {usd(rng, p1)} each and {say(rng, n2)} {many2} for {usd(rng, p2)} "
               f"each.",
               f"{cap(many)} were {usd(rng, p1)} each and {many2} were {usd(rng, p2)} each; they sold {say(rng, n1)} "
               f"{many} and {say(rng, n2)} {many2}.",
               f"They sold {say(rng, n1)} {many} at {usd(rng, p1)} apiece, and {say(rng, n2)} {many2} at "
               f"{usd(rng, p2)} apiece.")
        d.noise(0.25, "The sale started {n} minutes late.", "{N} brought {n} napkins.")
        q = ask(rng, ["How much money did they make?", "How many dollars did the bake sale bring in altogether?",
                      "How much money did they raise in all?"], "the total money the bake sale made, in dollars",
                      "dollars")
        d.step(f"{n1} {many} at ${p1} each.", f"first = {n1} * {p1}")
        d.step(f"{n2} {many2} at ${p2} each.", f"second = {n2} * {p2}")
        d.step("Add both.", "total = first + second")
        return d.end(q, "total", n1 * p1 + n2 * p2, form, f"How much money did {club} make at its bake sale?")
    p = person(rng, "baker")
    if form == "profit":
        n, price = rng.randint(12, 80), rng.randint(2, 5)
        cost = rng.randint(5, n * price - 1)
        d.tell(f"{p.First} baked {say(rng, n)} {many} for a bake sale.",
               f"For the bake sale, {p.first} made {say(rng, n)} {many}.",
               f"{p.First} made {say(rng, n)} {many} to sell.")
        d.tell(f"The ingredients cost {p.him} {usd(rng, cost)}.", f"{p.He} spent {usd(rng, cost)} on ingredients.",
               f"Buying the ingredients cost {usd(rng, cost)}.")
        d.tell(f"{p.He} sold every one of them for {usd(rng, price)} each.",
               f"{p.He} sold all of them at {usd(rng, price)} apiece.",
               f"Each one sold for {usd(rng, price)}, and all of them were sold.")
        q = ask(rng,
                [f"How much profit did {p.he} make?",
                 f"How much money did {p.he} make after paying for the ingredients?",
                      f"What was {p.his} profit in dollars?"], "the profit in dollars", "dollars")
        d.step(f"{n} {many} at ${price} each.", f"sales = {n} * {price}")
        d.step(f"Take away the ${cost} for ingredients.", f"profit = sales - {cost}")
        return d.end(q, "profit", n * price - cost, form)
    if form == "unsold":
        k, price = rng.randint(2, 8), rng.randint(1, 4)
        u = rng.randint(2, 11)
        text, code, note = dz(rng, 12 * k, 0.8)
        d.tell(f"{p.First} baked {text} {many} for the bake sale.",
               f"For {club}'s bake sale, {p.first} baked {text} {many}.",
               f"{p.First} brought {text} {many} to the bake sale.")
        d.tell(f"{p.He} sold all but {say(rng, u)} of them.", f"By the end, only {say(rng, u)} were left unsold.",
               f"Everything sold except {say(rng, u)} {many}.")
        d.tell(f"Each one sold for {usd(rng, price)}.", f"They were {usd(rng, price)} each.",
               f"The price was {usd(rng, price)} apiece.")
        q = ask(rng, [f"How much money did {p.he} collect?", f"How many dollars did {p.he} make from the {many}?",
                      f"How much money did the {many} bring in?"], f"the money {p.he} collected, in dollars", "dollars")
        d.step(f"{12 * k} {many} baked{note}.", f"baked = {code}")
        d.step(f"{u} were not sold.", f"sold = baked - {u}")
        d.step(f"${price} for each one sold.", f"money = sold * {price}")
        return d.end(q, "money", (12 * k - u) * price, form)
    if form == "goal":
        price = rng.randint(2, 6)
        sold, more = rng.randint(5, 40), rng.randint(3, 40)
        goal = price * (sold + more)
        d.tell(f"{p.First} wants to raise {usd(rng, goal)} for {club}.",
               f"{p.First}'s goal is to raise {usd(rng, goal)} at a bake sale.",
               f"At a bake sale, {p.first} hopes to raise {usd(rng, goal)}.")
        d.tell(f"{p.He} sells {many} for {usd(rng, price)} each.", f"Each of {p.his} {many} costs {usd(rng, price)}.",
               f"{cap(many)} sell for {usd(rng, price)} apiece.")
        d.tell(f"So far {p.he} has sold {say(rng, sold)} {many}.", f"{p.He} has already sold {say(rng, sold)}.",
               f"In the first hour {p.he} sold {say(rng, sold)} of them.")
        q = ask(rng, [f"How many more {many} must {p.he} sell to reach {p.his} goal?",
                      f"How many more {many} does {p.he} need to sell?",
                      f"How many more does {p.he} have to sell to reach the goal?"],
                f"the number of {many} {p.he} still has to sell")
        d.step(f"{sold} {many} sold at ${price} each.", f"raised = {sold} * {price}")
        d.step(f"The goal is ${goal}.", f"still_needed = {goal} - raised")
        d.step(f"${price} for each {one}.", f"more = still_needed // {price}")
        return d.end(q, "more", more, form)
    k, bags, price = rng.randint(3, 8), rng.randint(4, 25), rng.randint(2, 6)
    n = k * bags
    d.tell(f"{p.First} baked {say(rng, n)} cookies for the bake sale.",
           f"{p.First} made {say(rng, n)} cookies to sell.",
           f"For the bake sale, {p.first} baked {say(rng, n)} cookies.")
    d.tell(f"{p.He} put them in bags of {say(rng, k)}.", f"{p.He} packed them {say(rng, k)} to a bag.",
           f"Each bag held {say(rng, k)} cookies.")
    d.tell(f"{p.He} sold every bag for {usd(rng, price)}.", f"Each bag sold for {usd(rng, price)}, and all were sold.",
           f"All the bags sold at {usd(rng, price)} a bag.")
    q = ask(rng, [f"How much money did {p.he} make?", f"How many dollars did {p.he} earn from the cookies?",
                  "How much money did the cookies bring in?"], f"the money {p.he} made, in dollars", "dollars")
    d.step(f"{n} cookies, {k} to a bag.", f"bags = {n} // {k}")
    d.step(f"${price} per bag.", f"money = bags * {price}")
    return d.end(q, "money", bags * price, form)


JOBS = ["as a lifeguard", "as a cashier", "at a pet store", "at a bookstore", "as a math tutor", "at a cafe",
        "at the farm stand", "at a grocery store", "at the animal shelter", "as a camp counselor", "at the library"]


def sc_wages(rng):
    """Pay by the hour: a week of shifts, overtime at double pay or at time and a half, pay plus tips, or weeks of
    work to reach a goal."""
    d = Draft(rng, "wages")
    p = person(rng, None, 0.2)
    job = rng.choice(JOBS)
    form = rng.choice(["week", "double", "half", "tips", "goal"])
    r = rng.randint(8, 25)
    if form == "week":
        h, days = rng.randint(2, 8), rng.randint(2, 6)
        d.tell(f"{p.First} works {job} and earns {usd(rng, r)} an hour.",
               f"{p.First} has a job {job} that pays {usd(rng, r)} per hour.",
               f"{p.First} makes {usd(rng, r)} an hour working {job}.")
        d.tell(f"{p.He} works {say(rng, h)} hours a day, {say(rng, days)} days a week.",
               f"Each week {p.he} works {say(rng, days)} days, {say(rng, h)} hours each day.",
               f"{p.His} shifts are {say(rng, h)} hours long, and {p.he} works {say(rng, days)} shifts a week.")
        d.noise(0.25, "{N} started the job {n} days ago.", "The bus to work costs {n} cents less on Sundays.")
        q = ask(rng, [f"How much does {p.he} earn in a week?", f"How many dollars does {p.he} make each week?",
                      f"What is {p.his} weekly pay?"], "the pay for one week, in dollars", "dollars")
        d.step(f"{h} hours a day for {days} days.", f"hours = {h} * {days}")
        d.step(f"${r} for each hour.", f"pay = hours * {r}")
        return d.end(q, "pay", r * h * days, form, f"How much does {p.name} earn in a week?")
    if form in ("double", "half"):
        base = rng.choice([35, 38, 40, 40])
        extra = rng.randint(2, 12)
        if form == "half":
            r += r % 2
        over = r * 2 if form == "double" else r + r // 2
        d.tell(f"{p.First} works {job} and is paid {usd(rng, r)} an hour for the first {base} hours each week.",
               f"{p.First}'s job {job} pays {usd(rng, r)} per hour for up to {base} hours a week.",
               f"Working {job}, {p.first} earns {usd(rng, r)} an hour for {p.his} first {base} hours in a week.")
        if form == "double":
            d.tell("Every hour after that is paid double.", f"For each extra hour, {p.he} gets twice the usual rate.",
                   "Overtime hours pay double.")
        else:
            d.tell("Every hour after that is paid at time and a half.",
                   f"For each extra hour {p.he} earns one and a half times the usual rate.",
                   "Overtime pays time and a half, that is, the normal rate plus half of it.")
        d.tell(f"Last week {p.he} worked {base + extra} hours.", f"This week {p.he} put in {base + extra} hours.",
               f"{p.He} worked {base + extra} hours last week.")
        q = ask(rng, [f"How much did {p.he} earn that week?", f"How many dollars did {p.he} make in total that week?",
                      f"What was {p.his} pay for the week?"], "the pay for that week, in dollars", "dollars")
        d.step(f"The first {base} hours at ${r}.", f"regular = {base} * {r}")
        d.step(f"{base + extra} hours worked; the hours over {base}.", f"extra_hours = {base + extra} - {base}")
        if form == "double":
            d.step(f"Overtime pays double: 2 times ${r}.", f"overtime_rate = {r} * 2")
        else:
            d.step(f"Time and a half: ${r} plus half of ${r}.", f"overtime_rate = {r} + {r} // 2")
        d.step("Overtime pay, then add the regular pay.", "pay = regular + extra_hours * overtime_rate")
        return d.end(q, "pay", base * r + extra * over, form)
    if form == "tips":
        h, shifts, t = rng.randint(3, 8), rng.randint(2, 6), rng.randint(5, 40)
        d.tell(f"{p.First} works {job} for {usd(rng, r)} an hour.", f"{p.First} earns {usd(rng, r)} per hour {job}.",
               f"{p.First}'s job {job} pays {usd(rng, r)} an hour.")
        d.tell(f"This week {p.he} worked {say(rng, shifts)} shifts of {say(rng, h)} hours.",
               f"{p.He} worked {say(rng, shifts)} shifts this week, each {say(rng, h)} hours long.",
               f"{p.He} did {say(rng, shifts)} shifts of {say(rng, h)} hours each.")
        d.tell(f"{p.He} also got {usd(rng, t)} in tips each shift.",
               f"On top of that, {p.he} made {usd(rng, t)} in tips per shift.",
               f"Customers left {p.him} {usd(rng, t)} in tips every shift.")
        q = ask(rng,
                [f"How much money did {p.he} make this week, tips included?",
                 f"How much did {p.he} earn in all this week?",
                      f"What were {p.his} total earnings for the week?"], "the total earnings for the week, in dollars",
                      "dollars")
        d.step(f"{shifts} shifts of {h} hours.", f"hours = {shifts} * {h}")
        d.step(f"${r} an hour.", f"wages = hours * {r}")
        d.step(f"${t} in tips for each of {shifts} shifts.", f"total = wages + {t} * {shifts}")
        return d.end(q, "total", r * h * shifts + t * shifts, form)
    h, weeks = rng.randint(4, 15), rng.randint(2, 10)
    goal = r * h * weeks
    thing = rng.choice(["a bike", "a laptop", "a guitar", "a tablet", "concert tickets", "a used scooter", "a camera"])
    d.tell(f"{p.First} wants to buy {thing} that costs {usd(rng, goal)}.",
           f"{p.First} is saving {usd(rng, goal)} for {thing}.",
           f"{cap(thing)} costs {usd(rng, goal)}, and {p.first} wants to buy it.")
    d.tell(f"{p.He} works {job} for {usd(rng, r)} an hour.", f"{p.He} earns {usd(rng, r)} per hour {job}.",
           f"{p.His} job {job} pays {usd(rng, r)} an hour.")
    d.tell(f"{p.He} works {say(rng, h)} hours each week and saves all of it.",
           f"Every week {p.he} works {say(rng, h)} hours and saves every dollar.",
           f"{p.He} puts in {say(rng, h)} hours a week and keeps all the money.")
    q = ask(rng, [f"How many weeks will it take {p.him} to save enough?", f"How many weeks does {p.he} need to work?",
                  f"After how many weeks can {p.he} buy it?"], f"the number of weeks {p.he} needs to work")
    d.step(f"{h} hours at ${r} each week.", f"per_week = {h} * {r}")
    d.step(f"${goal} to save.", f"weeks = {goal} // per_week")
    return d.end(q, "weeks", weeks, form)


SERVICES = ["phone plan", "music streaming service", "gym membership", "internet plan", "magazine subscription",
            "cloud storage plan", "video streaming service", "pool pass", "language app subscription"]


def sc_subscription(rng):
    """A monthly plan: a year's cost with a sign-up fee, the yearly plan's saving, two services for some months,
    extra charges on top, a family plan shared, or months a gift card pays for."""
    d = Draft(rng, "subscription")
    p = person(rng)
    svc, svc2 = rng.sample(SERVICES, 2)
    m = rng.randint(5, 60)
    form = rng.choice(["year", "compare", "two", "extra", "family", "card"])
    if form == "year":
        f = rng.randint(10, 80)
        d.tell(f"{p.First} signs up for a {svc} that costs {usd(rng, m)} a month.",
               f"{p.First}'s {svc} is {usd(rng, m)} per month.",
               f"{p.First} pays {usd(rng, m)} each month for a {svc}.")
        d.tell(f"There is also a one-time ${f} sign-up fee.", f"Joining costs an extra {usd(rng, f)}, paid once.",
               f"{p.He} also paid a {usd(rng, f)} fee when {p.he} signed up.")
        q = ask(rng,
                [f"How much does {p.he} pay in the first year?",
                 f"How much money does the {svc} cost {p.him} for one year?",
                      "What is the total cost for the first year?"], "the total cost of the first year, in dollars",
                      "dollars")
        d.step(f"${m} a month; a year has 12 months.", f"months_cost = {m} * 12")
        d.step(f"Add the ${f} fee.", f"total = months_cost + {f}")
        return d.end(q, "total", m * 12 + f, form, f"How much does {p.name} pay for the {svc} in its first year?")
    if form == "compare":
        save = rng.randint(5, m * 3)
        yearly = m * 12 - save
        d.tell(f"A {svc} costs {usd(rng, m)} a month, or {usd(rng, yearly)} if you pay for a whole year at once.",
               f"{p.First} can pay {usd(rng, m)} each month for a {svc}, or pay {usd(rng, yearly)} for the year up "
               f"front.",
               f"The {svc} {p.first} wants has two prices: {usd(rng, m)} per month or {usd(rng, yearly)} per year.")
        q = ask(rng, ["How much is saved in a year by paying yearly?", "How many dollars does the yearly plan save?",
                      "How much cheaper is the yearly price than paying every month for a year?"],
                "the money saved in a year by paying yearly", "dollars")
        d.step(f"${m} a month for 12 months.", f"monthly_total = {m} * 12")
        d.step(f"The yearly price is ${yearly}.", f"saved = monthly_total - {yearly}")
        return d.end(q, "saved", save, form)
    if form == "two":
        m2, k = rng.randint(3, 30), rng.randint(2, 11)
        d.tell(f"{p.First} pays {usd(rng, m)} a month for a {svc} and {usd(rng, m2)} a month for a {svc2}.",
               f"Each month {p.first} spends {usd(rng, m)} on a {svc} and {usd(rng, m2)} on a {svc2}.",
               f"{p.First} has a {svc} at {usd(rng, m)} per month and a {svc2} at {usd(rng, m2)} per month.")
        q = ask(rng,
                [f"How much does {p.he} pay for both over {say(rng, k)} months?",
                 f"How much money does {p.he} spend on the two in {say(rng, k)} months?",
                      f"What do the two cost {p.him} altogether for {say(rng, k)} months?"], None, "dollars")
        d.step(f"${m} and ${m2} each month.", f"per_month = {m} + {m2}")
        d.step(f"{k} months.", f"total = per_month * {k}")
        return d.end(q, "total", (m + m2) * k, form)
    if form == "extra":
        e, k, x = rng.randint(2, 15), rng.randint(2, 12), rng.randint(2, 10)
        d.tell(f"{p.First}'s phone plan costs {usd(rng, m)} a month.",
               f"{p.First} pays {usd(rng, m)} every month for a phone plan.",
               f"A phone plan costs {p.first} {usd(rng, m)} per month.")
        d.tell(f"Each extra gigabyte of data costs {usd(rng, e)}.",
               f"Going over the data limit costs {usd(rng, e)} for every extra gigabyte.",
               f"The plan charges {usd(rng, e)} for each gigabyte over the limit.")
        d.tell(f"Over {say(rng, k)} months, {p.he} used {say(rng, x)} extra gigabytes in all.",
               f"In the last {say(rng, k)} months {p.he} went over by {say(rng, x)} gigabytes altogether.",
               f"During {say(rng, k)} months {p.he} used a total of {say(rng, x)} extra gigabytes.")
        q = ask(rng,
                [f"How much did {p.he} pay for those months?", f"What did the phone cost {p.him} over those months?",
                      "How many dollars did the plan cost in total for that time?"],
                      "the total paid for those months, in dollars", "dollars")
        d.step(f"${m} a month for {k} months.", f"plan = {m} * {k}")
        d.step(f"{x} extra gigabytes at ${e} each.", f"extra = {x} * {e}")
        d.step("Add them.", "total = plan + extra")
        return d.end(q, "total", m * k + e * x, form)
    if form == "family":
        k = rng.randint(2, 6)
        fam = k * rng.randint(3, 15)
        d.tell(f"A family {svc} costs {usd(rng, fam)} a month.",
               f"{p.First}'s family pays {usd(rng, fam)} per month for a {svc}.",
               f"The {svc} for the whole family is {usd(rng, fam)} each month.")
        d.tell(f"{say(rng, k).capitalize()} people share the cost equally.",
               f"The cost is split evenly among {say(rng, k)} people.",
               f"{say(rng, k).capitalize()} family members each pay an equal part.")
        q = ask(rng,
                ["How much does each person pay in a year?", "How many dollars does one person pay over a whole year?",
                      "What is each person's share for one year?"],
                      "the share each person pays for one year, in dollars", "dollars")
        d.step(f"${fam} a month shared by {k}.", f"each_month = {fam} // {k}")
        d.step("A year has 12 months.", "each_year = each_month * 12")
        return d.end(q, "each_year", fam // k * 12, form)
    k = rng.randint(2, 12)
    own = rng.randint(1, m * k - 1)
    card = m * k - own
    d.tell(f"{p.First} got a {usd(rng, card)} gift card and adds {usd(rng, own)} of {p.his} own money.",
           f"For {p.his} birthday, {p.first} received a gift card worth {usd(rng, card)}, and {p.he} puts "
           f"{usd(rng, own)} of savings with it.",
           f"{p.First} has {usd(rng, card)} on a gift card and {usd(rng, own)} in cash to spend.")
    d.tell(f"{p.He} uses it to pay for a {svc} that costs {usd(rng, m)} a month.",
           f"A {svc} costs {usd(rng, m)} per month.",
           f"{p.He} wants a {svc} at {usd(rng, m)} a month.")
    q = ask(rng, ["How many months can that money pay for?", f"For how many months will the money cover the {svc}?",
                  "How many months does the money last?"], "the number of months the money pays for")
    d.step(f"${card} on the card and ${own} of {p.his} own.", f"money = {card} + {own}")
    d.step(f"${m} a month.", f"months = money // {m}")
    return d.end(q, "months", k, form)


BOOKS = ["a mystery novel", "a book about space", "a fantasy book", "a biography", "a comic novel",
         "an adventure story", "a history book", "a book of fairy tales", "a novel for a book report"]


def sc_reading(rng):
    """Reading a book: days to finish the rest, pages left after some days, a week of weekday and weekend
    reading, pages a day to finish in time, chapters left, or two books at one pace."""
    d = Draft(rng, "reading")
    p = person(rng, "student", 0.2)
    book = rng.choice(BOOKS)
    form = rng.choice(["days", "left", "week", "pace", "chapters", "two"])
    if form in ("days", "pace"):
        k, per = rng.randint(3, 15), rng.randint(5, 40)
        read = rng.randint(10, 120)
        total = read + k * per
        d.tell(f"{p.First} is reading {book} with {total} pages.", f"{p.First}'s book, {book}, has {total} pages.",
               f"{p.First} borrowed {book} that is {total} pages long.")
        d.tell(f"{p.He} has already read {say(rng, read)} pages.", f"So far {p.he} has read {say(rng, read)} pages.",
               f"{p.He} read the first {say(rng, read)} pages last weekend.")
        d.noise(0.2, "The book cost {n} dollars.", "{N} read {n} pages of a different book.")
        if form == "days":
            d.tell(f"{p.He} reads {say(rng, per)} pages a day.",
                   f"From now on {p.he} will read {say(rng, per)} pages every day.",
                   f"Each day {p.he} reads {say(rng, per)} more pages.")
            q = ask(rng,
                    [f"How many more days will it take {p.him} to finish the book?",
                     f"In how many days will {p.he} finish?",
                          f"How many days does {p.he} need to read the rest?"], "the number of days to finish the book")
            d.step(f"{total} pages, {read} already read.", f"pages_left = {total} - {read}")
            d.step(f"{per} pages a day.", f"days = pages_left // {per}")
            return d.end(q, "days", k, form)
        d.tell(f"{p.He} wants to finish it in {say(rng, k)} days.", f"{p.He} has {say(rng, k)} days left to finish it.",
               f"The book is due back in {say(rng, k)} days.")
        q = ask(rng,
                [f"How many pages must {p.he} read each day?",
                 f"How many pages a day does {p.he} need to read to finish on time?",
                      f"If {p.he} reads the same number of pages every day, how many pages is that per day?"],
                "the number of pages to read each day")
        d.step(f"{total} pages, {read} already read.", f"pages_left = {total} - {read}")
        d.step(f"Share them over {k} days.", f"per_day = pages_left // {k}")
        return d.end(q, "per_day", per, form)
    if form == "left":
        per, days, extra = rng.randint(5, 30), rng.randint(2, 7), rng.randint(5, 40)
        total = per * days + extra + rng.randint(5, 150)
        d.tell(f"{p.First} started {book} that has {total} pages.",
               f"{p.First} is reading {book}, which is {total} pages long.",
               f"{cap(book)} that {p.first} is reading has {total} pages.")
        d.tell(f"{p.He} read {say(rng, per)} pages a day for {say(rng, days)} days.",
               f"For {say(rng, days)} days, {p.he} read {say(rng, per)} pages each day.",
               f"{p.He} managed {say(rng, per)} pages every day for {say(rng, days)} days.")
        d.tell(f"On Saturday {p.he} read {say(rng, extra)} more pages.",
               f"Then {p.he} read another {say(rng, extra)} pages on a long bus ride.",
               f"{p.He} also read {say(rng, extra)} pages on Sunday.")
        q = ask(rng, ["How many pages are left?", f"How many pages does {p.he} still have to read?",
                      "How many pages of the book remain?"], "the number of pages left")
        d.step(f"{per} pages a day for {days} days.", f"first_days = {per} * {days}")
        d.step(f"{extra} more pages.", f"read = first_days + {extra}")
        d.step(f"The book has {total} pages.", f"left = {total} - read")
        return d.end(q, "left", total - per * days - extra, form)
    if form == "week":
        a, b = rng.randint(5, 30), rng.randint(10, 60)
        d.tell(f"{p.First} reads {say(rng, a)} pages every weekday.",
               f"On school days, {p.first} reads {say(rng, a)} pages.",
               f"Monday through Friday, {p.first} reads {say(rng, a)} pages a day.")
        d.tell(f"On Saturday and Sunday {p.he} reads {say(rng, b)} pages each day.",
               f"On each day of the weekend {p.he} reads {say(rng, b)} pages.",
               f"Weekends are for reading more: {say(rng, b)} pages a day.")
        q = ask(rng,
                [f"How many pages does {p.he} read in a week?", f"How many pages does {p.he} read in one whole week?",
                      f"In total, how many pages does {p.he} read each week?"], "the number of pages read in a week")
        d.step(f"{a} pages on each of the 5 weekdays.", f"weekdays = {a} * 5")
        d.step(f"{b} pages on each of the 2 weekend days.", f"weekend = {b} * 2")
        d.step("Add them.", "total = weekdays + weekend")
        return d.end(q, "total", a * 5 + b * 2, form, f"How many pages does {p.name} read in a week?")
    if form == "chapters":
        c, per = rng.randint(8, 30), rng.randint(6, 25)
        k = rng.randint(2, c - 1)
        d.tell(f"{p.First}'s book has {say(rng, c)} chapters, and each chapter is {say(rng, per)} pages long.",
               f"{cap(book)} has {say(rng, c)} chapters of {say(rng, per)} pages each; {p.first} is reading it.",
               f"{p.First} is reading {book}: {say(rng, c)} chapters, {say(rng, per)} pages in every chapter.")
        d.tell(f"{p.He} has finished {say(rng, k)} chapters.", f"So far {p.he} has read {say(rng, k)} chapters.",
               f"{p.He} is done with the first {say(rng, k)} chapters.")
        q = ask(rng, [f"How many pages does {p.he} have left to read?", "How many pages remain?",
                      f"How many more pages must {p.he} read to finish the book?"], "the number of pages left to read")
        d.step(f"{c} chapters, {k} finished.", f"chapters_left = {c} - {k}")
        d.step(f"{per} pages in each chapter.", f"pages_left = chapters_left * {per}")
        return d.end(q, "pages_left", (c - k) * per, form)
    per = rng.randint(10, 40)
    days = rng.randint(4, 20)
    p1 = rng.randint(1, days - 2) * per + rng.randint(0, per - 1)
    p2 = days * per - p1
    d.tell(f"{p.First} has two books to read: one has {p1} pages and the other has {p2} pages.",
           f"{p.First} borrowed two books from the library, with {p1} and {p2} pages.",
           f"For the summer, {p.first} picked a {p1}-page book and a {p2}-page book.")
    d.tell(f"{p.He} reads {say(rng, per)} pages a day.", f"{p.He} reads {say(rng, per)} pages every day.",
           f"Every day {p.he} reads exactly {say(rng, per)} pages.")
    q = ask(rng,
            [f"How many days will it take {p.him} to read both books?", "How many days does it take to finish both?",
                  f"In how many days will {p.he} finish the two books?"], "the number of days to read both books")
    d.step(f"{p1} pages and {p2} pages.", f"pages = {p1} + {p2}")
    d.step(f"{per} pages a day.", f"days = pages // {per}")
    return d.end(q, "days", days, form)


CROPS = [("tomato plants", "tomatoes"), ("pepper plants", "peppers"), ("bean plants", "beans"),
         ("strawberry plants", "strawberries"), ("cucumber plants", "cucumbers"), ("zucchini plants", "zucchinis"),
         ("eggplant plants", "eggplants"), ("pumpkin vines", "pumpkins")]
FLOWERS = ["sunflowers", "tulips", "rose bushes", "marigolds", "lettuce plants", "cabbages", "daisies", "onions"]


def sc_garden(rng):
    """A garden in rows: plants still alive after some die, the harvest (and what is left after giving some
    away), a fraction eaten by rabbits, rows still to plant, or water for a week."""
    d = Draft(rng, "garden")
    p = person(rng, "gardener")
    form = rng.choice(["alive", "harvest", "harvest_left", "eaten", "rows", "water"])
    rows, per, k = rng.randint(3, 12), rng.randint(4, 15), rng.choice([2, 3, 4])
    while form == "eaten" and rows * per % k:
        per += 1
    R, P = say(rng, rows), say(rng, per)
    plants, crop = rng.choice(CROPS) if form.startswith("harvest") else (rng.choice(FLOWERS), None)
    if form != "rows":
        d.tell(f"{p.First} planted {R} rows of {plants} with {P} in each row.",
               f"{p.First}'s garden has {R} rows of {plants}, {P} plants to a row.",
               f"There are {R} rows of {plants} in {p.first}'s garden, and each row has {P} plants.")
    if form == "alive":
        dead = rng.randint(1, rows * per - 1)
        d.tell(f"{say(rng, dead).capitalize()} of the plants died in a heat wave.",
               f"A late frost killed {say(rng, dead)} of them.",
               f"Snails ate {say(rng, dead)} of the plants.")
        q = ask(rng, ["How many plants are still alive?", f"How many {plants} does {p.he} have left?",
                      "How many of the plants survived?"], "the number of plants still alive")
        d.step(f"{rows} rows of {per}.", f"planted = {rows} * {per}")
        d.step(f"{dead} died.", f"alive = planted - {dead}")
        return d.end(q, "alive", rows * per - dead, form)
    if form.startswith("harvest"):
        each = rng.randint(2, 12)
        while rows * per * each > 3000:
            each -= 1
        d.tell(f"Each plant gave {say(rng, each)} {crop}.", f"Every plant produced {say(rng, each)} {crop}.",
               f"{p.He} picked {say(rng, each)} {crop} from each plant.")
        d.step(f"{rows} rows of {per} plants.", f"plants = {rows} * {per}")
        d.step(f"{each} {crop} per plant.", f"picked = plants * {each}")
        if form == "harvest":
            q = ask(rng,
                    [f"How many {crop} did {p.he} pick in all?", f"How many {crop} did the garden give altogether?",
                          f"What is the total number of {crop} harvested?"], f"the total number of {crop} picked")
            return d.end(q, "picked", rows * per * each, form, f"How many {crop} did {p.name} pick?")
        gave = rng.randint(2, rows * per * each // 2)
        d.tell(f"{p.He} gave {say(rng, gave)} {crop} to the neighbors.",
               f"Then {p.he} gave away {say(rng, gave)} of them.",
               f"{p.He} shared {say(rng, gave)} {crop} with friends.")
        q = ask(rng, [f"How many {crop} does {p.he} have left?", f"How many {crop} did {p.he} keep?",
                      f"How many {crop} remain?"], f"the number of {crop} left")
        d.step(f"{gave} given away.", f"left = picked - {gave}")
        return d.end(q, "left", rows * per * each - gave, form)
    if form == "eaten":
        frac = {2: "half", 3: "a third", 4: "a quarter"}[k]
        d.tell(f"Rabbits ate {frac} of them.", f"One night, rabbits got in and ate {frac} of the plants.",
               f"{cap(frac)} of the plants were eaten by deer.")
        q = ask(rng,
                ["How many plants are left?", "How many plants were not eaten?",
                 f"How many {plants} are still in the garden?"],
                "the number of plants left")
        d.step(f"{rows} rows of {per}.", f"planted = {rows} * {per}")
        d.step(f"{cap(frac)} is 1 out of {k} equal parts.", f"eaten = planted // {k}")
        d.step("What was not eaten.", "left = planted - eaten")
        return d.end(q, "left", rows * per - rows * per // k, form)
    if form == "rows":
        done = rng.randint(2, rows - 1)
        n = rows * per
        d.tell(f"{p.First} has {say(rng, n)} {plants} to plant.",
               f"{p.First} bought {say(rng, n)} {plants} for the garden.",
               f"There are {say(rng, n)} young {plants} waiting to go into {p.first}'s garden.")
        d.tell(f"{p.He} puts {P} in each row.", f"Each row holds {P} plants.", f"{p.He} plants them in rows of {P}.")
        d.tell(f"{p.He} has already planted {say(rng, done)} rows.",
               f"{say(rng, done).capitalize()} rows are finished.",
               f"By lunch {p.he} had planted {say(rng, done)} rows.")
        q = ask(rng, [f"How many more rows does {p.he} need to plant?", "How many rows are still left to plant?",
                      f"How many rows does {p.he} still have to do?"], "the number of rows still to plant")
        d.step(f"{n} plants in rows of {per}.", f"rows = {n} // {per}")
        d.step(f"{done} rows done.", f"rows_left = rows - {done}")
        return d.end(q, "rows_left", rows - done, form)
    w = rng.randint(1, 3)
    d.tell(f"Each plant needs {say(rng, w)} {plural(w, 'liter', 'liters')} of water a day.",
           f"Every plant gets {say(rng, w)} {plural(w, 'liter', 'liters')} of water each day.",
           f"{p.He} gives each plant {say(rng, w)} {plural(w, 'liter', 'liters')} of water daily.")
    q = ask(rng,
            ["How many liters of water do the plants need in a week?",
             f"How much water, in liters, does {p.he} use in one week?",
                  "How many liters of water does the garden use each week?"],
                  "the number of liters of water used in a week")
    d.step(f"{rows} rows of {per}.", f"plants = {rows} * {per}")
    d.step(f"{w} liters per plant each day.", f"per_day = plants * {w}")
    d.step("A week has 7 days.", "per_week = per_day * 7")
    return d.end(q, "per_week", rows * per * w * 7, form)


TOWNS = ["the beach", "Grandma's house", "the lake", "the mountains", "the city", "a national park", "the coast",
         "a cousin's farm", "a camping site", "the next town"]


def sc_road_trip(rng):
    """A drive: distance still to go, driving time plus stops in minutes, fuel for a round trip, miles over several
    days, or how much longer one route takes."""
    d = Draft(rng, "road_trip")
    p = person(rng, "driver")
    town = rng.choice(TOWNS)
    unit = rng.choice(["kilometers", "miles"])
    form = rng.choice(["remaining", "time", "fuel", "days", "routes"])
    if form == "remaining":
        v, t, x = rng.choice([40, 50, 55, 60, 65, 70, 80, 90]), rng.randint(2, 4), rng.randint(10, 90)
        total = v * t + x + rng.randint(5, 200)
        d.tell(f"{p.First} is driving to {town}, which is {total} {unit} away.",
               f"The drive from {p.poss} home to {town} is {total} {unit}.",
               f"{p.First} has a {total}-{unit[:-1]} drive to {town}.")
        d.tell(f"{p.He} drives at {v} {unit} per hour for {say(rng, t)} hours.",
               f"For {say(rng, t)} hours {p.he} drives at {v} {unit} an hour.",
               f"{p.He} averages {v} {unit} an hour for the first {say(rng, t)} hours.")
        d.noise(0.25, "The car has {n} songs on its playlist.", "{N} packed {n} snacks for the ride.")
        d.tell(f"After a stop for lunch, {p.he} drives another {x} {unit}.",
               f"Then, after lunch, {p.he} covers {x} more {unit}.",
               f"After a short break {p.he} drives {x} {unit} more.")
        q = ask(rng, [f"How many {unit} are left to drive?", f"How far does {p.he} still have to go?",
                      f"How many more {unit} until {p.he} gets to {town}?"], f"the number of {unit} still to drive",
                      unit)
        d.step(f"{v} {unit} an hour for {t} hours.", f"first_part = {v} * {t}")
        d.step(f"{x} {unit} after lunch.", f"driven = first_part + {x}")
        d.step(f"The whole trip is {total} {unit}.", f"left = {total} - driven")
        return d.end(q, "left", total - v * t - x, form)
    if form == "time":
        v, h = rng.choice([40, 50, 60, 70, 80]), rng.randint(2, 6)
        s, m = rng.randint(1, 4), rng.choice([10, 15, 20, 25, 30, 45])
        dist = v * h
        d.tell(f"{p.First} drives {dist} {unit} to {town} at {v} {unit} per hour.",
               f"The trip to {town} is {dist} {unit}, and {p.first} drives at {v} {unit} an hour.",
               f"{p.First} travels {dist} {unit} to {town}, going {v} {unit} each hour.")
        d.tell(f"{p.He} also makes {say(rng, s)} {plural(s, 'stop', 'stops')} of {say(rng, m)} minutes each.",
               f"On the way {p.he} stops {say(rng, s)} {plural(s, 'time', 'times')}, for {say(rng, m)} minutes each "
               f"time.",
               f"Along the way there {plural(s, 'is', 'are')} {say(rng, s)} {plural(s, 'break', 'breaks')} of "
               f"{say(rng, m)} minutes.")
        q = ask(rng,
                ["How many minutes does the whole trip take?",
                 f"How long, in minutes, does it take {p.him} to get to {town}?",
                      "What is the total time of the trip in minutes?"], "the total time of the trip in minutes")
        d.step(f"{dist} {unit} at {v} {unit} an hour.", f"hours = {dist} // {v}")
        d.step("An hour has 60 minutes.", "driving = hours * 60")
        d.step(f"{s} stops of {m} minutes.", f"total = driving + {s} * {m}")
        return d.end(q, "total", h * 60 + s * m, form, f"How many minutes does {p.poss} trip to {town} take?")
    if form == "fuel":
        k = rng.choice([8, 10, 12, 15, 20, 25])
        dist = k * rng.randint(2, 20)
        price = rng.randint(1, 3)
        d.tell(f"{p.First}'s home is {dist} kilometers from {town}.",
               f"{p.First} lives {dist} kilometers from {town}.",
               f"It is {dist} kilometers from {p.poss} house to {town}.")
        d.tell(f"{p.His} car uses 1 liter of fuel for every {k} kilometers.",
               f"The car goes {k} kilometers on a liter of fuel.",
               f"{p.His} car can drive {k} kilometers per liter.")
        d.tell(f"Fuel costs {usd(rng, price)} a liter.", f"A liter of fuel is {usd(rng, price)}.",
               f"Each liter of fuel costs {usd(rng, price)}.")
        q = ask(rng,
                ["How much does fuel cost for a trip there and back?",
                 "How many dollars of fuel does a round trip need?",
                      f"How much will {p.he} spend on fuel to go to {town} and come back?"],
                      "the fuel cost of the round trip, in dollars", "dollars")
        d.step(f"There and back is 2 times {dist} kilometers.", f"distance = {dist} * 2")
        d.step(f"1 liter for every {k} kilometers.", f"liters = distance // {k}")
        d.step(f"${price} per liter.", f"cost = liters * {price}")
        return d.end(q, "cost", dist * 2 // k * price, form)
    if form == "days":
        per, days, last = rng.randint(100, 400), rng.randint(2, 5), rng.randint(20, 150)
        d.tell(f"On a road trip, {p.first} drove {per} {unit} each day for {say(rng, days)} days.",
               f"{p.First} drove {per} {unit} a day for {say(rng, days)} days.",
               f"For {say(rng, days)} days in a row, {p.first} drove {per} {unit} a day.")
        d.tell(f"On the last day {p.he} drove only {last} {unit}.", f"The final day was shorter: just {last} {unit}.",
               f"{p.He} finished with a short drive of {last} {unit}.")
        q = ask(rng, [f"How many {unit} did {p.he} drive in all?", f"How far did {p.he} drive altogether?",
                      f"What was the total distance of the trip in {unit}?"], f"the total number of {unit} driven",
                      unit)
        d.step(f"{per} {unit} a day for {days} days.", f"first_days = {per} * {days}")
        d.step(f"Add the last {last} {unit}.", f"total = first_days + {last}")
        return d.end(q, "total", per * days + last, form)
    v1, v2 = rng.sample([30, 40, 50, 60, 80], 2)
    h1, h2 = rng.randint(1, 5), rng.randint(1, 5)
    if h1 * v1 == h2 * v2 or h1 == h2:
        h2 = h1 + 1
    d1, d2 = v1 * h1, v2 * h2
    d.tell(f"There are two ways to get to {town}.", f"{p.First} can take one of two routes to {town}.",
           f"Two roads lead to {town}.")
    i = rng.randrange(3)
    d.tell([f"The highway is {d1} {unit} and cars go {v1} {unit} an hour on it.",
            f"One route is {d1} {unit} long at {v1} {unit} per hour.",
            f"The north road is {d1} {unit}, driven at {v1} {unit} an hour."][i])
    d.tell([f"The back road is {d2} {unit} and cars go {v2} {unit} an hour.",
            f"The other is {d2} {unit} at {v2} {unit} per hour.",
            f"The south road is {d2} {unit}, driven at {v2} {unit} an hour."][i])
    q = ask(rng,
            ["How many minutes longer does the slower route take?", "How many more minutes does the slower way take?",
                  "By how many minutes is the faster route quicker?"],
                  "the difference in minutes between the two routes")
    d.step(f"{d1} {unit} at {v1} {unit} an hour.", f"hours_a = {d1} // {v1}")
    d.step(f"{d2} {unit} at {v2} {unit} an hour.", f"hours_b = {d2} // {v2}")
    d.step("The difference, in minutes: an hour has 60 minutes.",
           "diff = (hours_a - hours_b) * 60" if h1 > h2 else "diff = (hours_b - hours_a) * 60")
    return d.end(q, "diff", abs(h1 - h2) * 60, form)


TANKS = [("a water tank", "the tank"), ("a rain barrel", "the barrel"), ("a fish tank", "the tank"),
         ("a kiddie pool", "the pool"), ("a water trough", "the trough"), ("a garden pond", "the pond")]


def sc_water_tank(rng):
    """Water in a tank: minutes to fill the rest, filling while it leaks, water left after a week of use, buckets
    to fill it, or glasses from a jug in milliliters."""
    d = Draft(rng, "water_tank")
    p = person(rng, "farmer")
    tank, the = rng.choice(TANKS)
    form = rng.choice(["fill", "leak", "week", "buckets", "glasses"])
    if form == "fill":
        r, t = rng.randint(2, 20), rng.randint(3, 40)
        have = rng.randint(5, 200)
        cap_ = have + r * t
        d.tell(f"{p.First} has {tank} that holds {cap_} liters.",
               f"{p.First} is filling {tank} that can hold {cap_} liters.",
               f"{p.First}'s {tank.split(' ', 1)[1]} holds {cap_} liters of water.")
        d.tell(f"It already has {say(rng, have)} liters in it.",
               f"Right now there are {say(rng, have)} liters in {the}.",
               f"{say(rng, have).capitalize()} liters are already in it.")
        d.tell(f"A hose adds {say(rng, r)} liters every minute.",
               f"{p.He} uses a hose that pours in {say(rng, r)} liters a minute.",
               f"Water flows in at {say(rng, r)} liters per minute.")
        q = ask(rng, [f"How many minutes will it take to fill {the}?", f"How long, in minutes, until {the} is full?",
                      f"How many more minutes until {the} is full?"], f"the number of minutes to fill {the}")
        d.step(f"{the.capitalize()} holds {cap_} liters and has {have}.", f"space = {cap_} - {have}")
        d.step(f"{r} liters a minute.", f"minutes = space // {r}")
        return d.end(q, "minutes", t, form)
    if form == "leak":
        r, l, t = rng.randint(5, 20), rng.randint(1, 4), rng.randint(5, 40)
        if l >= r:
            r = l + 3
        d.tell(f"{p.First} is filling {tank} with a hose that adds {say(rng, r)} liters a minute.",
               f"A hose pours {say(rng, r)} liters of water per minute into {tank}.",
               f"{p.First} starts filling an empty {tank.split(' ', 1)[1]} at {say(rng, r)} liters a minute.")
        d.tell(f"But a small crack lets {say(rng, l)} {plural(l, 'liter', 'liters')} leak out each minute.",
               f"At the same time, {say(rng, l)} {plural(l, 'liter', 'liters')} leak out every minute.",
               f"{cap(the)} has a leak that loses {say(rng, l)} {plural(l, 'liter', 'liters')} per minute.")
        q = ask(rng, [f"How many liters are in {the} after {say(rng, t)} minutes, if it started empty?",
                      f"Starting from empty, how much water is in {the} after {say(rng, t)} minutes?",
                      f"How many liters of water will {the} hold after {say(rng, t)} minutes if it was empty at the "
                      f"start?"],
                None, "liters")
        d.step(f"{r} liters in and {l} out each minute.", f"per_minute = {r} - {l}")
        d.step(f"{t} minutes.", f"water = per_minute * {t}")
        return d.end(q, "water", (r - l) * t, form)
    if form == "week":
        u = rng.randint(10, 120)
        full = u * 7 + rng.randint(10, 500)
        d.tell(f"{p.First}'s {the.split(' ', 1)[1]} holds {full} liters when it is full.",
               f"A full {the.split(' ', 1)[1]} on {p.poss} farm holds {full} liters.",
               f"{p.First} fills {tank} with {full} liters.")
        d.tell(f"Each day {p.he} uses {say(rng, u)} liters for the animals.",
               f"{p.He} takes out {say(rng, u)} liters every day.",
               f"The animals drink {say(rng, u)} liters a day from it.")
        q = ask(rng, ["How many liters are left after a week?", "How much water, in liters, remains after one week?",
                      f"How many liters are still in {the} at the end of the week?"],
                      "the number of liters left after a week")
        d.step(f"{u} liters a day; a week has 7 days.", f"used = {u} * 7")
        d.step(f"{full} liters to start.", f"left = {full} - used")
        return d.end(q, "left", full - u * 7, form)
    if form == "buckets":
        b, n = rng.randint(5, 20), rng.randint(4, 30)
        have = rng.randint(0, 3) * b
        full = b * n + have
        d.tell(f"{p.First} needs to fill {tank} that holds {full} liters.",
               f"{p.First}'s {tank.split(' ', 1)[1]} holds {full} liters.",
               f"{p.First} is filling {tank} that can hold {full} liters.")
        if have:
            d.tell(f"It already has {have} liters in it.", f"There are {have} liters in it already.",
                   f"{have} liters are already inside.")
        d.tell(f"{p.He} carries water in a bucket that holds {say(rng, b)} liters.",
               f"Each bucket carries {say(rng, b)} liters.", f"{p.He} uses a {b}-liter bucket.")
        q = ask(rng,
                [f"How many buckets does it take to fill {the}?",
                 "How many trips with the bucket are needed to fill it?",
                      "How many full buckets are needed?"], f"the number of buckets needed to fill {the}")
        if have:
            d.step(f"{full} liters, {have} already there.", f"space = {full} - {have}")
        else:
            d.step(f"{cap(the)} holds {full} liters.", f"space = {full}")
        d.step(f"{b} liters per bucket.", f"buckets = space // {b}")
        return d.end(q, "buckets", n, form + ("_part" if have else ""))
    g = rng.choice([100, 125, 200, 250, 500])
    jugs = rng.randint(1, 6)
    while jugs * 1000 % g:
        jugs += 1
    while jugs * 1000 // g < 3:
        jugs += 1
    drank = rng.randint(2, jugs * 1000 // g - 1)
    d.tell(f"{p.First} makes {say(rng, jugs)} {plural(jugs, 'liter', 'liters')} of lemonade.",
           f"There {plural(jugs, 'is', 'are')} {say(rng, jugs)} {plural(jugs, 'liter', 'liters')} of juice in the jugs.",
           f"{p.First} fills jugs with {say(rng, jugs)} {plural(jugs, 'liter', 'liters')} of iced tea.")
    d.tell(f"{p.He} pours it into glasses of {g} milliliters.", f"Each glass holds {g} milliliters.",
           f"A glass takes {g} milliliters.")
    d.tell(f"{say(rng, drank).capitalize()} glasses were drunk at lunch.",
           f"The guests drink {say(rng, drank)} glasses.",
           f"{say(rng, drank).capitalize()} glasses are served right away.")
    q = ask(rng,
            ["How many glasses can still be poured?", "How many more glasses are left?",
             "How many glasses' worth remain?"],
            "the number of glasses still left")
    d.step(f"{jugs} liters; 1 liter is 1000 milliliters.", f"milliliters = {jugs} * 1000")
    d.step(f"{g} milliliters per glass.", f"glasses = milliliters // {g}")
    d.step(f"{drank} glasses served.", f"left = glasses - {drank}")
    return d.end(q, "left", jugs * 1000 // g - drank, form)


def sc_library(rng):
    """A library's books over a week (borrowed, returned, donated), books out on loan, shelves for donated boxes,
    late fees in cents, or a book club's borrowing over months."""
    d = Draft(rng, "library")
    lib = rng.choice(["The town library", "The school library", "A small library", "The library on Elm Street",
                      "The classroom library"])
    form = rng.choice(["week", "loan", "shelves", "fees", "club"])
    if form == "week":
        n, a, b, c = rng.randint(200, 3000), rng.randint(20, 150), rng.randint(10, 120), rng.randint(5, 60)
        d.tell(f"{lib} has {say(rng, n)} books.", f"There are {say(rng, n)} books in {low(lib)}.",
               f"{lib} starts the week with {say(rng, n)} books on its shelves.")
        d.tell(f"On Monday, {say(rng, a)} books were borrowed.", f"People check out {say(rng, a)} books on Monday.",
               f"Readers borrow {say(rng, a)} books during the day.")
        d.tell(f"On Tuesday, {say(rng, b)} books were returned.", f"The next day, {say(rng, b)} books come back.",
               f"Then {say(rng, b)} books are returned.")
        d.tell(f"A family also donated {say(rng, c)} new books.", f"After that, {say(rng, c)} books are donated.",
               f"The library also buys {say(rng, c)} new books.")
        q = ask(rng, ["How many books are in the library now?", "How many books does the library have at the end?",
                      "How many books are on the shelves now?"], "the number of books in the library now")
        d.step(f"{n} books; {a} borrowed.", f"books = {n} - {a}")
        d.step(f"{b} returned.", f"books = books + {b}")
        d.step(f"{c} new books.", f"books = books + {c}")
        return d.end(q, "books", n - a + b + c, form)
    if form == "loan":
        n = rng.randint(100, 900)
        shelf = rng.randint(n // 2, n - 10)
        more = rng.randint(3, 40)
        d.tell(f"{lib} owns {say(rng, n)} books.", f"{lib} has {say(rng, n)} books in all.",
               f"There are {say(rng, n)} books that belong to {low(lib)}.")
        d.tell(f"This morning {shelf} of them are on the shelves and the rest are checked out.",
               f"Right now {shelf} books are on the shelves; the others are on loan.",
               f"Only {shelf} books are on the shelves this morning, because the rest are borrowed.")
        d.tell(f"During the day, {say(rng, more)} more books are checked out.",
               f"By noon, readers borrow another {say(rng, more)} books.",
               f"Then {say(rng, more)} more books are borrowed.")
        q = ask(rng, ["How many books are checked out now?", "How many of the books are on loan now?",
                      "How many books are out of the library now?"], "the number of books checked out now")
        d.step(f"{n} books, {shelf} on the shelves.", f"on_loan = {n} - {shelf}")
        d.step(f"{more} more borrowed.", f"on_loan = on_loan + {more}")
        return d.end(q, "on_loan", n - shelf + more, form)
    if form == "shelves":
        per, shelves = rng.randint(15, 40), rng.randint(2, 12)
        k = rng.choice([5, 6, 8, 10, 12, 15, 20, 25])
        total = per * shelves
        while total % k:
            shelves += 1
            total = per * shelves
        boxes = total // k
        who = person(rng, "librarian")
        d.tell(f"{who.First} got {say(rng, boxes)} boxes of donated books, with {say(rng, k)} books in each box.",
               f"{say(rng, boxes).capitalize()} boxes of books were donated to {who.first}, and every box holds "
               f"{say(rng, k)} books.",
               f"{who.First} unpacks {say(rng, boxes)} boxes with {say(rng, k)} books in each.")
        d.tell(f"Each shelf holds {per} books.", f"A shelf has room for {per} books.",
               f"{who.He} fits {per} books on a shelf.")
        q = ask(rng, ["How many shelves will the books fill?", "How many shelves are needed for all the books?",
                      f"How many shelves does {who.he} need?"], "the number of shelves needed")
        d.step(f"{boxes} boxes of {k} books.", f"books = {boxes} * {k}")
        d.step(f"{per} books per shelf.", f"shelves = books // {per}")
        return d.end(q, "shelves", shelves, form)
    if form == "fees":
        fee = rng.choice([5, 10, 15, 20, 25, 50])
        a, b = rng.randint(2, 14), rng.randint(2, 14)
        p = person(rng)
        d.tell(f"{lib} charges {fee} cents for each day a book is late.",
               f"A late book costs {fee} cents a day at {low(lib)}.",
               f"The late fee is {fee} cents per day for every book.")
        d.tell(f"{p.First} returned one book {say(rng, a)} days late and another {say(rng, b)} days late.",
               f"{p.First} brought back two books: one was {say(rng, a)} days late, the other {say(rng, b)} days late.",
               f"{p.First}'s two books came back {say(rng, a)} and {say(rng, b)} days late.")
        q = ask(rng, [f"How many cents does {p.he} owe?", f"How much does {p.he} pay in late fees, in cents?",
                      "What is the total late fee in cents?"], "the total late fee in cents")
        d.step(f"{a} days plus {b} days late.", f"days = {a} + {b}")
        d.step(f"{fee} cents a day.", f"fee = days * {fee}")
        return d.end(q, "fee", (a + b) * fee, form)
    m, b, months = rng.randint(4, 20), rng.randint(2, 5), rng.randint(2, 12)
    d.tell(f"A book club has {say(rng, m)} members.", f"There are {say(rng, m)} people in the reading club.",
           f"{say(rng, m).capitalize()} kids belong to a book club.")
    d.tell(f"Each member borrows {say(rng, b)} books a month.",
           f"Every month, each of them checks out {say(rng, b)} books.",
           f"Each one borrows {say(rng, b)} books every month.")
    d.noise(0.25, "The club has met {n} times this year.", "{N} has been a member for {n} weeks.")
    q = ask(rng,
            [f"How many books does the club borrow in {say(rng, months)} months?",
             f"In {say(rng, months)} months, how many books do they borrow altogether?",
                  f"How many books are borrowed by the club over {say(rng, months)} months?"])
    d.step(f"{m} members, {b} books each.", f"per_month = {m} * {b}")
    d.step(f"{months} months.", f"books = per_month * {months}")
    return d.end(q, "books", m * b * months, form)


def sc_season(rng):
    """A sports season: league points for wins and ties, games lost, points per game on average, a basketball
    score from two- and three-pointers, or points still needed for a record."""
    d = Draft(rng, "season")
    team = rng.choice(["The Tigers", "The Hawks", "The Riverside Rockets", "Our school's team", "The Blue Jays",
                       "The Lions",
                       "The Wildcats", "The Comets"])
    form = rng.choice(["points", "lost", "average", "basket", "record"])
    if form in ("points", "lost"):
        w, t, l = rng.randint(2, 20), rng.randint(2, 8), rng.randint(2, 10)
        g = w + t + l
        d.tell(f"{team} played {g} games this season.", f"{team} played a season of {g} games.",
               f"{team} finished a {g}-game season.")
        if form == "points":
            pw = rng.choice([2, 3])
            d.tell(f"They won {say(rng, w)} games, tied {say(rng, t)} and lost the rest.",
                   f"They had {say(rng, w)} wins and {say(rng, t)} ties, and lost the others.",
                   f"{say(rng, w).capitalize()} games were wins and {say(rng, t)} were ties.")
            d.tell(f"A win is worth {say(rng, pw)} points, a tie is worth 1 point and a loss is worth nothing.",
                   f"Teams get {say(rng, pw)} points for a win and 1 point for a tie.",
                   f"The league gives {say(rng, pw)} points per win and one point per tie.")
            q = ask(rng, ["How many points did they get?", "How many league points did the team earn?",
                          "What is the team's point total for the season?"], "the team's point total for the season")
            d.step(f"{w} wins at {pw} points.", f"win_points = {w} * {pw}")
            d.step(f"{t} ties at 1 point.", f"tie_points = {t} * 1")
            d.step("Losses give 0; add the rest.", "total = win_points + tie_points")
            return d.end(q, "total", w * pw + t, form)
        d.tell(f"They won {say(rng, w)} games and tied {say(rng, t)}.",
               f"{say(rng, w).capitalize()} of the games were wins and {say(rng, t)} were ties.",
               f"The team won {say(rng, w)} times and had {say(rng, t)} ties.")
        q = ask(rng,
                ["How many games did they lose?", "How many games did the team lose?",
                 "How many losses did they have?"],
                "the number of games lost")
        d.step(f"{w} wins and {t} ties.", f"not_lost = {w} + {t}")
        d.step(f"{g} games in all.", f"lost = {g} - not_lost")
        return d.end(q, "lost", l, form)
    p = person(rng, "player", 0.15)
    if form == "average":
        g = rng.choice([3, 4, 5])
        avg = rng.randint(8, 30)
        scores = [0]
        while scores[-1] < 2:
            scores = [rng.randint(avg - 6, avg + 6) for _ in range(g - 1)]
            scores.append(avg * g - sum(scores))
        listing = ", ".join(str(x) for x in scores[:-1]) + " and " + str(scores[-1])
        d.tell(f"{p.First} scored {listing} points in {p.his} last {say(rng, g)} games.",
               f"In {say(rng, g)} basketball games, {p.first} scored {listing} points.",
               f"Over {say(rng, g)} games {p.first}'s points were {listing}.")
        q = ask(rng,
                [f"What is {p.his} average number of points per game?", f"How many points per game did {p.he} average?",
                      f"On average, how many points did {p.he} score in a game?"],
                "the average number of points per game")
        d.step("Add the points from every game.", "total = " + " + ".join(str(x) for x in scores))
        d.step(f"Divide by the {g} games.", f"average = total // {g}")
        return d.end(q, "average", avg, form)
    if form == "basket":
        two, three, ft = rng.randint(2, 12), rng.randint(2, 6), rng.choice([0, rng.randint(2, 8)])
        d.tell(f"In a basketball game, {p.first} made {say(rng, two)} two-point shots and {say(rng, three)} "
               f"three-pointers.",
               f"{p.First} scored {say(rng, two)} two-pointers and {say(rng, three)} three-pointers in the final.",
               f"During the game {p.first} hit {say(rng, two)} shots worth two points and {say(rng, three)} shots "
               f"worth three points.")
        if ft:
            d.tell(f"{p.He} also made {say(rng, ft)} free throws worth 1 point each.",
                   f"{p.He} added {say(rng, ft)} one-point free throws.",
                   f"On top of that, {p.he} scored {say(rng, ft)} free throws, 1 point each.")
        q = ask(rng, [f"How many points did {p.he} score?", f"How many points did {p.he} score in total?",
                      f"What was {p.his} total score?"], "the number of points scored")
        d.step(f"{two} two-point shots.", f"twos = {two} * 2")
        d.step(f"{three} three-pointers.", f"threes = {three} * 3")
        if ft:
            d.step(f"{ft} free throws at 1 point.", f"total = twos + threes + {ft}")
        else:
            d.step("Add them.", "total = twos + threes")
        return d.end(q, "total", two * 2 + three * 3 + ft, form + ("_ft" if ft else ""))
    per, g = rng.randint(10, 30), rng.randint(5, 15)
    rec = per * g + rng.randint(5, 80)
    d.tell(f"The school record for points in a season is {rec}.",
           f"The record for the most points in one season is {rec}.",
           f"{rec} points is the team's season record.")
    d.tell(f"{p.First} has scored {say(rng, per)} points in each of {say(rng, g)} games.",
           f"{p.First} scored {say(rng, per)} points a game for {say(rng, g)} games.",
           f"So far {p.first} has played {say(rng, g)} games and scored {say(rng, per)} points in every one.")
    q = ask(rng,
            [f"How many more points does {p.he} need to tie the record?",
             f"How many more points must {p.he} score to tie it?",
                  f"How many points short of the record is {p.he}?"],
                  "the number of points still needed to tie the record")
    d.step(f"{per} points in each of {g} games.", f"scored = {per} * {g}")
    d.step(f"The record is {rec}.", f"needed = {rec} - scored")
    return d.end(q, "needed", rec - per * g, form)


def sc_pizza(rng):
    """A pizza party: pizzas to order (rounded up), slices left over, the cost of the order with delivery,
    slices each when shared, or slices from two sizes of pizza."""
    d = Draft(rng, "pizza")
    p = person(rng, "coach")
    s = rng.choice([6, 8, 8, 10, 12])
    form = rng.choice(["order", "leftover", "cost", "share", "sizes"])
    event = rng.choice(["a birthday party", "a team party", "a sleepover", "movie night", "the end of the season",
                        "a class celebration"])
    if form in ("order", "cost"):
        e = rng.randint(2, 4)
        z = rng.randint(2, 10)
        people = rng.randint(max(2, s * (z - 1) // e + 1), s * z // e)
        if form == "cost":
            while people * e % s:
                people += 1
            z = people * e // s
        d.tell(f"{p.First} is ordering pizza for {say(rng, people)} people at {event}.",
               f"For {event}, {p.first} needs to feed {say(rng, people)} people with pizza.",
               f"{say(rng, people).capitalize()} people are coming to {event}, and {p.first} is buying pizza.")
        d.tell(f"Each person will eat {say(rng, e)} slices.", f"Everyone eats {say(rng, e)} slices.",
               f"{p.He} expects each guest to eat {say(rng, e)} slices.")
        d.tell(f"Each pizza is cut into {say(rng, s)} slices.", f"A pizza has {say(rng, s)} slices.",
               f"The pizzas come with {say(rng, s)} slices each.")
        if form == "order":
            q = ask(rng,
                    [f"How many pizzas should {p.he} order?",
                     "How many pizzas are needed so that everyone gets enough?",
                          f"What is the fewest pizzas {p.he} can order?"], "the number of pizzas to order")
            d.step(f"{people} people, {e} slices each.", f"slices = {people} * {e}")
            d.step(f"{s} slices a pizza; round up, since a part of a pizza must be a whole pizza.",
                   f"pizzas = (slices + {s} - 1) // {s}")
            return d.end(q, "pizzas", (people * e + s - 1) // s, form, f"How many pizzas does {p.name} need to order?")
        price, fee = rng.randint(8, 20), rng.randint(2, 8)
        d.tell(f"Each pizza costs {usd(rng, price)}, and delivery is {usd(rng, fee)}.",
               f"Pizzas are {usd(rng, price)} each plus a {usd(rng, fee)} delivery fee.",
               f"The shop charges {usd(rng, price)} a pizza and {usd(rng, fee)} for delivery.")
        q = ask(rng,
                ["How much does the pizza order cost?", f"How much will {p.he} pay in total?",
                 "What is the total cost of the order?"],
                "the total cost of the order, in dollars", "dollars")
        d.step(f"{people} people, {e} slices each.", f"slices = {people} * {e}")
        d.step(f"{s} slices a pizza.", f"pizzas = slices // {s}")
        d.step(f"${price} a pizza plus ${fee} delivery.", f"cost = pizzas * {price} + {fee}")
        return d.end(q, "cost", z * price + fee, form)
    if form == "leftover":
        z, e = rng.randint(2, 8), rng.randint(1, 3)
        people = rng.randint(max(2, z * s // (2 * e)), (z * s - 1) // e)
        d.tell(f"{p.First} ordered {say(rng, z)} pizzas for {event}.",
               f"For {event}, {p.first} bought {say(rng, z)} pizzas.",
               f"{p.First} brought {say(rng, z)} pizzas to {event}.")
        d.tell(f"Each pizza had {say(rng, s)} slices.", f"Every pizza was cut into {say(rng, s)} slices.",
               f"There were {say(rng, s)} slices in each pizza.")
        d.tell(f"{say(rng, people).capitalize()} people ate {say(rng, e)} {plural(e, 'slice', 'slices')} each.",
               f"Each of the {say(rng, people)} guests ate {say(rng, e)} {plural(e, 'slice', 'slices')}.",
               f"All {say(rng, people)} people had {say(rng, e)} {plural(e, 'slice', 'slices')} apiece.")
        q = ask(rng,
                ["How many slices were left over?", "How many slices are left?", "How many slices did nobody eat?"],
                "the number of slices left over")
        d.step(f"{z} pizzas of {s} slices.", f"slices = {z} * {s}")
        d.step(f"{people} people ate {e} each.", f"eaten = {people} * {e}")
        d.step("Slices not eaten.", "left = slices - eaten")
        return d.end(q, "left", z * s - people * e, form)
    if form == "share":
        people = rng.randint(3, 12)
        z = rng.randint(2, 8)
        while z * s % people:
            z += 1
        d.tell(f"{p.First} buys {say(rng, z)} pizzas with {say(rng, s)} slices each.",
               f"There are {say(rng, z)} pizzas at {event}, each cut into {say(rng, s)} slices.",
               f"{say(rng, z).capitalize()} pizzas arrive for {event}; each has {say(rng, s)} slices.")
        d.tell(f"The slices are shared equally by {say(rng, people)} people.",
               f"{say(rng, people).capitalize()} people share them equally.",
               f"The {say(rng, people)} guests split the slices evenly.")
        q = ask(rng,
                ["How many slices does each person get?", "How many slices does everyone get?",
                 "How many slices is each share?"],
                "the number of slices each person gets")
        d.step(f"{z} pizzas of {s} slices.", f"slices = {z} * {s}")
        d.step(f"Shared by {people}.", f"each = slices // {people}")
        return d.end(q, "each", z * s // people, form)
    big, small = rng.choice([(12, 8), (10, 6), (12, 6), (8, 6)])
    a, b = rng.randint(1, 5), rng.randint(1, 5)
    people = rng.randint(2, (a * big + b * small - 1) // 2)
    d.tell(f"Large pizzas have {big} slices and medium pizzas have {small} slices.",
           f"A large pizza is cut into {big} slices and a medium one into {small}.",
           f"At the pizza shop, a large has {big} slices and a medium has {small}.")
    d.tell(f"{p.First} orders {say(rng, a)} large and {say(rng, b)} medium pizzas.",
           f"For {event}, {p.first} gets {say(rng, a)} large pizzas and {say(rng, b)} medium ones.",
           f"{p.First} buys {say(rng, a)} large and {say(rng, b)} medium pizzas.")
    d.tell(f"{say(rng, people).capitalize()} people each eat 2 slices.",
           f"Each of the {say(rng, people)} guests eats two slices.",
           f"There are {say(rng, people)} people and each has a couple of slices.")
    q = ask(rng,
            ["How many slices are left?", "How many slices remain after everyone eats?",
             "How many slices are left over?"],
            "the number of slices left")
    d.step(f"{a} large pizzas of {big} slices.", f"large = {a} * {big}")
    d.step(f"{b} medium pizzas of {small} slices.", f"medium = {b} * {small}")
    d.step(f"{people} people eat 2 slices each.", f"left = large + medium - {people} * 2")
    return d.end(q, "left", a * big + b * small - people * 2, form)


VENUES = ["the zoo", "the museum", "the movies", "a concert", "the water park", "the circus", "the county fair",
          "an ice show", "a baseball game", "the aquarium"]


def sc_tickets(rng):
    """Tickets at two prices: a family's total, change from a bill, three kinds of ticket, a show's takings, or
    how many child tickets a total paid for."""
    d = Draft(rng, "tickets")
    p = person(rng)
    venue = rng.choice(VENUES)
    a, c = rng.randint(8, 30), rng.randint(3, 15)
    if c >= a:
        a = c + rng.randint(2, 10)
    na, nc = rng.randint(1, 4), rng.randint(2, 6)
    form = rng.choice(["family", "change", "senior", "show", "children"])
    prices = [f"Tickets to {venue} cost {usd(rng, a)} for adults and {usd(rng, c)} for children.",
              f"At {venue}, an adult ticket is {usd(rng, a)} and a child's ticket is {usd(rng, c)}.",
              f"{cap(venue)} charges {usd(rng, a)} per adult and {usd(rng, c)} per child."]
    group = [f"{p.First} takes {say(rng, na)} {plural(na, 'adult', 'adults')} and {say(rng, nc)} children.",
             f"{p.First}'s group has {say(rng, na)} {plural(na, 'adult', 'adults')} and {say(rng, nc)} kids.",
             f"{p.First} buys tickets for {say(rng, na)} {plural(na, 'adult', 'adults')} and {say(rng, nc)} children."]
    if form in ("family", "change"):
        d.tell(*prices)
        d.tell(*group)
        d.step(f"{na} adult tickets at ${a}.", f"adults = {na} * {a}")
        d.step(f"{nc} child tickets at ${c}.", f"children = {nc} * {c}")
        total = na * a + nc * c
        if form == "family":
            q = ask(rng, ["How much do the tickets cost in all?", f"How much does {p.he} pay for the tickets?",
                          "What is the total cost of the tickets?"], "the total cost of the tickets, in dollars",
                          "dollars")
            d.step("Add them.", "total = adults + children")
            return d.end(q, "total", total, form, f"How much does {p.name} pay for the tickets to {venue}?")
        bill = next(b for b in (20, 50, 100, 200, 500) if b > total)
        d.tell(f"{p.He} pays with a {usd(rng, bill)} bill.", f"{p.He} hands over {usd(rng, bill)}.",
               f"{p.He} gives the cashier {usd(rng, bill)}.")
        q = ask(rng, [f"How much change does {p.he} get?", f"How much money should {p.he} get back?",
                      f"How many dollars of change will {p.he} receive?"], "the change in dollars", "dollars")
        d.step(f"Change from ${bill}.", f"change = {bill} - adults - children")
        return d.end(q, "change", bill - total, form)
    if form == "senior":
        s, ns = rng.randint(2, a - 1), rng.randint(1, 3)
        d.tell(f"At {venue}, tickets are {usd(rng, a)} for adults, {usd(rng, c)} for children and {usd(rng, s)} for "
               f"seniors.",
               f"{cap(venue)} charges {usd(rng, a)} per adult, {usd(rng, c)} per child and {usd(rng, s)} per senior.",
               f"An adult ticket to {venue} costs {usd(rng, a)}, a child ticket {usd(rng, c)} and a senior ticket "
               f"{usd(rng, s)}.")
        d.tell(f"{p.First} buys tickets for {say(rng, na)} {plural(na, 'adult', 'adults')}, {say(rng, nc)} children "
               f"and {say(rng, ns)} {plural(ns, 'grandparent', 'grandparents')}.",
               f"{p.First}'s family is {say(rng, na)} {plural(na, 'adult', 'adults')}, {say(rng, nc)} kids and "
               f"{say(rng, ns)} {plural(ns, 'senior', 'seniors')}.",
               f"{p.First} goes with {say(rng, na)} {plural(na, 'adult', 'adults')}, {say(rng, nc)} children and "
               f"{say(rng, ns)} {plural(ns, 'senior', 'seniors')} in all.")
        q = ask(rng,
                ["How much do all the tickets cost?", "What is the total for the tickets?",
                 "How much money do they spend on tickets?"],
                "the total cost of the tickets, in dollars", "dollars")
        d.step(f"{na} adults at ${a}.", f"adults = {na} * {a}")
        d.step(f"{nc} children at ${c}.", f"children = {nc} * {c}")
        d.step(f"{ns} seniors at ${s}.", f"seniors = {ns} * {s}")
        d.step("Add them.", "total = adults + children + seniors")
        return d.end(q, "total", na * a + nc * c + ns * s, form)
    if form == "show":
        x, y = rng.randint(20, 200), rng.randint(20, 200)
        while x * a + y * c > 10000:
            x //= 2
        d.tell(*prices)
        d.tell(f"On Saturday they sold {x} adult tickets and {y} child tickets.",
               f"One afternoon, {x} adults and {y} children bought tickets.",
               f"The ticket booth sold {x} adult and {y} children's tickets in a day.")
        q = ask(rng, ["How much money did the tickets bring in?", "How much did they take in from tickets that day?",
                      "What were the ticket sales in dollars?"], "the money taken in from the tickets, in dollars",
                      "dollars")
        d.step(f"{x} adult tickets at ${a}.", f"adults = {x} * {a}")
        d.step(f"{y} child tickets at ${c}.", f"children = {y} * {c}")
        d.step("Add them.", "total = adults + children")
        return d.end(q, "total", x * a + y * c, form)
    total = na * a + nc * c
    d.tell(*prices)
    d.tell(f"{p.First} paid {usd(rng, total)} for {say(rng, na)} adult {plural(na, 'ticket', 'tickets')} and some "
           f"children's tickets.",
           f"{p.First} spent {usd(rng, total)} on tickets for {say(rng, na)} {plural(na, 'adult', 'adults')} and a "
           f"group of children.",
           f"{p.First}'s tickets came to {usd(rng, total)}: {say(rng, na)} for adults and the rest for children.")
    q = ask(rng,
            ["How many children's tickets did " + p.he + " buy?", "How many children went?",
             "How many child tickets were bought?"],
            "the number of child tickets bought")
    d.step(f"{na} adult tickets at ${a}.", f"adults = {na} * {a}")
    d.step(f"The rest of the ${total} is for children.", f"for_children = {total} - adults")
    d.step(f"${c} per child ticket.", f"children = for_children // {c}")
    return d.end(q, "children", nc, form)


STORE_GOODS = [("jacket", "jackets"), ("pair of shoes", "pairs of shoes"), ("backpack", "backpacks"), ("lamp", "lamps"),
               ("board game", "board games"), ("sweater", "sweaters"), ("video game", "video games"),
               ("blender", "blenders"),
               ("soccer ball", "soccer balls"), ("pair of jeans", "pairs of jeans"), ("toaster", "toasters"),
               ("helmet", "helmets")]


def sc_discount(rng):
    """A sale: dollars off each item, a second item at half price, a percent off, buy two get one free, the
    savings from a sale price, or a percent off then shipping."""
    d = Draft(rng, "discount")
    p = person(rng)
    one, many = rng.choice(STORE_GOODS)
    shop = rng.choice(["a store", "the mall", "an online shop", "a sports shop", "a department store", "the outlet"])
    form = rng.choice(["off", "half", "percent", "free", "savings", "shipping"])
    if form == "off":
        price, off, n = rng.randint(10, 90), rng.randint(2, 9), rng.randint(2, 6)
        d.tell(f"A {one} usually costs {usd(rng, price)} at {shop}.",
               f"At {shop}, {many} are normally {usd(rng, price)} each.",
               f"The regular price of a {one} is {usd(rng, price)}.")
        d.tell(f"This week every {one} is {usd(rng, off)} off.", f"During a sale, each one is {usd(rng, off)} off.",
               f"There is a sale: {usd(rng, off)} off each {one}.")
        d.tell(f"{p.First} buys {say(rng, n)} of them.", f"{p.First} gets {say(rng, n)} {many} during the sale.",
               f"{p.First} buys {say(rng, n)} {many}.")
        q = ask(rng,
                [f"How much does {p.he} pay?", f"How much does {p.he} spend on the {many}?", "What is the total cost?"],
                f"the total {p.he} pays, in dollars", "dollars")
        d.step(f"${price} minus ${off} off.", f"sale_price = {price} - {off}")
        d.step(f"{n} {many}.", f"total = sale_price * {n}")
        return d.end(q, "total", (price - off) * n, form)
    if form == "half":
        price = rng.randint(5, 45) * 2
        d.tell(f"{cap(shop)} has a deal: buy one {one} at full price and get a second one for half price.",
               f"At {shop}, the second {one} is half price.", f"{cap(shop)} sells a second {one} at half price.")
        d.tell(f"Each {one} costs {usd(rng, price)}.", f"A {one} is {usd(rng, price)}.",
               f"The full price is {usd(rng, price)}.")
        d.tell(f"{p.First} buys two.", f"{p.First} buys a pair of them, one for {p.self} and one for a friend.",
               f"{p.First} gets two {many}.")
        q = ask(rng,
                [f"How much does {p.he} pay for both?", f"How much does {p.he} spend?",
                 "What is the total for the two?"],
                f"the total {p.he} pays for both, in dollars", "dollars")
        d.step(f"Half of ${price}.", f"second = {price} // 2")
        d.step(f"The first at ${price} plus the second.", f"total = {price} + second")
        return d.end(q, "total", price + price // 2, form)
    if form in ("percent", "shipping"):
        pc = rng.choice([10, 20, 25, 30, 40, 50])
        price = rng.randint(2, 20) * (100 // gcd(pc, 100))
        d.tell(f"A {one} costs {usd(rng, price)}.", f"{p.First} wants a {one} that is priced at {usd(rng, price)}.",
               f"The price tag on a {one} says {usd(rng, price)}.")
        d.tell(f"It is on sale for {pc}% off.", f"{cap(shop)} is taking {pc}% off everything.",
               f"This weekend there is a {pc} percent discount.")
        d.step(f"{pc}% of ${price}.", f"discount = {price} * {pc} // 100")
        d.step("Take the discount off.", f"sale_price = {price} - discount")
        if form == "percent":
            q = ask(rng, [f"How much does the {one} cost on sale?", f"What is the sale price of the {one}?",
                          "How much does it cost after the discount?"], f"the sale price of the {one}, in dollars",
                          "dollars")
            return d.end(q, "sale_price", price - price * pc // 100, form)
        ship = rng.randint(3, 15)
        d.tell(f"Shipping costs {usd(rng, ship)}.", f"Delivery adds {usd(rng, ship)}.",
               f"There is a {usd(rng, ship)} shipping fee.")
        q = ask(rng,
                ["How much is paid in all?", "What is the total with shipping?",
                 "How much does it cost with delivery?"],
                "the total cost with shipping, in dollars", "dollars")
        d.step(f"Add ${ship} shipping.", f"total = sale_price + {ship}")
        return d.end(q, "total", price - price * pc // 100 + ship, form)
    if form == "free":
        price, k = rng.randint(2, 20), rng.randint(2, 6)
        n = 3 * k
        d.tell(f"{cap(shop)} has a \"buy 2, get 1 free\" sale on {many}.",
               f"At {shop}, for every two {many} you buy, you get a third one free.",
               f"There is a deal on {many}: buy two and the third is free.")
        d.tell(f"Each {one} costs {usd(rng, price)}.", f"{cap(many)} are {usd(rng, price)} each.",
               f"The price is {usd(rng, price)} per {one}.")
        d.tell(f"{p.First} takes home {n} {many}.", f"{p.First} leaves with {n} {many}.",
               f"{p.First} needs {n} {many} and gets them all.")
        q = ask(rng,
                [f"How much does {p.he} pay?", f"How many dollars does {p.he} spend?",
                 f"How much do the {n} {many} cost {p.him}?"],
                f"the amount {p.he} pays, in dollars", "dollars")
        d.step(f"Every 3 {many} include 1 free one.", f"free = {n} // 3")
        d.step("Only the rest are paid for.", f"paid = {n} - free")
        d.step(f"${price} each.", f"total = paid * {price}")
        return d.end(q, "total", (n - k) * price, form)
    price, n = rng.randint(10, 80), rng.randint(2, 8)
    sale = rng.randint(5, price - 2)
    d.tell(f"{cap(many)} normally cost {usd(rng, price)} each.", f"The regular price of a {one} is {usd(rng, price)}.",
           f"A {one} is usually {usd(rng, price)}.")
    d.tell(f"During a sale, they cost {usd(rng, sale)} each.", f"On sale, the price drops to {usd(rng, sale)}.",
           f"Today they are only {usd(rng, sale)}.")
    d.tell(f"{p.First} buys {say(rng, n)} {many} at the sale price.", f"{p.First} buys {say(rng, n)} of them on sale.",
           f"{p.First} gets {say(rng, n)} {many} today.")
    q = ask(rng, [f"How much money does {p.he} save?", f"How much less does {p.he} pay than the regular price?",
                  "How many dollars are saved by buying on sale?"], "the money saved, in dollars", "dollars")
    d.step(f"${price} minus ${sale} on each.", f"saved_each = {price} - {sale}")
    d.step(f"{n} {many}.", f"saved = saved_each * {n}")
    return d.end(q, "saved", (price - sale) * n, form)


def sc_savings_jar(rng):
    """A savings jar: an allowance with part spent each week, weeks of saving and then a purchase, weeks still
    needed for a toy, savings that grow each week, or a part of each month's pay put away."""
    d = Draft(rng, "savings_jar")
    p = person(rng, "student", 0.15)
    thing = rng.choice(["a skateboard", "a new game", "a telescope", "a pair of roller skates", "headphones",
                        "a keyboard", "a drone", "a soccer jersey", "art supplies"])
    form = rng.choice(["allowance", "buy", "weeks", "growing", "monthly"])
    if form == "allowance":
        a = rng.randint(5, 25)
        spend, w = rng.randint(1, a - 1), rng.randint(2, 12)
        d.tell(f"{p.First} gets {usd(rng, a)} of allowance every week.",
               f"Each week, {p.first} receives an allowance of {usd(rng, a)}.",
               f"{p.First}'s weekly allowance is {usd(rng, a)}.")
        d.tell(f"{p.He} spends {usd(rng, spend)} of it on snacks and puts the rest in a jar.",
               f"{p.He} spends {usd(rng, spend)} each week and saves the rest.",
               f"Every week {p.he} keeps all but {usd(rng, spend)} in {p.his} savings jar.")
        q = ask(rng,
                [f"How much has {p.he} saved after {say(rng, w)} weeks?",
                 f"How much money has {p.he} put aside after {say(rng, w)} weeks?",
                      f"After {say(rng, w)} weeks, how many dollars has {p.he} saved?"], None, "dollars")
        d.step(f"${a} minus ${spend} spent each week.", f"saved_each_week = {a} - {spend}")
        d.step(f"{w} weeks.", f"saved = saved_each_week * {w}")
        return d.end(q, "saved", (a - spend) * w, form)
    if form == "buy":
        s, dep, w = rng.randint(0, 50), rng.randint(3, 20), rng.randint(2, 10)
        price = rng.randint(5, s + dep * w - 1)
        d.tell(f"{p.First} has {usd(rng, s)} in a savings jar." if s else f"{p.First} starts with an empty savings jar.",
               f"There is {usd(rng, s)} in {p.poss} jar." if s else f"{p.First}'s savings jar is empty.",
               f"{p.First} has saved {usd(rng, s)} so far." if s else f"{p.First} has nothing saved yet.")
        d.tell(f"{p.He} adds {usd(rng, dep)} every week for {say(rng, w)} weeks.",
               f"For {say(rng, w)} weeks {p.he} puts in {usd(rng, dep)} a week.",
               f"Each week for {say(rng, w)} weeks, {p.he} drops {usd(rng, dep)} into the jar.")
        d.tell(f"Then {p.he} buys {thing} for {usd(rng, price)}.",
               f"After that, {p.he} spends {usd(rng, price)} on {thing}.",
               f"{p.He} then buys {thing} that costs {usd(rng, price)}.")
        q = ask(rng,
                [f"How much money does {p.he} have left?", "How much is left in the jar?",
                 f"How many dollars does {p.he} have now?"],
                "the money left in the jar, in dollars", "dollars")
        d.step(f"{w} weeks of ${dep}.", f"added = {dep} * {w}")
        d.step(f"${s} at the start.", f"saved = {s} + added")
        d.step(f"${price} spent.", f"left = saved - {price}")
        return d.end(q, "left", s + dep * w - price, form + ("_start" if s else ""))
    if form == "weeks":
        s, dep, w = rng.randint(5, 60), rng.randint(2, 15), rng.randint(2, 12)
        price = s + dep * w
        d.tell(f"{p.First} wants {thing} that costs {usd(rng, price)}.",
               f"{cap(thing)} costs {usd(rng, price)}, and {p.first} wants it.",
               f"{p.First} is saving up for {thing} priced at {usd(rng, price)}.")
        d.tell(f"{p.He} already has {usd(rng, s)}.", f"So far {p.he} has saved {usd(rng, s)}.",
               f"{p.His} jar holds {usd(rng, s)}.")
        d.tell(f"{p.He} saves {usd(rng, dep)} each week.", f"Every week {p.he} adds {usd(rng, dep)}.",
               f"{p.He} can put away {usd(rng, dep)} a week.")
        q = ask(rng, [f"How many more weeks until {p.he} can buy it?", f"How many weeks will {p.he} need to save?",
                      f"In how many weeks will {p.he} have enough money?"], "the number of weeks still needed")
        d.step(f"${price} minus the ${s} saved.", f"needed = {price} - {s}")
        d.step(f"${dep} a week.", f"weeks = needed // {dep}")
        return d.end(q, "weeks", w, form)
    if form == "growing":
        a, k = rng.randint(1, 10), rng.randint(1, 5)
        d.tell(f"{p.First} saves {usd(rng, a)} in the first week.",
               f"In week one, {p.first} puts {usd(rng, a)} into a jar.",
               f"{p.First} starts saving with {usd(rng, a)} the first week.")
        d.tell(f"Each week after that, {p.he} saves {usd(rng, k)} more than the week before.",
               f"Every week {p.he} saves {usd(rng, k)} more than the previous week.",
               f"{p.He} raises the amount by {usd(rng, k)} each week.")
        q = ask(rng,
                [f"How much has {p.he} saved after four weeks?",
                 f"How much money does {p.he} save in the first 4 weeks?",
                      "How many dollars are in the jar after 4 weeks?"], None, "dollars")
        d.step(f"Week 1: ${a}.", f"week1 = {a}")
        d.step(f"Each week is ${k} more.", f"week2 = week1 + {k}", f"week3 = week2 + {k}", f"week4 = week3 + {k}")
        d.step("Add the 4 weeks.", "total = week1 + week2 + week3 + week4")
        return d.end(q, "total", 4 * a + 6 * k, form)
    k = rng.choice([2, 3, 4, 5, 10])
    pay = k * rng.randint(10, 60)
    months = rng.randint(2, 12)
    frac = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth", 10: "a tenth"}[k]
    d.tell(f"{p.First} earns {usd(rng, pay)} a month from a paper route.",
           f"{p.First} makes {usd(rng, pay)} every month mowing lawns.",
           f"Each month, {p.first} earns {usd(rng, pay)} from chores.")
    d.tell(f"{p.He} saves {frac} of it.", f"{p.He} puts {frac} of {p.his} pay in the bank.",
           f"{cap(frac)} of it goes into savings.")
    q = ask(rng,
            [f"How much does {p.he} save in {say(rng, months)} months?",
             f"After {say(rng, months)} months, how much has {p.he} saved?",
                  f"How many dollars are saved over {say(rng, months)} months?"], None, "dollars")
    d.step(f"{cap(frac)} of ${pay} is ${pay} divided by {k}.", f"per_month = {pay} // {k}")
    d.step(f"{months} months.", f"saved = per_month * {months}")
    return d.end(q, "saved", pay // k * months, form)


PETS = [("dog", "dogs"), ("cat", "cats"), ("rabbit", "rabbits"), ("puppy", "puppies"), ("parrot", "parrots"),
        ("guinea pig", "guinea pigs"), ("kitten", "kittens")]


def sc_pet_food(rng):
    """Feeding pets: grams for two pets over a week, days a kilogram bag lasts, bags of food for some weeks,
    cans of food and their cost, or treats left in a bag."""
    d = Draft(rng, "pet_food")
    p = person(rng, "pet sitter")
    (pet, pets), (pet2, _) = rng.sample(PETS, 2)
    form = rng.choice(["two", "bag", "bags", "cans", "treats"])
    if form == "two":
        g1, g2 = rng.randint(5, 40) * 10, rng.randint(2, 20) * 10
        d.tell(f"{p.First} has a {pet} and a {pet2}.", f"{p.First} takes care of a {pet} and a {pet2}.",
               f"At {p.poss} house there is a {pet} and a {pet2}.")
        d.tell(f"The {pet} eats {g1} grams of food a day and the {pet2} eats {g2} grams a day.",
               f"Every day, the {pet} eats {g1} grams of food and the {pet2} eats {g2} grams.",
               f"The {pet} needs {g1} grams of food daily, and the {pet2} needs {g2} grams.")
        d.noise(0.2, "The {0} is {{n}} months old.".format(pet), "{N} walks the dog for {n} minutes.")
        q = ask(rng,
                ["How many grams of food do the two pets eat in a week?",
                 "How much food, in grams, do they eat in one week?",
                      "How many grams of pet food are eaten each week?"], "the number of grams the pets eat in a week")
        d.step(f"{g1} grams and {g2} grams a day.", f"per_day = {g1} + {g2}")
        d.step("A week has 7 days.", "per_week = per_day * 7")
        return d.end(q, "per_week", (g1 + g2) * 7, form)
    if form == "bag":
        g = rng.choice([50, 100, 125, 200, 250, 400, 500])
        kg = rng.randint(1, 10)
        while kg * 1000 % g or kg * 1000 // g < 2:
            kg += 1
        d.tell(f"{p.First} buys a {kg}-kilogram bag of food for {p.his} {pet}.",
               f"{p.First} has a bag with {say(rng, kg)} {plural(kg, 'kilogram', 'kilograms')} of {pet} food.",
               f"{p.First}'s {pet} food comes in {kg}-kilogram bags.")
        d.tell(f"The {pet} eats {g} grams a day.", f"Each day the {pet} eats {g} grams.",
               f"{p.He} feeds the {pet} {g} grams every day.")
        q = ask(rng, ["How many days does the bag last?", "For how many days will one bag of food last?",
                      "How many days will the food last?"], "the number of days the bag lasts")
        d.step(f"{kg} {plural(kg, 'kilogram', 'kilograms')}; 1 kilogram is 1000 grams.", f"grams = {kg} * 1000")
        d.step(f"{g} grams a day.", f"days = grams // {g}")
        return d.end(q, "days", kg * 1000 // g, form)
    if form == "bags":
        c, w = rng.randint(1, 4), rng.randint(1, 8)
        per_bag = rng.choice([7, 14, 21, 28, 35, 42])
        while c * 7 * w % per_bag:
            w += 1
        d.tell(f"{p.First}'s {pet} eats {say(rng, c)} {plural(c, 'cup', 'cups')} of food a day.",
               f"{p.First} feeds {p.his} {pet} {say(rng, c)} {plural(c, 'cup', 'cups')} of food every day.",
               f"Every day {p.first}'s {pet} gets {say(rng, c)} {plural(c, 'cup', 'cups')} of food.")
        d.tell(f"A bag of food holds {per_bag} cups.", f"Each bag has {per_bag} cups of food in it.",
               f"The food comes in bags of {per_bag} cups.")
        q = ask(rng,
                [f"How many bags does {p.he} need for {say(rng, w)} {plural(w, 'week', 'weeks')}?",
                 f"How many bags of food will last {say(rng, w)} {plural(w, 'week', 'weeks')}?",
                      f"How many bags are needed to feed the {pet} for {say(rng, w)} {plural(w, 'week', 'weeks')}?"])
        d.step(f"{c} cups a day; a week has 7 days.", f"per_week = {c} * 7")
        d.step(f"{w} {plural(w, 'week', 'weeks')}.", f"cups = per_week * {w}")
        d.step(f"{per_bag} cups per bag.", f"bags = cups // {per_bag}")
        return d.end(q, "bags", c * 7 * w // per_bag, form)
    if form == "cans":
        k, price, days = rng.randint(1, 3), rng.randint(1, 4), rng.choice([7, 14, 28, 30, 31])
        n = rng.randint(2, 4)
        d.tell(f"{p.First} has {say(rng, n)} {pets}.", f"There are {say(rng, n)} {pets} at {p.poss} house.",
               f"{p.First} looks after {say(rng, n)} {pets}.")
        d.tell(f"Each one eats {say(rng, k)} {plural(k, 'can', 'cans')} of food a day.",
               f"Every {pet} eats {say(rng, k)} {plural(k, 'can', 'cans')} of food each day.",
               f"Each {pet} needs {say(rng, k)} {plural(k, 'can', 'cans')} of food daily.")
        d.tell(f"A can costs {usd(rng, price)}.", f"The food is {usd(rng, price)} a can.",
               f"Each can of food is {usd(rng, price)}.")
        q = ask(rng,
                [f"How much does the food cost for {days} days?",
                 f"How many dollars does {p.he} spend on food in {days} days?",
                      f"What does it cost to feed them for {days} days?"], None, "dollars")
        d.step(f"{n} {pets}, {k} cans each a day.", f"cans_per_day = {n} * {k}")
        d.step(f"{days} days.", f"cans = cans_per_day * {days}")
        d.step(f"${price} a can.", f"cost = cans * {price}")
        return d.end(q, "cost", n * k * days * price, form)
    t, w = rng.randint(2, 6), rng.randint(1, 3)
    bag = t * 7 * w + rng.randint(3, 60)
    d.tell(f"{p.First} opens a bag of {bag} treats for {p.his} {pet}.",
           f"{p.First} buys a bag of {bag} treats for {p.his} {pet}.",
           f"{p.First}'s new bag of {pet} treats has {bag} treats in it.")
    d.tell(f"{p.He} gives the {pet} {say(rng, t)} treats every day.",
           f"The {pet} gets {say(rng, t)} treats a day.", f"Each day the {pet} is given {say(rng, t)} treats.")
    weeks = {1: "one week", 2: "two weeks", 3: "three weeks"}[w]
    q = ask(rng, [f"How many treats are left after {weeks}?", f"After {weeks}, how many treats remain in the bag?",
                  f"How many treats will be left after {weeks}?"])
    d.step(f"{t} treats a day; a week has 7 days.", f"per_week = {t} * 7")
    d.step(f"{w} {plural(w, 'week', 'weeks')}.", f"given = per_week * {w}")
    d.step(f"The bag had {bag}.", f"left = {bag} - given")
    return d.end(q, "left", bag - t * 7 * w, form)


def sc_fence(rng):
    """Fencing a yard: the cost of a fence around a rectangle, fence with a gate left open, posts around a square,
    rolls of fencing, or fence on three sides against a wall."""
    d = Draft(rng, "fence")
    p = person(rng, "farmer")
    place = rng.choice(["garden", "yard", "dog run", "chicken pen", "vegetable patch", "playground", "pasture"])
    form = rng.choice(["cost", "gate", "posts", "rolls", "three"])
    unit = "meters" if form != "three" or rng.random() < 0.6 else "feet"
    L, W, r = rng.randint(5, 40), rng.randint(3, 30), rng.choice([5, 10, 20, 25, 50])
    while form == "rolls" and 2 * (L + W) % r:
        L += 1
    L, W = max(L, W), min(L, W)
    if form == "posts":
        k = rng.choice([2, 3, 4, 5])
        s = k * rng.randint(2, 15)
        d.tell(f"{p.First} has a square {place} that is {s} meters on each side.",
               f"{p.First}'s {place} is a square with sides of {s} meters.",
               f"A square {place} on {p.poss} land measures {s} meters along each side.")
        d.tell(f"{p.He} puts a fence post every {say(rng, k)} meters all the way around.",
               f"Fence posts go every {say(rng, k)} meters around it.",
               f"{p.He} wants a post every {say(rng, k)} meters around the edge.")
        q = ask(rng,
                ["How many posts does " + p.he + " need?", "How many fence posts are needed?",
                 "How many posts go around the " + place + "?"],
                "the number of posts needed")
        d.step(f"A square has 4 sides of {s} meters.", f"around = 4 * {s}")
        d.step(f"One post every {k} meters; around a closed loop there are as many posts as gaps.",
               f"posts = around // {k}")
        return d.end(q, "posts", 4 * s // k, form)
    d.tell(f"{p.First}'s {place} is a rectangle {L} {unit} long and {W} {unit} wide.",
           f"{p.First} has a rectangular {place} that measures {L} {unit} by {W} {unit}.",
           f"A {place} belonging to {p.first} is {L} {unit} long and {W} {unit} wide.")
    if form == "cost":
        c = rng.randint(2, 12)
        d.tell(f"{p.He} wants to put a fence all the way around it.", f"{p.He} plans to fence the whole thing.",
               f"{p.He} is building a fence around it.")
        d.tell(f"Fencing costs {usd(rng, c)} per meter.", f"The fence costs {usd(rng, c)} a meter.",
               f"Each meter of fence costs {usd(rng, c)}.")
        q = ask(rng,
                ["How much will the fence cost?", f"How much does {p.he} spend on fencing?",
                 "What is the cost of the fence?"],
                "the cost of the fence, in dollars", "dollars")
        d.step(f"Perimeter: 2 times ({L} + {W}) meters.", f"perimeter = 2 * ({L} + {W})")
        d.step(f"${c} per meter.", f"cost = perimeter * {c}")
        return d.end(q, "cost", 2 * (L + W) * c, form)
    if form == "gate":
        g = rng.randint(2, 4)
        d.tell(f"{p.He} fences it all around but leaves a {say(rng, g)}-meter gap for a gate.",
               f"The fence goes all the way around except for a gate {say(rng, g)} meters wide.",
               f"{p.He} puts a fence around it, leaving {say(rng, g)} meters open for a gate.")
        q = ask(rng, ["How many meters of fence does " + p.he + " need?", "How much fencing, in meters, is needed?",
                      "How long is the fence?"], "the length of fence needed in meters", "meters")
        d.step(f"Perimeter: 2 times ({L} + {W}) meters.", f"perimeter = 2 * ({L} + {W})")
        d.step(f"Leave out the {g}-meter gate.", f"fence = perimeter - {g}")
        return d.end(q, "fence", 2 * (L + W) - g, form)
    if form == "rolls":
        d.tell(f"Fencing comes in rolls of {r} meters.", f"Each roll of fence wire is {r} meters long.",
               f"The store sells fencing in {r}-meter rolls.")
        q = ask(rng,
                [f"How many rolls does {p.he} need to go all the way around?",
                 "How many rolls are needed to fence it in?",
                      "How many rolls of fencing will go around it exactly?"], "the number of rolls needed")
        d.step(f"Perimeter: 2 times ({L} + {W}) meters.", f"perimeter = 2 * ({L} + {W})")
        d.step(f"{r} meters per roll.", f"rolls = perimeter // {r}")
        return d.end(q, "rolls", 2 * (L + W) // r, form)
    d.tell("One of the long sides is against the house, so it needs no fence.",
           f"The house wall runs along one {L}-{unit[:-1]} side.",
           f"{p.He} only fences three sides, because one long side is a wall.")
    q = ask(rng,
            [f"How many {unit} of fence are needed?", f"How long is the fence, in {unit}?",
             f"How much fencing does {p.he} need?"],
            f"the length of fence needed in {unit}", unit)
    d.step(f"Two sides of {W} {unit}.", f"short_sides = 2 * {W}")
    d.step(f"One long side of {L} {unit}.", f"fence = short_sides + {L}")
    return d.end(q, "fence", 2 * W + L, form)


def sc_paint(rng):
    """Painting walls: cans for a wall, two coats, the four walls of a room, a wall less its door, or the cost of
    the paint."""
    d = Draft(rng, "paint")
    p = person(rng, "painter")
    c = rng.choice([5, 6, 8, 10, 12, 15])
    form = rng.choice(["wall", "coats", "room", "door", "cost"])
    thing = rng.choice(["the garage wall", "a long wall in the hall", "the fence", "the back of the barn",
                        "a wall in the gym"])
    cover = [f"One can of paint covers {say(rng, c)} square meters.", f"Each can covers {say(rng, c)} square meters.",
             f"A can of paint is enough for {say(rng, c)} square meters."]
    if form in ("wall", "coats", "cost"):
        h = rng.randint(2, 5)
        coats = 2 if form == "coats" else 1
        n = rng.randint(1, 12)
        L = rng.randint(3, 30)
        while L * h * coats % c:
            L += 1
        n = L * h * coats // c
        d.tell(f"{p.First} is painting {thing}, which is {L} meters long and {say(rng, h)} meters high.",
               f"{cap(thing)} is {L} meters long and {say(rng, h)} meters tall, and {p.first} is painting it.",
               f"{p.First} has to paint {thing}: {L} meters long, {say(rng, h)} meters high.")
        d.tell(*cover)
        if form == "coats":
            d.tell(f"{p.He} paints two coats.", "It needs two coats of paint.", f"{p.He} gives it a double coat.")
        d.step(f"{L} by {h} meters.", f"area = {L} * {h}")
        if form == "coats":
            d.step("Two coats double the area.", "area = area * 2")
        d.step(f"{c} square meters per can.", f"cans = area // {c}")
        if form == "cost":
            price = rng.randint(8, 40)
            d.tell(f"Each can costs {usd(rng, price)}.", f"Paint is {usd(rng, price)} a can.",
                   f"A can sells for {usd(rng, price)}.")
            q = ask(rng,
                    ["How much will the paint cost?", f"How much does {p.he} spend on paint?",
                     "What is the cost of the paint?"],
                    "the cost of the paint, in dollars", "dollars")
            d.step(f"${price} a can.", f"cost = cans * {price}")
            return d.end(q, "cost", n * price, form)
        q = ask(rng,
                [f"How many cans of paint does {p.he} need?", "How many cans are needed?",
                 "How many cans of paint will it take?"],
                "the number of cans needed")
        return d.end(q, "cans", n, form)
    if form == "room":
        h = rng.randint(2, 3)
        a, b = rng.randint(3, 8), rng.randint(3, 8)
        d.tell(f"{p.First} is painting the four walls of a room.",
               f"{p.First} wants to paint all four walls of {p.his} bedroom.",
               f"The walls of a room need painting, and {p.first} is doing the job.")
        d.tell(f"Two walls are {a} meters long and the other two are {b} meters long, and all are {say(rng, h)} meters "
               f"high.",
               f"The room is {a} meters by {b} meters, and the walls are {say(rng, h)} meters high.",
               f"Two of the walls measure {a} meters across, two measure {b} meters, and each is {say(rng, h)} meters "
               f"tall.")
        q = ask(rng,
                ["How many square meters of wall are there to paint?",
                 "What is the total area of the walls in square meters?",
                      "How many square meters will be painted?"], "the total wall area in square meters")
        d.step(f"Two walls of {a} by {h}.", f"walls_a = 2 * {a} * {h}")
        d.step(f"Two walls of {b} by {h}.", f"walls_b = 2 * {b} * {h}")
        d.step("Add them.", "area = walls_a + walls_b")
        return d.end(q, "area", 2 * (a + b) * h, form)
    L, h, door = rng.randint(4, 15), rng.randint(2, 4), rng.randint(2, 3)
    d.tell(f"A wall is {L} meters wide and {say(rng, h)} meters high.",
           f"{p.First}'s kitchen wall measures {L} meters across and {say(rng, h)} meters up.",
           f"The wall {p.first} is painting is {L} meters long and {say(rng, h)} meters tall.")
    d.tell(f"It has a door that takes up {say(rng, door)} square meters, which is not painted.",
           f"A door of {say(rng, door)} square meters is left unpainted.",
           f"There is a {door}-square-meter door in it that won't be painted.")
    q = ask(rng, ["How many square meters are painted?", "How much of the wall, in square meters, gets paint?",
                  "What area is painted, in square meters?"], "the painted area in square meters")
    d.step(f"{L} by {h} meters.", f"wall = {L} * {h}")
    d.step(f"Leave out the {door} square meter door.", f"painted = wall - {door}")
    return d.end(q, "painted", L * h - door, form)


CAUSES = ["a new playground", "the animal shelter", "new library books", "a class trip", "the food bank",
          "new band uniforms", "a school garden", "a charity run"]


def sc_fundraiser(rng):
    """Raising money for a cause: what is still needed after two events, a walkathon with sponsors per lap, a
    donation that a business matches, how far sales went over the goal, or a raffle's profit."""
    d = Draft(rng, "fundraiser")
    cause = rng.choice(CAUSES)
    group = rng.choice(["The fifth grade", "The student council", "A youth club", "The neighborhood", "The swim team",
                        "The PTA"])
    form = rng.choice(["left", "walk", "match", "over", "raffle"])
    if form == "left":
        goal = rng.randint(10, 100) * 50
        a, b = rng.randint(50, goal // 3), rng.randint(50, goal // 3)
        d.tell(f"{group} wants to raise {usd(rng, goal)} for {cause}.",
               f"{group}'s goal is {usd(rng, goal)} for {cause}.",
               f"To pay for {cause}, {low(group)} needs {usd(rng, goal)}.")
        d.tell(f"A car wash raised {usd(rng, a)}.", f"They made {usd(rng, a)} at a car wash.",
               f"First, a car wash brought in {usd(rng, a)}.")
        d.tell(f"A yard sale raised {usd(rng, b)} more.", f"Then a yard sale added {usd(rng, b)}.",
               f"They also earned {usd(rng, b)} from a yard sale.")
        q = ask(rng, ["How much more money do they need?", "How many more dollars must they raise to reach the goal?",
                      "How much is still needed?"], "the money still needed, in dollars", "dollars")
        d.step(f"${a} and ${b} raised.", f"raised = {a} + {b}")
        d.step(f"The goal is ${goal}.", f"needed = {goal} - raised")
        return d.end(q, "needed", goal - a - b, form)
    p = person(rng)
    if form == "walk":
        per, laps, sponsors = rng.randint(1, 5), rng.randint(5, 40), rng.randint(2, 8)
        d.tell(f"{p.First} is walking laps for {cause}.",
               f"In a walkathon for {cause}, {p.first} walks laps around the track.",
               f"{p.First} joined a walkathon to raise money for {cause}.")
        d.tell(f"{say(rng, sponsors).capitalize()} sponsors each pay {usd(rng, per)} for every lap.",
               f"{p.He} has {say(rng, sponsors)} sponsors, and each gives {usd(rng, per)} a lap.",
               f"Each of {p.his} {say(rng, sponsors)} sponsors promised {usd(rng, per)} per lap.")
        d.tell(f"{p.He} walks {say(rng, laps)} laps.", f"{p.He} finishes {say(rng, laps)} laps.",
               f"In the end {p.he} walked {say(rng, laps)} laps.")
        q = ask(rng, [f"How much money did {p.he} raise?", f"How many dollars did {p.he} raise for {cause}?",
                      f"How much did {p.his} sponsors give in all?"], f"the money {p.he} raised, in dollars", "dollars")
        d.step(f"{sponsors} sponsors at ${per} a lap.", f"per_lap = {sponsors} * {per}")
        d.step(f"{laps} laps.", f"raised = per_lap * {laps}")
        return d.end(q, "raised", sponsors * per * laps, form)
    if form == "match":
        a, b = rng.randint(20, 400), rng.randint(10, 200)
        d.tell(f"{p.First} collected {usd(rng, a)} for {cause}.", f"For {cause}, {p.first} raised {usd(rng, a)}.",
               f"{p.First}'s fundraiser for {cause} brought in {usd(rng, a)}.")
        d.tell("A local bakery matched that amount.", f"A local business gave the same amount as {p.he} raised.",
               "A company promised to match every dollar.")
        d.tell(f"{p.His} family also gave {usd(rng, b)}.", f"Then {p.poss} neighbors added {usd(rng, b)}.",
               f"A teacher donated another {usd(rng, b)}.")
        q = ask(rng, ["How much money was raised in all?", f"How much money was raised for {cause} altogether?",
                      "What is the total amount raised?"], "the total amount raised, in dollars", "dollars")
        d.step(f"${a} matched doubles it.", f"matched = {a} * 2")
        d.step(f"Add ${b}.", f"total = matched + {b}")
        return d.end(q, "total", a * 2 + b, form)
    if form == "over":
        price, n = rng.randint(2, 15), rng.randint(20, 200)
        goal = rng.randint(1, n * price // 50) * 50 if n * price >= 100 else 50
        while goal >= n * price:
            n += 10
        item = rng.choice(["candles", "candy bars", "T-shirts", "plants", "cookbooks", "raffle tickets", "wristbands"])
        d.tell(f"{p.First}'s class hoped to raise {usd(rng, goal)} for {cause}.",
               f"The goal for {cause} was {usd(rng, goal)}.",
               f"{p.First} and {p.his} classmates set a goal of {usd(rng, goal)} for {cause}.")
        d.tell(f"They sold {n} {item} at {usd(rng, price)} each.",
               f"In the end they sold {n} {item} for {usd(rng, price)} apiece.",
               f"The class sold {n} {item}, each for {usd(rng, price)}.")
        q = ask(rng, ["By how many dollars did they beat their goal?", "How much more than the goal did they raise?",
                      "How much money over the goal did they make?"], "the amount raised over the goal, in dollars",
                      "dollars")
        d.step(f"{n} {item} at ${price}.", f"raised = {n} * {price}")
        d.step(f"The goal was ${goal}.", f"over = raised - {goal}")
        return d.end(q, "over", n * price - goal, form)
    t, price = rng.randint(20, 300), rng.randint(1, 10)
    prize = rng.randint(10, t * price - 1)
    d.tell(f"{p.First} ran a raffle for {cause}.", f"To raise money for {cause}, {p.first} held a raffle.",
           f"{p.First} organized a raffle for {cause}.")
    d.tell(f"Tickets were {usd(rng, price)} each and {t} were sold.",
           f"{p.He} sold {t} tickets at {usd(rng, price)} apiece.",
           f"{t} raffle tickets were sold for {usd(rng, price)} each.")
    d.tell(f"The prize cost {usd(rng, prize)}.", f"{p.He} paid {usd(rng, prize)} for the prize.",
           f"The prize basket cost {usd(rng, prize)}.")
    q = ask(rng,
            ["How much money did the raffle make after paying for the prize?", "What was the profit from the raffle?",
                  f"How much did the raffle raise for {cause}, once the prize was paid for?"],
                  "the raffle's profit, in dollars", "dollars")
    d.step(f"{t} tickets at ${price}.", f"sales = {t} * {price}")
    d.step(f"Minus the ${prize} prize.", f"profit = sales - {prize}")
    return d.end(q, "profit", t * price - prize, form)


def sc_eggs(rng):
    """Hens and eggs: cartons of a dozen filled in a week, eggs left over after filling cartons, money from
    dozens sold, dozens collected less broken and used, or half-dozen cartons."""
    d = Draft(rng, "eggs")
    p = person(rng, "farmer", 0.4)
    form = rng.choice(["week", "leftover", "sell", "broken", "half"])
    if form == "week":
        hens = 12 * rng.randint(1, 4)
        d.tell(f"{p.First} has {say(rng, hens)} hens, and each lays one egg a day.",
               f"Each of {p.poss} {say(rng, hens)} hens lays an egg every day.",
               f"{p.First} keeps {say(rng, hens)} chickens that lay 1 egg each per day.")
        d.tell(f"{p.He} packs the eggs in cartons that hold a dozen.", "The eggs go into cartons of a dozen.",
               f"{p.He} puts the eggs in cartons of twelve.")
        q = ask(rng, ["How many cartons does " + p.he + " fill in a week?", "How many cartons are filled in one week?",
                      "How many full cartons of eggs are there after a week?"],
                      "the number of cartons filled in a week")
        d.step(f"{hens} hens, 1 egg each a day; a week has 7 days.", f"eggs = {hens} * 7")
        d.step("A dozen is 12 eggs per carton.", "cartons = eggs // 12")
        return d.end(q, "cartons", hens * 7 // 12, form)
    if form == "leftover":
        n = rng.randint(30, 300)
        if n % 12 == 0:
            n += rng.randint(1, 11)
        d.tell(f"{p.First} collected {n} eggs this week.", f"This week {p.poss} hens laid {n} eggs.",
               f"There are {n} eggs in {p.poss} basket.")
        d.tell(f"{p.He} fills as many cartons of a dozen as {p.he} can.",
               "The eggs are packed into full cartons of 12.",
               f"{p.He} packs them by the dozen into cartons.")
        q = ask(rng,
                ["How many eggs are left over?", "How many eggs are not in a full carton?",
                 "How many eggs are left after packing?"],
                "the number of eggs left over")
        d.step("A dozen is 12; count the full cartons (whole cartons only).", f"cartons = {n} // 12")
        d.step("The eggs that are left over.", f"left = {n} - cartons * 12")
        return d.end(q, "left", n % 12, form)
    if form == "sell":
        a, days = rng.randint(2, 30), rng.choice([6, 12, 18, 24])
        while a * days % 12:
            a += 1
        price = rng.randint(2, 6)
        d.tell(f"{p.First}'s hens lay {say(rng, a)} eggs a day.", f"{p.First} collects {say(rng, a)} eggs every day.",
               f"Every morning, {p.first} finds {say(rng, a)} eggs in the henhouse.")
        d.tell(f"{p.He} sells them for {usd(rng, price)} a dozen.", f"A dozen eggs sells for {usd(rng, price)}.",
               f"{p.He} charges {usd(rng, price)} for each dozen.")
        q = ask(rng,
                [f"How much money does {p.he} make from {days} days of eggs?",
                 f"If {p.he} sells all the eggs from {days} days, how much does {p.he} earn?",
                      f"How many dollars do {days} days of eggs bring in?"], None, "dollars")
        d.step(f"{a} eggs a day for {days} days.", f"eggs = {a} * {days}")
        d.step("A dozen is 12.", "dozens = eggs // 12")
        d.step(f"${price} a dozen.", f"money = dozens * {price}")
        return d.end(q, "money", a * days // 12 * price, form)
    if form == "broken":
        k = rng.randint(2, 10)
        text, code, note = dz(rng, 12 * k, 0.9)
        b = rng.randint(2, 8)
        u = rng.randint(2, min(30, 12 * k - b - 1))
        d.tell(f"{p.First} bought {text} eggs.", f"{p.First} picked up {text} eggs at the market.",
               f"There were {text} eggs in {p.poss} order.")
        d.tell(f"{say(rng, b).capitalize()} of them broke on the way home.",
               f"On the way home, {say(rng, b)} eggs cracked.",
               f"{p.He} dropped a bag and {say(rng, b)} eggs broke.")
        d.tell(f"{p.He} used {say(rng, u)} eggs for baking.", f"Then {p.he} baked a cake with {say(rng, u)} eggs.",
               f"{say(rng, u).capitalize()} eggs went into pancakes and cakes.")
        q = ask(rng, ["How many eggs are left?", f"How many eggs does {p.he} have now?", "How many good eggs remain?"],
                "the number of eggs left")
        d.step(f"{12 * k} eggs{note}.", f"eggs = {code}")
        d.step(f"{b} broke and {u} were used.", f"left = eggs - {b} - {u}")
        return d.end(q, "left", 12 * k - b - u, form)
    n = 6 * rng.randint(3, 40)
    d.tell(f"{p.First} gathered {n} eggs.", f"{p.First}'s farm produced {n} eggs today.",
           f"{p.First} has {n} fresh eggs.")
    d.tell(f"{p.He} puts them in cartons that hold half a dozen.", "Each small carton holds half a dozen eggs.",
           f"{p.He} uses half-dozen cartons.")
    q = ask(rng,
            ["How many cartons can " + p.he + " fill?", "How many cartons does " + p.he + " need?",
             "How many cartons are filled?"],
            "the number of cartons needed")
    d.step("Half a dozen is 12 divided by 2.", "per_carton = 12 // 2")
    d.step(f"{n} eggs.", f"cartons = {n} // per_carton")
    return d.end(q, "cartons", n // 6, form)


def sc_theater(rng):
    """A theater's seats: all the seats with a balcony, empty seats, seats free after reserved rows, rows needed
    for a group (rounded up), or the takings of a full house with front rows dearer."""
    d = Draft(rng, "theater")
    hall = rng.choice(["The theater", "The school auditorium", "A concert hall", "The movie theater", "The town hall",
                       "The community center"])
    rows, seats = rng.randint(8, 40), rng.randint(10, 30)
    form = rng.choice(["balcony", "empty", "reserved", "rows", "takings"])
    layout = [f"{hall} has {rows} rows of {seats} seats.",
              f"In {low(hall)} there are {rows} rows with {seats} seats in each row.",
              f"{hall} seats people in {rows} rows of {seats}."]
    if form == "balcony":
        b = rng.randint(20, 200)
        d.tell(*layout)
        d.tell(f"There is also a balcony with {b} seats.", f"The balcony holds another {b} seats.",
               f"Upstairs, a balcony has {b} more seats.")
        q = ask(rng,
                ["How many seats are there in all?", "How many people can it seat altogether?",
                 "What is the total number of seats?"],
                "the total number of seats")
        d.step(f"{rows} rows of {seats}.", f"main = {rows} * {seats}")
        d.step(f"Add the {b} balcony seats.", f"total = main + {b}")
        return d.end(q, "total", rows * seats + b, form)
    if form == "empty":
        came = rng.randint(rows * seats // 3, rows * seats - 1)
        d.tell(*layout)
        d.tell(f"{came} people came to the show.", f"On Friday night {came} people were in the audience.",
               f"{came} tickets were used for the play.")
        q = ask(rng,
                ["How many seats were empty?", "How many seats were not filled?", "How many empty seats were there?"],
                "the number of empty seats")
        d.step(f"{rows} rows of {seats}.", f"seats = {rows} * {seats}")
        d.step(f"{came} people came.", f"empty = seats - {came}")
        return d.end(q, "empty", rows * seats - came, form)
    if form == "reserved":
        k = rng.randint(2, 5)
        sold = rng.randint((rows - k) * seats // 3, (rows - k) * seats - 1)
        d.tell(*layout)
        d.tell(f"The first {say(rng, k)} rows are reserved for the families of the performers.",
               f"{say(rng, k).capitalize()} rows at the front are kept for guests.",
               f"The front {say(rng, k)} rows are saved for the band.")
        d.tell(f"{sold} tickets have been sold for the other seats.",
               f"So far {sold} tickets for the other seats are sold.",
               f"{sold} people have bought tickets for the rest.")
        q = ask(rng,
                ["How many seats are still for sale?", "How many more tickets can be sold?",
                 "How many seats are still available?"],
                "the number of seats still for sale")
        d.step(f"{rows} rows minus {k} reserved rows.", f"open_rows = {rows} - {k}")
        d.step(f"{seats} seats per row.", f"open_seats = open_rows * {seats}")
        d.step(f"{sold} sold.", f"left = open_seats - {sold}")
        return d.end(q, "left", (rows - k) * seats - sold, form)
    if form == "rows":
        g = rng.randint(seats + 1, seats * 8)
        d.tell(f"Each row in {low(hall)} has {seats} seats.", f"{hall}'s rows hold {seats} seats each.",
               f"There are {seats} seats in every row of {low(hall)}.")
        d.tell(f"A school group of {g} students comes to a show.", f"{g} students arrive together for a concert.",
               f"A group of {g} people wants to sit together.")
        q = ask(rng, ["How many rows do they need?", "How many rows will the group fill, counting a partly filled row?",
                      "What is the fewest rows that can seat them?"], "the number of rows needed")
        d.step(f"{g} people, {seats} per row; round up for a partly filled row.",
               f"rows = ({g} + {seats} - 1) // {seats}")
        return d.end(q, "rows", (g + seats - 1) // seats, form)
    f, a, b = rng.randint(2, 5), rng.randint(15, 40), rng.randint(5, 14)
    rows, seats = rng.randint(f + 3, 20), rng.randint(10, 25)
    d.tell(f"{hall} has {rows} rows of {seats} seats.",
           f"There are {rows} rows with {seats} seats each in {low(hall)}.",
           f"{hall} seats {seats} people in each of {rows} rows.")
    d.tell(f"Seats in the first {say(rng, f)} rows cost {usd(rng, a)} and all other seats cost {usd(rng, b)}.",
           f"The front {say(rng, f)} rows are {usd(rng, a)} a seat; the rest are {usd(rng, b)}.",
           f"Tickets are {usd(rng, a)} for the first {say(rng, f)} rows and {usd(rng, b)} for the other rows.")
    q = ask(rng,
            ["How much money do they take in when every seat is sold?",
             "If the show sells out, how much do the tickets bring in?",
                  "What are the ticket sales for a full house?"], "the ticket sales for a full house, in dollars",
                  "dollars")
    d.step(f"{f} front rows of {seats} at ${a}.", f"front = {f} * {seats} * {a}")
    d.step(f"The other {rows} - {f} rows at ${b}.", f"back = ({rows} - {f}) * {seats} * {b}")
    d.step("Add them.", "total = front + back")
    return d.end(q, "total", f * seats * a + (rows - f) * seats * b, form)


ACTIVITIES = ["soccer practice", "the piano lesson", "swimming practice", "the movie", "the school play",
              "the chess tournament",
              "band practice", "the baseball game", "the cooking class", "the science fair"]


def sc_clock(rng):
    """Time on a clock, asked in minutes: from a start to an end time, across noon, the minutes past the hour when
    two tasks are done, a night's sleep, or practice times given as hours and minutes."""
    d = Draft(rng, "clock")
    p = person(rng)
    act = rng.choice(ACTIVITIES)
    form = rng.choice(["between", "noon", "finish", "sleep", "sum"])
    if form == "between":
        h1, m1 = rng.randint(1, 8), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
        dur = rng.randint(20, 200)
        end = h1 * 60 + m1 + dur
        if end >= 12 * 60:
            dur -= 180
            end -= 180
        h2, m2 = divmod(end, 60)
        ampm = rng.choice(["in the morning", "a.m."] if h1 >= 6 else ["in the afternoon", "p.m."])
        t1 = clock(h1, m1) + (" " + ampm if ampm in ("p.m.", "a.m.") else "")
        t2 = clock(h2, m2) + (" " + ampm if ampm in ("p.m.", "a.m.") else "")
        when = "" if ampm in ("p.m.", "a.m.") else " " + ampm
        d.tell(f"{cap(act)} started at {t1}{when} and ended at {t2}.",
               f"{p.First} went to {act}, which began at {t1}{when} and finished at {t2}.",
               f"For {p.first}, {act} ran from {t1} to {t2}{when}.")
        q = ask(rng,
                [f"How many minutes long was {act}?", f"How long did {act} last, in minutes?",
                 "How many minutes did it last?"],
                f"the length of {act} in minutes", "minutes")
        d.step(f"{t2} is {h2} hours and {m2} minutes; an hour has 60 minutes.", f"end = {h2} * 60 + {m2}")
        d.step(f"{t1} is {h1} hours and {m1} minutes.", f"start = {h1} * 60 + {m1}")
        d.step("The difference.", "minutes = end - start")
        return d.end(q, "minutes", dur, form)
    if form == "noon":
        h1, m1 = rng.randint(8, 11), rng.choice([0, 10, 15, 20, 30, 40, 45, 50])
        h2, m2 = rng.randint(1, 4), rng.choice([0, 5, 15, 20, 25, 30, 45])
        t1, t2 = clock(h1, m1), clock(h2, m2)
        d.tell(f"{p.First} started working on a project at {t1} in the morning and stopped at {t2} in the afternoon.",
               f"{cap(act)} began at {t1} a.m. and ended at {t2} p.m.",
               f"{p.First} was at {act} from {t1} a.m. until {t2} p.m.")
        q = ask(rng,
                ["How many minutes was that?", "How long was it, in minutes?",
                 "How many minutes passed from start to end?"],
                "the time that passed in minutes", "minutes")
        d.step(f"From {t1} to 12:00 noon: an hour has 60 minutes.", f"morning = 12 * 60 - ({h1} * 60 + {m1})")
        d.step(f"From noon to {t2}.", f"afternoon = {h2} * 60 + {m2}")
        d.step("Add both parts.", "minutes = morning + afternoon")
        return d.end(q, "minutes", 12 * 60 - (h1 * 60 + m1) + h2 * 60 + m2, form)
    if form == "finish":
        h, m = rng.randint(1, 9), rng.choice([0, 10, 15, 20, 30, 40, 45])
        a, b = rng.randint(10, 60), rng.randint(10, 60)
        end = h * 60 + m + a + b
        H = end // 60
        if end % 60 == 0:
            b += rng.randint(1, 9)
            end = h * 60 + m + a + b
        t = clock(h, m)
        chores = rng.sample(["homework", "washing the dishes", "cleaning the room", "walking the dog",
                             "practicing the flute",
                             "reading", "folding laundry"], 2)
        d.tell(f"{p.First} starts {chores[0]} at {t}.", f"At {t}, {p.first} begins {chores[0]}.",
               f"{p.First} sits down to start {chores[0]} at {t}.")
        d.tell(f"It takes {say(rng, a)} minutes, and then {chores[1]} takes {say(rng, b)} minutes.",
               f"{cap(chores[0])} takes {say(rng, a)} minutes, and right after, {chores[1]} takes another "
               f"{say(rng, b)} minutes.",
               f"{p.He} spends {say(rng, a)} minutes on it and then {say(rng, b)} minutes on {chores[1]}.")
        q = ask(rng,
                [f"How many minutes after {H}:00 does {p.he} finish?",
                 f"At how many minutes past {H}:00 is {p.he} done?",
                      f"How many minutes past {H} o'clock is it when {p.he} is done?"],
                      f"the number of minutes after {H}:00 when {p.he} finishes")
        d.step(f"{t} is {h} hours and {m} minutes; an hour has 60 minutes.", f"start = {h} * 60 + {m}")
        d.step(f"{a} and {b} minutes of work.", f"end = start + {a} + {b}")
        d.step(f"Minutes after {H}:00.", f"after = end - {H} * 60")
        return d.end(q, "after", end - H * 60, form)
    if form == "sleep":
        h1, m1 = rng.randint(8, 11), rng.choice([0, 15, 30, 45])
        h2, m2 = rng.randint(5, 8), rng.choice([0, 10, 15, 30, 45])
        t1, t2 = clock(h1, m1), clock(h2, m2)
        d.tell(f"{p.First} went to bed at {t1} p.m. and woke up at {t2} a.m.",
               f"Last night {p.first} fell asleep at {t1} p.m. and got up at {t2} the next morning.",
               f"{p.First} slept from {t1} in the evening until {t2} in the morning.")
        q = ask(rng,
                [f"How many minutes did {p.he} sleep?", f"How long, in minutes, did {p.he} sleep?",
                 f"For how many minutes was {p.he} asleep?"],
                "the number of minutes slept", "minutes")
        d.step(f"From {t1} to midnight (12:00); an hour has 60 minutes.",
               f"before_midnight = 12 * 60 - ({h1} * 60 + {m1})")
        d.step(f"From midnight to {t2}.", f"after_midnight = {h2} * 60 + {m2}")
        d.step("Add them.", "minutes = before_midnight + after_midnight")
        return d.end(q, "minutes", 12 * 60 - (h1 * 60 + m1) + h2 * 60 + m2, form)
    h, m = rng.randint(1, 2), rng.choice([5, 10, 15, 20, 25, 35, 40, 50])
    b = rng.randint(20, 55)
    third = rng.choice([("half an hour", "60 // 2", "Half an hour is 60 divided by 2 minutes.", 30),
                        ("an hour and a half", "60 + 60 // 2", "An hour and a half is 60 plus half of 60 minutes.", 90),
                        ("a quarter of an hour", "60 // 4", "A quarter of an hour is 60 divided by 4 minutes.", 15)])
    thing = rng.choice(["the piano", "the violin", "the guitar", "the drums", "the trumpet", "soccer drills", "ballet"])
    d.tell(f"On Monday {p.first} practiced {thing} for {say(rng, h)} {plural(h, 'hour', 'hours')} and {say(rng, m)} "
           f"minutes.",
           f"{p.First} practiced for {say(rng, h)} {plural(h, 'hour', 'hours')} {m} minutes on Monday.",
           f"Monday's practice took {p.first} {say(rng, h)} {plural(h, 'hour', 'hours')} and {say(rng, m)} minutes.")
    d.tell(f"On Tuesday {p.he} practiced for {say(rng, b)} minutes.", f"Tuesday's practice was {say(rng, b)} minutes.",
           f"{p.He} practiced {say(rng, b)} minutes on Tuesday.")
    d.tell(f"On Wednesday {p.he} practiced for {third[0]}.", f"Wednesday's practice lasted {third[0]}.",
           f"{p.He} put in {third[0]} on Wednesday.")
    q = ask(rng,
            [f"How many minutes did {p.he} practice in the three days?",
             f"How many minutes did {p.he} practice altogether?",
                  "What is the total practice time in minutes?"], "the total practice time in minutes", "minutes")
    d.step(f"Monday: {h} {plural(h, 'hour', 'hours')} and {m} minutes; an hour has 60 minutes.",
           f"monday = {h} * 60 + {m}")
    d.step(third[2], f"wednesday = {third[1]}")
    d.step(f"Add Tuesday's {b} minutes.", f"total = monday + {b} + wednesday")
    return d.end(q, "total", h * 60 + m + b + third[3], form)


def sc_walking(rng):
    """Speeds and distances on foot or by bike: meters walked to school in a week, minutes for a distance, the gap
    between two runners, laps of a track in kilometers, or hours saved by cycling."""
    d = Draft(rng, "walking")
    p = person(rng, "runner", 0.15)
    form = rng.choice(["school", "time", "gap", "laps", "bike"])
    if form == "school":
        v = rng.choice([50, 60, 70, 75, 80, 90])
        t = rng.randint(4, 10000 // (v * 10))
        d.tell(f"{p.First} walks to school at {v} meters per minute.",
               f"{p.First} walks {v} meters every minute on the way to school.",
               f"Walking to school, {p.first} covers {v} meters a minute.")
        d.tell(f"It takes {p.him} {say(rng, t)} minutes to get there.", f"The walk takes {say(rng, t)} minutes.",
               f"{p.He} gets there in {say(rng, t)} minutes.")
        d.tell(f"{p.He} walks there and back home every school day, 5 days a week.",
               f"{p.He} walks both ways, five days a week.",
               f"{p.He} makes the trip to school and home again on each of the 5 school days.")
        q = ask(rng,
                [f"How many meters does {p.he} walk in a week?",
                 f"How far, in meters, does {p.he} walk to and from school each week?",
                      "How many meters is that in one school week?"], "the number of meters walked in a school week",
                      "meters")
        d.step(f"{v} meters a minute for {t} minutes.", f"one_way = {v} * {t}")
        d.step("There and back.", "per_day = one_way * 2")
        d.step("5 school days.", "per_week = per_day * 5")
        return d.end(q, "per_week", v * t * 10, form)
    if form == "time":
        v = rng.choice([40, 50, 60, 70, 80, 100, 120, 150, 200, 250])
        t = rng.randint(3, 40)
        dist = v * t
        mode = rng.choice([("walks", "walking"), ("jogs", "jogging"), ("rides a scooter", "riding"),
                           ("skates", "skating")])
        d.tell(f"{p.First} {mode[0]} at {v} meters per minute.",
               f"When {mode[1]}, {p.first} goes {v} meters each minute.",
               f"{p.First}'s speed is {v} meters a minute when {p.he} {mode[0]}.")
        d.tell(f"The park is {dist} meters from {p.his} house.",
               f"{p.He} wants to get to a friend's house {dist} meters away.",
               f"The library is {dist} meters away.")
        stop = rng.randint(2, 15)
        d.tell(f"On the way {p.he} stops for {say(rng, stop)} minutes to buy a drink.",
               f"{p.He} also stops {say(rng, stop)} minutes to talk to a neighbor.",
               f"Halfway there, {p.he} rests for {say(rng, stop)} minutes.")
        q = ask(rng,
                [f"How many minutes does it take {p.him} to get there?", "How long does the trip take, in minutes?",
                      f"How many minutes does {p.he} need in all?"], "the number of minutes the trip takes", "minutes")
        d.step(f"{dist} meters at {v} meters a minute.", f"moving = {dist} // {v}")
        d.step(f"Add the {stop}-minute stop.", f"minutes = moving + {stop}")
        return d.end(q, "minutes", t + stop, form)
    if form == "gap":
        v1, v2 = rng.sample([120, 150, 160, 180, 200, 220, 250], 2)
        if v1 < v2:
            v1, v2 = v2, v1
        t = rng.randint(2, 20)
        friend = others(rng, 1, {p.name})[0]
        d.tell(f"{p.First} and {friend} start a race at the same time.",
               f"{p.First} races {friend} from the same starting line.",
               f"{friend} and {p.first} begin running together.")
        d.tell(f"{p.First if p.first == p.name else p.Name} runs {v1} meters a minute and {friend} runs {v2} meters a "
               f"minute.",
               f"{p.Name} covers {v1} meters each minute, while {friend} covers {v2}.",
               f"{friend}'s speed is {v2} meters per minute and {p.name}'s is {v1} meters per minute.")
        q = ask(rng,
                [f"How many meters ahead is {p.name} after {say(rng, t)} minutes?",
                 f"After {say(rng, t)} minutes, how far apart are they, in meters?",
                      f"How many meters separate them after {say(rng, t)} minutes?"], None, "meters")
        d.step(f"{v1} minus {v2} meters each minute.", f"gain = {v1} - {v2}")
        d.step(f"{t} minutes.", f"gap = gain * {t}")
        return d.end(q, "gap", (v1 - v2) * t, form)
    if form == "laps":
        track = rng.choice([200, 250, 400, 500])
        k = rng.randint(1, 10)
        n = (1000 // gcd(1000, track)) * k
        while track * n > 20000:
            k -= 1
            n = (1000 // gcd(1000, track)) * k
        d.tell(f"The school track is {track} meters around.", f"One lap of the track is {track} meters.",
               f"A lap around the park's track is {track} meters.")
        d.tell(f"{p.First} runs {n} laps.", f"{p.First} runs {n} laps for training.",
               f"During practice, {p.first} completes {n} laps.")
        q = ask(rng,
                [f"How many kilometers does {p.he} run?", "How far is that in kilometers?",
                 f"How many kilometers did {p.he} cover?"],
                "the distance run in kilometers")
        d.step(f"{n} laps of {track} meters.", f"meters = {n} * {track}")
        d.step("A kilometer is 1000 meters.", "km = meters // 1000")
        return d.end(q, "km", n * track // 1000, form)
    v1, v2 = rng.choice([(10, 5), (12, 4), (15, 5), (20, 4), (20, 5), (12, 6), (18, 6), (16, 4)])
    k = rng.randint(1, 3)
    dist = v1 * k
    d.tell(f"{p.First} lives {dist} kilometers from {p.his} aunt's house.",
           f"It is {dist} kilometers to the lake from {p.poss} house.",
           f"{p.First} has to go {dist} kilometers to get to practice.")
    d.tell(f"{p.He} can cycle at {v1} kilometers an hour or walk at {v2} kilometers an hour.",
           f"On a bike {p.he} goes {v1} kilometers per hour, but walking {p.he} only goes {v2}.",
           f"Cycling, {p.he} travels {v1} kilometers an hour; walking, {v2} kilometers an hour.")
    q = ask(rng, ["How many hours does cycling save?", "How many hours faster is the bike than walking?",
                  "How many fewer hours does the trip take by bike?"], "the number of hours cycling saves")
    d.step(f"Walking: {dist} kilometers at {v2} an hour.", f"walk_hours = {dist} // {v2}")
    d.step(f"Cycling: {dist} kilometers at {v1} an hour.", f"bike_hours = {dist} // {v1}")
    d.step("The difference.", "saved = walk_hours - bike_hours")
    return d.end(q, "saved", dist // v2 - dist // v1, form)


FARM_TWO = ["chickens", "ducks", "geese", "turkeys"]  # 2 legs
FARM_FOUR = ["cows", "pigs", "sheep", "goats", "horses"]  # 4 legs


def sc_farm(rng):
    """A farm's animals: legs of three kinds, legs from heads and a count, legs after selling and buying, hay for
    a week, or milk money."""
    d = Draft(rng, "farm")
    p = person(rng, "farmer", 0.5)
    big = rng.choice(FARM_FOUR)
    bird, bird2 = rng.sample(FARM_TWO, 2)
    form = rng.choice(["legs", "heads", "trade", "hay", "milk"])
    if form == "legs":
        a, b, c = rng.randint(2, 30), rng.randint(2, 30), rng.randint(2, 20)
        d.tell(f"{p.First} has {say(rng, a)} {big}, {say(rng, b)} {bird} and {say(rng, c)} {bird2}.",
               f"On {p.poss} farm there are {say(rng, a)} {big}, {say(rng, b)} {bird} and {say(rng, c)} {bird2}.",
               f"{p.First}'s farm is home to {say(rng, a)} {big}, {say(rng, b)} {bird} and {say(rng, c)} {bird2}.")
        d.noise(0.3, "The barn is {n} years old.", "The farm is {n} kilometers from town.")
        q = ask(rng, ["How many legs do the animals have in all?", "How many animal legs are there on the farm?",
                      "Altogether, how many legs do the animals have?"], "the total number of animal legs")
        d.step(f"{a} {big} with 4 legs each.", f"big_legs = {a} * 4")
        d.step(f"{b} {bird} and {c} {bird2} with 2 legs each.", f"bird_legs = ({b} + {c}) * 2")
        d.step("Add them.", "legs = big_legs + bird_legs")
        return d.end(q, "legs", a * 4 + (b + c) * 2, form)
    if form == "heads":
        a, b = rng.randint(2, 30), rng.randint(2, 30)
        d.tell(f"{p.First} counts {a + b} heads among {p.his} {big} and {bird}.",
               f"There are {a + b} animals on the farm, all {big} or {bird}.",
               f"{p.First}'s {big} and {bird} have {a + b} heads altogether.")
        d.tell(f"{say(rng, b).capitalize()} of them are {bird}.", f"Of these, {say(rng, b)} are {bird}.",
               f"{p.He} has {say(rng, b)} {bird}.")
        q = ask(rng,
                ["How many legs are there in all?", "How many legs do these animals have altogether?",
                 "How many legs do they have?"],
                "the total number of legs")
        d.step(f"{a + b} heads, {b} of them {bird}; each animal has one head.", f"big_count = {a + b} - {b}")
        d.step(f"{cap(big)} have 4 legs and {bird} have 2.", f"legs = big_count * 4 + {b} * 2")
        return d.end(q, "legs", a * 4 + b * 2, form)
    if form == "trade":
        a, b = rng.randint(4, 30), rng.randint(2, 30)
        s, j = rng.randint(2, a - 1), rng.randint(2, 12)
        d.tell(f"{p.First} has {say(rng, a)} {big} and {say(rng, b)} {bird}.",
               f"There are {say(rng, a)} {big} and {say(rng, b)} {bird} on {p.poss} farm.",
               f"{p.First} keeps {say(rng, a)} {big} and {say(rng, b)} {bird}.")
        d.tell(f"{p.He} sells {say(rng, s)} of the {big} and buys {say(rng, j)} more {bird}.",
               f"At the market {p.he} sells {say(rng, s)} {big} and buys {say(rng, j)} {bird}.",
               f"Then {say(rng, s)} {big} are sold and {say(rng, j)} new {bird} arrive.")
        q = ask(rng, ["How many legs do the animals have now?", "How many animal legs are on the farm now?",
                      "Now how many legs are there in all?"], "the number of legs now")
        d.step(f"{a} {big}, {s} sold.", f"big_count = {a} - {s}")
        d.step(f"{b} {bird}, {j} bought.", f"bird_count = {b} + {j}")
        d.step(f"{cap(big)} have 4 legs, {bird} have 2.", "legs = big_count * 4 + bird_count * 2")
        return d.end(q, "legs", (a - s) * 4 + (b + j) * 2, form)
    if form == "hay":
        n, k = rng.randint(2, 20), rng.randint(2, 15)
        d.tell(f"{p.First} has {say(rng, n)} {big}.", f"There are {say(rng, n)} {big} in {p.poss} barn.",
               f"{p.First} looks after {say(rng, n)} {big}.")
        d.tell(f"Each one eats {say(rng, k)} kilograms of hay a day.",
               f"Every animal eats {say(rng, k)} kilograms of hay daily.",
               f"They each need {say(rng, k)} kilograms of hay per day.")
        q = ask(rng,
                ["How many kilograms of hay do they eat in a week?",
                 f"How much hay, in kilograms, does {p.he} need for one week?",
                      "How many kilograms of hay are eaten each week?"],
                      "the number of kilograms of hay eaten in a week", "kilograms")
        d.step(f"{n} animals, {k} kilograms each a day.", f"per_day = {n} * {k}")
        d.step("A week has 7 days.", "per_week = per_day * 7")
        return d.end(q, "per_week", n * k * 7, form)
    n, m, price = rng.randint(2, 15), rng.randint(5, 30), rng.randint(1, 3)
    d.tell(f"{p.First} has {say(rng, n)} cows.", f"{p.First} milks {say(rng, n)} cows.",
           f"There are {say(rng, n)} dairy cows on {p.poss} farm.")
    d.tell(f"Each cow gives {say(rng, m)} liters of milk a day.",
           f"Every cow makes {say(rng, m)} liters of milk each day.",
           f"A cow gives about {say(rng, m)} liters of milk daily.")
    d.tell(f"{p.He} sells the milk for {usd(rng, price)} a liter.", f"Milk sells for {usd(rng, price)} per liter.",
           f"A liter of milk brings {usd(rng, price)}.")
    q = ask(rng,
            [f"How much money does {p.he} make from one day's milk?", "How many dollars does a day's milk bring in?",
                  f"How much does {p.he} earn from the milk each day?"], "the money from one day's milk, in dollars",
                  "dollars")
    d.step(f"{n} cows, {m} liters each.", f"liters = {n} * {m}")
    d.step(f"${price} a liter.", f"money = liters * {price}")
    return d.end(q, "money", n * m * price, form)


def sc_bakery(rng):
    """A bakery's trays: muffins on trays in rows, rolls packed in half-dozen boxes, dozens of bagels with some
    sold and half the rest, oven rounds for an order, or a week of loaves."""
    d = Draft(rng, "bakery")
    p = person(rng, "baker", 0.5)
    form = rng.choice(["trays", "boxes", "sold", "oven", "week"])
    food = rng.choice(["muffins", "rolls", "cookies", "buns", "croissants", "cupcakes", "biscuits"])
    if form == "trays":
        t, r, c = rng.randint(2, 9), rng.randint(2, 6), rng.randint(3, 8)
        d.tell(f"{p.First} bakes {say(rng, t)} trays of {food}.",
               f"{p.First} fills {say(rng, t)} baking trays with {food}.",
               f"In the morning {p.first} puts {say(rng, t)} trays of {food} in the oven.")
        d.tell(f"Each tray has {say(rng, r)} rows of {say(rng, c)}.",
               f"On every tray the {food} sit in {say(rng, r)} rows of {say(rng, c)}.",
               f"A tray holds {say(rng, r)} rows with {say(rng, c)} {food} in each row.")
        q = ask(rng,
                [f"How many {food} does {p.he} bake?", f"How many {food} are baked in all?",
                 f"What is the total number of {food}?"],
                f"the total number of {food} baked")
        d.step(f"{r} rows of {c} on a tray.", f"per_tray = {r} * {c}")
        d.step(f"{t} trays.", f"total = per_tray * {t}")
        return d.end(q, "total", t * r * c, form)
    if form == "boxes":
        t, k = rng.randint(2, 8), rng.choice([12, 18, 24, 30, 36])
        d.tell(f"{p.First} bakes {say(rng, t)} trays of {food} with {k} on each tray.",
               f"Each of {p.poss} {say(rng, t)} trays holds {k} {food}.",
               f"{p.First} takes {say(rng, t)} trays of {food} out of the oven, {k} on each.")
        d.tell("The bakery packs them in boxes of half a dozen.",
               f"{p.He} packs them into boxes that hold half a dozen.",
               f"The {food} are sold in boxes of half a dozen.")
        q = ask(rng,
                ["How many boxes can be filled?", f"How many boxes does {p.he} fill?", "How many boxes are needed?"],
                "the number of boxes filled")
        d.step(f"{t} trays of {k}.", f"total = {t} * {k}")
        d.step("Half a dozen is 6 per box.", "boxes = total // 6")
        return d.end(q, "boxes", t * k // 6, form)
    if form == "sold":
        k = rng.randint(3, 10)
        text, code, note = dz(rng, 12 * k, 0.8)
        s = rng.randint(2, 12 * k - 2)
        if (12 * k - s) % 2:
            s += 1
        d.tell(f"A bakery made {text} bagels this morning.", f"{p.First} baked {text} bagels.",
               f"There were {text} bagels on the shelf at opening time.")
        d.tell(f"{say(rng, s).capitalize()} were sold before noon.", f"By noon, {say(rng, s)} bagels had been sold.",
               f"The morning crowd bought {say(rng, s)}.")
        d.tell("In the afternoon, half of the rest were sold.", "Half of the remaining bagels sold in the afternoon.",
               "Later, half of what was left was sold.")
        q = ask(rng,
                ["How many bagels are left?", "How many bagels are still unsold?",
                 "How many bagels remain at closing time?"],
                "the number of bagels left")
        d.step(f"{12 * k} bagels{note}.", f"bagels = {code}")
        d.step(f"{s} sold in the morning.", f"rest = bagels - {s}")
        d.step("Half of the rest sold; half stays.", "left = rest - rest // 2")
        return d.end(q, "left", (12 * k - s) // 2, form)
    if form == "oven":
        k, o, rounds = rng.choice([6, 8, 10, 12, 15, 20, 24]), rng.randint(2, 4), rng.randint(2, 6)
        n = k * o * rounds
        d.tell(f"A customer orders {n} {food}.", f"{p.First} has an order for {n} {food}.",
               f"The bakery must make {n} {food} for a wedding.")
        d.tell(f"One tray holds {k} {food}.", f"Each tray fits {k} {food}.", f"{cap(food)} are baked {k} to a tray.")
        d.tell(f"The oven holds {say(rng, o)} trays at a time.", f"Only {say(rng, o)} trays fit in the oven at once.",
               f"{say(rng, o).capitalize()} trays can bake at the same time.")
        q = ask(rng,
                ["How many times must the oven be filled?", "How many rounds of baking are needed?",
                 "How many batches in the oven does it take?"],
                "the number of oven rounds needed")
        d.step(f"{n} {food}, {k} per tray.", f"trays = {n} // {k}")
        d.step(f"{o} trays per round.", f"rounds = trays // {o}")
        return d.end(q, "rounds", rounds, form)
    loaves, days, price = rng.randint(20, 120), rng.randint(5, 7), rng.randint(2, 6)
    while loaves * days * price > 10000:
        loaves //= 2
    d.tell(f"A bakery bakes {loaves} loaves of bread each day it is open.",
           f"{p.First} bakes {loaves} loaves of bread a day.",
           f"Every day the bakery makes {loaves} loaves.")
    d.tell(f"It is open {say(rng, days)} days a week.", f"The shop opens {say(rng, days)} days each week.",
           f"The bakery works {say(rng, days)} days a week.")
    d.tell(f"Each loaf sells for {usd(rng, price)}, and all of them sell.",
           f"A loaf costs {usd(rng, price)} and they always sell out.",
           f"All the loaves are sold at {usd(rng, price)} each.")
    q = ask(rng, ["How much money does the bread bring in each week?", "How many dollars of bread are sold in a week?",
                  "What are the weekly bread sales?"], "the weekly bread sales in dollars", "dollars")
    d.step(f"{loaves} loaves for {days} days.", f"loaves = {loaves} * {days}")
    d.step(f"${price} per loaf.", f"money = loaves * {price}")
    return d.end(q, "money", loaves * days * price, form)


def sc_carpool(rng):
    """Driving children in cars: cars needed (rounded up), empty seats when drivers take a seat, each friend's
    share of the fuel, a week of carpool kilometers, or seats in vans and cars."""
    d = Draft(rng, "carpool")
    p = person(rng, "coach", 0.4)
    where = rng.choice(["a soccer game", "the swimming meet", "a museum", "the spelling bee", "summer camp",
                        "a birthday party"])
    form = rng.choice(["cars", "seats", "fuel", "week", "vans"])
    if form == "cars":
        k = rng.randint(3, 6)
        kids = rng.randint(k + 1, k * 8)
        girls = rng.randint(2, kids - 2)
        d.tell(f"{say(rng, girls).capitalize()} girls and {say(rng, kids - girls)} boys need a ride to {where}.",
               f"{p.First} is organizing rides to {where} for {say(rng, girls)} girls and {say(rng, kids - girls)} "
               f"boys.",
               f"There are {say(rng, girls)} girls and {say(rng, kids - girls)} boys going to {where}.")
        d.tell(f"Each car can take {say(rng, k)} children besides the driver.",
               f"Every parent's car fits {say(rng, k)} kids.",
               f"A car has room for {say(rng, k)} children.")
        q = ask(rng,
                ["How many cars are needed?", "How many cars does it take to drive everyone?",
                 "What is the fewest cars that can take all the children?"],
                "the number of cars needed")
        d.step(f"{girls} girls and {kids - girls} boys.", f"kids = {girls} + {kids - girls}")
        d.step(f"{k} per car; round up, since a car with a few children still goes.", f"cars = (kids + {k} - 1) // {k}")
        return d.end(q, "cars", (kids + k - 1) // k, form)
    if form == "seats":
        c, s = rng.randint(2, 6), rng.choice([4, 5, 7])
        kids = rng.randint(2, c * (s - 1) - 1)
        d.tell(f"{say(rng, c).capitalize()} parents drive to {where}, each in a car with {say(rng, s)} seats.",
               f"{say(rng, c).capitalize()} cars go to {where}, and each car has {say(rng, s)} seats, counting the "
               f"driver's.",
               f"For the trip to {where}, {say(rng, c)} parents each bring a {s}-seat car.")
        d.tell(f"They take {say(rng, kids)} children.", f"{say(rng, kids).capitalize()} children ride along.",
               f"The cars carry {say(rng, kids)} kids.")
        q = ask(rng,
                ["How many seats are empty?", "How many seats are left over?",
                 "How many empty seats are there in all?"],
                "the number of empty seats")
        d.step(f"{c} cars with {s} seats.", f"seats = {c} * {s}")
        d.step(f"{c} drivers and {kids} children sit down.", f"empty = seats - {c} - {kids}")
        return d.end(q, "empty", c * s - c - kids, form)
    if form == "fuel":
        n, k, price = rng.randint(2, 5), rng.choice([10, 12, 15, 20]), rng.randint(1, 3)
        dist = k * rng.randint(2, 15)
        while dist * 2 // k * price % n:
            dist += k
        d.tell(f"{p.First} and {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} drive to {where}, {dist} "
               f"kilometers away, and back.",
               f"{p.First} drives {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} to {where}, which is {dist} "
               f"kilometers away, and home again.",
               f"A round trip to {where} is {dist} kilometers each way; {p.first} takes {say(rng, n - 1)} "
               f"{plural(n - 1, 'friend', 'friends')}.")
        d.tell(f"The car uses 1 liter of fuel every {k} kilometers, and fuel is {usd(rng, price)} a liter.",
               f"The car goes {k} kilometers on a liter, and a liter costs {usd(rng, price)}.",
               f"Fuel costs {usd(rng, price)} per liter, and the car needs a liter for each {k} kilometers.")
        d.tell("They split the fuel cost equally among everyone in the car.",
               "Everyone in the car pays an equal share of the fuel.",
               f"The {say(rng, n)} of them share the cost of fuel evenly.")
        q = ask(rng, ["How much does each person pay?", "How much is each share, in dollars?",
                      "How many dollars does each of them pay?"], "the share each person pays, in dollars", "dollars")
        d.step(f"There and back: 2 times {dist} kilometers.", f"distance = {dist} * 2")
        d.step(f"1 liter per {k} kilometers at ${price}.", f"cost = distance // {k} * {price}")
        d.step(f"{p.Name} and {n - 1} {plural(n - 1, 'friend', 'friends')} is {n} people.", f"each = cost // {n}")
        return d.end(q, "each", dist * 2 // k * price // n, form)
    if form == "week":
        dist, days = rng.randint(3, 25), rng.randint(2, 5)
        d.tell(f"{p.First} drives the carpool to school on {say(rng, days)} days a week.",
               f"{say(rng, days).capitalize()} days a week, {p.first} drives the kids to school.",
               f"{p.First} takes the school carpool {say(rng, days)} days each week.")
        d.tell(f"School is {dist} kilometers from home, and {p.he} drives there and back each time.",
               f"The school is {dist} kilometers away, and {p.he} drives home again after drop-off.",
               f"Each day {p.he} drives {dist} kilometers to school and {dist} kilometers home.")
        q = ask(rng,
                [f"How many kilometers does {p.he} drive for the carpool each week?",
                 "How many kilometers is that in a week?",
                      f"How far, in kilometers, does {p.he} drive in one week?"],
                      "the number of kilometers driven each week", "kilometers")
        d.step(f"{dist} kilometers each way.", f"per_day = {dist} * 2")
        d.step(f"{days} days a week.", f"per_week = per_day * {days}")
        return d.end(q, "per_week", dist * 2 * days, form)
    v, c, vs, cs = rng.randint(1, 4), rng.randint(1, 5), rng.choice([8, 12, 15]), rng.choice([4, 5])
    people = rng.randint(2, v * vs + c * cs - 1)
    d.tell(f"For the trip to {where}, there are {say(rng, v)} {plural(v, 'van', 'vans')} with {vs} seats and "
           f"{say(rng, c)} {plural(c, 'car', 'cars')} with {cs} seats.",
           f"{p.First} lined up {say(rng, v)} {plural(v, 'van', 'vans')} that hold {vs} people and {say(rng, c)} "
           f"{plural(c, 'car', 'cars')} that hold {cs} for the trip to {where}.",
           f"The team has {say(rng, v)} {plural(v, 'van', 'vans')} that seat {vs} and {say(rng, c)} "
           f"{plural(c, 'car', 'cars')} that seat {cs} for the trip to {where}.")
    d.tell(f"{people} people are going.", f"{people} people sign up for the trip.",
           f"In all, {people} people will ride.")
    q = ask(rng, ["How many seats will be empty?", "How many seats are left over?", "How many more people could fit?"],
            "the number of empty seats")
    d.step(f"{v} vans of {vs} seats.", f"van_seats = {v} * {vs}")
    d.step(f"{c} cars of {cs} seats.", f"car_seats = {c} * {cs}")
    d.step(f"{people} people.", f"empty = van_seats + car_seats - {people}")
    return d.end(q, "empty", v * vs + c * cs - people, form)


def sc_marbles(rng):
    """Marbles won and lost in games: after several wins and losses, the same loss each game, two friends after
    one wins some from the other, lost and then half given away, or bags bought and some lost."""
    d = Draft(rng, "marbles")
    p = person(rng, "player", 0.1)
    thing = rng.choice(["marbles", "trading cards", "pogs", "bottle caps", "game tokens"])
    form = rng.choice(["games", "equal", "friends", "half", "bags"])
    if form == "games":
        n, w, g1, l, g2 = rng.randint(10, 80), rng.randint(2,
                                                           8), rng.randint(2, 5), rng.randint(2, 6), rng.randint(2, 5)
        while n + w * g1 - l * g2 < 1:
            n += 10
        d.tell(f"{p.First} had {say(rng, n)} {thing}.", f"{p.First} started the day with {say(rng, n)} {thing}.",
               f"At recess, {p.first} had {say(rng, n)} {thing}.")
        d.tell(f"{p.He} won {say(rng, w)} {thing} in each of {say(rng, g1)} games.",
               f"In {say(rng, g1)} games {p.he} won {say(rng, w)} {thing} each time.",
               f"{p.He} played {say(rng, g1)} games and won {say(rng, w)} {thing} in every one.")
        d.tell(f"Then {p.he} lost {say(rng, l)} {thing} in each of {say(rng, g2)} more games.",
               f"After that {p.he} lost {say(rng, g2)} games and {say(rng, l)} {thing} each game.",
               f"But in the next {say(rng, g2)} games {p.he} lost {say(rng, l)} {thing} per game.")
        q = ask(rng,
                [f"How many {thing} does {p.he} have now?", f"How many {thing} does {p.he} have at the end?",
                 f"How many {thing} does {p.he} end up with?"],
                f"the number of {thing} {p.he} has at the end")
        d.step(f"{w} won in each of {g1} games.", f"won = {w} * {g1}")
        d.step(f"{l} lost in each of {g2} games.", f"lost = {l} * {g2}")
        d.step(f"Start from {n}.", f"now = {n} + won - lost")
        return d.end(q, "now", n + w * g1 - l * g2, form)
    if form == "equal":
        g, k, e = rng.randint(2, 8), rng.randint(2, 10), rng.randint(3, 60)
        n = e + g * k
        d.tell(f"{p.First} brought {say(rng, n)} {thing} to the game.",
               f"{p.First} had {say(rng, n)} {thing} before playing.",
               f"At the start, {p.first} had {say(rng, n)} {thing}.")
        d.tell(f"{p.He} played {say(rng, g)} games and lost the same number each game.",
               f"In each of {say(rng, g)} games {p.he} lost the same number of {thing}.",
               f"{p.He} lost an equal number in each of {say(rng, g)} games.")
        d.tell(f"{p.He} went home with {say(rng, e)} {thing}.", f"Afterward {p.he} had {say(rng, e)} left.",
               f"At the end {p.he} had only {say(rng, e)}.")
        q = ask(rng,
                [f"How many {thing} did {p.he} lose in each game?", "How many did " + p.he + " lose per game?",
                 f"How many {thing} were lost each game?"],
                f"the number of {thing} lost in each game")
        d.step(f"{n} at the start, {e} at the end.", f"lost = {n} - {e}")
        d.step(f"Shared equally over {g} games.", f"per_game = lost // {g}")
        return d.end(q, "per_game", k, form)
    if form == "friends":
        friend = others(rng, 1, {p.name})[0]
        a, b, x = rng.randint(10, 60), rng.randint(10, 60), rng.randint(2, 9)
        if a + x <= b - x:
            a = b
        d.tell(f"{p.First} has {say(rng, a)} {thing} and {friend} has {say(rng, b)}.",
               f"{friend} has {say(rng, b)} {thing}, and {p.first} has {say(rng, a)}.",
               f"{p.First} owns {say(rng, a)} {thing}; {friend} owns {say(rng, b)}.")
        d.tell(f"In a game, {p.name} wins {say(rng, x)} {thing} from {friend}.",
               f"Then {p.name} wins {say(rng, x)} of {friend}'s {thing}.",
               f"{friend} loses {say(rng, x)} {thing} to {p.name} in a game.")
        q = ask(rng,
                [f"How many more {thing} does {p.name} have than {friend} now?",
                 f"Now how many more {thing} does {p.name} have than {friend}?",
                      f"After the game, how many more does {p.name} have than {friend}?"], None)
        d.step(f"{p.Name} had {a} and gains {x}.", f"mine = {a} + {x}")
        d.step(f"{friend} had {b} and loses {x}.", f"theirs = {b} - {x}")
        d.step("The difference.", "diff = mine - theirs")
        return d.end(q, "diff", a - b + 2 * x, form)
    if form == "half":
        n, l = rng.randint(20, 100), rng.randint(2, 15)
        if (n - l) % 2:
            n += 1
        d.tell(f"{p.First} had {say(rng, n)} {thing}.", f"{p.First} started with {say(rng, n)} {thing}.",
               f"{p.First}'s jar held {say(rng, n)} {thing}.")
        d.tell(f"{p.He} lost {say(rng, l)} in a game.", f"{say(rng, l).capitalize()} of them were lost in a game.",
               f"{p.He} lost {say(rng, l)} {thing} playing at school.")
        d.tell(f"Then {p.he} gave half of the rest to {p.his} little brother.",
               f"After that, {p.he} gave half of what was left to a friend.",
               f"{p.He} then shared half of the rest with {p.his} cousin.")
        q = ask(rng,
                [f"How many {thing} does {p.he} have left?", f"How many {thing} does {p.he} keep?",
                 f"How many {thing} remain?"],
                f"the number of {thing} {p.he} has left")
        d.step(f"{n} minus {l} lost.", f"rest = {n} - {l}")
        d.step("Half given away.", "left = rest // 2")
        return d.end(q, "left", (n - l) // 2, form)
    have, b, k = rng.choice([0, rng.randint(2, 40)]), rng.randint(2, 6), rng.randint(5, 25)
    l = rng.randint(2, min(12, have + b * k - 1))
    d.tell(f"{p.First} has {say(rng, have)} {thing}." if have else f"{p.First} has no {thing}.",
           f"{p.First} already owns {say(rng, have)} {thing}." if have else f"{p.First} wants to start collecting "
                                                                            f"{thing}.",
           f"{p.First} keeps {say(rng, have)} {thing} in a box." if have else f"{p.First} has none at the start.")
    d.tell(f"{p.He} buys {say(rng, b)} bags with {say(rng, k)} {thing} in each.",
           f"Then {p.he} buys {say(rng, b)} bags of {say(rng, k)}.",
           f"{p.He} gets {say(rng, b)} bags, each holding {say(rng, k)} {thing}.")
    d.tell(f"{p.He} loses {say(rng, l)} of them on the way home.", f"On the bus, {say(rng, l)} fall out and are lost.",
           f"Later {p.he} loses {say(rng, l)}.")
    q = ask(rng,
            [f"How many {thing} does {p.he} have now?", f"How many {thing} does {p.he} have in the end?",
             f"How many {thing} are left?"],
            f"the number of {thing} {p.he} has now")
    d.step(f"{b} bags of {k}.", f"bought = {b} * {k}")
    d.step(f"{have} to start, {l} lost.", f"now = {have} + bought - {l}")
    return d.end(q, "now", have + b * k - l, form + ("_had" if have else ""))


def sc_bill_split(rng):
    """Sharing a restaurant bill: the bill and a tip split equally, a 20% tip, dishes shared by friends, friends
    paying for the birthday person, or one person also paying for dessert."""
    d = Draft(rng, "bill_split")
    p = person(rng)
    n = rng.randint(2, 8)
    place = rng.choice(["a pizza place", "a diner", "a noodle shop", "a taco stand", "a sushi restaurant", "a cafe",
                        "an Indian restaurant"])
    form = rng.choice(["equal", "percent", "dishes", "birthday", "dessert"])
    if form == "equal":
        t = rng.randint(2, 30)
        bill = n * rng.randint(8, 40) - t
        while bill < 10:
            bill += n
        d.tell(f"{p.First} and {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} ate at {place}.",
               f"{say(rng, n).capitalize()} friends, {p.first} among them, had dinner at {place}.",
               f"{p.First} went to {place} with {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')}.")
        d.tell(f"The bill was {usd(rng, bill)} and they left a {usd(rng, t)} tip.",
               f"The food cost {usd(rng, bill)}, plus a tip of {usd(rng, t)}.",
               f"Their meal came to {usd(rng, bill)}, and they added {usd(rng, t)} for the tip.")
        d.tell("They split the total equally.", "Everyone paid the same amount.", "They shared the cost evenly.")
        q = ask(rng,
                ["How much did each person pay?", "How many dollars did each friend pay?", "How much was each share?"],
                "the amount each person paid, in dollars", "dollars")
        d.step(f"${bill} plus ${t} tip.", f"total = {bill} + {t}")
        d.step(f"{n} people share it.", f"each = total // {n}")
        return d.end(q, "each", (bill + t) // n, form)
    if form == "percent":
        pc = rng.choice([10, 15, 20, 25])
        bill = rng.randint(2, 20) * (100 // gcd(pc, 100))
        d.tell(f"{p.First}'s family ate at {place}, and the bill was {usd(rng, bill)}.",
               f"Dinner at {place} cost {p.poss} family {usd(rng, bill)}.",
               f"{p.First} paid for a meal at {place} that cost {usd(rng, bill)}.")
        d.tell(f"A {pc}% tip was added.", f"The tip was {pc} percent of the bill.", f"The tip was {pc}% of the bill.")
        q = ask(rng,
                ["How much did they pay in all?", "What was the total with the tip?",
                 "How much money was paid, tip included?"],
                "the total paid with the tip, in dollars", "dollars")
        d.step(f"{pc}% of ${bill}.", f"tip = {bill} * {pc} // 100")
        d.step("Add the tip.", f"total = {bill} + tip")
        return d.end(q, "total", bill + bill * pc // 100, form)
    if form == "dishes":
        a, pa, b, pb = rng.randint(1, 4), rng.randint(8, 20), rng.randint(2, 6), rng.randint(1, 4)
        while (a * pa + b * pb) % n:
            pa, pb = rng.randint(8, 20), rng.randint(1, 4)
        d.tell(f"{say(rng, n).capitalize()} friends order {say(rng, a)} {plural(a, 'pizza', 'pizzas')} at "
               f"{usd(rng, pa)} each and {say(rng, b)} drinks at {usd(rng, pb)} each.",
               f"At {place}, {say(rng, n)} friends get {say(rng, a)} large {plural(a, 'dish', 'dishes')} for "
               f"{usd(rng, pa)} each and {say(rng, b)} drinks for {usd(rng, pb)} each.",
               f"{p.First} and {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} buy {say(rng, a)} "
               f"{plural(a, 'platter', 'platters')} at {usd(rng, pa)} apiece and {say(rng, b)} drinks at "
               f"{usd(rng, pb)} apiece.")
        d.tell("They share the cost equally.", "They split the bill evenly.", "Each pays the same share.")
        q = ask(rng, ["How much does each person pay?", "How much is each share, in dollars?",
                      "How many dollars does each one pay?"], "the amount each person pays, in dollars", "dollars")
        d.step(f"{a} at ${pa} each.", f"food = {a} * {pa}")
        d.step(f"{b} drinks at ${pb} each.", f"drinks = {b} * {pb}")
        d.step(f"Split among {n}.", f"each = (food + drinks) // {n}")
        return d.end(q, "each", (a * pa + b * pb) // n, form)
    if form == "birthday":
        n = max(n, 3)
        bill = (n - 1) * rng.randint(6, 30)
        d.tell(f"{say(rng, n).capitalize()} friends went to {place} for {p.poss} birthday.",
               f"For {p.poss} birthday, {say(rng, n)} friends, {p.first} included, ate at {place}.",
               f"{p.First} celebrated a birthday at {place} with friends; there were {say(rng, n)} of them in all.")
        d.tell(f"The bill was {usd(rng, bill)}.", f"The meal cost {usd(rng, bill)}.",
               f"Everything came to {usd(rng, bill)}.")
        d.tell(f"{p.Name} did not pay; the others split the bill equally.",
               f"The others paid for {p.name}, sharing the bill evenly.",
               f"{p.Name}'s friends covered the whole bill in equal shares.")
        q = ask(rng,
                ["How much did each of the others pay?", "How many dollars did each friend pay?",
                 "How much was each friend's share?"],
                "the share each friend paid, in dollars", "dollars")
        d.step(f"{n} people, but {p.name} did not pay.", f"payers = {n} - 1")
        d.step(f"${bill} shared by the payers.", f"each = {bill} // payers")
        return d.end(q, "each", bill // (n - 1), form)
    bill, des = n * rng.randint(8, 30), rng.randint(3, 12)
    d.tell(f"{p.First} and {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} split a {usd(rng, bill)} dinner bill "
           f"equally.",
           f"A dinner for {say(rng, n)} people at {place} costs {usd(rng, bill)}, split evenly; {p.first} is one of "
           f"them.",
           f"{p.First}'s group of {say(rng, n)} shares a {usd(rng, bill)} bill evenly.")
    d.tell(f"{p.Name} also orders a dessert for {usd(rng, des)} and pays for it alone.",
           f"{p.He} also buys dessert for {usd(rng, des)}.",
           f"On top of that, {p.he} pays {usd(rng, des)} for a dessert.")
    q = ask(rng,
            [f"How much does {p.name} pay in all?", f"How much money does {p.he} spend altogether?",
             f"How many dollars does {p.he} pay?"],
            f"the amount {p.name} pays in all, in dollars", "dollars")
    d.step(f"${bill} shared by {n}.", f"share = {bill} // {n}")
    d.step(f"Add the ${des} dessert.", f"total = share + {des}")
    return d.end(q, "total", bill // n + des, form)


def sc_weights(rng):
    """Weights: boxes plus a crate, packs in grams as kilograms, boxes that still fit on a truck, a suitcase's
    spare weight, or bags of two kinds."""
    d = Draft(rng, "weights")
    form = rng.choice(["total", "grams", "truck", "suitcase", "bags"])
    p = person(rng, "mover" if form in ("total", "truck") else None)
    if form == "total":
        b, k, c = rng.randint(2, 15), rng.randint(2, 30), rng.randint(5, 60)
        d.tell(f"{p.First} is moving {say(rng, b)} boxes that weigh {say(rng, k)} kilograms each.",
               f"{p.First} loads {say(rng, b)} boxes of books, each weighing {say(rng, k)} kilograms.",
               f"Each of the {say(rng, b)} boxes {p.first} packed weighs {say(rng, k)} kilograms.")
        d.tell(f"{p.He} also moves a crate that weighs {say(rng, c)} kilograms.",
               f"There is also a {c}-kilogram crate.", f"A crate weighing {say(rng, c)} kilograms goes too.")
        q = ask(rng,
                ["How many kilograms is that in all?", "What is the total weight in kilograms?",
                 "How heavy is everything together, in kilograms?"],
                "the total weight in kilograms")
        d.step(f"{b} boxes of {k} kilograms.", f"boxes = {b} * {k}")
        d.step(f"Add the {c}-kilogram crate.", f"total = boxes + {c}")
        return d.end(q, "total", b * k + c, form)
    if form == "grams":
        g = rng.choice([100, 125, 200, 250, 400, 500])
        n = 1000 // gcd(1000, g) * rng.randint(1, 8)
        item = rng.choice(["bags of rice", "packs of pasta", "bars of soap", "bags of coffee", "tins of tea",
                           "blocks of cheese"])
        d.tell(f"{p.First} buys {n} {item}.", f"A shop sells {p.first} {n} {item}.",
               f"{p.First} carries home {n} {item}.")
        d.tell(f"Each one weighs {g} grams.", f"Every one of them is {g} grams.", f"They weigh {g} grams apiece.")
        q = ask(rng,
                ["How many kilograms do they weigh altogether?", "What is their total weight in kilograms?",
                 "How heavy are they in kilograms?"],
                "the total weight in kilograms")
        d.step(f"{n} at {g} grams.", f"grams = {n} * {g}")
        d.step("1 kilogram is 1000 grams.", "kilograms = grams // 1000")
        return d.end(q, "kilograms", n * g // 1000, form)
    if form == "truck":
        k, x, more = rng.randint(10, 50), rng.randint(5, 40), rng.randint(2, 30)
        lim = k * (x + more)
        d.tell(f"A delivery truck can carry {lim} kilograms.", f"The truck holds at most {lim} kilograms.",
               f"{p.First}'s van can carry up to {lim} kilograms.")
        d.tell(f"Each box weighs {k} kilograms.", f"The boxes weigh {k} kilograms each.",
               f"A box weighs {k} kilograms.")
        d.tell(f"{say(rng, x).capitalize()} boxes are already loaded.",
               f"The workers have already loaded {say(rng, x)} boxes.",
               f"There are {say(rng, x)} boxes on it already.")
        q = ask(rng,
                ["How many more boxes can it carry?", "How many more boxes fit before it is full?",
                 "How many more boxes can be loaded?"],
                "the number of boxes that can still be loaded")
        d.step(f"{x} boxes of {k} kilograms.", f"loaded = {x} * {k}")
        d.step(f"{lim} kilograms in all.", f"room = {lim} - loaded")
        d.step(f"{k} kilograms a box.", f"more = room // {k}")
        return d.end(q, "more", more, form)
    if form == "suitcase":
        lim = rng.choice([20, 23, 25, 30, 32])
        a, b = rng.randint(2, 8), rng.randint(2, 8)
        c = rng.randint(2, lim - a - b - 1)
        d.tell(f"An airline lets each suitcase weigh up to {lim} kilograms.",
               f"A suitcase on {p.poss} flight may weigh at most {lim} kilograms.",
               f"The weight limit for a suitcase is {lim} kilograms.")
        d.tell(f"{p.First} packs clothes weighing {say(rng, a)} kilograms, shoes weighing {say(rng, b)} kilograms and "
               f"books weighing {say(rng, c)} kilograms.",
               f"In {p.poss} suitcase are {say(rng, a)} kilograms of clothes, {say(rng, b)} kilograms of shoes and "
               f"{say(rng, c)} kilograms of gifts.",
               f"{p.Name}'s suitcase holds {say(rng, a)} kilograms of clothes, {say(rng, b)} of shoes and "
               f"{say(rng, c)} of books.")
        q = ask(rng,
                ["How many more kilograms can go in?", "How many kilograms under the limit is it?",
                 "How much more weight, in kilograms, is allowed?"],
                "the number of kilograms still allowed")
        d.step(f"{a} + {b} + {c} kilograms packed.", f"packed = {a} + {b} + {c}")
        d.step(f"The limit is {lim}.", f"spare = {lim} - packed")
        return d.end(q, "spare", lim - a - b - c, form)
    unit = rng.choice(["kilograms", "pounds"])
    a, ka, b, kb = rng.randint(2, 8), rng.randint(2, 10), rng.randint(2, 8), rng.randint(2, 25)
    d.tell(f"{p.First} buys {say(rng, a)} bags of apples that weigh {say(rng, ka)} {unit} each.",
           f"At the market {p.first} picks up {say(rng, a)} bags of apples, each weighing {say(rng, ka)} {unit}.",
           f"{p.First} carries {say(rng, a)} bags of apples, {say(rng, ka)} {unit} each.")
    d.tell(f"{p.He} also buys {say(rng, b)} sacks of potatoes at {say(rng, kb)} {unit} each.",
           f"{p.He} adds {say(rng, b)} sacks of potatoes weighing {say(rng, kb)} {unit} apiece.",
           f"There are also {say(rng, b)} sacks of potatoes, each {say(rng, kb)} {unit}.")
    q = ask(rng,
            [f"How many {unit} is that in all?", f"How many {unit} does {p.he} buy altogether?",
             f"What is the total weight in {unit}?"],
            f"the total weight in {unit}")
    d.step(f"{a} bags of {ka} {unit}.", f"apples = {a} * {ka}")
    d.step(f"{b} sacks of {kb} {unit}.", f"potatoes = {b} * {kb}")
    d.step("Add them.", "total = apples + potatoes")
    return d.end(q, "total", a * ka + b * kb, form)


def sc_ages(rng):
    """Ages over time: the sum of two ages some years from now, a brother's age when his sister reaches an age,
    a mother twice a child's age found from years ago, three siblings, or a mother's age from her age at a birth."""
    d = Draft(rng, "ages")
    name = rng.choice(NAME_LIST)
    p = Who(name, name, NAMES[name])
    form = rng.choice(["sum", "gap", "ago", "three", "born"])
    if form == "sum":
        a, b, n = rng.randint(3, 15), rng.randint(3, 15), rng.randint(2, 10)
        other = others(rng, 1, {name})[0]
        d.tell(f"{name} is {say(rng, a)} years old and {other} is {say(rng, b)}.",
               f"{other} is {say(rng, b)}, and {name} is {say(rng, a)}.",
               f"{name}'s age is {say(rng, a)} and {other}'s age is {say(rng, b)}.")
        q = ask(rng,
                [f"What will the sum of their ages be in {say(rng, n)} years?",
                 f"In {say(rng, n)} years, what will their ages add up to?",
                      f"How old will they be altogether in {say(rng, n)} years?"])
        d.step(f"{name} in {n} years.", f"first = {a} + {n}")
        d.step(f"{other} in {n} years.", f"second = {b} + {n}")
        d.step("Add the two ages.", "total = first + second")
        return d.end(q, "total", a + b + 2 * n, form)
    if form == "gap":
        a, g = rng.randint(4, 12), rng.randint(2, 9)
        x = a + rng.randint(2, 20)
        kin = rng.choice(["brother", "sister", "cousin"])
        d.tell(f"{name} is {say(rng, a)} and {p.his} {kin} is {say(rng, a + g)}.",
               f"{name}'s {kin} is {say(rng, a + g)} years old, and {name} is {say(rng, a)}.",
               f"{name} is {say(rng, a)} years old; {p.his} {kin} is {say(rng, a + g)}.")
        q = ask(rng,
                [f"How old will the {kin} be when {name} is {say(rng, x)}?",
                 f"When {name} turns {say(rng, x)}, how old will {p.his} {kin} be?",
                      f"What will the {kin}'s age be when {name} is {say(rng, x)} years old?"])
        d.step(f"The {kin} is {a + g} and {name} is {a}.", f"gap = {a + g} - {a}")
        d.step(f"The gap stays the same when {name} is {x}.", f"older = {x} + gap")
        return d.end(q, "older", x + g, form)
    if form == "ago":
        x, k = rng.randint(3, 12), rng.randint(2, 6)
        m = rng.choice([2, 3])
        kin = rng.choice(["mother", "father", "aunt", "uncle"])
        d.tell(f"{say(rng, k).capitalize()} years ago, {name} was {say(rng, x)} years old.",
               f"{name} was {say(rng, x)} {say(rng, k)} years ago.",
               f"{say(rng, k).capitalize()} years ago {name}'s age was {say(rng, x)}.")
        d.tell(f"{p.His} {kin} is {TIMES_AS[m]} as old as {name} is now.",
               f"Today, {p.his} {kin} is {TIMES_AS[m]} {name}'s age.",
               f"{name}'s {kin} is now {TIMES_AS[m]} {p.his} age.")
        q = ask(rng, [f"How old is {p.his} {kin}?", f"What is the {kin}'s age now?", f"How old is {name}'s {kin} now?"],
                f"the {kin}'s age now")
        d.step(f"{x} years old {k} years ago.", f"now = {x} + {k}")
        d.step(f"The {kin} is {m} times that.", f"{kin} = now * {m}")
        return d.end(q, kin, (x + k) * m, form)
    if form == "three":
        a, g = rng.randint(10, 20), rng.randint(2, 5)
        if (a - g) % 2:
            g += 1
        d.tell(f"{name} is the oldest of three children and is {say(rng, a)}.",
               f"{name}, the oldest of three siblings, is {say(rng, a)} years old.",
               f"Of three siblings, {name} is the oldest at {say(rng, a)}.")
        d.tell(f"The middle child is {say(rng, g)} years younger than {name}.",
               f"The middle one is {say(rng, g)} years younger.",
               f"Next comes a sister {say(rng, g)} years younger than {name}.")
        d.tell("The youngest is half as old as the middle child.", "The youngest is half the middle child's age.",
               "The baby of the family is half as old as the middle one.")
        q = ask(rng,
                ["What is the sum of their three ages?", "How old are the three of them altogether?",
                 "What do their ages add up to?"],
                "the sum of the three ages")
        d.step(f"The middle child is {g} younger than {a}.", f"middle = {a} - {g}")
        d.step("The youngest is half of that.", "youngest = middle // 2")
        d.step("Add the three ages.", f"total = {a} + middle + youngest")
        return d.end(q, "total", a + (a - g) + (a - g) // 2, form)
    mom, a, n = rng.randint(20, 40), rng.randint(2, 15), rng.randint(2, 10)
    kin = rng.choice(["mother", "father"])
    d.tell(f"{name}'s {kin} was {mom} when {name} was born.",
           f"When {name} was born, {p.his} {kin} was {mom} years old.",
           f"{name}'s {kin} had just turned {mom} when {name} was born.")
    d.tell(f"{name} is {say(rng, a)} now.", f"Today {name} is {say(rng, a)} years old.",
           f"{name} is now {say(rng, a)}.")
    q = ask(rng,
            [f"How old will {p.his} {kin} be in {say(rng, n)} years?",
             f"In {say(rng, n)} years, how old will the {kin} be?",
                  f"What will the {kin}'s age be {say(rng, n)} years from now?"])
    d.step(f"The {kin} is {mom} years older than {name}, who is {a}.", f"{kin}_now = {mom} + {a}")
    d.step(f"{n} years from now.", f"later = {kin}_now + {n}")
    return d.end(q, "later", mom + a + n, form)


SHOP_STOCK = [("cans of soup", "can"), ("bottles of water", "bottle"), ("bags of chips", "bag"),
              ("notebooks", "notebook"),
              ("light bulbs", "bulb"), ("jars of jam", "jar"), ("pairs of socks", "pair"),
              ("tubes of toothpaste", "tube")]


def sc_stock(rng):
    """A store's stock: a week of sales and a delivery, boxes to order to fill a shelf, a fraction sold then more,
    deliveries of crates, or the value of the stock after some is damaged."""
    d = Draft(rng, "stock")
    goods, one = rng.choice(SHOP_STOCK)
    store = rng.choice(["A corner store", "The grocery store", "A small shop", "The school store", "A hardware store",
                        "The market stall"])
    form = rng.choice(["week", "order", "fraction", "crates", "damaged"])
    if form == "week":
        n, s, days = rng.randint(100, 600), rng.randint(5, 40), rng.randint(2, 7)
        b, k = rng.randint(2, 10), rng.randint(6, 24)
        while s * days >= n:
            s //= 2
        d.tell(f"{store} has {n} {goods}.", f"{store} starts the week with {n} {goods}.",
               f"There are {n} {goods} in {low(store)}.")
        d.tell(f"It sells {say(rng, s)} a day for {say(rng, days)} days.",
               f"For {say(rng, days)} days it sells {say(rng, s)} {goods} a day.",
               f"Each day for {say(rng, days)} days, {say(rng, s)} of them are sold.")
        d.tell(f"Then a delivery of {say(rng, b)} boxes with {say(rng, k)} {goods} each arrives.",
               f"After that, {say(rng, b)} boxes of {say(rng, k)} arrive.",
               f"A truck then brings {say(rng, b)} boxes, each holding {say(rng, k)} {goods}.")
        q = ask(rng,
                [f"How many {goods} does the store have now?", f"How many {goods} are in stock now?",
                 f"How many {goods} are there after the delivery?"],
                f"the number of {goods} in stock now")
        d.step(f"{s} a day for {days} days.", f"sold = {s} * {days}")
        d.step(f"{b} boxes of {k}.", f"delivered = {b} * {k}")
        d.step(f"Start from {n}.", f"stock = {n} - sold + delivered")
        return d.end(q, "stock", n - s * days + b * k, form)
    if form == "order":
        k, boxes = rng.choice([6, 8, 10, 12, 20, 24]), rng.randint(2, 15)
        have = rng.randint(3, 80)
        target = have + k * boxes
        d.tell(f"{store} wants {target} {goods} on its shelves.",
               f"The manager of {low(store)} wants to have {target} {goods}.",
               f"{store} likes to keep {target} {goods} in stock.")
        d.tell(f"It has {say(rng, have)} right now.", f"Right now there are {say(rng, have)}.",
               f"Only {say(rng, have)} are left on the shelf.")
        d.tell(f"They come in boxes of {say(rng, k)}.", f"The supplier sells them in boxes of {say(rng, k)}.",
               f"Each box holds {say(rng, k)} {goods}.")
        q = ask(rng,
                ["How many boxes should it order?", "How many boxes are needed to reach that number?",
                 "How many boxes must be ordered?"],
                "the number of boxes to order")
        d.step(f"{target} wanted, {have} there.", f"missing = {target} - {have}")
        d.step(f"{k} per box.", f"boxes = missing // {k}")
        return d.end(q, "boxes", boxes, form)
    if form == "fraction":
        k = rng.choice([2, 3, 4, 5])
        n = k * rng.randint(10, 80)
        frac = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth"}[k]
        x = rng.randint(1, n - n // k - 1)
        d.tell(f"{store} had {n} {goods}.", f"There were {n} {goods} at {low(store)}.", f"{store} got in {n} {goods}.")
        d.tell(f"On Monday it sold {frac} of them.", f"{cap(frac)} of them were sold on Monday.",
               f"By Monday night, {frac} of them were gone.")
        d.tell(f"On Tuesday it sold {say(rng, x)} more.", f"Another {say(rng, x)} sold on Tuesday.",
               f"Then {say(rng, x)} more were sold.")
        q = ask(rng,
                [f"How many {goods} are left?", f"How many {goods} does the store still have?",
                 f"How many {goods} remain?"],
                f"the number of {goods} left")
        d.step(f"{cap(frac)} of {n} is {n} divided by {k}.", f"monday = {n} // {k}")
        d.step(f"{x} on Tuesday.", f"left = {n} - monday - {x}")
        return d.end(q, "left", n - n // k - x, form)
    if form == "crates":
        t, c, k = rng.randint(2, 6), rng.randint(3, 12), rng.randint(6, 30)
        d.tell(f"{say(rng, t).capitalize()} trucks deliver to {low(store)}.",
               f"{store} gets {say(rng, t)} deliveries this week.",
               f"This morning {say(rng, t)} trucks stopped at {low(store)}.")
        d.tell(f"Each truck brings {say(rng, c)} crates, and each crate holds {say(rng, k)} {goods}.",
               f"Every delivery is {say(rng, c)} crates of {say(rng, k)} {goods}.",
               f"Each truck unloads {say(rng, c)} crates with {say(rng, k)} {goods} in every crate.")
        q = ask(rng,
                [f"How many {goods} are delivered?", f"How many {goods} arrive in all?",
                 f"What is the total number of {goods} delivered?"],
                f"the number of {goods} delivered")
        d.step(f"{t} trucks with {c} crates.", f"crates = {t} * {c}")
        d.step(f"{k} in each crate.", f"total = crates * {k}")
        return d.end(q, "total", t * c * k, form)
    n, bad, price = rng.randint(20, 300), rng.randint(2, 15), rng.randint(1, 9)
    d.tell(f"{store} has {n} {goods}.", f"There are {n} {goods} on the shelves of {low(store)}.",
           f"{store} received {n} {goods}.")
    d.tell(f"{say(rng, bad).capitalize()} of them are damaged and thrown away.",
           f"It turns out {say(rng, bad)} are damaged and cannot be sold.",
           f"{say(rng, bad).capitalize()} arrived broken.")
    d.tell(f"The rest sell for {usd(rng, price)} each.", f"Each good one sells for {usd(rng, price)}.",
           f"A {one} sells for {usd(rng, price)}.")
    q = ask(rng,
            ["How much money will the store get if it sells all the good ones?",
             "How much are the good ones worth in all?",
                  "How many dollars will the rest bring in?"], "the money from selling the good ones, in dollars",
                  "dollars")
    d.step(f"{n} minus {bad} damaged.", f"good = {n} - {bad}")
    d.step(f"${price} each.", f"money = good * {price}")
    return d.end(q, "money", (n - bad) * price, form)


TOWN_NAMES = ["Springfield", "Riverton", "Maple Creek", "Lakeside", "Hillview", "Port Ellen", "Greenfield", "Sandy Bay"]


def sc_rainfall(rng):
    """Rain over days in millimeters: three days with one twice another, the average of three days, one town
    against another, how much more for a month's usual total, or hours of steady rain plus a shower."""
    d = Draft(rng, "rainfall")
    town, town2 = rng.sample(TOWN_NAMES, 2)
    form = rng.choice(["three", "average", "towns", "usual", "hours"])
    if form == "three":
        a, b = rng.randint(2, 40), rng.randint(2, 30)
        d.tell(f"It rained {say(rng, a)} millimeters in {town} on Monday.",
               f"On Monday, {town} got {say(rng, a)} millimeters of rain.",
               f"The rain gauge in {town} showed {say(rng, a)} millimeters on Monday.")
        d.tell("On Tuesday it rained twice as much as on Monday.", "Tuesday had double Monday's rain.",
               "Twice as much rain fell on Tuesday.")
        d.tell(f"On Wednesday it rained {say(rng, b)} millimeters.", f"Wednesday added {say(rng, b)} millimeters.",
               f"Then {say(rng, b)} millimeters fell on Wednesday.")
        d.noise(0.25, "The highest temperature that week was {n} degrees.",
                "{N} counted {n} puddles on the way to school.")
        q = ask(rng,
                ["How many millimeters of rain fell over the three days?",
                 "How much rain, in millimeters, fell in all?",
                      "What was the total rainfall for the three days?"], "the total rainfall in millimeters",
                      "millimeters")
        d.step(f"Monday: {a} millimeters.", f"monday = {a}")
        d.step("Tuesday: twice Monday.", "tuesday = monday * 2")
        d.step(f"Add Wednesday's {b}.", f"total = monday + tuesday + {b}")
        return d.end(q, "total", a * 3 + b, form,
                     f"How many millimeters of rain fell in {town} from Monday to Wednesday?")
    if form == "average":
        avg = rng.randint(4, 30)
        c = 0
        while c < 2:
            a, b = rng.randint(max(2, avg - 10), avg + 10), rng.randint(max(2, avg - 10), avg + 10)
            c = 3 * avg - a - b
        d.tell(f"Over three days, {town} had {a}, {b} and {c} millimeters of rain.",
               f"The rainfall in {town} was {a} millimeters, {b} millimeters and {c} millimeters on three days.",
               f"A weather station in {town} measured {a} mm, {b} mm and {c} mm of rain on three days in a row.")
        q = ask(rng,
                ["What was the average rainfall per day, in millimeters?",
                 "On average, how many millimeters fell each day?",
                      "What is the mean daily rainfall in millimeters?"], "the average daily rainfall in millimeters")
        d.step("Add the three days.", f"total = {a} + {b} + {c}")
        d.step("Divide by 3 days.", "average = total // 3")
        return d.end(q, "average", avg, form)
    if form == "towns":
        r, days = rng.randint(3, 25), rng.randint(3, 10)
        other = rng.randint(2, min(150, r * days - 1))
        d.tell(f"In {town} it rained {say(rng, r)} millimeters a day for {say(rng, days)} days.",
               f"{town} got {say(rng, r)} millimeters of rain on each of {say(rng, days)} days.",
               f"For {say(rng, days)} days, {say(rng, r)} millimeters of rain fell every day in {town}.")
        d.tell(f"In the same days, {town2} got {other} millimeters in all.",
               f"{town2} had only {other} millimeters during that time.",
               f"Over the same days {town2} measured {other} millimeters.")
        q = ask(rng,
                [f"How many more millimeters of rain did {town} get than {town2}?",
                 f"How much more rain, in millimeters, fell in {town}?",
                      f"By how many millimeters did {town}'s rain beat {town2}'s?"], None, "millimeters")
        d.step(f"{r} millimeters for {days} days.", f"first = {r} * {days}")
        d.step(f"{town2}: {other} millimeters.", f"more = first - {other}")
        return d.end(q, "more", r * days - other, form)
    if form == "usual":
        m = rng.randint(60, 200)
        a, b = rng.randint(5, m // 3), rng.randint(5, m // 3)
        d.tell(f"{town} usually gets {m} millimeters of rain in April.",
               f"April's usual rainfall in {town} is {m} millimeters.",
               f"On average, April brings {m} millimeters of rain to {town}.")
        d.tell(f"This April it rained {say(rng, a)} millimeters in the first week and {say(rng, b)} millimeters in the "
               f"second.",
               f"So far this April, {say(rng, a)} millimeters fell in the first week and {say(rng, b)} in the second.",
               f"The first two weeks of this April brought {say(rng, a)} and {say(rng, b)} millimeters.")
        q = ask(rng,
                ["How much more rain is needed to reach the usual amount?",
                 "How many more millimeters must fall to match a usual April?",
                      "How many millimeters short of the usual total is it so far?"],
                      "the number of millimeters still needed to reach the usual amount", "millimeters")
        d.step(f"{a} and {b} millimeters so far.", f"so_far = {a} + {b}")
        d.step(f"The usual amount is {m}.", f"needed = {m} - so_far")
        return d.end(q, "needed", m - a - b, form)
    r, h, s = rng.randint(2, 12), rng.randint(2, 9), rng.randint(2, 20)
    d.tell(f"Rain fell in {town} at {say(rng, r)} millimeters an hour for {say(rng, h)} hours.",
           f"For {say(rng, h)} hours it rained {say(rng, r)} millimeters every hour in {town}.",
           f"A storm dropped {say(rng, r)} millimeters of rain per hour on {town} for {say(rng, h)} hours.")
    d.tell(f"Later a short shower added {say(rng, s)} millimeters.",
           f"That evening, a shower brought {say(rng, s)} more millimeters.",
           f"Then another {say(rng, s)} millimeters fell.")
    q = ask(rng,
            ["How many millimeters of rain fell that day?", "How much rain fell in all, in millimeters?",
             "What was the day's total rainfall?"],
            "the day's total rainfall in millimeters", "millimeters")
    d.step(f"{r} millimeters an hour for {h} hours.", f"storm = {r} * {h}")
    d.step(f"Add the {s}-millimeter shower.", f"total = storm + {s}")
    return d.end(q, "total", r * h + s, form)


def sc_steps(rng):
    """Steps on a pedometer: a week of weekday and weekend walking, steps still needed for a daily goal, two
    walkers' difference over a week, a four-day average, or steps for some kilometers."""
    d = Draft(rng, "steps")
    p = person(rng, "mail carrier", 0.2)
    form = rng.choice(["week", "goal", "compare", "average", "km"])
    if form == "week":
        a = rng.randint(15, 100) * 10
        d.tell(f"It is {a} steps from {p.poss} house to school.", f"{p.First} counted {a} steps from home to school.",
               f"The walk from {p.poss} home to school is {a} steps.")
        d.tell(f"{p.He} walks there and back every school day, 5 days a week.",
               f"{p.He} walks to school and home again on each of the 5 school days.",
               f"Five days a week {p.he} walks both ways.")
        q = ask(rng,
                [f"How many steps does {p.he} walk to and from school in a week?",
                 "How many steps is that in one school week?",
                      f"How many steps does {p.he} take going to school and back each week?"],
                      "the number of steps in a school week")
        d.step(f"{a} steps each way.", f"per_day = {a} * 2")
        d.step("5 school days.", "per_week = per_day * 5")
        return d.end(q, "per_week", a * 10, form)
    if form == "goal":
        g = rng.choice([5000, 6000, 8000, 10000])
        a, b = rng.randint(5, 40) * 100, rng.randint(5, 30) * 100
        while a + b >= g:
            a //= 2
        d.tell(f"{p.First}'s goal is to walk {say(rng, g)} steps a day.",
               f"{p.First} tries to take {say(rng, g)} steps every day.",
               f"Each day, {p.first} aims for {say(rng, g)} steps.")
        d.tell(f"Today {p.he} walked {a} steps in the morning and {b} steps at lunch.",
               f"By the afternoon {p.he} had walked {a} steps before school and {b} at lunch.",
               f"So far today: {a} steps in the morning, {b} steps at lunch.")
        q = ask(rng, [f"How many more steps does {p.he} need today?", f"How many steps are left to reach {p.his} goal?",
                      f"How many more steps must {p.he} take to meet the goal?"],
                      "the number of steps still needed today")
        d.step(f"{a} and {b} steps so far.", f"walked = {a} + {b}")
        d.step(f"The goal is {g}.", f"left = {g} - walked")
        return d.end(q, "left", g - a - b, form)
    if form == "compare":
        friend = others(rng, 1, {p.name})[0]
        a = rng.randint(30, 120) * 100
        b = a - rng.randint(1, 20) * 100
        while (a - b) * 7 > 10000:
            b += 100
        d.tell(f"{p.First} walks {a} steps a day.", f"Every day, {p.first} takes {a} steps.",
               f"{p.First} averages {a} steps each day.")
        d.tell(f"{friend} walks {b} steps a day.", f"{friend} only takes {b} steps a day.",
               f"{friend}'s daily count is {b} steps.")
        q = ask(rng,
                [f"How many more steps does {p.name} take than {friend} in a week?",
                 f"In one week, how many more steps does {p.name} walk than {friend}?",
                      f"Over a week, how many more steps is that for {p.name}?"])
        d.step(f"{a} minus {b} steps each day.", f"per_day = {a} - {b}")
        d.step("A week has 7 days.", "per_week = per_day * 7")
        return d.end(q, "per_week", (a - b) * 7, form)
    if form == "average":
        avg = rng.randint(20, 80) * 100
        xs = [0]
        while xs[-1] < 1000:
            xs = [avg + rng.randint(-10, 10) * 100 for _ in range(3)]
            xs.append(avg * 4 - sum(xs))
        d.tell(f"From Monday to Thursday, {p.first} walked {xs[0]}, {xs[1]}, {xs[2]} and {xs[3]} steps.",
               f"{p.First}'s step counts for four days were {xs[0]}, {xs[1]}, {xs[2]} and {xs[3]}.",
               f"Over four days {p.first} took {xs[0]}, {xs[1]}, {xs[2]} and {xs[3]} steps.")
        q = ask(rng,
                [f"What is the average number of steps {p.he} took per day?",
                 "On average, how many steps was that each day?",
                      f"How many steps a day did {p.he} average?"], "the average number of steps per day")
        d.step("Add the four days.", "total = " + " + ".join(str(x) for x in xs))
        d.step("Divide by 4 days.", "average = total // 4")
        return d.end(q, "average", avg, form)
    s, k = rng.choice([1200, 1250, 1300, 1400, 1500]), rng.randint(2, 6)
    d.tell(f"{p.First} takes about {s} steps to walk a kilometer.", f"For {p.first}, one kilometer is about {s} steps.",
           f"It takes {p.first} {s} steps to cover one kilometer.")
    d.tell(f"{p.He} walks {say(rng, k)} kilometers to the park and back.",
           f"{p.He} goes on a walk of {say(rng, k)} kilometers.",
           f"Today {p.he} walked {say(rng, k)} kilometers.")
    q = ask(rng, ["About how many steps is that?", f"How many steps does {p.he} take?", "How many steps is the walk?"],
            "the number of steps")
    d.step(f"{s} steps per kilometer.", f"per_km = {s}")
    d.step(f"{k} kilometers.", f"steps = per_km * {k}")
    return d.end(q, "steps", s * k, form)


SNACKS = [("granola bar", "granola bars", 190), ("apple", "apples", 95), ("banana", "bananas", 105),
          ("glass of milk", "glasses of milk", 120), ("slice of toast", "slices of toast", 80),
          ("cup of yogurt", "cups of yogurt", 150),
          ("bowl of cereal", "bowls of cereal", 210), ("muffin", "muffins", 340), ("cookie", "cookies", 60),
          ("peanut butter sandwich", "peanut butter sandwiches", 330)]


def sc_calories(rng):
    """Calories: a meal of three foods, calories burned by two kinds of exercise, cookies eaten less calories
    burned, what is left of a day's goal for dinner, or half a bag of snacks."""
    d = Draft(rng, "calories")
    p = person(rng, "athlete", 0.2)
    (f1, f1s, c1), (f2, _, c2), (_, f3s, c3) = rng.sample(SNACKS, 3)
    form = rng.choice(["meal", "burn", "net", "dinner", "half"])
    if form == "meal":
        n = rng.randint(2, 4)
        d.tell(f"For lunch, {p.first} eats a {f1} with {c1} calories and a {f2} with {c2} calories.",
               f"{p.First}'s lunch is a {f1} ({c1} calories) and a {f2} ({c2} calories).",
               f"A {f1} has {c1} calories and a {f2} has {c2} calories; {p.first} eats one of each for lunch.")
        d.tell(f"{p.He} also has {say(rng, n)} {f3s} with {c3} calories each.",
               f"Then {p.he} eats {say(rng, n)} crackers with {c3} calories each.",
               f"For dessert {p.he} has {say(rng, n)} treats of {c3} calories each.")
        q = ask(rng,
                [f"How many calories does {p.he} eat in all?", "How many calories is the whole lunch?",
                 "What is the total number of calories?"],
                "the total number of calories eaten")
        d.step(f"{c1} and {c2} calories.", f"main = {c1} + {c2}")
        d.step(f"{n} at {c3} calories.", f"extra = {n} * {c3}")
        d.step("Add them.", "total = main + extra")
        return d.end(q, "total", c1 + c2 + n * c3, form)
    if form == "burn":
        k1, m1, k2, m2 = rng.randint(8, 14), rng.randint(10, 60), rng.randint(3, 7), rng.randint(10, 60)
        i = d.tell(f"Running burns {say(rng, k1)} calories a minute and walking burns {say(rng, k2)} calories a minute.",
                   f"{p.First} burns {say(rng, k1)} calories per minute running and {say(rng, k2)} per minute walking.",
                   f"Each minute of running uses {say(rng, k1)} calories; each minute of walking uses {say(rng, k2)}.")
        who = (p.He, p.he, p.His) if i == 1 else (p.First, p.first, p.First + "'s")
        d.tell(f"{who[0]} runs for {say(rng, m1)} minutes and walks for {say(rng, m2)} minutes.",
               f"Today {who[1]} ran {say(rng, m1)} minutes and walked {say(rng, m2)} minutes.",
               f"{who[2]} workout is {say(rng, m1)} minutes of running and {say(rng, m2)} minutes of walking.")
        q = ask(rng,
                ["How many calories are burned in all?", f"How many calories does {p.he} burn?",
                 "What is the total number of calories burned?"],
                "the total number of calories burned")
        d.step(f"{m1} minutes at {k1} calories.", f"running = {m1} * {k1}")
        d.step(f"{m2} minutes at {k2} calories.", f"walking = {m2} * {k2}")
        d.step("Add them.", "total = running + walking")
        return d.end(q, "total", m1 * k1 + m2 * k2, form)
    if form == "net":
        n, k = rng.randint(2, 6), rng.randint(4, 10)
        m = rng.randint(5, min(30, (n * c1 - 1) // k))
        d.tell(f"{p.First} eats {say(rng, n)} {f1s} with {c1} calories each.",
               f"Each {f1} has {c1} calories, and {p.first} eats {say(rng, n)} of them.",
               f"{p.First} has {say(rng, n)} {f1s}, at {c1} calories apiece.")
        d.tell(f"Then {p.he} skips rope for {say(rng, m)} minutes, burning {say(rng, k)} calories a minute.",
               f"Afterward {p.he} bikes for {say(rng, m)} minutes and burns {say(rng, k)} calories per minute.",
               f"{p.He} then swims for {say(rng, m)} minutes, using {say(rng, k)} calories each minute.")
        q = ask(rng,
                [f"How many more calories did {p.he} eat than {p.he} burned?",
                 "How many more calories were eaten than burned?",
                      "What is the difference between the calories eaten and burned?"],
                      "the difference between the calories eaten and the calories burned")
        d.step(f"{n} at {c1} calories.", f"eaten = {n} * {c1}")
        d.step(f"{m} minutes at {k} calories.", f"burned = {m} * {k}")
        d.step("The difference.", "diff = eaten - burned")
        return d.end(q, "diff", n * c1 - k * m, form)
    if form == "dinner":
        g = rng.choice([1800, 2000, 2200, 2400, 2500])
        a, b = rng.randint(300, 700), rng.randint(400, 900)
        d.tell(f"{p.First} plans to eat {say(rng, g)} calories a day.",
               f"{p.First}'s daily goal is {say(rng, g)} calories.",
               f"A doctor told {p.first} to eat about {say(rng, g)} calories a day.")
        d.tell(f"Breakfast was {a} calories and lunch was {b} calories.",
               f"{p.He} had {a} calories at breakfast and {b} at lunch.",
               f"So far: {a} calories for breakfast and {b} calories for lunch.")
        q = ask(rng,
                ["How many calories are left for the rest of the day?",
                 f"How many calories can {p.he} still eat today?",
                      "How many calories remain for dinner?"], "the number of calories left for the day")
        d.step(f"{a} and {b} calories eaten.", f"eaten = {a} + {b}")
        d.step(f"The goal is {g}.", f"left = {g} - eaten")
        return d.end(q, "left", g - a - b, form)
    s, c = rng.randint(2, 12) * 2, rng.randint(50, 250)
    snack = rng.choice(["pretzels", "popcorn", "trail mix", "crackers", "dried fruit"])
    d.tell(f"A bag of {snack} has {s} servings, and each serving has {c} calories.",
           f"There are {s} servings in a bag of {snack}; each is {c} calories.",
           f"Each serving of {snack} is {c} calories, and the bag holds {s} servings.")
    d.tell(f"{p.First} eats half the bag.", f"{p.First} finishes half of the bag.",
           f"{p.First} and a friend split the bag, and {p.he} eats half.")
    q = ask(rng,
            [f"How many calories does {p.he} eat?", f"How many calories are in the part {p.he} ate?",
             f"How many calories did {p.he} eat from the bag?"],
            "the number of calories eaten")
    d.step(f"Half of {s} servings.", f"servings = {s} // 2")
    d.step(f"{c} calories each.", f"calories = servings * {c}")
    return d.end(q, "calories", s // 2 * c, form)


def sc_temperature(rng):
    """Temperatures that stay positive: a rise by noon and a fall by evening, a steady rise each hour until
    noon, the gap between a high and a low, minutes for an oven to heat, or a fall each hour in the evening."""
    d = Draft(rng, "temperature")
    p = person(rng)
    unit = rng.choice(["degrees", "degrees Celsius", "degrees Fahrenheit"])
    form = rng.choice(["day", "hourly", "gap", "oven", "evening"])
    if form == "day":
        t, r = rng.randint(2, 25), rng.randint(2, 15)
        f = rng.randint(2, min(20, t + r - 1))
        d.tell(f"At 7 a.m. it was {say(rng, t)} {unit}.", f"In the morning the thermometer read {say(rng, t)} {unit}.",
               f"The morning temperature was {say(rng, t)} {unit}.")
        d.tell(f"By noon it had warmed up by {say(rng, r)} degrees.", f"It rose {say(rng, r)} degrees by noon.",
               f"By midday it was {say(rng, r)} degrees warmer.")
        d.tell(f"In the evening it dropped {say(rng, f)} degrees.",
               f"Then it fell by {say(rng, f)} degrees by evening.",
               f"After sunset it got {say(rng, f)} degrees colder.")
        q = ask(rng,
                ["What was the temperature in the evening?", "How warm was it in the evening?",
                 "What did the thermometer read in the evening?"],
                "the temperature in the evening")
        d.step(f"{t} degrees, up {r}.", f"noon = {t} + {r}")
        d.step(f"Down {f}.", f"evening = noon - {f}")
        return d.end(q, "evening", t + r - f, form)
    if form == "hourly":
        h, t, k = rng.randint(6, 10), rng.randint(2, 20), rng.randint(1, 4)
        d.tell(f"At {h} a.m. the temperature was {say(rng, t)} {unit}.",
               f"The temperature was {say(rng, t)} {unit} at {h} o'clock in the morning.",
               f"{p.First} checked the thermometer at {h} a.m.: {say(rng, t)} {unit}.")
        d.tell(f"It rose {say(rng, k)} {plural(k, 'degree', 'degrees')} every hour until noon.",
               f"Each hour after that it went up {say(rng, k)} {plural(k, 'degree', 'degrees')}, until noon.",
               f"Until noon it warmed by {say(rng, k)} {plural(k, 'degree', 'degrees')} an hour.")
        q = ask(rng,
                ["What was the temperature at noon?", "How warm was it at noon?",
                 "What did the thermometer show at noon?"],
                "the temperature at noon")
        d.step(f"From {h} a.m. to noon (12:00).", f"hours = 12 - {h}")
        d.step(f"{k} degrees each hour.", f"rise = hours * {k}")
        d.step(f"Start from {t}.", f"noon = {t} + rise")
        return d.end(q, "noon", t + (12 - h) * k, form)
    if form == "gap":
        lo = rng.randint(2, 40)
        hi = lo + rng.randint(3, 40)
        town = rng.choice(TOWN_NAMES)
        d.tell(f"In {town}, the high temperature yesterday was {say(rng, hi)} {unit}.",
               f"Yesterday's high in {town} was {say(rng, hi)} {unit}.",
               f"It got as warm as {say(rng, hi)} {unit} in {town} yesterday.")
        d.tell(f"The low was {say(rng, lo)} {unit}.", f"The lowest it got was {say(rng, lo)} {unit}.",
               f"At night it fell to {say(rng, lo)} {unit}.")
        q = ask(rng,
                ["How many degrees warmer was the high than the low?",
                 "What was the difference between the high and the low?",
                      "By how many degrees did the temperature change from the low to the high?"],
                      "the difference between the high and the low")
        d.step(f"The high was {hi}.", f"high = {hi}")
        d.step(f"The low was {lo}.", f"diff = high - {lo}")
        return d.end(q, "diff", hi - lo, form)
    if form == "oven":
        t, k, m = rng.randint(18, 25), rng.randint(5, 15), rng.randint(8, 25)
        target = t + k * m
        d.tell(f"The oven is at room temperature, {t} degrees.", f"{p.First}'s oven starts at {t} degrees.",
               f"Before it is turned on, the oven is {t} degrees.")
        d.tell(f"It heats up {say(rng, k)} degrees every minute.", f"It warms by {say(rng, k)} degrees a minute.",
               f"Each minute it gets {say(rng, k)} degrees hotter.")
        q = ask(rng,
                [f"How many minutes until it reaches {target} degrees?",
                 f"How long, in minutes, does it take to reach {target} degrees?",
                      f"After how many minutes is it at {target} degrees?"],
                      f"the number of minutes to reach {target} degrees")
        d.step(f"From {t} up to {target}.", f"rise = {target} - {t}")
        d.step(f"{k} degrees a minute.", f"minutes = rise // {k}")
        return d.end(q, "minutes", m, form)
    h1, h2 = rng.randint(4, 7), rng.randint(8, 11)
    k = rng.randint(1, 4)
    t = k * (h2 - h1) + rng.randint(1, 30)
    d.tell(f"At {h1} p.m. the temperature was {say(rng, t)} {unit}.",
           f"The temperature at {h1} in the evening was {say(rng, t)} {unit}.",
           f"{p.First} saw it was {say(rng, t)} {unit} at {h1} p.m.")
    d.tell(f"It fell {say(rng, k)} {plural(k, 'degree', 'degrees')} each hour until {h2} p.m.",
           f"Every hour until {h2} p.m. it dropped {say(rng, k)} {plural(k, 'degree', 'degrees')}.",
           f"From then until {h2} p.m., it got {say(rng, k)} {plural(k, 'degree', 'degrees')} colder each hour.")
    q = ask(rng,
            [f"What was the temperature at {h2} p.m.?", f"How warm was it at {h2} p.m.?",
             f"What did the thermometer read at {h2} o'clock?"],
            f"the temperature at {h2} p.m.")
    d.step(f"From {h1} p.m. to {h2} p.m.", f"hours = {h2} - {h1}")
    d.step(f"{k} degrees each hour.", f"drop = hours * {k}")
    d.step(f"Start from {t}.", f"later = {t} - drop")
    return d.end(q, "later", t - k * (h2 - h1), form)


def sc_coins(rng):
    """Coins (the question gives each coin's value): the cents in quarters, dimes and nickels, quarters as
    dollars, what is left after buying something, quarters for some dollars, or dimes saved each day."""
    d = Draft(rng, "coins")
    p = person(rng)
    form = rng.choice(["cents", "dollars", "buy", "quarters", "dimes"])
    quarter = rng.choice(["quarters (25 cents each)", "quarters worth 25 cents each", "25-cent quarters"])
    if form == "cents":
        q_, d_, n_ = rng.randint(2, 20), rng.randint(2, 20), rng.randint(2, 20)
        d.tell(f"{p.First} has {say(rng, q_)} quarters, {say(rng, d_)} dimes and {say(rng, n_)} nickels.",
               f"In {p.poss} pocket are {say(rng, q_)} quarters, {say(rng, d_)} dimes and {say(rng, n_)} nickels.",
               f"{p.First}'s coin purse holds {say(rng, q_)} quarters, {say(rng, d_)} dimes and {say(rng, n_)} nickels.")
        d.tell("A quarter is worth 25 cents, a dime 10 cents and a nickel 5 cents.",
               "Quarters are 25 cents, dimes are 10 cents and nickels are 5 cents.",
               "Remember: a quarter is 25 cents, a dime is 10 cents, a nickel is 5 cents.")
        q = ask(rng,
                [f"How many cents does {p.he} have?", "How much money is that in cents?",
                 "How many cents are the coins worth in all?"],
                "the value of the coins in cents", "cents")
        d.step(f"{q_} quarters at 25 cents.", f"quarters = {q_} * 25")
        d.step(f"{d_} dimes at 10 cents.", f"dimes = {d_} * 10")
        d.step(f"{n_} nickels at 5 cents.", f"total = quarters + dimes + {n_} * 5")
        return d.end(q, "total", q_ * 25 + d_ * 10 + n_ * 5, form)
    if form == "dollars":
        q_ = 4 * rng.randint(2, 40)
        b = rng.randint(2, 20)
        d.tell(f"{p.First} saved {q_} {quarter} and {say(rng, b)} one-dollar bills.",
               f"{p.First}'s jar has {q_} {quarter} and {say(rng, b)} dollar bills.",
               f"{p.First} has {say(rng, b)} dollar bills and {q_} {quarter}.")
        q = ask(rng,
                [f"How many dollars does {p.he} have?", "How much money is that in dollars?",
                 f"How many dollars has {p.he} saved?"],
                "the money saved in dollars", "dollars")
        d.step(f"{q_} quarters at 25 cents.", f"cents = {q_} * 25")
        d.step("100 cents make a dollar.", "coin_dollars = cents // 100")
        d.step(f"Add the {b} dollar bills.", f"total = coin_dollars + {b}")
        return d.end(q, "total", q_ // 4 + b, form)
    if form == "buy":
        q_, d_ = rng.randint(2, 12), rng.randint(2, 15)
        price = rng.randint(10, q_ * 25 + d_ * 10 - 5)
        thing = rng.choice(["a pack of gum", "a pencil", "a sticker", "a bouncy ball", "a lollipop", "an eraser"])
        d.tell(f"{p.First} has {say(rng, q_)} {quarter} and {say(rng, d_)} dimes (10 cents each).",
               f"{p.First} has {say(rng, q_)} {quarter} and {say(rng, d_)} dimes worth 10 cents each.",
               f"In {p.poss} pocket are {say(rng, q_)} {quarter} and {say(rng, d_)} dimes, which are worth 10 cents "
               f"each.")
        d.tell(f"{p.He} buys {thing} for {price} cents.", f"{cap(thing)} costs {price} cents, and {p.he} buys it.",
               f"{p.He} spends {price} cents on {thing}.")
        q = ask(rng,
                [f"How many cents does {p.he} have left?", "How much money is left, in cents?",
                 "How many cents remain?"],
                "the number of cents left", "cents")
        d.step(f"{q_} quarters at 25 cents and {d_} dimes at 10 cents.", f"cents = {q_} * 25 + {d_} * 10")
        d.step(f"{price} cents spent.", f"left = cents - {price}")
        return d.end(q, "left", q_ * 25 + d_ * 10 - price, form)
    if form == "quarters":
        k = rng.randint(1, 20)
        d.tell("A laundry machine takes only quarters, which are worth 25 cents.",
               f"{p.First} needs quarters (25 cents each) for the parking meter.",
               "The arcade game only accepts 25-cent quarters.")
        d.tell(f"{p.First} wants to change {usd(rng, k)} into quarters.",
               f"{p.First} trades {usd(rng, k)} in bills for quarters.",
               f"At the bank, {p.first} changes {usd(rng, k)} into quarters.")
        q = ask(rng,
                [f"How many quarters does {p.he} get?", "How many quarters is that?",
                 f"How many quarters will {p.he} have?"],
                "the number of quarters")
        d.step(f"${k} is {k} times 100 cents.", f"cents = {k} * 100")
        d.step("25 cents per quarter.", "quarters = cents // 25")
        return d.end(q, "quarters", k * 4, form)
    x, days = rng.randint(1, 9), rng.choice([7, 14, 21, 30])
    d.tell(f"{p.First} puts {say(rng, x)} {plural(x, 'dime', 'dimes')} in a piggy bank every day.",
           f"Every day, {p.first} saves {say(rng, x)} {plural(x, 'dime', 'dimes')}.",
           f"Each day {p.first} drops {say(rng, x)} {plural(x, 'dime', 'dimes')} into a jar.")
    d.tell("A dime is worth 10 cents.", "Each dime is 10 cents.", "Dimes are worth ten cents.")
    q = ask(rng,
            [f"How many cents does {p.he} save in {days} days?",
             f"After {days} days, how many cents are in the piggy bank?",
                  f"How much money, in cents, does {p.he} save in {days} days?"], None, "cents")
    d.step(f"{x} dimes at 10 cents a day.", f"per_day = {x} * 10")
    d.step(f"{days} days.", f"total = per_day * {days}")
    return d.end(q, "total", x * 10 * days, form)


def sc_laundry(rng):
    """Laundry: hours of washing and drying in a week, weeks a detergent bottle lasts, the cost at a laundromat,
    socks counted in pairs with some lost, or towels folded per load."""
    d = Draft(rng, "laundry")
    p = person(rng)
    form = rng.choice(["minutes", "bottle", "laundromat", "socks", "towels"])
    if form == "minutes":
        loads, w, dr = rng.randint(2, 8), rng.choice([30, 35, 40, 45, 50, 55, 60]), rng.choice([30, 40, 45, 50, 60, 70])
        d.tell(f"{p.First} does {say(rng, loads)} loads of laundry a week.",
               f"Every week, {p.poss} family washes {say(rng, loads)} loads of laundry.",
               f"{p.First} runs the washer {say(rng, loads)} times a week.")
        d.tell(f"Each load takes {w} minutes to wash and {dr} minutes to dry.",
               f"A load spends {w} minutes in the washer and {dr} minutes in the dryer.",
               f"Washing takes {w} minutes and drying takes {dr} minutes per load.")
        q = ask(rng,
                ["How many minutes do the machines run each week?",
                 "How many minutes of washing and drying is that in a week?",
                      "What is the total washing and drying time in minutes?"],
                      "the number of minutes of washing and drying each week", "minutes")
        d.step(f"{w} minutes washing and {dr} minutes drying.", f"per_load = {w} + {dr}")
        d.step(f"{loads} loads.", f"total = per_load * {loads}")
        return d.end(q, "total", (w + dr) * loads, form)
    if form == "bottle":
        per, weeks = rng.randint(2, 7), rng.randint(2, 12)
        n = per * weeks
        d.tell(f"A bottle of detergent is enough for {n} loads.", f"One bottle of detergent washes {n} loads.",
               f"The label says one bottle of soap does {n} loads.")
        d.tell(f"{p.First}'s family does {say(rng, per)} loads every week.",
               f"{p.First} washes {say(rng, per)} loads a week.",
               f"Each week {p.first} has {say(rng, per)} loads to wash.")
        q = ask(rng,
                ["How many weeks will the bottle last?", "For how many weeks is one bottle enough?",
                 "How many weeks does a bottle last?"],
                "the number of weeks the bottle lasts")
        d.step(f"{n} loads in a bottle.", f"loads = {n}")
        d.step(f"{per} loads a week.", f"weeks = loads // {per}")
        return d.end(q, "weeks", weeks, form)
    if form == "laundromat":
        loads, a, b = rng.randint(2, 6), rng.randint(2, 5), rng.randint(1, 4)
        d.tell(f"At the laundromat, a washer costs {usd(rng, a)} a load and a dryer costs {usd(rng, b)} a load.",
               f"The laundromat charges {usd(rng, a)} to wash a load and {usd(rng, b)} to dry it.",
               f"Washing a load costs {usd(rng, a)} and drying it costs {usd(rng, b)} at the laundromat.")
        d.tell(f"{p.First} washes and dries {say(rng, loads)} loads.",
               f"{p.First} has {say(rng, loads)} loads to wash and dry.",
               f"{p.First} brings {say(rng, loads)} loads of laundry.")
        q = ask(rng,
                [f"How much does {p.he} spend?", "How many dollars does it cost in all?",
                 f"What does {p.he} pay altogether?"],
                "the total cost in dollars", "dollars")
        d.step(f"${a} to wash plus ${b} to dry.", f"per_load = {a} + {b}")
        d.step(f"{loads} loads.", f"total = per_load * {loads}")
        return d.end(q, "total", (a + b) * loads, form)
    if form == "socks":
        pairs, lost = rng.randint(4, 20), rng.randint(1, 7)
        d.tell(f"{p.First} puts {say(rng, pairs)} pairs of socks in the wash.",
               f"{say(rng, pairs).capitalize()} pairs of socks go into the washing machine.",
               f"{p.First} washes {say(rng, pairs)} pairs of socks.")
        d.tell(f"When the wash is done, {say(rng, lost)} single {plural(lost, 'sock is', 'socks are')} missing.",
               f"Afterward, {say(rng, lost)} {plural(lost, 'sock', 'socks')} cannot be found.",
               f"The dryer seems to eat {say(rng, lost)} {plural(lost, 'sock', 'socks')}.")
        q = ask(rng,
                ["How many socks are left?", "How many single socks come out of the laundry?",
                 f"How many socks does {p.he} have after the wash?"],
                "the number of socks left")
        d.step(f"{pairs} pairs; a pair is 2 socks.", f"socks = {pairs} * 2")
        d.step(f"{lost} missing.", f"left = socks - {lost}")
        return d.end(q, "left", pairs * 2 - lost, form)
    loads, towels, m = rng.randint(2, 6), rng.randint(4, 15), rng.randint(1, 3)
    d.tell(f"A hotel worker washes {say(rng, loads)} loads of towels with {say(rng, towels)} towels in each load.",
           f"{p.First} washes {say(rng, loads)} loads of towels, {say(rng, towels)} towels per load.",
           f"There are {say(rng, loads)} loads of towels, each with {say(rng, towels)} towels.")
    d.tell(f"Folding a towel takes {say(rng, m)} {plural(m, 'minute', 'minutes')}.",
           f"It takes {say(rng, m)} {plural(m, 'minute', 'minutes')} to fold each towel.",
           f"Each towel needs {say(rng, m)} {plural(m, 'minute', 'minutes')} of folding.")
    q = ask(rng,
            ["How many minutes does it take to fold all the towels?", "How long, in minutes, is the folding?",
             "How many minutes of folding is that?"],
            "the number of minutes needed to fold all the towels", "minutes")
    d.step(f"{loads} loads of {towels} towels.", f"towels = {loads} * {towels}")
    d.step(f"{m} minutes per towel.", f"minutes = towels * {m}")
    return d.end(q, "minutes", loads * towels * m, form)


def sc_supplies(rng):
    """School supplies: packs of pencils for a class, the cost of a supply list, crayons left after equal sharing,
    the cost per student, or glue sticks for a school year."""
    d = Draft(rng, "supplies")
    t = person(rng, "teacher", 0.5)
    s = rng.randint(15, 32)
    form = rng.choice(["packs", "list", "left", "each", "year"])
    if form == "packs":
        k, per = rng.randint(2, 5), rng.choice([6, 8, 10, 12, 24])
        while s * k % per:
            s += 1
        d.tell(f"{t.First} has {s} students in class.", f"There are {s} students in {t.poss} class.",
               f"{t.First} teaches a class of {s} students.")
        d.tell(f"Each student needs {say(rng, k)} pencils.",
               f"{t.He} wants to give every student {say(rng, k)} pencils.",
               f"Every student should get {say(rng, k)} new pencils.")
        d.tell(f"Pencils come in packs of {say(rng, per)}.", f"The store sells pencils in packs of {say(rng, per)}.",
               f"A pack holds {say(rng, per)} pencils.")
        q = ask(rng,
                [f"How many packs does {t.he} need to buy?", "How many packs of pencils are needed?",
                 f"How many packs should {t.he} buy?"],
                "the number of packs needed")
        d.step(f"{s} students, {k} pencils each.", f"pencils = {s} * {k}")
        d.step(f"{per} per pack.", f"packs = pencils // {per}")
        return d.end(q, "packs", s * k // per, form)
    if form == "list":
        n, a, m, b, c = rng.randint(2, 6), rng.randint(1, 4), rng.randint(2, 5), rng.randint(1, 3), rng.randint(10, 40)
        p = person(rng)
        d.tell(f"{p.First} needs {say(rng, n)} notebooks at {usd(rng, a)} each, {say(rng, m)} folders at {usd(rng, b)} "
               f"each and a backpack for {usd(rng, c)}.",
               f"For school, {p.first} buys {say(rng, n)} notebooks ({usd(rng, a)} each), {say(rng, m)} folders "
               f"({usd(rng, b)} each) and a {usd(rng, c)} backpack.",
               f"{p.First}'s school list: {say(rng, n)} notebooks for {usd(rng, a)} apiece, {say(rng, m)} folders for "
               f"{usd(rng, b)} apiece, and one backpack for {usd(rng, c)}.")
        q = ask(rng,
                [f"How much does {p.he} spend in all?", "What is the total cost of the supplies?",
                 "How many dollars do the supplies cost?"],
                "the total cost of the supplies, in dollars", "dollars")
        d.step(f"{n} notebooks at ${a}.", f"notebooks = {n} * {a}")
        d.step(f"{m} folders at ${b}.", f"folders = {m} * {b}")
        d.step(f"Add the ${c} backpack.", f"total = notebooks + folders + {c}")
        return d.end(q, "total", n * a + m * b + c, form)
    if form == "left":
        boxes, per = rng.randint(2, 10), rng.choice([8, 12, 16, 24, 48])
        n = boxes * per
        while n % s == 0:
            s += 1
        d.tell(f"{t.First} opens {say(rng, boxes)} boxes of crayons with {per} crayons in each.",
               f"{t.First} has {say(rng, boxes)} boxes of {per} crayons.",
               f"There are {say(rng, boxes)} boxes of crayons in {t.poss} closet, {per} in each box.")
        d.tell(f"{t.He} shares them equally among {s} students, giving each as many as possible.",
               f"The crayons are split evenly among {s} students, as many each as possible.",
               f"{t.He} gives the {s} students the same number of crayons each, as many as {t.he} can.")
        q = ask(rng,
                ["How many crayons are left over?", f"How many crayons does {t.he} have left?",
                 "How many crayons remain after sharing?"],
                "the number of crayons left over")
        d.step(f"{boxes} boxes of {per}.", f"crayons = {boxes} * {per}")
        d.step(f"Equal whole shares for {s} students; what is left over.", f"left = crayons % {s}")
        return d.end(q, "left", n % s, form)
    if form == "each":
        per = rng.randint(3, 20)
        total = s * per
        books = rng.randint(1, total - 1)
        art = total - books
        d.tell(f"{t.First} spent {usd(rng, art)} on art supplies and {usd(rng, books)} on workbooks for {s} students.",
               f"Art supplies for {t.poss} {s} students cost {usd(rng, art)}, and workbooks cost {usd(rng, books)}.",
               f"{t.First} bought {usd(rng, art)} of paint and paper and {usd(rng, books)} of workbooks for a class of "
               f"{s}.")
        d.tell(f"{t.He} wants each student to pay an equal share.",
               "Each student will pay the same amount.", "The cost is split equally among the students.")
        q = ask(rng,
                ["How much does each student pay?", "How many dollars is each student's share?",
                 "What does one student pay?"],
                "the amount each student pays, in dollars", "dollars")
        d.step(f"${art} and ${books}.", f"total = {art} + {books}")
        d.step(f"Shared by {s} students.", f"each = total // {s}")
        return d.end(q, "each", per, form)
    k, months = rng.randint(1, 4), rng.choice([9, 10])
    per_pack = rng.choice([5, 10, 20])
    while s * k * months % per_pack:
        s += 1
    d.tell(f"Each of {t.poss} {s} students uses {say(rng, k)} glue {plural(k, 'stick', 'sticks')} a month.",
           f"{t.First}'s {s} students each use {say(rng, k)} glue {plural(k, 'stick', 'sticks')} per month.",
           f"In {t.poss} class of {s}, every student goes through {say(rng, k)} glue {plural(k, 'stick', 'sticks')} a "
           f"month.")
    d.tell(f"The school year is {months} months long.", f"School runs for {months} months.",
           f"There are {months} months in the school year.")
    d.tell(f"Glue sticks come in packs of {per_pack}.", f"A pack has {per_pack} glue sticks.",
           f"They are sold {per_pack} to a pack.")
    q = ask(rng,
            ["How many packs are needed for the year?",
             f"How many packs of glue sticks should {t.he} order for the year?",
                  "How many packs will the class use in the school year?"], "the number of packs needed for the year")
    d.step(f"{s} students, {k} each a month.", f"per_month = {s} * {k}")
    d.step(f"{months} months.", f"sticks = per_month * {months}")
    d.step(f"{per_pack} per pack.", f"packs = sticks // {per_pack}")
    return d.end(q, "packs", s * k * months // per_pack, form)


def sc_party_bags(rng):
    """A birthday party: items in all the goody bags, the cost of bags and a cake, packs of candy to buy,
    balloons left after each guest gets two, or the cost per guest."""
    d = Draft(rng, "party_bags")
    p = person(rng)
    g = rng.randint(5, 20)
    form = rng.choice(["items", "cost", "packs", "balloons", "per_guest"])
    if form == "items":
        a, b, c = rng.randint(2, 8), rng.randint(2, 5), rng.randint(1, 3)
        d.tell(f"{p.First} is making goody bags for {say(rng, g)} guests.",
               f"For {p.his} birthday party, {p.first} fills a goody bag for each of {say(rng, g)} guests.",
               f"{say(rng, g).capitalize()} kids are coming to {p.poss} party, and each gets a goody bag.")
        d.tell(f"Each bag gets {say(rng, a)} candies, {say(rng, b)} stickers and {say(rng, c)} small "
               f"{plural(c, 'toy', 'toys')}.",
               f"In every bag go {say(rng, a)} candies, {say(rng, b)} stickers and {say(rng, c)} "
               f"{plural(c, 'toy', 'toys')}.",
               f"A bag holds {say(rng, a)} candies, {say(rng, b)} stickers and {say(rng, c)} "
               f"{plural(c, 'toy', 'toys')}.")
        q = ask(rng,
                ["How many things go into the bags in all?", f"How many items does {p.he} need altogether?",
                 "How many items are in all the bags?"],
                "the number of items in all the bags")
        d.step(f"{a} + {b} + {c} items in a bag.", f"per_bag = {a} + {b} + {c}")
        d.step(f"{g} bags.", f"total = per_bag * {g}")
        return d.end(q, "total", (a + b + c) * g, form)
    if form == "cost":
        each, cake = rng.randint(2, 8), rng.randint(15, 60)
        d.tell(f"{p.First} invites {say(rng, g)} friends to a party.",
               f"{say(rng, g).capitalize()} friends are coming to {p.poss} birthday party.",
               f"{p.First} is having a party for {say(rng, g)} friends.")
        d.tell(f"Each goody bag costs {usd(rng, each)} and the cake costs {usd(rng, cake)}.",
               f"Goody bags are {usd(rng, each)} apiece, and the cake is {usd(rng, cake)}.",
               f"{p.He} buys a {usd(rng, cake)} cake and a {usd(rng, each)} goody bag for each friend.")
        q = ask(rng,
                ["How much does the party cost?", "How much money is spent on the bags and the cake?",
                 "What is the total cost?"],
                "the total cost in dollars", "dollars")
        d.step(f"{g} bags at ${each}.", f"bags = {g} * {each}")
        d.step(f"Add the ${cake} cake.", f"total = bags + {cake}")
        return d.end(q, "total", g * each + cake, form)
    if form == "packs":
        a, k = rng.randint(2, 10), rng.choice([10, 12, 20, 24, 25, 30, 50])
        while g * a % k:
            g += 1
        d.tell(f"{p.First} wants to put {say(rng, a)} lollipops in each goody bag.",
               f"Every goody bag at {p.poss} party gets {say(rng, a)} lollipops.",
               f"{p.First} plans {say(rng, a)} lollipops per goody bag.")
        d.tell(f"There are {say(rng, g)} guests.", f"{say(rng, g).capitalize()} guests are invited.",
               f"{p.He} needs bags for {say(rng, g)} guests.")
        d.tell(f"Lollipops come in packs of {k}.", f"A pack has {k} lollipops.", f"The store sells them {k} to a pack.")
        q = ask(rng,
                ["How many packs does " + p.he + " need?", "How many packs of lollipops should " + p.he + " buy?",
                 "How many packs are needed?"],
                "the number of packs needed")
        d.step(f"{g} bags of {a}.", f"lollipops = {g} * {a}")
        d.step(f"{k} per pack.", f"packs = lollipops // {k}")
        return d.end(q, "packs", g * a // k, form)
    if form == "balloons":
        n = g * 2 + rng.randint(1, 30)
        d.tell(f"{p.First} buys {n} balloons for a party.", f"{p.First} blows up {n} balloons.",
               f"There are {n} balloons at {p.poss} party.")
        d.tell(f"Each of the {say(rng, g)} guests takes home a pair of balloons.",
               f"{say(rng, g).capitalize()} guests each take two balloons.",
               f"Every one of the {say(rng, g)} guests gets a couple of balloons.")
        q = ask(rng,
                ["How many balloons are left?", f"How many balloons does {p.he} keep?",
                 "How many balloons remain after the party?"],
                "the number of balloons left")
        d.step(f"{g} guests, 2 balloons each.", f"given = {g} * 2")
        d.step(f"{n} balloons to start.", f"left = {n} - given")
        return d.end(q, "left", n - g * 2, form)
    each = rng.randint(3, 20)
    total = g * each
    deco = rng.randint(5, total // 3)
    food = total - deco
    d.tell(f"{p.First}'s parents spent {usd(rng, food)} on food and {usd(rng, deco)} on decorations for a party.",
           f"Food for {p.poss} party cost {usd(rng, food)}, and decorations cost {usd(rng, deco)}.",
           f"For {p.poss} party, the food was {usd(rng, food)} and the decorations were {usd(rng, deco)}.")
    d.tell(f"There were {say(rng, g)} guests.", f"{say(rng, g).capitalize()} guests came.",
           f"The party had {say(rng, g)} guests.")
    d.noise(0.3, "The party lasted {n} minutes longer than planned.", "{N} brought {n} cupcakes.")
    q = ask(rng,
            ["How much did the party cost per guest?", "What was the cost for each guest?",
             "How many dollars per guest was that?"],
            "the cost per guest, in dollars", "dollars")
    d.step(f"${food} for food and ${deco} for decorations.", f"total = {food} + {deco}")
    d.step(f"Shared over {g} guests.", f"per_guest = total // {g}")
    return d.end(q, "per_guest", each, form)


def sc_commute(rng):
    """Getting to work or school: hours of commuting in a week, a monthly pass against single tickets, minutes
    saved by the bus over walking, or a trip of several legs."""
    d = Draft(rng, "commute")
    p = person(rng, "nurse", 0.25)
    form = rng.choice(["hours", "pass", "saved", "legs"])
    if form == "hours":
        m = rng.choice([15, 18, 20, 24, 30, 36, 42, 45, 48])
        days = rng.choice([3, 5, 6])
        while m * 2 * days % 60:
            m += 1
        d.tell(f"{p.First}'s commute to work takes {m} minutes each way.",
               f"It takes {p.first} {m} minutes to get to work and {m} minutes to get home.",
               f"{p.First} spends {m} minutes on the train each way to work.")
        d.tell(f"{p.He} works {say(rng, days)} days a week.", f"{p.He} goes to work {say(rng, days)} days each week.",
               f"{p.His} work week is {say(rng, days)} days.")
        q = ask(rng,
                [f"How many hours does {p.he} spend commuting each week?", "How many hours a week is that?",
                 f"How many hours of travel does {p.he} have in a week?"],
                "the number of hours spent commuting each week")
        d.step(f"{m} minutes each way.", f"per_day = {m} * 2")
        d.step(f"{days} days.", f"minutes = per_day * {days}")
        d.step("An hour has 60 minutes.", "hours = minutes // 60")
        return d.end(q, "hours", m * 2 * days // 60, form)
    if form == "pass":
        t, days = rng.randint(2, 6), rng.randint(15, 23)
        pas = t * 2 * days - rng.randint(5, 30)
        d.tell(f"A bus ticket costs {usd(rng, t)} for one ride.",
               f"{p.First} pays {usd(rng, t)} each time {p.he} rides the bus.",
               f"One ride on the city bus is {usd(rng, t)}.")
        d.tell(f"{p.Name} rides to work and back on {days} days a month.",
               f"Each month {p.name} takes the bus to work and home on {days} days.",
               f"There are {days} work days in the month, with a ride there and a ride back on each.")
        d.tell(f"A monthly pass costs {usd(rng, pas)}.", f"The monthly pass is {usd(rng, pas)}.",
               f"A pass for the whole month is {usd(rng, pas)}.")
        q = ask(rng, ["How much is saved with the monthly pass?", "How many dollars does the pass save in a month?",
                      "How much cheaper is the pass than buying single tickets?"],
                      "the money saved with the pass, in dollars", "dollars")
        d.step(f"Two rides on each of {days} days.", f"rides = {days} * 2")
        d.step(f"${t} a ride.", f"tickets = rides * {t}")
        d.step(f"The pass costs ${pas}.", f"saved = tickets - {pas}")
        return d.end(q, "saved", t * 2 * days - pas, form)
    if form == "saved":
        walk, bus = rng.randint(20, 50), rng.randint(5, 19)
        d.tell(f"{p.First} can walk to school in {walk} minutes or take the bus in {bus} minutes.",
               f"Walking to school takes {p.first} {walk} minutes; the bus takes {bus} minutes.",
               f"The bus gets {p.first} to school in {bus} minutes, but walking takes {walk} minutes.")
        d.tell(f"{p.He} takes the bus both ways for 5 school days.",
               f"This week {p.he} rides the bus there and back on all 5 school days.",
               f"For a whole school week of 5 days, {p.he} takes the bus to school and home.")
        q = ask(rng, [f"How many minutes does {p.he} save that week?", "How many minutes are saved by taking the bus?",
                      f"How much time, in minutes, does {p.he} save compared with walking?"],
                      "the number of minutes saved that week", "minutes")
        d.step(f"{walk} minus {bus} minutes per trip.", f"per_trip = {walk} - {bus}")
        d.step("2 trips a day for 5 days.", "saved = per_trip * 2 * 5")
        return d.end(q, "saved", (walk - bus) * 10, form)
    a, w, b, c = rng.randint(5, 30), rng.randint(2, 15), rng.randint(10, 45), rng.randint(3, 15)
    d.tell(f"{p.First} rides the bus for {say(rng, a)} minutes.",
           f"First, {p.first} takes a bus ride of {say(rng, a)} minutes.",
           f"{p.First}'s trip starts with {say(rng, a)} minutes on a bus.")
    d.tell(f"{p.He} waits {say(rng, w)} minutes for the train, which takes {say(rng, b)} minutes.",
           f"Then {p.he} waits {say(rng, w)} minutes and rides the train for {say(rng, b)} minutes.",
           f"After a {w}-minute wait, the train ride is {say(rng, b)} minutes.")
    d.tell(f"Finally {p.he} walks {say(rng, c)} minutes to the office.", f"The last part is a {c}-minute walk.",
           f"{p.He} ends with a walk of {say(rng, c)} minutes.")
    q = ask(rng,
            ["How many minutes does the whole trip take?", "How long is the trip in minutes?",
             "What is the total travel time in minutes?"],
            "the total travel time in minutes", "minutes")
    d.step(f"{a} minutes on the bus and a {w}-minute wait.", f"first = {a} + {w}")
    d.step(f"{b} minutes on the train and a {c}-minute walk.", f"total = first + {b} + {c}")
    return d.end(q, "total", a + w + b + c, form)


def sc_swimming(rng):
    """Laps of a pool: meters swum in a week, laps for a kilometer, minutes for laps timed in seconds, or two
    swimmers' meters together."""
    d = Draft(rng, "swimming")
    p = person(rng, "swimmer", 0.15)
    pool = rng.choice([25, 50])
    form = rng.choice(["week", "km", "time", "two"])
    intro = [f"The pool is {pool} meters long.", f"{p.First} swims in a {pool}-meter pool.",
             f"One length of the pool is {pool} meters."]
    who = p.He if d.tell(*intro) == 1 else p.First
    if form == "week":
        n, days = rng.randint(4, 30), rng.randint(2, 6)
        while pool * n * days > 10000:
            n //= 2
        d.tell(f"{who} swims {n} lengths, {say(rng, days)} days a week.",
               f"{who} swims {n} lengths on {say(rng, days)} days each week.",
               f"{who} practices {say(rng, days)} times a week and swims {n} lengths each time.")
        q = ask(rng,
                [f"How many meters does {p.he} swim in a week?", "How far, in meters, is that each week?",
                 f"How many meters does {p.name} swim each week?"],
                "the number of meters swum in a week", "meters")
        d.step(f"{n} lengths of {pool} meters.", f"per_day = {n} * {pool}")
        d.step(f"{days} days.", f"per_week = per_day * {days}")
        return d.end(q, "per_week", pool * n * days, form)
    if form == "km":
        k = rng.randint(1, 4)
        d.tell(f"{who} wants to swim {say(rng, k)} {plural(k, 'kilometer', 'kilometers')} today.",
               f"{who} plans to swim {say(rng, k)} {plural(k, 'kilometer', 'kilometers')} in practice.",
               f"{who} is training for a {k}-kilometer swim and wants to swim the full distance.")
        q = ask(rng,
                [f"How many lengths must {p.he} swim?", "How many lengths is that?",
                 "How many lengths of the pool does it take?"],
                "the number of lengths needed")
        d.step(f"{k} kilometers; a kilometer is 1000 meters.", f"meters = {k} * 1000")
        d.step(f"{pool} meters a length.", f"lengths = meters // {pool}")
        return d.end(q, "lengths", k * 1000 // pool, form)
    if form == "time":
        sec, n = rng.choice([30, 40, 45, 50, 60, 75, 90]), rng.randint(4, 40)
        while sec * n % 60:
            n += 1
        d.tell(f"{who} swims one length in {sec} seconds.", f"{who} takes {sec} seconds for each length.",
               f"{who} can swim a length of the pool in {sec} seconds.")
        d.tell(f"{p.He} swims {n} lengths without stopping.", f"Today {p.he} swims {n} lengths.",
               f"{p.He} does {n} lengths at that pace.")
        q = ask(rng,
                ["How many minutes does it take?", f"How many minutes does {p.he} swim?",
                 "How long does it take, in minutes?"],
                "the number of minutes it takes", "minutes")
        d.step(f"{n} lengths at {sec} seconds.", f"seconds = {n} * {sec}")
        d.step("A minute has 60 seconds.", "minutes = seconds // 60")
        return d.end(q, "minutes", sec * n // 60, form)
    friend = others(rng, 1, {p.name})[0]
    a, m = rng.randint(4, 30), rng.choice([2, 3])
    while pool * a * (m + 1) > 10000:
        a //= 2
    d.tell(f"{who} swims {a} lengths and {friend} swims {TIMES_AS[m]} as many.",
           f"{who} swims {a} lengths, and {friend} swims {TIMES_AS[m]} as many.",
           f"{who} does {a} lengths; {friend} does {TIMES_AS[m]} that number.")
    q = ask(rng,
            ["How many meters do they swim together?", "How many meters is that for both of them?",
             "How far do they swim altogether, in meters?"],
            "the number of meters they swim together", "meters")
    d.step(f"{friend}: {m} times {a} lengths.", f"friend_lengths = {a} * {m}")
    d.step(f"{pool} meters per length.", f"meters = ({a} + friend_lengths) * {pool}")
    return d.end(q, "meters", pool * a * (m + 1), form)


RENTALS = [("bike", "bikes"), ("kayak", "kayaks"), ("canoe", "canoes"), ("paddleboard", "paddleboards"),
           ("scooter", "scooters"), ("rowboat", "rowboats"), ("pair of skis", "pairs of skis")]


def sc_rental(rng):
    """Renting by the hour: a flat fee plus hours, a group of friends, parking with the first hour free, hours a
    budget buys, or a day pass against the hourly price."""
    d = Draft(rng, "rental")
    p = person(rng)
    one, many = rng.choice(RENTALS)
    form = rng.choice(["fee", "group", "parking", "budget", "daypass"])
    h = rng.randint(2, 8)
    rate = rng.randint(3, 15)
    if form in ("fee", "budget"):
        f = rng.randint(5, 20)
        d.tell(f"Renting a {one} costs {usd(rng, f)} plus {usd(rng, rate)} an hour.",
               f"The rental shop charges a {usd(rng, f)} fee and {usd(rng, rate)} for each hour.",
               f"A {one} rents for {usd(rng, rate)} per hour, plus {usd(rng, f)} up front.")
        if form == "fee":
            d.tell(f"{p.First} rents a {one} for {say(rng, h)} hours.",
                   f"{p.First} keeps a {one} for {say(rng, h)} hours.",
                   f"{p.First} rents a {one} for {say(rng, h)} hours.")
            q = ask(rng,
                    [f"How much does {p.he} pay?", "How much does the rental cost?",
                     "What is the total cost of the rental?"],
                    "the cost of the rental, in dollars", "dollars")
            d.step(f"{h} hours at ${rate}.", f"hourly = {h} * {rate}")
            d.step(f"Add the ${f} fee.", f"total = hourly + {f}")
            return d.end(q, "total", h * rate + f, form)
        budget = f + h * rate
        d.tell(f"{p.First} has {usd(rng, budget)} to spend.", f"{p.First} brought {usd(rng, budget)}.",
               f"{p.First} can spend {usd(rng, budget)}.")
        q = ask(rng,
                [f"For how many hours can {p.he} rent a {one}?", f"How many hours of rental can {p.he} pay for?",
                 "How many hours can " + p.he + " afford?"],
                "the number of hours the money pays for")
        d.step(f"Take off the ${f} fee.", f"for_hours = {budget} - {f}")
        d.step(f"${rate} an hour.", f"hours = for_hours // {rate}")
        return d.end(q, "hours", h, form)
    if form == "group":
        n = rng.randint(2, 8)
        d.tell(f"{p.First} and {say(rng, n - 1)} {plural(n - 1, 'friend', 'friends')} each rent a {one}.",
               f"A group of {say(rng, n)} friends rents one {one} each.",
               f"{say(rng, n).capitalize()} friends go out and each rents a {one}.")
        d.tell(f"It costs {usd(rng, rate)} an hour for each {one}.", f"Each {one} costs {usd(rng, rate)} per hour.",
               f"The price is {usd(rng, rate)} an hour per {one}.")
        d.tell(f"They ride for {say(rng, h)} hours.", f"They keep them for {say(rng, h)} hours.",
               f"They are out for {say(rng, h)} hours.")
        q = ask(rng,
                ["How much do they pay in all?", "What is the total cost for the group?",
                 "How many dollars does the group spend?"],
                "the total cost for the group, in dollars", "dollars")
        d.step(f"{n} {many} at ${rate} an hour.", f"per_hour = {n} * {rate}")
        d.step(f"{h} hours.", f"total = per_hour * {h}")
        return d.end(q, "total", n * rate * h, form)
    if form == "parking":
        rate = rng.randint(1, 6)
        d.tell("At the mall garage, the first hour of parking is free.",
               "Parking downtown is free for the first hour.",
               "The first hour in the parking lot costs nothing.")
        d.tell(f"After that it costs {usd(rng, rate)} an hour.", f"Each hour after the first costs {usd(rng, rate)}.",
               f"Every extra hour is {usd(rng, rate)}.")
        d.tell(f"{p.First} parks for {say(rng, h)} hours.", f"{p.First} leaves the car there for {say(rng, h)} hours.",
               f"{p.First}'s car is parked for {say(rng, h)} hours.")
        q = ask(rng,
                [f"How much does {p.he} pay for parking?", "How much does the parking cost?",
                 "What is the parking fee?"],
                "the parking fee in dollars", "dollars")
        d.step("The first hour is free.", f"paid_hours = {h} - 1")
        d.step(f"${rate} an hour.", f"cost = paid_hours * {rate}")
        return d.end(q, "cost", (h - 1) * rate, form)
    day = rate * h - rng.randint(2, min(10, rate * h - 2))
    d.tell(f"A {one} costs {usd(rng, rate)} an hour, or {usd(rng, day)} for the whole day.",
           f"The shop rents {many} at {usd(rng, rate)} per hour or {usd(rng, day)} for a day pass.",
           f"Hourly, a {one} is {usd(rng, rate)}; a day pass is {usd(rng, day)}.")
    d.tell(f"{p.First} wants a {one} for {say(rng, h)} hours.", f"{p.First} plans to use it for {say(rng, h)} hours.",
           f"{p.First} needs it for {say(rng, h)} hours.")
    q = ask(rng,
            [f"How much does {p.he} save with the day pass?", "How many dollars cheaper is the day pass?",
             "How much is saved by buying the day pass?"],
            "the money saved with the day pass, in dollars", "dollars")
    d.step(f"{h} hours at ${rate}.", f"hourly = {h} * {rate}")
    d.step(f"The day pass is ${day}.", f"saved = hourly - {day}")
    return d.end(q, "saved", rate * h - day, form)


def sc_ribbon(rng):
    """Ribbon and cloth: pieces cut from meters of ribbon, centimeters left after cutting, rolls needed for bows,
    or the cost of fabric for several items."""
    d = Draft(rng, "ribbon")
    p = person(rng, "tailor", 0.3)
    color = rng.choice(["red", "gold", "blue", "striped", "green", "silver", "pink"])
    form = rng.choice(["pieces", "left", "rolls", "fabric"])
    if form == "pieces":
        c = rng.choice([10, 20, 25, 40, 50])
        m = rng.randint(1, 9)
        while m * 100 % c:
            m += 1
        d.tell(f"{p.First} has {say(rng, m)} {plural(m, 'meter', 'meters')} of {color} ribbon.",
               f"{p.First} buys a {color} ribbon {say(rng, m)} {plural(m, 'meter', 'meters')} long.",
               f"A roll of {color} ribbon in {p.poss} craft box is {say(rng, m)} {plural(m, 'meter', 'meters')} long.")
        d.tell(f"{p.He} cuts it into pieces {c} centimeters long.", f"{p.He} cuts pieces of {c} centimeters each.",
               f"Each piece {p.he} cuts is {c} centimeters.")
        q = ask(rng,
                ["How many pieces does " + p.he + " get?", "How many pieces can be cut?", "How many pieces are there?"],
                "the number of pieces")
        d.step(f"{m} meters; a meter is 100 centimeters.", f"cm = {m} * 100")
        d.step(f"{c} centimeters a piece.", f"pieces = cm // {c}")
        return d.end(q, "pieces", m * 100 // c, form)
    if form == "left":
        m, k, c = rng.randint(2, 9), rng.randint(2, 12), rng.randint(5, 40)
        while k * c >= m * 100:
            k //= 2
        d.tell(f"{p.First} has a {m}-meter roll of {color} ribbon.",
               f"{p.First} buys {say(rng, m)} meters of {color} ribbon.",
               f"There are {say(rng, m)} meters of {color} ribbon on {p.poss} spool.")
        d.tell(f"{p.He} cuts off {say(rng, k)} pieces that are {c} centimeters each.",
               f"{p.He} uses {say(rng, k)} pieces of {c} centimeters to wrap gifts.",
               f"{say(rng, k).capitalize()} pieces, each {c} centimeters long, are cut from it.")
        q = ask(rng,
                ["How many centimeters of ribbon are left?", "How much ribbon is left, in centimeters?",
                 "How many centimeters remain on the roll?"],
                "the number of centimeters of ribbon left")
        d.step(f"{m} meters; a meter is 100 centimeters.", f"cm = {m} * 100")
        d.step(f"{k} pieces of {c} centimeters.", f"used = {k} * {c}")
        d.step("What is left.", "left = cm - used")
        return d.end(q, "left", m * 100 - k * c, form)
    if form == "rolls":
        c, b = rng.choice([20, 25, 30, 40, 50, 60]), rng.randint(4, 40)
        roll = rng.choice([100, 200, 300, 500])
        while b * c % roll:
            b += 1
        i = d.tell(f"Each bow needs {c} centimeters of ribbon.",
                   f"{p.First} uses {c} centimeters of ribbon for one bow.",
                   f"It takes {c} centimeters of ribbon to tie a bow.")
        d.tell(f"{p.He if i == 1 else p.First} is making {b} bows for gifts.",
               f"{p.He if i == 1 else p.First} needs {b} bows.",
               f"There are {b} presents that each need a bow.")
        d.tell(f"Ribbon comes on rolls of {roll} centimeters.", f"Each roll holds {roll} centimeters of ribbon.",
               f"A roll of ribbon is {roll} centimeters long.")
        q = ask(rng,
                ["How many rolls are needed?", "How many rolls of ribbon will it take?",
                 f"How many rolls should {p.he} buy?"],
                "the number of rolls needed")
        d.step(f"{b} bows of {c} centimeters.", f"cm = {b} * {c}")
        d.step(f"{roll} centimeters a roll.", f"rolls = cm // {roll}")
        return d.end(q, "rolls", b * c // roll, form)
    n, m, price = rng.randint(2, 8), rng.randint(1, 4), rng.randint(3, 15)
    thing = rng.choice(["scarves", "pillowcases", "aprons", "curtains", "tote bags", "costumes"])
    d.tell(f"{p.First} is sewing {say(rng, n)} {thing}.", f"{p.First} wants to make {say(rng, n)} {thing}.",
           f"For the fair, {p.first} sews {say(rng, n)} {thing}.")
    d.tell(f"Each one needs {say(rng, m)} {plural(m, 'meter', 'meters')} of fabric.",
           f"Every one takes {say(rng, m)} {plural(m, 'meter', 'meters')} of cloth.",
           f"{say(rng, m).capitalize()} {plural(m, 'meter', 'meters')} of fabric go into each.")
    d.tell(f"Fabric costs {usd(rng, price)} a meter.", f"The cloth is {usd(rng, price)} per meter.",
           f"A meter of fabric costs {usd(rng, price)}.")
    q = ask(rng,
            ["How much does the fabric cost?", f"How much does {p.he} spend on fabric?",
             "What is the cost of the fabric?"],
            "the cost of the fabric, in dollars", "dollars")
    d.step(f"{n} {thing}, {m} meters each.", f"meters = {n} * {m}")
    d.step(f"${price} a meter.", f"cost = meters * {price}")
    return d.end(q, "cost", n * m * price, form)


def sc_lemonade(rng):
    """A lemonade stand: profit after supplies, lemons for the cups wanted, two days with the second twice the
    first, or cents from cups sold turned into dollars."""
    d = Draft(rng, "lemonade")
    p = person(rng)
    form = rng.choice(["profit", "lemons", "weekend", "cents"])
    if form == "profit":
        c, price = rng.randint(10, 80), rng.randint(1, 3)
        cost = rng.randint(3, c * price - 1)
        d.tell(f"{p.First} spent {usd(rng, cost)} on lemons, sugar and cups.",
               f"Supplies for {p.poss} lemonade stand cost {usd(rng, cost)}.",
               f"{p.First} bought {usd(rng, cost)} worth of supplies for a lemonade stand.")
        d.tell(f"{p.He} sold {say(rng, c)} cups of lemonade at {usd(rng, price)} each.",
               f"{p.He} sold {say(rng, c)} cups for {usd(rng, price)} a cup.",
               f"By the end of the day, {say(rng, c)} cups had sold at {usd(rng, price)} each.")
        q = ask(rng,
                [f"How much profit did {p.he} make?", f"How much money did {p.he} make after paying for supplies?",
                 "What was the profit in dollars?"],
                "the profit in dollars", "dollars")
        d.step(f"{c} cups at ${price}.", f"sales = {c} * {price}")
        d.step(f"Minus ${cost} for supplies.", f"profit = sales - {cost}")
        return d.end(q, "profit", c * price - cost, form)
    if form == "lemons":
        k, l, pitchers = rng.randint(6, 12), rng.randint(3, 8), rng.randint(2, 8)
        cups = k * pitchers
        d.tell(f"One pitcher of lemonade fills {say(rng, k)} cups and needs {say(rng, l)} lemons.",
               f"{p.First}'s recipe uses {say(rng, l)} lemons per pitcher, and a pitcher fills {say(rng, k)} cups.",
               f"Each pitcher takes {say(rng, l)} lemons and makes {say(rng, k)} cups.")
        d.tell(f"{p.Name} wants to sell {cups} cups.", f"{p.Name} expects to sell {cups} cups on Saturday.",
               f"The goal is {cups} cups of lemonade.")
        q = ask(rng,
                ["How many lemons are needed?", f"How many lemons does {p.he} need to buy?",
                 "How many lemons will it take?"],
                "the number of lemons needed")
        d.step(f"{cups} cups, {k} per pitcher.", f"pitchers = {cups} // {k}")
        d.step(f"{l} lemons a pitcher.", f"lemons = pitchers * {l}")
        return d.end(q, "lemons", pitchers * l, form)
    if form == "weekend":
        a, price = rng.randint(5, 40), rng.randint(1, 4)
        d.tell(f"On Saturday, {p.first} sold {say(rng, a)} cups of lemonade.",
               f"{p.First} sold {say(rng, a)} cups of lemonade on Saturday.",
               f"{p.First}'s stand sold {say(rng, a)} cups on Saturday.")
        d.tell("On Sunday, twice as many cups were sold.", f"On Sunday {p.he} sold double that number.",
               "Sunday's sales were twice Saturday's.")
        d.tell(f"A cup costs {usd(rng, price)}.", f"Each cup sells for {usd(rng, price)}.",
               f"The price is {usd(rng, price)} a cup.")
        q = ask(rng,
                ["How much money did the stand make over the weekend?",
                 f"How many dollars did {p.he} earn on the two days?",
                      "How much did the weekend's lemonade bring in?"], "the money made over the weekend, in dollars",
                      "dollars")
        d.step(f"Sunday: 2 times {a}.", f"sunday = {a} * 2")
        d.step(f"Both days, ${price} a cup.", f"money = ({a} + sunday) * {price}")
        return d.end(q, "money", a * 3 * price, form)
    c, cents = rng.randint(4, 60), rng.choice([25, 50, 75])
    while c * cents % 100:
        c += 1
    d.tell(f"{p.First} sells lemonade for {cents} cents a cup.", f"A cup of {p.poss} lemonade costs {cents} cents.",
           f"Lemonade at {p.poss} stand is {cents} cents a cup.")
    d.tell(f"{p.He} sells {c} cups.", f"{c} cups are sold.", f"By evening {c} cups are gone.")
    q = ask(rng,
            ["How many dollars does " + p.he + " make?", "How much money is that in dollars?",
             "How many dollars did the lemonade bring in?"],
            "the money made in dollars", "dollars")
    d.step(f"{c} cups at {cents} cents.", f"cents = {c} * {cents}")
    d.step("100 cents make a dollar.", "dollars = cents // 100")
    return d.end(q, "dollars", c * cents // 100, form)


def sc_tiles(rng):
    """Tiling a floor: tiles for a room, boxes of tiles, the cost of the boxes, or tiles of 50 centimeters on a
    side for each square meter."""
    d = Draft(rng, "tiles")
    p = person(rng, "builder", 0.3)
    room = rng.choice(["kitchen", "bathroom", "hallway", "patio", "laundry room", "porch"])
    W, L = sorted((rng.randint(2, 8), rng.randint(2, 6)))
    form = rng.choice(["count", "boxes", "cost", "cm"])
    k = rng.choice([4, 6, 8, 9, 10, 12, 16])
    fits = [b for b in (2, 4, 5, 6, 8, 10, 12, 20) if L * W * k % b == 0]
    if not fits:
        k, fits = 8, [2, 4, 8]
    b = rng.choice(fits)
    d.tell(f"{p.First}'s {room} floor is {L} meters long and {W} meters wide.",
           f"{p.First} is tiling a {room} that measures {L} meters by {W} meters.",
           f"The {room} {p.first} is tiling is {L} meters by {W} meters.")
    if form == "cm":
        s = rng.choice([20, 25, 50])
        d.tell(f"Each tile is a square {s} centimeters on a side.",
               f"{p.He} uses square tiles, {s} centimeters on each side.", f"The tiles are {s}-centimeter squares.")
        q = ask(rng,
                ["How many tiles are needed?", f"How many tiles does {p.he} need to cover the floor?",
                 "How many tiles cover the floor?"],
                "the number of tiles needed")
        d.step(f"A meter is 100 centimeters, so {s}-centimeter tiles fit 100 divided by {s} along each meter.",
               f"per_meter = 100 // {s}")
        d.step("A square meter holds that many rows of that many tiles.", "per_square_meter = per_meter * per_meter")
        d.step(f"The floor is {L} by {W} square meters.", f"tiles = {L} * {W} * per_square_meter")
        return d.end(q, "tiles", L * W * (100 // s) ** 2, form)
    d.tell(f"It takes {say(rng, k)} tiles to cover one square meter.",
           f"{say(rng, k).capitalize()} tiles cover a square meter.", f"Each square meter needs {say(rng, k)} tiles.")
    d.step(f"{L} by {W} meters.", f"area = {L} * {W}")
    d.step(f"{k} tiles per square meter.", f"tiles = area * {k}")
    if form == "count":
        q = ask(rng,
                ["How many tiles are needed?", f"How many tiles does {p.he} need?",
                 "How many tiles will cover the floor?"],
                "the number of tiles needed")
        return d.end(q, "tiles", L * W * k, form)
    d.tell(f"Tiles come in boxes of {b}.", f"A box holds {b} tiles.", f"The store sells the tiles {b} to a box.")
    d.step(f"{b} tiles a box.", f"boxes = tiles // {b}")
    if form == "boxes":
        q = ask(rng,
                ["How many boxes of tiles are needed?", f"How many boxes should {p.he} buy?",
                 "How many boxes does the job take?"],
                "the number of boxes needed")
        return d.end(q, "boxes", L * W * k // b, form)
    price = rng.randint(5, min(30, 10000 // (L * W * k // b)))
    d.tell(f"Each box costs {usd(rng, price)}.", f"A box of tiles is {usd(rng, price)}.",
           f"The boxes cost {usd(rng, price)} each.")
    q = ask(rng,
            ["How much do the tiles cost?", f"How much will {p.he} spend on tiles?", "What is the cost of the tiles?"],
            "the cost of the tiles, in dollars", "dollars")
    d.step(f"${price} a box.", f"cost = boxes * {price}")
    return d.end(q, "cost", L * W * k // b * price, form)


def sc_camping(rng):
    """A camping trip: tents for the campers (rounded up), liters of water for some days, the cost of firewood
    for the nights, or kilometers hiked over the days."""
    d = Draft(rng, "camping")
    p = person(rng, "scout leader", 0.4)
    n = rng.randint(5, 30)
    form = rng.choice(["tents", "water", "firewood", "hike"])
    d.tell(f"{p.First} takes {say(rng, n)} scouts camping.",
           f"{say(rng, n).capitalize()} campers go on a trip with {p.first}.",
           f"A group of {say(rng, n)} kids goes camping with {p.first}.")
    if form == "tents":
        k = rng.randint(2, 6)
        d.tell(f"Each tent sleeps {say(rng, k)} people, and {p.name} has a tent of {p.his} own.",
               f"A tent holds {say(rng, k)} campers; the leader sleeps in a separate tent.",
               f"The tents fit {say(rng, k)} kids each, and {p.name} brings a small tent just for {p.him}.")
        q = ask(rng,
                ["How many tents do they need in all?", "How many tents must they bring altogether?",
                 "How many tents are needed for everyone?"],
                "the number of tents needed")
        d.step(f"{n} campers, {k} per tent; round up, since a partly full tent is still a tent.",
               f"camper_tents = ({n} + {k} - 1) // {k}")
        d.step(f"Add 1 tent for {p.name}.", "tents = camper_tents + 1")
        return d.end(q, "tents", (n + k - 1) // k + 1, form)
    if form == "water":
        w, days = rng.randint(2, 5), rng.randint(2, 5)
        d.tell(f"Each person needs {say(rng, w)} liters of water a day.",
               f"Every camper drinks {say(rng, w)} liters of water each day.",
               f"They plan {say(rng, w)} liters of water per person per day.")
        d.tell(f"The trip lasts {say(rng, days)} days.", f"They stay for {say(rng, days)} days.",
               f"The camping trip is {say(rng, days)} days long.")
        q = ask(rng,
                ["How many liters of water do they need, counting the leader?",
                 "How much water, in liters, do they need for everyone, including the leader?",
                      "How many liters of water should they bring for all the campers and the leader?"],
                      "the number of liters of water needed", "liters")
        d.step(f"{n} campers plus the leader.", f"people = {n} + 1")
        d.step(f"{w} liters each a day.", f"per_day = people * {w}")
        d.step(f"{days} days.", f"liters = per_day * {days}")
        return d.end(q, "liters", (n + 1) * w * days, form)
    if form == "firewood":
        b, nights, price = rng.randint(2, 5), rng.randint(2, 6), rng.randint(4, 10)
        d.tell(f"They burn {say(rng, b)} bundles of firewood each night.",
               f"Each night the campfire uses {say(rng, b)} bundles of wood.",
               f"{say(rng, b).capitalize()} bundles of firewood go on the fire every night.")
        d.tell(f"They camp for {say(rng, nights)} nights, and a bundle costs {usd(rng, price)}.",
               f"A bundle is {usd(rng, price)}, and they stay {say(rng, nights)} nights.",
               f"The trip is {say(rng, nights)} nights long; firewood is {usd(rng, price)} a bundle.")
        q = ask(rng,
                ["How much does the firewood cost?", "How many dollars do they spend on firewood?",
                 "What does the firewood cost for the trip?"],
                "the cost of the firewood, in dollars", "dollars")
        d.step(f"{b} bundles a night for {nights} nights.", f"bundles = {b} * {nights}")
        d.step(f"${price} a bundle.", f"cost = bundles * {price}")
        return d.end(q, "cost", b * nights * price, form)
    k, days, last = rng.randint(5, 20), rng.randint(2, 5), rng.randint(2, 12)
    d.tell(f"They hike {say(rng, k)} kilometers each day for {say(rng, days)} days.",
           f"For {say(rng, days)} days they walk {say(rng, k)} kilometers a day.",
           f"Each of the {say(rng, days)} days, the group hikes {say(rng, k)} kilometers.")
    d.tell(f"On the last morning they hike {say(rng, last)} kilometers back to the bus.",
           f"Then a final {last}-kilometer hike takes them home.",
           f"They finish with {say(rng, last)} more kilometers on the way out.")
    q = ask(rng,
            ["How many kilometers do they hike in all?", "How far do they hike altogether, in kilometers?",
             "What is the total distance hiked?"],
            "the total kilometers hiked", "kilometers")
    d.step(f"{k} kilometers for {days} days.", f"days_km = {k} * {days}")
    d.step(f"Add the last {last} kilometers.", f"total = days_km + {last}")
    return d.end(q, "total", k * days + last, form)


def sc_test_scores(rng):
    """Test scores: points from the questions answered right, points plus a bonus, the score needed on a third
    test for an average, or the points in two sections."""
    d = Draft(rng, "test_scores")
    p = person(rng, "student", 0.15)
    subject = rng.choice(["math", "spelling", "science", "history", "geography", "music"])
    form = rng.choice(["wrong", "bonus", "third", "sections"])
    if form == "wrong":
        q_, pts = rng.randint(10, 30), rng.randint(2, 5)
        w = rng.randint(1, q_ - 1)
        i = d.tell(f"A {subject} test has {q_} questions worth {say(rng, pts)} points each.",
                   f"Each of the {q_} questions on the {subject} test is worth {say(rng, pts)} points.",
                   f"There are {q_} questions on {p.poss} {subject} test, {say(rng, pts)} points apiece.")
        who = p.He if i == 2 else p.First
        d.tell(f"{who} got {say(rng, w)} {plural(w, 'question', 'questions')} wrong.",
               f"{who} missed {say(rng, w)} {plural(w, 'question', 'questions')}.",
               f"{who} answered all but {say(rng, w)} correctly.")
        q = ask(rng,
                [f"How many points did {p.he} score?", f"What was {p.poss} score?",
                 f"How many points did {p.name} get?"],
                "the score in points")
        d.step(f"{q_} questions, {w} wrong.", f"right = {q_} - {w}")
        d.step(f"{pts} points each.", f"score = right * {pts}")
        return d.end(q, "score", (q_ - w) * pts, form)
    if form == "bonus":
        c, pts, b = rng.randint(5, 25), rng.randint(2, 5), rng.randint(2, 10)
        d.tell(f"{p.First} answered {say(rng, c)} questions correctly on a {subject} quiz.",
               f"On the {subject} quiz, {p.first} got {say(rng, c)} questions right.",
               f"{p.First} had {say(rng, c)} correct answers on a {subject} quiz.")
        d.tell(f"Each correct answer is worth {say(rng, pts)} points, and {p.he} also earned {say(rng, b)} bonus "
               f"points.",
               f"Every right answer earns {say(rng, pts)} points, plus {p.he} got a {b}-point bonus.",
               f"Correct answers count {say(rng, pts)} points each; there were also {say(rng, b)} bonus points.")
        q = ask(rng,
                [f"What was {p.his} total score?", f"How many points did {p.he} get in all?",
                 "How many points is that altogether?"],
                "the total score")
        d.step(f"{c} right at {pts} points.", f"points = {c} * {pts}")
        d.step(f"Add the {b} bonus points.", f"total = points + {b}")
        return d.end(q, "total", c * pts + b, form)
    if form == "third":
        avg = rng.randint(70, 92)
        a, b = rng.randint(avg - 15, 100), rng.randint(avg - 15, 100)
        c = avg * 3 - a - b
        while not 1 <= c <= 100:
            a, b = rng.randint(avg - 10, min(100, avg + 10)), rng.randint(avg - 10, min(100, avg + 10))
            c = avg * 3 - a - b
        d.tell(f"{p.First} scored {a} and {b} on {p.his} first two {subject} tests.",
               f"On two {subject} tests, {p.first} got {a} and {b}.",
               f"{p.First}'s first two {subject} test scores are {a} and {b}.")
        d.tell(f"{p.He} wants an average of {avg} over three tests.",
               f"{p.He} hopes to average {avg} across all three tests.",
               f"To get the grade {p.he} wants, {p.his} average over three tests must be {avg}.")
        q = ask(rng, [f"What score does {p.he} need on the third test?", f"What must {p.he} score on the third test?",
                      "What does the third test score need to be?"], "the score needed on the third test")
        d.step(f"An average of {avg} over 3 tests means this total.", f"needed_total = {avg} * 3")
        d.step(f"Subtract {a} and {b}.", f"third = needed_total - {a} - {b}")
        return d.end(q, "third", c, form)
    q1, p1, q2, p2 = rng.randint(5, 20), rng.randint(1, 3), rng.randint(2, 10), rng.randint(4, 10)
    miss = rng.randint(1, q2)
    d.tell(f"A {subject} exam has {q1} multiple-choice questions worth {say(rng, p1)} {plural(p1, 'point', 'points')} "
           f"each and {q2} short answers worth {say(rng, p2)} points each.",
           f"The {subject} exam has two parts: {q1} questions at {say(rng, p1)} {plural(p1, 'point', 'points')} each, "
           f"and {q2} questions at {say(rng, p2)} points each.",
           f"On the {subject} exam, {q1} questions are worth {say(rng, p1)} {plural(p1, 'point', 'points')} apiece and "
           f"{q2} are worth {say(rng, p2)} points apiece.")
    d.tell(f"{p.First} got every multiple-choice question right but missed {say(rng, miss)} of the others.",
           f"{p.First} missed only {say(rng, miss)} of the {p2}-point questions.",
           f"{p.First} lost points on just {say(rng, miss)} of the harder questions.")
    q = ask(rng,
            [f"How many points did {p.he} score?", f"What was {p.his} score on the exam?",
             f"How many points did {p.he} earn?"],
            "the score on the exam")
    d.step(f"{q1} questions at {p1} points.", f"part_one = {q1} * {p1}")
    d.step(f"{q2} minus {miss} questions at {p2} points.", f"part_two = ({q2} - {miss}) * {p2}")
    d.step("Add the parts.", "score = part_one + part_two")
    return d.end(q, "score", q1 * p1 + (q2 - miss) * p2, form)


FRUIT_TREES = [("apple trees", "apples"), ("orange trees", "oranges"), ("peach trees", "peaches"),
               ("lemon trees", "lemons"),
               ("pear trees", "pears"), ("plum trees", "plums"), ("mango trees", "mangoes")]


def sc_orchard(rng):
    """An orchard: fruit from rows of trees, bags of fruit to fill, pies from the picked apples and what is left
    over, or money from the fruit sold by the kilogram."""
    d = Draft(rng, "orchard")
    p = person(rng, "farmer", 0.4)
    trees, fruit = rng.choice(FRUIT_TREES)
    form = rng.choice(["rows", "bags", "pies", "kg"])
    if form == "rows":
        r, t, f = rng.randint(2, 10), rng.randint(3, 12), rng.randint(10, 60)
        while r * t * f > 10000:
            f //= 2
        d.tell(f"{p.First}'s orchard has {say(rng, r)} rows of {trees} with {say(rng, t)} trees in each row.",
               f"There are {say(rng, r)} rows of {trees} in {p.poss} orchard, {say(rng, t)} to a row.",
               f"{p.First} grows {trees} in {say(rng, r)} rows of {say(rng, t)}.")
        d.tell(f"Each tree gives {say(rng, f)} {fruit}.", f"Every tree produces about {say(rng, f)} {fruit}.",
               f"{p.He} picks {say(rng, f)} {fruit} from each tree.")
        q = ask(rng,
                [f"How many {fruit} does {p.he} pick?", f"How many {fruit} come from the orchard?",
                 f"What is the total number of {fruit}?"],
                f"the total number of {fruit}")
        d.step(f"{r} rows of {t} trees.", f"tree_count = {r} * {t}")
        d.step(f"{f} {fruit} per tree.", f"total = tree_count * {f}")
        return d.end(q, "total", r * t * f, form)
    if form == "bags":
        t, f, k = rng.randint(3, 20), rng.randint(10, 40), rng.choice([5, 6, 8, 10, 12, 20])
        while t * f % k:
            f += 1
        d.tell(f"{p.First} picks {say(rng, f)} {fruit} from each of {say(rng, t)} {trees}.",
               f"From {say(rng, t)} {trees}, {p.first} picks {say(rng, f)} {fruit} per tree.",
               f"{p.First} harvests {say(rng, t)} {trees}, getting {say(rng, f)} {fruit} from every tree.")
        d.tell(f"{p.He} packs them in bags of {say(rng, k)}.",
               f"The {fruit} go into bags that hold {say(rng, k)} each.", f"Each bag holds {say(rng, k)} {fruit}.")
        q = ask(rng,
                ["How many bags does " + p.he + " fill?", "How many bags are filled?", "How many bags are needed?"],
                "the number of bags filled")
        d.step(f"{t} trees, {f} each.", f"picked = {t} * {f}")
        d.step(f"{k} per bag.", f"bags = picked // {k}")
        return d.end(q, "bags", t * f // k, form)
    if form == "pies":
        per = rng.randint(5, 9)
        n = rng.randint(20, 150)
        if n % per == 0:
            n += 1
        d.tell(f"{p.First} picked {n} apples.", f"After a morning in the orchard, {p.first} has {n} apples.",
               f"{p.First} came home with {n} apples.")
        d.tell(f"Each pie needs {say(rng, per)} apples.", f"A pie takes {say(rng, per)} apples.",
               f"{p.He} uses {say(rng, per)} apples for every pie.")
        q = ask(rng,
                [f"How many apples are left after {p.he} bakes as many pies as {p.he} can?",
                 "How many apples are left over after making as many whole pies as possible?",
                      f"If {p.he} makes as many pies as possible, how many apples remain?"],
                      "the number of apples left over")
        d.step(f"{n} apples, {per} per pie: whole pies only.", f"pies = {n} // {per}")
        d.step("Apples left over.", f"left = {n} - pies * {per}")
        return d.end(q, "left", n % per, form)
    kg, price, kept = rng.randint(20, 300), rng.randint(1, 5), rng.randint(2, 15)
    d.tell(f"{p.First} picked {kg} kilograms of {fruit}.",
           f"The harvest from {p.poss} {trees} was {kg} kilograms of {fruit}.",
           f"{p.First} gathered {kg} kilograms of {fruit} this season.")
    d.tell(f"{p.He} kept {say(rng, kept)} kilograms and sold the rest at {usd(rng, price)} a kilogram.",
           f"{p.He} saved {say(rng, kept)} kilograms for the family and sold the rest for {usd(rng, price)} per "
           f"kilogram.",
           f"All but {say(rng, kept)} kilograms were sold, at {usd(rng, price)} a kilogram.")
    q = ask(rng,
            [f"How much money did {p.he} make?", f"How many dollars did the {fruit} bring in?",
             "How much money came from the sale?"],
            "the money from the sale, in dollars", "dollars")
    d.step(f"{kg} kilograms, {kept} kept.", f"sold = {kg} - {kept}")
    d.step(f"${price} a kilogram.", f"money = sold * {price}")
    return d.end(q, "money", (kg - kept) * price, form)


SCENES = {name[3:]: fn for name, fn in sorted(globals().items()) if name.startswith("sc_") and callable(fn)}

# ---- placing the question ---------------------------------------------------------------------------------------

# first words that stay capitalized inside a sentence: names, titles, relatives used as names, days, months, towns
PROPER = set(NAME_LIST) | {t for t, _ in TITLES} | {"Grandma", "Uncle", "Aunt", "I"} | set(TOWN_NAMES) | {
    t.split()[0] for t in TOWN_NAMES} | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                                          "April", "June", "July", "August"}
# sentences that start with a time or a link do not fold well ("If on Monday, ...")
NO_FOLD = {"On", "In", "At", "During", "By", "Last", "Yesterday", "Today", "Tomorrow", "After", "Before", "When",
           "While", "Since", "If", "But", "And", "So", "Also", "For", "Over", "From", "To", "With", "Later", "Now",
           "Next", "Then", "Finally", "Altogether", "Meanwhile", "Of", "Out", "Every", "Half", "Twice"}
SPLIT = re.compile(r"^How (much money|much|long|far|heavy) ((?:does|did|do|will|is|are|was|were|should|must)\b.+)\?$")
# a question that names everything it asks about can come before the story
PRONOUNS = re.compile(r"\b(he|she|him|her|his|they|them|their|it|its|that|this)\b", re.I)
FIND = ["Find", "Calculate", "Work out", "Figure out", "Determine"]


def lower_first(s):
    """The sentence with its first word in lower case, unless that word is a name (PROPER)."""
    first = s.split(" ", 1)[0]
    return s if re.sub(r"('s|')$", "", first) in PROPER else first.lower() + s[len(first):]


def fold(sentence, question):
    """ "If <sentence>, <question>" when the sentence is a plain fact that folds into an if-clause, else None."""
    s = re.sub(r"^(Then|After that|Later|Finally),? ", "", sentence)
    plain = re.sub(r"\b(Mr|Mrs|Ms|Dr)\. ", "", s)
    if not s.endswith(".") or re.search(r"[.!?;:] ", plain) or not question.startswith(("How ", "What ", "Which ")):
        return None
    if s.split(" ", 1)[0] in NO_FOLD or re.match(r"(\S+ ){0,2}\S+,", s):
        return None
    return "If %s, %s" % (lower_first(s if s.endswith((".m.")) else s[:-1]), lower_first(question))


def place_scene(rng, sentences, question, lead):
    """The question at the end (most often), first (the scene's `lead`, or the question itself when it has no
    pronoun), as "Find <what>." or "What is <what>?", folded with the last fact ("If she buys 3 more, how many
    ...?"), or with its unit split off ("How much money, in dollars, does ...?")."""
    what, unit = getattr(question, "what", None), getattr(question, "unit", None)
    folded = fold(sentences[-1], question) if len(sentences) > 1 else None
    split = SPLIT.match(question) if unit and unit not in question else None
    forms = ["end"] * 10 + ["lead"] * 3 * bool(lead) + ["find"] * 2 * bool(what) + ["whatis"] * bool(what)
    forms += ["fold"] * 3 * bool(folded) + ["split"] * 2 * bool(split) + ["first"] * 2 * (not PRONOUNS.search(question))
    form = rng.choice(forms)
    story = " ".join(sentences)
    if form == "lead":
        return lead + " " + story
    if form == "first":
        return question + " " + story
    if form == "find":
        return "%s %s %s%s" % (story, rng.choice(FIND), what, "" if what.endswith(".") else ".")
    if form == "whatis":
        return "%s What is %s?" % (story, what)
    if form == "fold":
        return " ".join(sentences[:-1]) + " " + folded
    if form == "split":
        return "%s How %s, in %s, %s?" % (story, split.group(1), unit, split.group(2))
    return story + " " + question


def make_scene(rng, scene=None):
    """One problem of `scene` (default: one drawn from SCENES): (question, steps, out_var, answer, signature)."""
    name = scene or rng.choice(sorted(SCENES))
    sentences, q, lead, steps, out_var, ans, sig = SCENES[name](rng)
    return place_scene(rng, sentences, q, lead), steps, out_var, ans, sig


# ---- self-check -------------------------------------------------------------------------------------------------

NUMBER_WORDS = {w: i for i, w in enumerate(WORDS)}
NUMBER_WORDS.update({w: t * 10 for t, w in TENS.items()})
COMPOUND = re.compile(r"\b(%s)-(%s)\b" % ("|".join(TENS.values()), "|".join(WORDS[1:10])))
# facts a solution may use without the question stating them
CONSTANTS = set(range(11)) | {12, 24, 52, 60, 100, 1000}
OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
       ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b}
# a comment that says why a division is not exact
INEXACT_OK = re.compile(r"round|full|whole|left over|remainder", re.I)


def run_steps(steps):
    """Runs the steps' code line by line, checking each line: one assignment to a plain name (no keyword, no
    builtin), integer literals, + - * // % only, no negative value, and every // exact unless its comment says
    why not. Returns (variables, integer literals used)."""
    env, literals = {}, []

    def ev(node, comment):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            literals.append(node.value)
            return node.value
        if isinstance(node, ast.Name):
            return env[node.id]
        assert isinstance(node, ast.BinOp) and type(node.op) in OPS, ast.dump(node)
        a, b = ev(node.left, comment), ev(node.right, comment)
        if isinstance(node.op, ast.FloorDiv):
            assert b and (a % b == 0 or INEXACT_OK.search(comment)), "inexact division in %r" % comment
        return OPS[type(node.op)](a, b)
    for comment, lines in steps:
        assert comment and comment.endswith(".") and not re.search(r"\d\.\d", comment), comment
        for line in lines:
            body = ast.parse(line).body
            assert len(body) == 1 and isinstance(body[0], ast.Assign) and len(body[0].targets) == 1, line
            name = body[0].targets[0]
            assert isinstance(name, ast.Name), line
            assert not keyword.iskeyword(name.id) and not hasattr(builtins, name.id), name.id
            env[name.id] = ev(body[0].value, comment)
            assert env[name.id] >= 0, (line, env[name.id])
    return env, literals


NAME_RE = re.compile(r"\b(%s)\b" % "|".join(sorted(set(NAME_LIST) | set(SURNAMES), key=len, reverse=True)))
NUMBER_RE = re.compile(r"\b(%s)\b" % "|".join(sorted(list(NUMBER_WORDS) + ["hundred", "thousand"], key=len,
                                                     reverse=True)), re.I)


def shape(question):
    """The question with its numbers and names masked."""
    s = re.sub(r"\d[\d,:]*", "#", question)
    s = COMPOUND.sub("#", s)
    return NAME_RE.sub("NAME", NUMBER_RE.sub("#", s))


def check_one(question, steps, out_var, ans, sig, what=None):
    assert 1 <= len(steps) <= 7, sig
    assert type(ans) is int and 1 <= ans <= 10000, (sig, ans)
    assert not re.search(r"[{}]|%[sd]|\bNone\b|  | [,.?]|\.\.", question), question
    assert question[-1] in ".?", question
    assert not re.search(r"(?<![-\w])(?<!each )(?<!every )(?<!good )(?<!: )(?<!middle )(?<!the )(1|one) "
                         r"(?!is\b|was\b|has\b)[a-z]+s\b", question, re.I), question
    env, literals = run_steps(steps)
    assert env[out_var] == ans, (sig, env[out_var], ans)
    allowed = set(stated(question)) | CONSTANTS
    loose = [v for v in literals if v not in allowed]
    assert not loose, "ungrounded %s in %r" % (loose, question)
    assert sig.startswith("scene|") and sig.count("|") >= 2, sig
    assert what is None or what.startswith("the "), what


def selfcheck(n=40000, seed=0):
    """Draws n problems over all scenes and checks each (check_one), the held-out split, and problems.py's
    record and solution check on a few thousand; prints per scene its counts and one sample."""
    from problems import check_solution, problem_record
    rng = random.Random(seed)
    names = sorted(SCENES)
    stats = {s: {"n": 0, "sigs": set(), "shapes": set()} for s in names}
    records = []
    for i in range(n):
        scene = names[i % len(names)]
        sentences, q, lead, steps, out_var, ans, sig = SCENES[scene](rng)
        assert lead is None or lead.endswith("?"), lead
        question = place_scene(rng, sentences, q, lead)
        try:
            check_one(question, steps, out_var, ans, sig, getattr(q, "what", None))
        except Exception:
            print("FAILED:", sig, question, steps, sep="\n")
            raise
        st = stats[scene]
        st["n"] += 1
        st["sigs"].add(sig)
        st["shapes"].add(shape(question))
        if i < 4000:
            records.append(problem_record(question, steps, out_var, ans, sig))
    assert all(check_solution(r) for r in records)
    sigs = set().union(*(st["sigs"] for st in stats.values()))
    held = {s for s in sigs if int(hashlib.sha1(s.encode()).hexdigest(), 16) % 7 == 0}
    assert held and held != sigs
    sample_rng = random.Random(seed + 1)
    for s in names:
        st = stats[s]
        assert len(st["sigs"]) >= 4, (s, st["sigs"])
        question, steps, out_var, ans, sig = make_scene(sample_rng, s)
        print("%-14s drawn %5d  signatures %2d  shapes %5d" % (s, st["n"], len(st["sigs"]), len(st["shapes"])))
        print("    " + question)
        for c, code in steps:
            print("      # %s  %s" % (c, "; ".join(code)))
        print("      -> %d   [%s]" % (ans, sig))
    t0 = time.time()
    trng = random.Random(seed + 2)
    for _ in range(10000):
        make_scene(trng)
    print("%d scenes, %d signatures (%d held out), %d records checked by problems.check_solution; "
          "10,000 problems in %.2f s" % (len(names), len(sigs), len(held), len(records), time.time() - t0))


if __name__ == "__main__":
    selfcheck(*(int(x) for x in sys.argv[1:3]))  # [n [seed]]
