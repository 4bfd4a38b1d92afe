"""Quoted steps: each step's comment is the sentence of the question that the step uses, copied word for word.

A generated solution's comments are the generator's own paraphrases ("# Step 1: Each has 5 seats."). A small
policy learns those templates, and on a problem worded another way it writes template words that are not in the
question, then code that matches the template instead of the problem. Copying a sentence from the question is a
skill that does not depend on how the sentence is worded, and the step's numbers are then right above its code.
`quote_steps` rewrites a solution that way: a step whose code uses a number the question states quotes the
sentence that states it (number words get their value: "a dozen eggs (a dozen is 12)"); a step without such a
number quotes the one statement that names what it assigns, if there is one; the last step otherwise quotes the
question's question; any other step keeps the generator's comment. The code is unchanged.
"""

import re

from numwords import stated

ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "vs", "etc", "a.m", "p.m")


def split_sentences(text):
    """The question's sentences as written (a split after . ? ! or a colon before a capital or a lower-case
    question word; not after "Mr." and the like)."""
    parts, start = [], 0
    for m in re.finditer(r"[.?!:](?=\s+\S)", text):
        end = m.end()
        before = text[start:m.start()].rsplit(" ", 1)[-1]
        if m.group() == "." and before.rstrip(".") in ABBREVIATIONS:
            continue
        if m.group() == ":" and not re.match(r"\s+(how|what|find|which|who|calculate)\b", text[end:], re.I):
            continue
        parts.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def code_literals(lines):
    """The numbers a step's code writes (not inside names)."""
    vals = []
    for line in lines:
        for m in re.finditer(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", line):
            v = float(m.group())
            vals.append(int(v) if v == int(v) else v)
    return vals


def hint(sentence, lits):
    """ " (a dozen is 12)" for the number words of `sentence` whose values the step's code writes."""
    notes = []
    for v, word in stated(sentence).items():
        if word and v in lits:
            notes.append("%s is %s" % (word, v))
    return " (%s)" % ", ".join(notes) if notes else ""


def named(sents, asks, used, code):
    """The one unquoted statement (not a question) that names what a step without numbers assigns
    ("ibrahim = olu + dev": "Ibrahim has as many as Olu and Dev combined."), or None."""
    m = re.match(r"\s*([A-Za-z_]\w*)\s*=", code[-1]) if code else None
    if not m:
        return None
    word = re.compile(r"\b%s\b" % re.escape(m.group(1).rstrip("_").replace("_", " ")), re.I)
    hits = [i for i, s in enumerate(sents) if i not in used and i not in asks and word.search(s)]
    return hits[0] if len(hits) == 1 else None


def quote_steps(question, steps):
    """steps ([(comment, code lines)]) with comments quoted from the question where a step uses its numbers."""
    sents = split_sentences(question)
    said = [stated(s) for s in sents]
    asks = [i for i, s in enumerate(sents) if s.endswith("?") or re.match(r"(how|what|find|which|calculate)\b", s, re.I)]
    used = set()
    out = []
    for k, (comment, code) in enumerate(steps):
        lits = code_literals(code)
        best, score = None, 0
        for i, m in enumerate(said):
            if i in used:
                continue
            n = sum(1 for v in set(lits) if v in m)
            if n > score:
                best, score = i, n
        if best is None:
            best = named(sents, asks, used, code)
        if best is None and k == len(steps) - 1 and asks and asks[-1] not in used:
            best = asks[-1]
        if best is None:
            out.append((comment, code))
            continue
        used.add(best)
        out.append((sents[best] + hint(sents[best], set(lits)), code))
    return out
