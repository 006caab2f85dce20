"""`demo-data` and `parse`: making a synthetic corpus, and looking at how files parse."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from transforms import Digest

out = Console(highlight=False, markup=False, soft_wrap=True)
MAX_DEMO_DAYS = 3660  # ten years; the generator holds the whole corpus in memory before it writes


def out_dir_problem(out_dir: Path, force: bool) -> str | None:
    """Why `demo-data` should not write into `out_dir`, in one line; None when it may."""
    if out_dir.exists() and not out_dir.is_dir():
        return f"{out_dir}: exists and is not a folder; give a new folder to write the corpus into"
    if out_dir.is_dir() and not force and any(out_dir.iterdir()):
        return (f"{out_dir}: already holds files, and a second corpus would mix with them; "
                f"give a new or empty folder, or --force to write over it")
    return None


def write_demo_corpus(out_dir: Path, days: int, seed: int) -> int:
    """Generate the demo corpus and write it under `out_dir`; returns the number of files written."""
    from transforms.generate import generate_corpus

    files = generate_corpus(days, seed)
    for f in files:
        target = out_dir / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return len(files)


def path_problem(path: Path) -> str | None:
    """Why `path` cannot be parsed as one file, in one line; None when it is a file."""
    if path.is_file():
        return None
    if path.is_dir():
        return (f"{path}: is a directory; parse takes files, e.g. `arxiv-digest parse {path}/*.md` "
                f"(or `ingest {path}` to load a whole folder)")
    if path.exists():
        return f"{path}: not a regular file; parse takes digest .md or twin .jsonl files"
    return f"{path}: no such file"


def parse_file(path: Path) -> Digest:
    """One digest `.md`, or its `.jsonl` twin, read as ingest reads it; never raises."""
    from transforms import parse_digest_bytes, parse_jsonl_bytes
    from transforms.parse import read_file

    return read_file(path, parse_jsonl_bytes if path.suffix == ".jsonl" else parse_digest_bytes)


def register(app: typer.Typer) -> None:
    from flows.cli import EXIT_PARTIAL, EXIT_USAGE, err

    @app.command("demo-data")
    def demo_data(
        out_dir: Path = typer.Argument(..., help="Folder to write the corpus into (one sub-folder per feed)."),
        days: int = typer.Option(60, min=1, max=MAX_DEMO_DAYS, help=f"Days to generate (1 to {MAX_DEMO_DAYS})."),
        seed: int = typer.Option(7, help="Random seed: the same seed gives the same bytes."),
        force: bool = typer.Option(
            False, "--force",
            help="Write into a folder that already holds files: files of the same name are replaced, others stay."),
    ) -> int:
        """Write a synthetic corpus of realistic digest days (with twins, gaps and a few bad files)."""
        from flows.cli import CliError
        from warehouse.home import reason_of

        try:
            problem = out_dir_problem(out_dir, force)
            if problem:
                raise CliError(problem)
            out_dir.mkdir(parents=True, exist_ok=True)  # fail on an uncreatable folder before generating
            n = write_demo_corpus(out_dir, days, seed)
        except OSError as exc:
            where = exc.filename or out_dir
            raise CliError(f"{where}: cannot write the demo corpus there ({exc.strerror or reason_of(exc)})") from None
        out.print(f"wrote {n} files for {days} days to {out_dir}")
        return 0

    @app.command()
    def parse(
        files: list[Path] = typer.Argument(..., help="Digest .md or twin .jsonl files."),
        as_json: bool = typer.Option(
            False, "--json",
            help="Emit JSON lines on stdout, one object per entry (its fields plus `source`, the file); "
                 "each file's diagnostics go to stderr, one line each."),
    ) -> int:
        """Show how each file parses: template, entries, sections and diagnostics.

        Exit 1 when a file was rejected (nothing in it could be read), 2 when a path is missing or a directory.
        """
        status = 0
        for path in files:
            problem = path_problem(path)
            if problem:
                err.print(f"error: {problem}")
                status = EXIT_USAGE
                continue
            digest = parse_file(path)
            if digest.is_rejected:
                status = max(status, EXIT_PARTIAL)
            if as_json:
                for e in digest.entries:
                    print(json.dumps({"source": str(path), **asdict(e)}, ensure_ascii=False, default=str))
                for d in digest.diagnostics:
                    err.print(d.one_line())
                continue
            out.print(f"{path}: template {digest.template}, language {digest.language}, "
                      f"{len(digest.entries)} entries, {len(digest.sections)} sections, "
                      f"{len(digest.diagnostics)} diagnostics")
            for d in digest.diagnostics:
                out.print("  " + d.one_line())
        return status
