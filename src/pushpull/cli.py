"""The command line: parses arguments, calls the library, hands the answer to a view.

The only module that imports typer. No scoring and no formatting lives here: each
command builds a view (``views/``) and calls ``emit``; whatever stops a command goes
through ``exits.report``, which prints one line and picks the exit code.
"""

from __future__ import annotations

import copy
import functools
import io
import sys
from collections.abc import Callable
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec

import typer
from typer.main import get_command_name

from . import api, exits, output
from .api import __version__
from .environment import Environment
from .errors import ExitCode, RulebookError, UsageError
from .inputs import gather
from .model import Rulebook

if TYPE_CHECKING:
    from .csvio import CsvInput
    from .summary import Summary
from .views import emit

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="pushpull",
    help="Score marketing tactics from inbound (pull, -1) to outbound (push, +1), and say why.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
rules_app = typer.Typer(
    help="Show, check, test and write rulebooks.",
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
app.add_typer(rules_app, name="rules")


class Errors(StrEnum):
    STRICT = "strict"
    REPLACE = "replace"


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class BatchFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    parquet = "parquet"


RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules", "-r", metavar="FILE", help="A rulebook layer on top of the default; repeatable."
    ),
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
ColumnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--column",
        "-c",
        metavar="NAME",
        help="Column holding the tactic (default: the layout's, else 'tactic'); repeat it to "
        "read several cells together.",
        show_default=False,
    ),
]
DelimiterOpt = Annotated[
    str | None,
    typer.Option(metavar="CHAR", help="Input delimiter; sniffed if not given.", show_default=False),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="Input encoding when the file has no BOM (cp1252, latin-1, utf-16-le...); "
        "default UTF-8.",
        show_default=False,
    ),
]
EncodingErrorsOpt = Annotated[
    Errors,
    typer.Option(
        "--encoding-errors",
        help="strict: stop at a byte the encoding cannot read, naming its line and column; "
        "replace: read it as U+FFFD and flag the row.",
    ),
]
LayoutOpt = Annotated[
    str | None,
    typer.Option(
        "--layout",
        metavar="NAME|FILE",
        help="Read the file as this known export (see 'pushpull layouts'), or a layout .yaml; "
        "'none' switches recognition off.",
        show_default=False,
    ),
]
HeaderRowOpt = Annotated[
    int | None,
    typer.Option(
        "--header-row", min=1, metavar="N", help="The header is line N.", show_default=False
    ),
]
SkipRowsOpt = Annotated[
    int | None,
    typer.Option(
        "--skip-rows",
        min=0,
        metavar="N",
        help="Set aside N lines before the header.",
        show_default=False,
    ),
]
CsvArg = Annotated[
    str, typer.Argument(metavar="CSV", help="CSV file, or '-' for stdin.", show_default=False)
]
LangOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        help="A shipped language layer on top of the default (de, es, fr, it, nl); repeatable.",
        show_default=False,
    ),
]
ContextOpt = Annotated[
    str | None,
    typer.Option(
        "--context",
        metavar="TEXT",
        help="Words that hold for every tactic ('paid ad'), read with each one.",
        show_default=False,
    ),
]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[FILE]...",
        help="Rulebook files, each layered on the default (none: the default alone).",
        show_default=False,
    ),
]

P = ParamSpec("P")


class Stopped(BaseException):
    """A command ended early and has said why; carries the exit code past typer."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def command(group: typer.Typer, name: str | None = None) -> Callable[[Callable[P, None]], Any]:
    """Register a command whose every failure ends through ``exits.report``.

    Typer would otherwise turn Ctrl-C and a closed pipe into exit codes of its own
    before we could clean up and say so in one line.
    """

    def register(fn: Callable[P, None]) -> Any:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                fn(*args, **kwargs)
            except typer.Exit:
                raise
            except BaseException as exc:  # every stop, signals included, is reported once
                raise Stopped(exits.report(exc, current_env())) from None

        return group.command(name)(run)

    return register


_ENV: ContextVar[Environment] = ContextVar("pushpull_environment")


def current_env() -> Environment:
    """The streams this run talks to: the ones main() was given, or the real ones."""
    found = _ENV.get(None)
    return found if found is not None else Environment()


def load(
    rules: list[Path] | None,
    no_default: bool,
    lang: list[str] | None,
    *,
    fresh: bool = False,
) -> Rulebook:
    """The active rulebook; ``fresh`` skips the compiled cache so every check runs."""
    if not rules and not lang and not no_default and not fresh:
        return api.default_rulebook()
    return api.load_rulebook(
        *(rules or []), default=not no_default, use_cache=not fresh, lang=lang or ()
    )


def scorer(
    rules: list[Path] | None, no_default: bool, lang: list[str] | None, context: str | None
) -> Rulebook:
    """The rulebook a scoring command reads each tactic with: the run's context included."""
    return api.in_context(load(rules, no_default, lang), context)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pushpull {__version__}")
        raise typer.Exit()


