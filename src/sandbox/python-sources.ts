// Python code the worker installs into its interpreter at startup (trusted; runs before any snippet).

/**
 * Defines `_stepwise_run(code) -> str` in the interpreter's globals: runs one snippet in a fresh namespace
 * and answers "ok", "error\n<last traceback line>" or "interrupted\n<last line>". Also installs the
 * Python-level blocks (layer B): an import blocker for the JS bridge and ctypes, `os.system` that only
 * returns an error, and a restore step after every run that puts back what a snippet may have removed.
 */
export const RUNNER_PY = String.raw`
def _stepwise_setup():
    import builtins, sys, os, posix, traceback, gc, importlib

    blocked_roots = frozenset((
        "js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "pyodide_http",
        "ctypes", "_ctypes", "pty", "_emscripten_info", "emscripten",
    ))

    def is_blocked(name):
        root = name.partition(".")[0]
        return root in blocked_roots or root.startswith("_pyodide") or root.startswith("pyodide")

    class SandboxImportBlocker:
        """Refuses the modules that bridge to JavaScript or raw memory."""
        @staticmethod
        def find_spec(name, path=None, target=None):
            if is_blocked(name):
                raise ModuleNotFoundError(f"No module named {name!r} (not available in the sandbox)", name=name)
            return None

        @staticmethod
        def find_module(name, path=None):
            return SandboxImportBlocker.find_spec(name)

    clean_modules = set()

    def purge_modules():
        # Only names added since the last purge need a look (a set difference is cheap; sympy brings ~700).
        modules = sys.modules
        for name in modules.keys() - clean_modules:
            if is_blocked(name):
                del modules[name]
        clean_modules.clear()
        clean_modules.update(modules.keys())

    def no_system(command):
        # 127 << 8: the wait status of "command not found"; nothing runs.
        return 127 << 8

    os.system = no_system
    posix.system = no_system
    for name in ("fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp",
                 "execvpe", "spawnv", "spawnve", "spawnl", "spawnle", "posix_spawn", "posix_spawnp", "popen"):
        for mod in (os, posix):
            if hasattr(mod, name):
                try:
                    delattr(mod, name)
                except AttributeError:
                    pass

    import time
    blocking_sleep = time.sleep
    monotonic = time.monotonic

    def sleep(secs):
        """time.sleep in short slices, so the timeout's interrupt lands between them."""
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        end = monotonic() + secs
        while True:
            left = end - monotonic()
            if left <= 0:
                return
            blocking_sleep(min(left, 0.01))

    time.sleep = sleep

    sys.meta_path.insert(0, SandboxImportBlocker)
    purge_modules()

    saved_builtins = dict(builtins.__dict__)
    saved_meta_path = list(sys.meta_path)
    saved_path = list(sys.path)
    saved_stdout, saved_stderr, saved_stdin = sys.stdout, sys.stderr, sys.stdin
    saved_recursion = sys.getrecursionlimit()
    saved_cwd = os.getcwd()
    saved_os = {"system": no_system}
    run_exec, run_compile = exec, compile
    format_only, print_exception = traceback.format_exception_only, traceback.print_exception

    def restore():
        bd = builtins.__dict__
        for k in [k for k in bd if k not in saved_builtins]:
            del bd[k]
        for k, v in saved_builtins.items():
            if bd.get(k, None) is not v:
                bd[k] = v
        sys.meta_path[:] = saved_meta_path
        sys.path[:] = saved_path
        sys.stdout, sys.stderr, sys.stdin = saved_stdout, saved_stderr, saved_stdin
        sys.setrecursionlimit(saved_recursion)
        sys.settrace(None)
        sys.setprofile(None)
        os.system = posix.system = saved_os["system"]
        time.sleep = sleep
        purge_modules()
        try:
            os.chdir(saved_cwd)
        except OSError:
            pass

    def flush():
        for stream in (sys.stdout, sys.stderr, saved_stdout, saved_stderr):
            try:
                stream.flush()
            except BaseException:
                pass

    def last_line(exc):
        try:
            lines = "".join(format_only(type(exc), exc)).strip().splitlines()
            return lines[-1] if lines else type(exc).__name__
        except BaseException:
            return type(exc).__name__

    def run(code):
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        outcome = "ok"
        try:
            try:
                run_exec(run_compile(code, "<step>", "exec"), namespace)
            except SystemExit as e:
                if e.code not in (None, 0):
                    outcome = "error\n" + last_line(e)
            except KeyboardInterrupt as e:
                outcome = "interrupted\n" + last_line(e)
            except BaseException as e:
                tb = e.__traceback__
                # Drop this runner's own frame so the traceback starts at the snippet.
                if tb is not None and tb.tb_frame.f_code is run.__code__:
                    tb = tb.tb_next
                try:
                    print_exception(type(e), e, tb, file=saved_stderr)
                except BaseException:
                    pass
                outcome = "error\n" + last_line(e)
        except BaseException as e:
            # A second interrupt can land while the first is handled.
            outcome = "interrupted\n" + type(e).__name__
        flush()
        namespace.clear()
        restore()
        return outcome

    return run

_stepwise_run = _stepwise_setup()
del _stepwise_setup
`;

