"""The command line: parses arguments, calls the library, chooses a renderer.

No scoring and no formatting logic lives here; every user-facing failure becomes
one line on stderr and an exit code from ``ExitCode``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import api, output
from .environment import Environment
from .errors import ExitCode, PushpullError, RulebookError, Terminated, UsageError
from .inputs import gather
from .model import Rulebook

app = typer.Typer(
    name="pushpull",
    help="Score marketing tactics from inbound (pull, -1) to outbound (push, +1), and say why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Show, check, test and write rulebooks.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", "-r", help="A rulebook layer on top of the default; repeatable."),
]
NoDefaultOpt = Annotated[
    bool, typer.Option("--no-default-rules", help="Start from the --rules files alone.")
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="text (Rich on a terminal, plain when piped), json or jsonl."
    ),
]


def env_of(ctx: typer.Context) -> Environment:
    """The streams this run talks to: the one main() was given, or the real ones."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment()


def fail(env: Environment, message: str, code: ExitCode) -> NoReturn:
    """Stop with one line on stderr and a documented exit code."""
    env.stderr.write(f"pushpull: error: {message}\n")
    env.stderr.flush()
    raise typer.Exit(int(code))


@contextmanager
def guarded(env: Environment) -> Iterator[None]:
    """Turn every failure a user can cause into one line and an exit code."""
    try:
        yield
    except RulebookError as exc:
        for problem in exc.problems[1:]:
            env.stderr.write(f"{problem}\n")
        fail(env, str(exc.problems[0]) if exc.problems else str(exc), exc.exit_code)
    except PushpullError as exc:
        fail(env, str(exc), exc.exit_code)
    except Terminated as stop:
        fail(env, stop.what, stop.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(int(ExitCode.OK)) from None


def _silence_stdout() -> None:
    """The reader went away (``| head -1``): stop quietly, and stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def load(rules: list[Path] | None, no_default: bool, *, fresh: bool = False) -> Rulebook:
    """The active rulebook; ``fresh`` skips the compiled cache so every check runs."""
    if not rules and not no_default and not fresh:
        return api.default_rulebook()
    return api.load_rulebook(*(rules or []), default=not no_default, use_cache=not fresh)


@app.command()
def classify(
    ctx: typer.Context,
    tactics: Annotated[
        list[str],
        typer.Argument(
            help="Tactics to score; '-' reads one per line from stdin.", show_default=False
        ),
    ],
    fmt: FormatOpt = Format.text,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="One line per tactic.")] = False,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
) -> None:
    """Score tactics and explain the score.

    Example: pushpull classify "cold DM campaign" "opt-in newsletter"
    """
    env = env_of(ctx)
    with guarded(env):
        book = load(rules, no_default_rules)
        texts = list(gather(tactics, env.stdin))  # every input checked before any output
        if not texts:
            raise UsageError("no tactics: stdin had no non-blank lines")
        results = api.classify_many(texts, book)
        if fmt is Format.json:
            single = len(tactics) == 1 and tactics[0] != "-"
            output.write_json((r.to_dict() for r in results), env.stdout, single=single)
        elif fmt is Format.jsonl:
            output.write_jsonl((r.to_dict() for r in results), env.stdout)
        elif env.stdout_isatty:
            from .render import print_explanations

            print_explanations(list(results), env.console(), brief=brief)  # type: ignore[arg-type]
        else:
            for result in results:
                env.stdout.write(output.plain_line(result) + "\n")
        env.stdout.flush()


@rules_app.command("show")
def rules_show(
    ctx: typer.Context,
    fmt: FormatOpt = Format.text,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
) -> None:
    """Show the dimensions, their poles and sources, and the rulebook's size.

    Example: pushpull rules show --format json | jq '.dimensions[].id'
    """
    env = env_of(ctx)
    with guarded(env):
        book = load(rules, no_default_rules)
        if fmt is not Format.text:
            env.stdout.write(output.dumps(book.to_dict()) + "\n")
        elif env.stdout_isatty:
            from .render_rules import print_rulebook

            print_rulebook(book, env.console())  # type: ignore[arg-type]
        else:
            env.stdout.write("\n".join(output.rulebook_lines(book)) + "\n")
        env.stdout.flush()


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Rulebook files, each layered on the default (none: the default alone).",
        show_default=False,
    ),
]


@rules_app.command("validate")
def rules_validate(
    ctx: typer.Context, paths: PathsArg = None, no_default_rules: NoDefaultOpt = False
) -> None:
    """Check rulebook files and report every problem as file:line:col: message.

    Example: pushpull rules validate acme.yaml
    """
    env = env_of(ctx)
    with guarded(env):
        try:
            book = load(paths, no_default_rules, fresh=True)
        except RulebookError as exc:
            for problem in exc.problems:
                env.stdout.write(f"{problem}\n")
            count = len(exc.problems)
            fail(env, f"{count} problem{'s' if count != 1 else ''} found", ExitCode.FAILED)
        env.stdout.write(
            f"ok: {book.name} — {len(book.dimensions)} dimensions, {len(book.signals)} signals, "
            f"{len(book.negators)} negators, {len(book.examples)} examples\n"
        )


@rules_app.command("test")
def rules_test(
    ctx: typer.Context, paths: PathsArg = None, no_default_rules: NoDefaultOpt = False
) -> None:
    """Run the examples in the rulebook layers and show what failed; exit 1 on any failure.

    Example: pushpull rules test acme.yaml
    """
    from .ruletest import describe_failure, plain_lines, run_examples

    env = env_of(ctx)
    with guarded(env):
        outcomes = run_examples(load(paths, no_default_rules))
        failed = [o for o in outcomes if not o.passed]
        if env.stdout_isatty:
            from .render_rules import print_rule_tests

            print_rule_tests(outcomes, env.console())  # type: ignore[arg-type]
        else:
            env.stdout.write("\n".join(plain_lines(outcomes)) + "\n")
        for o in failed:
            env.stderr.write(f"{o.example.location}: {o.example.tactic!r}: {describe_failure(o)}\n")
        env.stdout.write(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed\n")
        env.stdout.flush()
        if failed:
            raise typer.Exit(int(ExitCode.FAILED))


@rules_app.command("init")
def rules_init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the starter rulebook.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter extension that validates and passes its own tests.

    Example: pushpull rules init acme.yaml
    """
    from .rulebook import starter_text

    env = env_of(ctx)
    with guarded(env):
        if path.exists() and not force:
            raise UsageError(f"{path} exists; use --force to overwrite it")
        with output.atomic_output(str(path), env.stdout) as handle:
            handle.write(starter_text(path.name))
        env.stdout.write(f"wrote {path}; next: pushpull rules test {path}\n")


@rules_app.command("stats")
def rules_stats(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="CSV corpus, or '-' for stdin.")],
    column: Annotated[str, typer.Option("--column", "-c", help="Column holding the tactic.")] = (
        "tactic"
    ),
    fmt: FormatOpt = Format.text,
    delimiter: Annotated[
        str | None, typer.Option(help="Input delimiter; sniffed if not given.")
    ] = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
) -> None:
    """Run the rulebook over a real corpus: coverage, conflicts, dead signals, missing words.

    Example: pushpull rules stats corpus.csv --column name --format json
    """
    from .csvio import cell, open_csv
    from .stats import corpus_stats, plain_lines

    env = env_of(ctx)
    with guarded(env):
        book = load(rules, no_default_rules)
        with open_csv(file, env.stdin, column, delimiter) as source:
            col = source.column
            data = corpus_stats((cell(row, col) for row in source.rows), book).to_dict()
        if fmt is not Format.text:
            env.stdout.write(output.dumps(data) + "\n")
        elif env.stdout_isatty:
            from .render_rules import print_stats

            print_stats(data, env.console())  # type: ignore[arg-type]
        else:
            env.stdout.write("\n".join(plain_lines(data)) + "\n")


