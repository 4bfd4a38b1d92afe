# The step runner installed in every sandbox interpreter (trusted: it runs before any step).
#
# setup(mark_dirty) installs the Python-level blocks and returns run(code) -> outcome string
# ("ok", "error\n<last traceback line>"), take_baseline(), check_modules() and watch_targets(). Each step
# runs in a fresh namespace. After the step, and whenever the step does something audited that could outlive it, mark_dirty(reason) is called: a JavaScript
# function that only ever sets a flag, so a step that reaches this module's closures cannot unset it. The
# host then discards the whole process after the result, and the next step starts in a fresh interpreter.
# What the check looks at is listed in src/sandbox/README.md ("No step outlives itself").


# Module-level caches of sympy that ordinary steps fill: emptied after a step instead of counting as a change.
KNOWN_CACHES = frozenset((
    "sympy.polys.rings._ring_cache",
    "sympy.polys.fields._field_cache",
))


def setup(mark_dirty):
    import builtins
    import sys
    import os
    import posix
    import gc
    import operator
    import signal
    import decimal
    import random

    blocked_roots = frozenset((
        "js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "pyodide_http",
        "ctypes", "_ctypes", "pty", "_emscripten_info", "emscripten",
    ))

    def is_blocked(name):
        root = str(name).partition(".")[0]
        return root in blocked_roots or root.startswith("_pyodide") or root.startswith("pyodide")

    # Armed from the baseline on, for good: a step's finalizers can run at any later moment.
    type_name = type.__dict__["__name__"].__get__
    state = {"armed": False}

    def dirty(reason):
        mark_dirty(reason)

    class SandboxImportBlocker:
        """Refuses the modules that bridge to JavaScript or raw memory."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if is_blocked(name):
                dirty("import of " + str(name)[:80])
                raise ModuleNotFoundError(f"No module named {name!r} (not available in the sandbox)", name=name)
            return None

    # Events a step may raise without changing anything that outlives it. Everything else marks the
    # interpreter dirty (the step still runs; the process is discarded after it).
    read_only = frozenset(("compile", "exec", "builtins.id", "os.listdir", "os.scandir", "glob.glob",
                           "sys._getframemodulename", "time.sleep", "os.stat"))
    harmless_function_reads = frozenset(("__code__", "__defaults__", "__globals__"))
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def audit(event, args):
        if event == "sys.addaudithook":
            dirty("sys.addaudithook")
            raise RuntimeError("audit hooks cannot be added in the sandbox")
        if not state["armed"] or event in read_only:
            return
        if event == "open":
            flags = args[2] if len(args) > 2 else 0
            mode = args[1] if len(args) > 1 else "r"
            if (isinstance(flags, int) and flags & write_flags) or (isinstance(mode, str) and any(c in mode for c in "wax+")):
                dirty("open for writing")
            return
        if event == "import":
            if is_blocked(args[0] if args else ""):
                dirty("import of a blocked module")
            return
        if event == "object.__getattr__" and len(args) > 1:
            # Reading a function's code, defaults or globals is what libraries do (sympy's nsimplify); frames,
            # closures and keyword defaults would let a step reach or change what outlives it.
            if type_name(type(args[0])) == "function" and args[1] in harmless_function_reads:
                return
            dirty("audited event object.__getattr__ " + type_name(type(args[0]))[:40] + "." + str(args[1])[:40])
            return
        dirty("audited event " + str(event)[:60])

    sys.addaudithook(audit)

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

    sys.meta_path.insert(0, SandboxImportBlocker)
    for name in [n for n in sys.modules if is_blocked(n)]:
        del sys.modules[name]

    is_ = operator.is_
    run_exec, run_compile = exec, compile
    saved_stdout, saved_stderr, saved_stdin = sys.stdout, sys.stderr, sys.stdin
    gettrace, getprofile = sys.gettrace, sys.getprofile
    getrecursionlimit, get_int_digits = sys.getrecursionlimit, sys.get_int_max_str_digits
    monitoring = getattr(sys, "monitoring", None)
    get_tool = getattr(monitoring, "get_tool", None)
    getsignal = signal.getsignal
    watched_signals = [getattr(signal, s) for s in ("SIGINT", "SIGTERM", "SIGALRM", "SIGUSR1") if hasattr(signal, s)]
    setcontext, getcontext = decimal.setcontext, decimal.getcontext
    pristine_decimal = getcontext().copy()
    gc_isenabled, gc_get_threshold, gc_collect, gc_freeze = gc.isenabled, gc.get_threshold, gc.collect, gc.freeze
    reseed = random.seed
    getcwd = os.getcwd
    environ_data = getattr(os.environ, "_data", None)
    modules = sys.modules
    dict_type, list_type, set_type = dict, list, set
    len_, map_, all_, tuple_, vars_, list_ = len, map, all, tuple, vars, list

    def context_state(ctx):
        return (ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp)

    baseline = {}

    def sympy_cache_size():
        cache = modules.get("sympy.core.cache")
        total = 0
        for f in getattr(cache, "CACHE", ()):
            try:
                total += f.cache_info().currsize
            except Exception:
                pass
        return total

    def singletons():
        """Values of objects that live in modules and that a step could change in place."""
        items = [context_state(decimal.DefaultContext), getrecursionlimit(), get_int_digits(), gc_isenabled(),
                 gc_get_threshold(), getcwd(), tuple_(map_(getsignal, watched_signals)),
                 tuple_(vars_(saved_stdout).items()), tuple_(vars_(saved_stderr).items()), tuple_(vars_(saved_stdin).items())]
        if environ_data is not None:
            items.append(tuple_(environ_data.items()))
        mp = getattr(modules.get("mpmath"), "mp", None)
        if mp is not None:
            items.append((mp.prec, mp.pretty))
        params = getattr(modules.get("sympy.core.parameters"), "global_parameters", None)
        if params is not None:
            items.append(tuple_(sorted((k, v) for k, v in vars_(params).items() if type(v) in (bool, int, str))))
        return items

    def take_baseline():
        """Called once, after the warm-up: what a clean interpreter looks like."""
        mods = [m for m in list_(modules.values()) if hasattr(m, "__dict__")]
        entries = []
        containers = []
        seen = set()
        labels = []
        clearable = []
        for m in mods:
            d = m.__dict__
            entries.append((d, tuple_(d.keys()), tuple_(d.values())))
            for key, v in d.items():
                t = type(v)
                if (t is dict_type or t is list_type or t is set_type) and id(v) not in seen:
                    seen.add(id(v))
                    label = str(getattr(m, "__name__", "?")) + "." + str(key)
                    if label in KNOWN_CACHES:
                        v.clear()
                        clearable.append(v)
                    else:
                        containers.append(v)
                        labels.append(label)
        baseline["clearable"] = clearable
        baseline["container_labels"] = labels
        baseline["modules_keys"] = tuple_(modules.keys())
        baseline["modules_values"] = tuple_(modules.values())
        baseline["entries"] = entries
        baseline["containers"] = containers
        baseline["container_lens"] = list_(map_(len_, containers))
        baseline["singletons"] = singletons()
        mods_cache = modules.get("sympy.core.cache")
        if mods_cache is not None:
            mods_cache.clear_cache()
        baseline["sympy_cache"] = sympy_cache_size()
        # Everything alive now is the clean interpreter: collections after a step only walk what it made.
        gc_collect()
        gc_freeze()
        state["armed"] = True

    def same(a, b):
        return len_(a) == len_(b) and all_(map_(is_, a, b))

    def check_modules():
        """Every module's attributes, by identity and in order (the costly part: tens of thousands of them).
        The worker calls it after a run unless its dict watchers saw no write to any module's dict."""
        if not baseline:
            return
        for d, keys, values in baseline["entries"]:
            if len_(d) != len_(keys) or not (all_(map_(is_, d.values(), values)) and all_(map_(is_, d.keys(), keys))):
                dirty("a module's attributes changed")
                return

    def watch_targets():
        """Addresses of the dicts whose writes the worker watches: sys.modules and every module's __dict__."""
        if not baseline:
            return []
        return [id(modules)] + [id(d) for d, _keys, _values in baseline["entries"]]

    def check_clean():
        if not baseline:
            return
        if not (same(tuple_(modules.keys()), baseline["modules_keys"]) and same(tuple_(modules.values()), baseline["modules_values"])):
            dirty("sys.modules changed")
            return
        lens = list_(map_(len_, baseline["containers"]))
        if lens != baseline["container_lens"]:
            changed = [label for label, a, b in zip(baseline["container_labels"], lens, baseline["container_lens"]) if a != b]
            dirty("a module-level list, dict or set changed: " + ", ".join(changed[:3])[:150])
            return
        if singletons() != baseline["singletons"]:
            dirty("interpreter settings changed")
            return
        if gettrace() is not None or getprofile() is not None:
            dirty("a trace or profile function is set")
            return
        if get_tool is not None:
            for tool in range(6):
                if get_tool(tool) is not None:
                    dirty("sys.monitoring is in use")
                    return

    def drop_caches():
        if not baseline:
            return
        for c in baseline["clearable"]:
            if len_(c):
                c.clear()
        if sympy_cache_size() != baseline["sympy_cache"]:
            # Cached results could hold objects the step made (a key equal to a later step's): drop them.
            modules["sympy.core.cache"].clear_cache()

    type_name = type.__dict__["__name__"].__get__
    base_args = BaseException.__dict__["args"].__get__

    def describe(exc):
        """`Type: message` without running any of the step's code (no __str__, no metaclass)."""
        name = type_name(type(exc))
        args = base_args(exc)
        parts = [a if type(a) is str else repr(a) if type(a) in (int, float, bool) else "..." for a in args]
        if isinstance(exc, SyntaxError) and parts:
            parts = parts[:1]
        text = parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")" if parts else ""
        return (name + ": " + text if text else name)[:500]

    def traceback_text(exc):
        """A traceback read from C-level fields only, so formatting it runs none of the step's code."""
        lines = ["Traceback (most recent call last):"]
        tb = exc.__traceback__
        tb = tb.tb_next if tb is not None else None  # this runner's own frame
        count = 0
        while tb is not None and count < 50:
            code = tb.tb_frame.f_code
            lines.append(f'  File "{code.co_filename}", line {tb.tb_lineno}, in {code.co_name}')
            tb = tb.tb_next
            count += 1
        lines.append(describe(exc))
        return "\n".join(lines) + "\n"

    def report(exc):
        # Reading frames raises audit events; nothing of the step runs in between, so they are allowed.
        state["armed"] = False
        try:
            text = traceback_text(exc)
        except BaseException:
            text = "Traceback unavailable\n"
        state["armed"] = True
        try:
            saved_stderr.write(text)
        except BaseException:
            dirty("the error stream failed")
        return "error\n" + describe(exc)

    def run(code):
        state["armed"] = True
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        outcome = "ok"
        setcontext(pristine_decimal.copy())
        reseed()
        try:
            try:
                run_exec(run_compile(code, "<step>", "exec"), namespace)
            except SystemExit as e:
                code_ = e.code
                if not (code_ is None or (type(code_) is int and code_ == 0)):
                    outcome = "error\n" + describe(e)
            except BaseException as e:
                outcome = report(e)
        except BaseException as e:
            outcome = "error\n" + type_name(type(e))
        try:
            for stream in (saved_stdout, saved_stderr):
                stream.flush()
        except BaseException:
            dirty("the output streams failed")
        namespace.clear()
        try:
            drop_caches()
            # The step's cyclic garbage is finalized now, inside its own run, not during a later step's.
            gc_collect()
            check_clean()
        except BaseException:
            dirty("the cleanliness check failed")
        if sys.stdout is not saved_stdout or sys.stderr is not saved_stderr:
            dirty("the output streams were replaced")
        return outcome

    return run, take_baseline, check_modules, watch_targets
