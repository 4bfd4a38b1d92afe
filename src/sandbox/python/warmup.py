# What a clean sandbox interpreter has already done before its baseline is taken (trusted: it runs before
# any step). The start-up snapshot is made right after this ran (scripts/build-python-assets.mjs), and a
# worker that boots without the snapshot runs it itself (src/sandbox/worker.ts), so both start the same.
#
# Ordinary steps then find the usual stdlib modules and sympy's lazily imported parts already loaded: a
# step that imports a module for the first time counts as a change and its worker is discarded.

STDLIB = ("math", "cmath", "fractions", "itertools", "functools", "decimal", "collections", "re", "json", "random",
          "statistics", "heapq", "bisect", "string", "operator", "numbers", "copy", "datetime", "calendar", "typing",
          "dataclasses", "enum", "array", "textwrap", "struct", "time")


def _exercise_sympy():
    from sympy import (Abs, Derivative, Eq, Function, I, Integral, Matrix, Mod, N, Piecewise, Poly, Rational, S, Sum,
                       apart, arg, binomial, ceiling, conjugate, cos, diff, divisors, dsolve, exp, expand, factor,
                       factorial, factorint, floor, gcd, im, integrate, isprime, latex, lcm, limit, linsolve, log,
                       logcombine, nroots, nsimplify, oo, pi, pretty, primerange, product, roots, series,
                       simplify, sin, solve, solveset, sqrt, srepr, summation, symbols, sympify, totient, trigsimp)
    from sympy import re as real_part
    x, y, z, n, k = symbols("x y z n k")
    f = Function("f")
    return [solve(x**2 - 5*x + 6, x), solve([x + y - 3, x - y - 1], [x, y]), simplify((x**2 - 1)/(x - 1)),
            factor(x**2 - 1), expand((x + 1)**3), integrate(x**2, x), integrate(sin(x)*exp(x), x), diff(sin(x), x),
            Matrix([[1, 2], [3, 4]]).det(), Matrix([[1, 2], [3, 4]]).inv(), N(pi, 20), binomial(10, 3), factorial(5),
            gcd(12, 18), lcm(4, 6), limit(sin(x)/x, x, 0), series(cos(x), x, 0, 4), summation(k, (k, 1, n)),
            roots(Poly(x**2 - 4, x)), isprime(97), factorint(360), divisors(12), nsimplify(0.5),
            Rational(3, 4) + Rational(1, 4), sqrt(8), solveset(x**2 - 4, x, S.Reals), Eq(x, 2), nroots(x**3 - 2),
            apart(1/(x*(x + 1))), trigsimp(sin(x)**2 + cos(x)**2), logcombine(log(x) + log(y)), totient(12),
            list(primerange(1, 20)), Sum(1/k**2, (k, 1, oo)).doit(), product(k, (k, 1, 5)),
            dsolve(Derivative(f(x), x) - f(x)), linsolve([x + y - 2, x - y], x, y), Piecewise((x, x > 0), (0, True)),
            Abs(-3), floor(2.5), ceiling(2.5), Mod(7, 3), latex(x**2), str(Integral(x, x)), pretty(x**2), srepr(x),
            sympify("x + 1"), im(I), real_part(I), arg(I), conjugate(I), z]


def warm_up(with_sympy, packages_zip):
    """Puts the packages zip on sys.path (imported from in place by zipimport), imports and exercises what
    ordinary steps use, and freezes what is alive then, so the per-step collections never walk it."""
    import importlib
    import sys
    if packages_zip not in sys.path:
        sys.path.append(packages_zip)
    for name in STDLIB:
        importlib.import_module(name)
    if with_sympy:
        import sympy
        _exercise_sympy()
        # `from sympy import *`, as steps write it, reads the package's __all__ once.
        exec("from sympy import *", {"__name__": "__warmup__"})
        sympy.core.cache.clear_cache()
    import gc
    gc.collect()
    gc.freeze()
