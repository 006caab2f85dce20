"""`demo-data` and `parse`: making a synthetic corpus, and looking at how files parse."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console

out = Console(highlight=False, markup=False, soft_wrap=True)


def write_demo_corpus(out_dir: Path, days: int, seed: int) -> int:
    """Generate the demo corpus and write it under `out_dir`; returns the number of files written."""
    from transforms.generate import generate_corpus

    files = generate_corpus(days, seed)
    for f in files:
        target = out_dir / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data if hasattr(f, "data") else f.text.encode("utf-8"))
    return len(files)


def register(app: typer.Typer) -> None:
    @app.command("demo-data")
    def demo_data(
        out_dir: Path = typer.Argument(..., help="Folder to write the corpus into (one sub-folder per feed)."),
        days: int = typer.Option(60, min=1, help="Days to generate."),
        seed: int = typer.Option(7, help="Random seed: the same seed gives the same bytes."),
    ) -> int:
        """Write a synthetic corpus of realistic digest days (with twins, gaps and a few bad files)."""
        n = write_demo_corpus(out_dir, days, seed)
        out.print(f"wrote {n} files for {days} days to {out_dir}")
        return 0

    @app.command()
    def parse(
        files: list[Path] = typer.Argument(..., help="Digest .md or twin .jsonl files."),
        as_json: bool = typer.Option(False, "--json", help="Emit the parsed records as JSON lines."),
    ) -> int:
        """Show how each file parses: template, entries, sections and diagnostics."""
        from transforms import parse_digest_file

        status = 0
        for path in files:
            if not path.is_file():
                out.print(f"error: {path}: no such file")
                status = 2
                continue
            digest = parse_digest_file(path)
            if as_json:
                for e in digest.entries:
                    print(json.dumps({"source": str(path), **asdict(e)}, ensure_ascii=False, default=str))
                continue
            out.print(f"{path}: template {digest.template}, language {digest.language}, "
                      f"{len(digest.entries)} entries, {len(digest.sections)} sections, "
                      f"{len(digest.diagnostics)} diagnostics")
            for d in digest.diagnostics:
                out.print("  " + d.one_line())
            status = max(status, 1 if digest.is_rejected else 0)
        return status