@app.command("eval")
def evaluate_command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="CSV of tactics with expected labels, or '-'.")],
    column: Annotated[str, typer.Option("--column", "-c", help="Column holding the tactic.")] = (
        "tactic"
    ),
    label_column: Annotated[
        str, typer.Option("--label-column", "-l", help="Column holding the expected label.")
    ] = "label",
    fmt: FormatOpt = Format.text,
    min_accuracy: Annotated[
        float | None,
        typer.Option(
            "--min-accuracy", min=0.0, max=1.0, help="Exit 1 when accuracy is below this."
        ),
    ] = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
) -> None:
    """Measure the rulebook on labelled tactics: accuracy, precision, recall, confusion, misses.

    Expected inbound accepts inbound or leaning-inbound; expected outbound accepts outbound or
    leaning-outbound.

    Example: pushpull eval labeled.csv --label-column label --min-accuracy 0.9
    """
    from .csvio import cell, find_column, open_csv
    from .evaluate import evaluate, plain_lines

    env = env_of(ctx)
    with guarded(env):
        book = load(rules, no_default_rules)
        with open_csv(file, env.stdin, column) as source:
            want, col = find_column(source.header, label_column), source.column
            result = evaluate(((cell(row, col), cell(row, want)) for row in source.rows), book)
        if fmt is not Format.text:
            env.stdout.write(output.dumps(result.to_dict()) + "\n")
        elif env.stdout_isatty:
            from .render_rules import print_evaluation

            print_evaluation(result, env.console())  # type: ignore[arg-type]
        else:
            env.stdout.write("\n".join(plain_lines(result)) + "\n")
        env.stdout.flush()
        if min_accuracy is not None and result.accuracy < min_accuracy:
            fail(
                env,
                f"accuracy {result.accuracy:.2%} is below --min-accuracy {min_accuracy:.2%}",
                ExitCode.FAILED,
            )


class BatchFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


@app.command()
def batch(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="CSV file to score, or '-' for stdin.")],
    column: Annotated[str, typer.Option("--column", "-c", help="Column holding the tactic.")] = (
        "tactic"
    ),
    out: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout."),
    ] = None,
    fmt: Annotated[BatchFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")] = (
        BatchFormat.csv
    ),
    delimiter: Annotated[
        str | None, typer.Option(help="Input delimiter; sniffed if not given.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Worker processes; order is kept.")
    ] = 1,
    summary_only: Annotated[
        bool, typer.Option("--summary-only", help="Print only the mix, no rows.")
    ] = False,
    summary_json: Annotated[
        Path | None, typer.Option("--summary-json", help="Also write the mix as JSON here.")
    ] = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
) -> None:
    """Score every row of a CSV, keeping every column and row in order, then show the mix.

    Example: pushpull batch campaigns.csv --column name -o scored.csv
    """
    from . import batch as batching
    from .csvio import open_csv

    env = env_of(ctx)
    with guarded(env):
        if delimiter is not None and len(delimiter) != 1:
            raise UsageError("--delimiter must be one character")
        if summary_only and out is not None:
            raise UsageError("--summary-only writes no rows; drop -o, or use --summary-json PATH")
        summary_path = None if summary_json is None else str(summary_json)
        inputs = [file, *(str(path) for path in rules or [])]
        output.check_outputs(inputs, [out, summary_path])  # fail now, not after the work
        book = load(rules, no_default_rules)
        with open_csv(file, env.stdin, column, delimiter) as source:
            if env.stderr_isatty:
                from .render import with_progress

                source.rows = with_progress(source.rows, env.console(stderr=True))  # type: ignore[arg-type]
            with output.atomic_output(out, env.stdout) as handle:
                summary = batching.score_stream(
                    source, handle, book, fmt=fmt.value, jobs=jobs, write_rows=not summary_only
                )
        if summary_json is not None:
            with output.atomic_output(str(summary_json), env.stdout) as handle:
                handle.write(output.dumps(summary.to_dict()) + "\n")
        _show_summary(summary, env, to_stdout=summary_only)


def _show_summary(summary: Any, env: Environment, *, to_stdout: bool) -> None:
    """The mix: Rich on a terminal, plain lines otherwise; stdout only for --summary-only."""
    stream_is_tty = env.stdout_isatty if to_stdout else env.stderr_isatty
    if stream_is_tty:
        from .render import print_summary

        print_summary(summary, env.console(stderr=not to_stdout))  # type: ignore[arg-type]
    else:
        stream = env.stdout if to_stdout else env.stderr
        stream.write("\n".join(summary.plain_lines()) + "\n")
        stream.flush()


def main(argv: list[str] | None = None, env: Environment | None = None) -> None:
    """Run the command line against ``env`` (the real streams by default)."""
    if env is None:
        if sys.stdout is None:  # started with stdout closed: nowhere to put results
            if sys.stderr is not None:
                sys.stderr.write("pushpull: error: stdout is closed\n")
            sys.exit(int(ExitCode.USAGE))
        env = Environment()
    try:
        code = app(args=argv, prog_name="pushpull", obj=env, standalone_mode=False)
    except Exception as exc:
        # the argument parser's own usage errors: one line, like every other error
        message = getattr(exc, "format_message", None)
        if message is None:
            raise
        context = getattr(exc, "ctx", None)
        if not message() and context is not None:  # a bare command: show what it can do
            context.command.get_help(context)  # typer draws the help itself, on stdout
            sys.exit(0)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        env.stderr.write(f"pushpull: error: {message()}{hint}\n")
        sys.exit(getattr(exc, "exit_code", int(ExitCode.USAGE)))
    if code == ExitCode.INTERRUPTED:  # typer turns a Ctrl-C into 130 after our clean-up ran
        env.stderr.write("pushpull: error: interrupted\n")
    sys.exit(code if isinstance(code, int) else 0)