def _help_when_bare(ctx: typer.Context) -> None:
    """A group named alone shows what it can do, on stdout, and succeeds."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


@rules_app.callback()
def rules_group(ctx: typer.Context) -> None:
    """Show, check, test and write rulebooks."""
    _help_when_bare(ctx)


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", is_eager=True, callback=_show_version, help="Show the version."
        ),
    ] = False,
) -> None:
    """Score marketing tactics from inbound (pull, -1) to outbound (push, +1), and say why."""
    _help_when_bare(ctx)


@command(app)
def classify(
    tactics: Annotated[
        list[str],
        typer.Argument(
            metavar="TACTIC...",
            help="Tactics to score; '-' reads one per line from stdin.",
            show_default=False,
        ),
    ],
    fmt: FormatOpt = Format.text,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="One line per tactic.")] = False,
    rules: RulesOpt = None,
    context: ContextOpt = None,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Score tactics and explain the score.

    Example: pushpull classify "cold DM campaign" "opt-in newsletter"
    """
    from .views.classify import ClassifyView

    env = current_env()
    book = scorer(rules, no_default_rules, lang, context)
    texts = list(gather(tactics, env.stdin))  # every input checked before any output
    if not texts:
        raise UsageError("no tactics: stdin had no non-blank lines")
    single = len(tactics) == 1 and tactics[0] != "-"
    emit(ClassifyView(api.classify_many(texts, book), single, brief), env, fmt)


