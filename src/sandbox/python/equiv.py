# _stepwise_equiv: whether two plain answers are equal, decided by sympy in the sandbox.
#
# The answers are parsed, never evaluated: a whitelisting tokenizer and a recursive-descent parser build
# sympy objects directly, so no Python of the answer's making can run. The grammar is the scalar subset
# of sympy syntax the engine produces: decimal numbers, names, + - * / ** ^, parentheses, implicit
# multiplication (2x, 2(x+1)), the functions in FUNCTIONS and the constants pi, E, I, oo. Anything else
# (relations, tuples, sets: the engine decides those) answers None.
import re

MAX_LENGTH = 2000
MAX_TOKENS = 400
MAX_DEPTH = 60
MAX_EXPONENT = 10000

_TOKEN = re.compile(r"\s*(?:(\d+\.\d*|\.\d+|\d+)|([A-Za-z][A-Za-z0-9]*)|(\*\*|[-+*/^(),]))")


class NotAnAnswer(Exception):
    pass


def tokenize(text):
    if not isinstance(text, str) or len(text) > MAX_LENGTH or not text.isascii():
        raise NotAnAnswer("not a plain answer")
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise NotAnAnswer("unexpected character")
        pos = m.end()
        number, name, op = m.groups()
        if number is not None:
            tokens.append(("num", number))
        elif name is not None:
            tokens.append(("name", name))
        else:
            tokens.append(("op", "**" if op == "^" else op))
        if len(tokens) > MAX_TOKENS:
            raise NotAnAnswer("too long")
    if not tokens:
        raise NotAnAnswer("empty")
    return tokens


def _functions(sympy):
    def log(x, base=None):
        return sympy.log(x) if base is None else sympy.log(x, base)

    return {
        "sqrt": (sympy.sqrt, 1), "sin": (sympy.sin, 1), "cos": (sympy.cos, 1), "tan": (sympy.tan, 1),
        "cot": (sympy.cot, 1), "sec": (sympy.sec, 1), "csc": (sympy.csc, 1), "asin": (sympy.asin, 1),
        "acos": (sympy.acos, 1), "atan": (sympy.atan, 1), "sinh": (sympy.sinh, 1), "cosh": (sympy.cosh, 1),
        "tanh": (sympy.tanh, 1), "log": (log, (1, 2)), "ln": (sympy.log, 1), "exp": (sympy.exp, 1),
        "Abs": (sympy.Abs, 1), "abs": (sympy.Abs, 1), "factorial": (sympy.factorial, 1),
        "binomial": (sympy.binomial, 2), "floor": (sympy.floor, 1), "ceiling": (sympy.ceiling, 1),
        "gcd": (sympy.gcd, 2), "lcm": (sympy.lcm, 2), "root": (sympy.root, 2),
    }


class Parser:
    def __init__(self, tokens):
        import sympy
        self.sympy = sympy
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.functions = _functions(sympy)
        self.constants = {"pi": sympy.pi, "E": sympy.E, "I": sympy.I, "oo": sympy.oo}

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            raise NotAnAnswer("unexpected end or token")
        self.i += 1
        return tok

    def parse(self):
        value = self.expr()
        if self.i != len(self.tokens):
            raise NotAnAnswer("trailing tokens")
        return value

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise NotAnAnswer("nested too deeply")

    def expr(self):
        self.enter()
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        self.depth -= 1
        return value

    def starts_primary(self):
        kind, value = self.peek()
        return kind in ("num", "name") or (kind == "op" and value == "(")

    def term(self):
        value = self.unary()
        while True:
            tok = self.peek()
            if tok in (("op", "*"), ("op", "/")):
                self.take()
                rhs = self.unary()
                if tok[1] == "*":
                    value = value * rhs
                else:
                    if rhs == 0:
                        raise NotAnAnswer("division by zero")
                    value = value / rhs
            elif self.starts_primary():
                value = value * self.power()
            else:
                return value

    def unary(self):
        tok = self.peek()
        if tok in (("op", "+"), ("op", "-")):
            self.take()
            self.enter()
            inner = self.unary()
            self.depth -= 1
            return inner if tok[1] == "+" else -inner
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek() == ("op", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            if exponent.is_number and base.is_number:
                e = abs(exponent)
                if e.is_comparable and e > MAX_EXPONENT:
                    raise NotAnAnswer("exponent too large")
            return self.sympy.Pow(base, exponent)
        return base

    def primary(self):
        kind, value = self.take()
        sympy = self.sympy
        if kind == "num":
            if len(value) > 100:
                raise NotAnAnswer("number too long")
            return sympy.Rational(value) if "." in value else sympy.Integer(value)
        if kind == "name":
            if value in self.functions and self.peek() == ("op", "("):
                fn, arity = self.functions[value]
                args = self.arguments()
                allowed = arity if isinstance(arity, tuple) else (arity,)
                if len(args) not in allowed:
                    raise NotAnAnswer("wrong number of arguments")
                return fn(*args)
            if value in self.constants:
                return self.constants[value]
            if value in self.functions or len(value) > 20 or self.peek() == ("op", "("):
                raise NotAnAnswer("not a value")
            return sympy.Symbol(value)
        if (kind, value) == ("op", "("):
            inner = self.expr()
            self.take("op", ")")
            return inner
        raise NotAnAnswer("unexpected token")

    def arguments(self):
        self.take("op", "(")
        args = [self.expr()]
        while self.peek() == ("op", ","):
            self.take()
            args.append(self.expr())
        self.take("op", ")")
        return args


def parse(text):
    return Parser(tokenize(text)).parse()


def equal(x, y):
    import sympy
    x_num, y_num = not x.free_symbols, not y.free_symbols
    if x_num and y_num:
        try:
            xv, yv = complex(sympy.N(x, 30)), complex(sympy.N(y, 30))
            return abs(xv - yv) <= 1e-9 * max(1.0, abs(yv))
        except (TypeError, ValueError):
            pass
    try:
        d = sympy.simplify(x - y)
        if d == 0:
            return True
        if x_num and y_num:
            return False
        if d.free_symbols:
            # Spot-check at a few points before saying they differ.
            syms = sorted(d.free_symbols, key=str)
            for point in (0.7, 1.3, 2.9):
                v = complex(sympy.N(d.subs({s: point + 0.1 * j for j, s in enumerate(syms)})))
                if abs(v) > 1e-9:
                    return False
            return None
    except Exception:
        return None
    return False


def check(a, b):
    """Prints True, False or None (cannot tell)."""
    try:
        x, y = parse(a), parse(b)
        r = equal(x, y)
    except Exception:
        r = None
    print("None" if r is None else ("True" if r else "False"))