/**
 * `_stepwise_equiv.check(a, b)` prints True, False or None: whether two answers (plain or LaTeX-ish)
 * are mathematically equal. sympy's own parse_latex needs antlr, which the sandbox lacks, so a small
 * converter turns the common LaTeX forms into sympy syntax first.
 */
export const EQUIV_PY = String.raw`
import re

_COMMANDS = {
    r"\cdot": "*", r"\times": "*", r"\div": "/", r"\pi": " pi ", r"\infty": " oo ", r"\infinity": " oo ",
    r"\ln": " log ", r"\log": " log ", r"\exp": " exp ", r"\sin": " sin ", r"\cos": " cos ", r"\tan": " tan ",
    r"\cot": " cot ", r"\sec": " sec ", r"\csc": " csc ", r"\arcsin": " asin ", r"\arccos": " acos ",
    r"\arctan": " atan ", r"\sinh": " sinh ", r"\cosh": " cosh ", r"\tanh": " tanh ", r"\le": "<=",
    r"\leq": "<=", r"\ge": ">=", r"\geq": ">=", r"\neq": "!=", r"\ne": "!=", r"\pm": "+",
}

_DROP = (r"\left", r"\right", r"\displaystyle", r"\!", r"\,", r"\;", r"\:", r"\ ", r"\big", r"\Big",
         r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", "$", r"\%", "%", r"\$")


def _group(s, i):
    """Returns (content, next_index) of the brace group or single token at s[i]."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        raise ValueError("missing argument")
    if s[i] == "{":
        depth = 0
        for j in range(i, len(s)):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1:j], j + 1
        raise ValueError("unbalanced braces")
    if s[i] == "\\":
        m = re.match(r"\\[A-Za-z]+", s[i:])
        if m:
            return m.group(0), i + len(m.group(0))
    return s[i], i + 1


def latex_to_sympy(s):
    s = s.strip()
    m = re.fullmatch(r"\\boxed\{(.*)\}", s, re.S)
    if m:
        s = m.group(1)
    text_re = r"\\(?:text|textbf|textrm|mathrm|mathbf|operatorname|mbox)\{([^{}]*)\}"
    # Words next to a number are units ("5\text{ cm}"): drop them; otherwise keep the word itself.
    if re.search(r"\d", re.sub(text_re, "", s)):
        s = re.sub(text_re, " ", s)
    else:
        s = re.sub(text_re, r" \1 ", s)
    s = re.sub(r"\^\s*\{?\s*\\circ\s*\}?", "", s)
    s = s.replace(r"\{", "(").replace(r"\}", ")")
    for d in _DROP:
        s = s.replace(d, " ")
    s = s.replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")
    out = []
    i = 0
    while i < len(s):
        if s.startswith(r"\frac", i):
            a, i = _group(s, i + 5)
            b, i = _group(s, i)
            out.append("((" + latex_to_sympy(a) + ")/(" + latex_to_sympy(b) + "))")
        elif s.startswith(r"\sqrt", i):
            i += 5
            while i < len(s) and s[i] == " ":
                i += 1
            if i < len(s) and s[i] == "[":
                j = s.index("]", i)
                n = s[i + 1:j]
                a, i = _group(s, j + 1)
                out.append("((" + latex_to_sympy(a) + ")**(1/(" + latex_to_sympy(n) + ")))")
            else:
                a, i = _group(s, i)
                out.append("sqrt(" + latex_to_sympy(a) + ")")
        elif s[i] == "^":
            a, i = _group(s, i + 1)
            out.append("**(" + latex_to_sympy(a) + ")")
        elif s[i] == "\\":
            m = re.match(r"\\[A-Za-z]+", s[i:])
            if not m:
                i += 1
                continue
            word = m.group(0)
            i += len(word)
            if word in _COMMANDS:
                out.append(_COMMANDS[word])
            else:
                out.append(" " + word[1:] + " ")
        elif s[i] == "{":
            out.append("(")
            i += 1
        elif s[i] == "}":
            out.append(")")
            i += 1
        else:
            out.append(s[i])
            i += 1
    text = "".join(out)
    # A lone e is Euler's number in LaTeX answers.
    text = re.sub(r"(?<![A-Za-z_])e(?![A-Za-z_(])", "E", text)
    return text


def _parse(s):
    from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,
        implicit_multiplication_application, convert_xor)
    import sympy
    # parse_expr evaluates Python: anything that looks like code rather than an answer is refused.
    if len(s) > 2000 or re.search(r"__|[;\n'\"@]|\b(?:import|lambda|exec|eval|open|os|sys|getattr)\b|\\pm|\\mp", s):
        raise ValueError("not an answer")
    looks_latex = "\\" in s or "{" in s
    text = latex_to_sympy(s) if looks_latex else s.replace("^", "**")
    text = text.replace("\u2212", "-").replace("\u00d7", "*").replace("\u00f7", "/").replace("\u03c0", "pi")
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text) if re.fullmatch(r"[\d,\.\s]+", text.strip()) else text
    if "=" in text and "==" not in text and "<=" not in text and ">=" not in text and "!=" not in text:
        lhs, _, rhs = text.rpartition("=")
        text = rhs
    local = {"E": sympy.E, "pi": sympy.pi, "oo": sympy.oo, "I": sympy.I}
    tr = standard_transformations + (implicit_multiplication_application, convert_xor)
    value = parse_expr(text, local_dict=local, transformations=tr, evaluate=True)
    if "\\{" in s:
        items = value if isinstance(value, (tuple, sympy.Tuple)) else (value,)
        value = sympy.FiniteSet(*items)
    return value


def _equal(x, y):
    import sympy
    if isinstance(x, sympy.FiniteSet) or isinstance(y, sympy.FiniteSet):
        if not (isinstance(x, sympy.FiniteSet) and isinstance(y, sympy.FiniteSet)) or len(x) != len(y):
            return False
        # Match each element of one set with an equal element of the other.
        rest = list(y.args)
        for a in x.args:
            undecided = False
            for k, b in enumerate(rest):
                r = _equal(a, b)
                if r is True:
                    del rest[k]
                    break
                undecided = undecided or r is None
            else:
                return None if undecided else False
        return True
    if isinstance(x, (tuple, list, sympy.Tuple)) or isinstance(y, (tuple, list, sympy.Tuple)):
        if not (isinstance(x, (tuple, list, sympy.Tuple)) and isinstance(y, (tuple, list, sympy.Tuple))):
            return False
        if len(x) != len(y):
            return False
        results = [_equal(a, b) for a, b in zip(x, y)]
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if isinstance(x, sympy.Basic) and isinstance(y, sympy.Basic):
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
                for k, point in enumerate((0.7, 1.3, 2.9)):
                    v = complex(sympy.N(d.subs({s: point + 0.1 * j for j, s in enumerate(syms)})))
                    if abs(v) > 1e-9:
                        return False
                return None
        except Exception:
            return None
        return False
    return x == y


def check(a, b):
    try:
        x, y = _parse(a), _parse(b)
    except BaseException:
        print("None")
        return
    try:
        r = _equal(x, y)
    except Exception:
        r = None
    print("None" if r is None else ("True" if r else "False"))
`;