@command(rules_app, "show")
def rules_show(
    fmt: FormatOpt = Format.text,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Show the dimensions, their poles and sources, and the rulebook's size.

    Example: pushpull rules show --format json | jq '.dimensions[].id'
    """
    from .views.rulebook import RulebookView

    emit(RulebookView(load(rules, no_default_rules, lang)), current_env(), fmt)


@command(rules_app, "validate")
def rules_validate(
    paths: PathsArg = None, no_default_rules: NoDefaultOpt = False, lang: LangOpt = None
) -> None:
    """Check rulebook files and report every problem as file:line:col: message.

    Example: pushpull rules validate acme.yaml
    """
    env = current_env()
    try:
        book = load(paths, no_default_rules, lang, fresh=True)
    except RulebookError as exc:
        for problem in exc.problems:
            env.stdout.write(f"{problem}\n")
        count = len(exc.problems)
        exits.say(env, f"{count} problem{'s' if count != 1 else ''} found", ExitCode.FAILED)
        raise typer.Exit(int(ExitCode.FAILED)) from None
    env.stdout.write(
        f"ok: {book.name} — {len(book.dimensions)} dimensions, {len(book.signals)} signals, "
        f"{len(book.negators)} negators, {len(book.examples)} examples\n"
    )
    env.stdout.flush()


@command(rules_app, "test")
def rules_test(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.text,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Run the examples in the rulebook layers and show what failed; exit 1 on any failure.

    Example: pushpull rules test acme.yaml
    """
    from .ruletest import describe_failure, run_examples
    from .views.ruletests import RuleTestsView

    env = current_env()
    view = RuleTestsView(run_examples(load(paths, no_default_rules, lang)))
    emit(view, env, fmt)
    for o in view.failed:
        env.stderr.write(f"{o.example.location}: {o.example.tactic!r}: {describe_failure(o)}\n")
    if view.failed:
        raise typer.Exit(int(ExitCode.FAILED))


@command(rules_app, "init")
def rules_init(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="Where to write the starter rulebook.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter extension that validates and passes its own tests.

    Example: pushpull rules init acme.yaml
    """
    from .rulebook import schema_text, starter_text

    env = current_env()
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    schema = path.parent / "rulebook.schema.json"  # the starter names it, for editors
    with output.atomic_output(str(path), env.stdout) as handle:
        handle.write(starter_text(path.name))
    wrote = [str(path)]
    if not schema.exists():
        with output.atomic_output(str(schema), env.stdout) as handle:
            handle.write(schema_text())
        wrote.append(str(schema))
    env.stdout.write(f"wrote {' and '.join(wrote)}; next: pushpull rules test {path}\n")


@command(rules_app, "stats")
def rules_stats(
    file: CsvArg,
    column: ColumnOpt = None,
    fmt: FormatOpt = Format.text,
    delimiter: DelimiterOpt = None,
    encoding: EncodingOpt = None,
    encoding_errors: EncodingErrorsOpt = Errors.STRICT,
    rules: RulesOpt = None,
    context: ContextOpt = None,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Run the rulebook over a real corpus: coverage, conflicts, dead signals, missing words.

    Example: pushpull rules stats corpus.csv --column name --format json
    """
    from .csvio import ReadOptions, open_csv
    from .stats import corpus_stats
    from .views.stats import StatsView

    env = current_env()
    book = scorer(rules, no_default_rules, lang, context)
    options = ReadOptions(delimiter, encoding, encoding_errors.value)
    with open_csv(file, env.stdin, column or (), options) as source:
        stats = corpus_stats((source.tactic(row) for row in source.rows), book)
    emit(StatsView(stats), env, fmt)


@command(app, "eval")
def evaluate_command(
    file: CsvArg,
    column: ColumnOpt = None,
    label_column: Annotated[
        str,
        typer.Option(
            "--label-column", "-l", metavar="NAME", help="Column holding the expected label."
        ),
    ] = "label",
    fmt: FormatOpt = Format.text,
    min_accuracy: Annotated[
        float | None,
        typer.Option(
            "--min-accuracy",
            min=0.0,
            max=1.0,
            metavar="0..1",
            help="Exit 1 when accuracy is below this.",
        ),
    ] = None,
    encoding: EncodingOpt = None,
    encoding_errors: EncodingErrorsOpt = Errors.STRICT,
    rules: RulesOpt = None,
    context: ContextOpt = None,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Measure the rulebook on labelled tactics: accuracy, precision, recall, confusion, misses.

    Expected inbound accepts inbound or leaning-inbound; expected outbound accepts outbound or
    leaning-outbound.

    Example: pushpull eval labeled.csv --label-column label --min-accuracy 0.9
    """
    from .csvio import ReadOptions, cell, open_csv
    from .evaluate import evaluate
    from .views.evaluation import EvaluationView

    env = current_env()
    book = scorer(rules, no_default_rules, lang, context)
    options = ReadOptions(encoding=encoding, errors=encoding_errors.value)
    with open_csv(file, env.stdin, column or (), options) as source:
        want = source.find(label_column)
        result = evaluate(((source.tactic(row), cell(row, want)) for row in source.rows), book)
    emit(EvaluationView(result), env, fmt)
    if min_accuracy is not None and result.accuracy < min_accuracy:
        message = f"accuracy {result.accuracy:.2%} is below --min-accuracy {min_accuracy:.2%}"
        raise typer.Exit(exits.say(env, message, ExitCode.FAILED))


@command(app, "layouts")
def layouts_command(fmt: FormatOpt = Format.text) -> None:
    """List the export layouts batch recognises: their header, the columns read, the context.

    Example: pushpull batch "Campaign report.csv" --layout google-ads
    """
    from .layouts import shipped_layouts
    from .views.layouts import LayoutsView

    emit(LayoutsView(shipped_layouts()), current_env(), fmt)


@command(app)
def batch(
    file: CsvArg,
    column: ColumnOpt = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout."
        ),
    ] = None,
    fmt: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, jsonl, json or parquet (default: csv, or parquet for an -o FILE.parquet).",
            show_default=False,
        ),
    ] = None,
    delimiter: DelimiterOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, max=64, metavar="N", help="Worker processes; order is kept."
        ),
    ] = 1,
    summary_only: Annotated[
        bool, typer.Option("--summary-only", help="Print only the mix, no rows.")
    ] = False,
    summary_json: Annotated[
        Path | None,
        typer.Option("--summary-json", metavar="FILE", help="Also write the mix as JSON here."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Also write the mix as one HTML page."),
    ] = None,
    weight_column: Annotated[
        str | None,
        typer.Option(
            "--weight-column",
            metavar="NAME",
            help="Weigh the mix by this column's numbers (spend, budget, leads).",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Show the mix per value of this column.",
            show_default=False,
        ),
    ] = None,
    encoding: EncodingOpt = None,
    encoding_errors: EncodingErrorsOpt = Errors.STRICT,
    layout: LayoutOpt = None,
    header_row: HeaderRowOpt = None,
    skip_rows: SkipRowsOpt = None,
    rules: RulesOpt = None,
    context: ContextOpt = None,
    no_default_rules: NoDefaultOpt = False,
    lang: LangOpt = None,
) -> None:
    """Score every row of a CSV, keeping every column and row in order, then show the mix.

    Exports are read as they come: title lines, comments, totals and footers are found
    and reported, known layouts recognised, and the output written as the input was.

    Example: pushpull batch campaigns.csv --column name -o scored.csv
    """
    from . import batch as batching
    from .collector import long_run
    from .csvio import ReadOptions, open_csv
    from .parquetio import is_parquet
    from .views.summary import SummaryView

    env = current_env()
    if fmt is None:
        fmt = BatchFormat.parquet if is_parquet(out) else BatchFormat.csv
    if fmt is BatchFormat.parquet and (out is None or out == "-" or summary_only):
        raise UsageError("--format parquet writes a file: give -o FILE.parquet")
    if delimiter is not None and len(delimiter) != 1:
        raise UsageError("--delimiter must be one character")
    if summary_only and out is not None:
        raise UsageError("--summary-only writes no rows; drop -o, or use --summary-json PATH")
    extra = [None if p is None else str(p) for p in (summary_json, report)]
    inputs = [file, *(str(path) for path in rules or [])]
    output.check_outputs(inputs, [out, *extra])  # fail now, not after the work
    book = load(rules, no_default_rules, lang)
    options = ReadOptions(delimiter, encoding, encoding_errors.value, layout, header_row, skip_rows)
    with open_csv(file, env.stdin, column or (), options) as source:
        found = source.layout
        scoring = api.in_context(book, context or (found.context if found else None))
        exits.note(env, source.describe(scoring.context))
        watch = None
        if env.stderr_isatty:  # a progress line over the rows read (Parquet) or scored
            from .progress import with_progress

            console = env.console(stderr=True)
            watch = functools.partial(with_progress, console=console, rows=batching.piece_rows)
            if fmt is BatchFormat.parquet:
                source.blocks = with_progress(source.blocks, console, len)
        with long_run():
            if fmt is BatchFormat.parquet:
                summary = _to_parquet(source, str(out), scoring, weight_column, by)
            else:
                written = source.dialect.encoding.name if fmt is BatchFormat.csv else "utf-8"
                with output.atomic_output(out, env.stdout, encoding=written) as handle:
                    summary = batching.score_stream(
                        source,
                        handle,
                        scoring,
                        fmt=fmt.value,
                        jobs=jobs,
                        write_rows=not summary_only,
                        weight_column=weight_column,
                        group_column=by,
                        watch=watch,
                    )
        facts = source.facts(scoring.context)
    facts["input"]["file"] = "stdin" if file == "-" else Path(file).name
    data = {**summary.to_dict(), **facts}
    if summary_json is not None:
        with output.atomic_output(str(summary_json), env.stdout) as handle:
            handle.write(output.dumps(data) + "\n")
    if report is not None:
        from .report import render_report

        with output.atomic_output(str(report), env.stdout) as handle:
            title = f"{facts['input']['file']}: inbound vs outbound"
            handle.write(render_report(data, scoring, title=title))
    emit(SummaryView(summary), env, to_stderr=not summary_only)


def _to_parquet(
    source: CsvInput, out: str, book: Rulebook, weight_column: str | None, by: str | None
) -> Summary:
    """Score ``source`` into a Parquet file at ``out``, written atomically."""
    from .batch import make_plan
    from .parquetio import write_parquet
    from .summary import Summary

    plan = make_plan(source, book, "parquet", weight_column, by)
    summary = Summary(weight_column=weight_column, group_column=by)
    with output.atomic_file(out) as tmp:
        write_parquet(source, tmp, book, plan, summary)
    summary.set_aside.update(source.set_aside)
    return summary


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` name, when they name one.

    Typer works out every command's options from its signature before it runs any;
    a start that scores one tactic would pay for the eight commands it does not run.
    Anything else (``--help``, ``--version``, a misspelt command) gets the whole app,
    so the help and the "no such command" answer list every command as before.
    """
    first = args[0] if args else ""
    commands = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == first
    ]
    groups = [info for info in app.registered_groups if info.name == first]
    if not commands and not groups:
        return app
    narrow = copy.copy(app)
    narrow.registered_commands = commands
    narrow.registered_groups = groups
    return narrow


def main(argv: list[str] | None = None, env: Environment | None = None) -> None:
    """Run the command line against ``env`` (the real streams by default)."""
    if env is None:
        if sys.stdout is None:  # started with stdout closed: nowhere to put results
            if sys.stderr is not None:
                sys.stderr.write("pushpull: error: stdout is closed\n")
            sys.exit(int(ExitCode.USAGE))
        # a file name may hold bytes that are not UTF-8; echo them escaped, never crash
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        env = Environment()
    _ENV.set(env)
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _app_for(args)(args=args, prog_name="pushpull", standalone_mode=False)
    except Stopped as stop:
        sys.exit(stop.code)
    except typer.TyperException as exc:  # the argument parser's own usage errors
        context = getattr(exc, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        sys.exit(exits.say(env, f"{exc.format_message()}{hint}", ExitCode(exc.exit_code)))
    except BaseException as exc:  # a stop outside any command: while parsing or starting
        sys.exit(exits.report(exc, env))
    if code == ExitCode.INTERRUPTED:  # typer's own answer to a Ctrl-C while parsing
        sys.exit(exits.report(KeyboardInterrupt(), env))
    sys.exit(code if isinstance(code, int) else 0)
