"""The numbers a text states: digits ("1,200", "3.5", "$12", "25%", "9:30"), number words ("seven",
"twenty-four", "a hundred", "three hundred") and idioms ("a dozen" is 12, "twice" is 2, "a week" is 7 days).
One reader for every script that asks: quote.py's hints, and the generators' checks that a solution writes
only numbers its question states (stories.py, scenes.py).
"""

import re

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# words that name a number without spelling it; the value a step's code writes for them
IDIOMS = {"dozen": 12, "dozens": 12, "pair": 2, "pairs": 2, "couple": 2, "twice": 2, "double": 2, "doubled": 2,
          "triple": 3, "tripled": 3, "thrice": 3, "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4,
          "quarters": 4, "fourth": 4, "fifth": 5, "fifths": 5, "tenth": 10, "week": 7, "weeks": 7, "fortnight": 14,
          "hundred": 100, "thousand": 1000, "score": 20}
WORD_VALUES = dict({w: i for i, w in enumerate(UNITS)}, **TENS)


def stated(sentence):
    """{value: how it is written} for the numbers a sentence states: digits ("1,200", "3.5", "$12", "25%"),
    number words ("seven", "twenty-four", "a hundred") and idioms ("a dozen" is 12, "twice" is 2)."""
    out = {}
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", sentence):
        s = m.group().rstrip(",")
        try:
            v = float(s.replace(",", ""))
        except ValueError:
            continue
        out.setdefault(int(v) if v == int(v) else v, None)
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", sentence)
    for i, w in enumerate(words):
        lw = w.lower()
        value = None
        if "-" in lw:
            a, b = lw.split("-", 1)
            if a in TENS and b in WORD_VALUES and WORD_VALUES[b] < 10:
                value = TENS[a] + WORD_VALUES[b]
        elif lw in WORD_VALUES:
            value = WORD_VALUES[lw]
        elif lw in IDIOMS:
            value = IDIOMS[lw]
            # "two dozen", "three hundred": the product as well
            if i and words[i - 1].lower() in WORD_VALUES and lw in ("dozen", "hundred", "thousand"):
                out.setdefault(WORD_VALUES[words[i - 1].lower()] * value, "%s %s" % (words[i - 1], w))
        if value is not None and lw not in ("one",):  # "one" is mostly an article ("one of them")
            out.setdefault(value, w)
    return out
