"""How the PPM reads a step (no torch here: label.py and from_export.py use it too).

Every step's code re-runs the solution so far, so the sandbox's output for step k starts with what steps
1..k-1 printed; what step k itself printed is the rest. The PPM reads a step that ends `<end_of_step>` followed
by that new output as `<output>…<end_of_output>\\n` (trimmed, at most MAX_STEP_OUTPUT characters) when there is
any, then the tag. The last code step already carries the whole output in its rendered text
(`…<end_of_code>\\n<output>…<end_of_output>\\n<answer>`), and a step that printed nothing reads as rendered.
"""

OUTPUT_OPEN, OUTPUT_CLOSE, END_STEP = "<output>", "<end_of_output>", "<end_of_step>"
MAX_STEP_OUTPUT = 200


def new_output(output, previous):
    """What a step printed beyond the output of the step before it."""
    output = output or ""
    previous = previous or ""
    return output[len(previous):] if output.startswith(previous) else output


def ppm_step(rendered, printed):
    """The step text the PPM reads: `rendered` plus its new output (see the module doc)."""
    printed = (printed or "").strip()[:MAX_STEP_OUTPUT]
    if printed and rendered.endswith(END_STEP + "\n"):
        return "%s%s%s%s\n" % (rendered, OUTPUT_OPEN, printed, OUTPUT_CLOSE)
    return rendered
