"""`arxiv-digest sql` output formats and the one-statement rule, on a small generated warehouse."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import ingested_home, query, run_cli

PAPERS = "select arxiv_id, title, n_listings from papers order by arxiv_id limit 5"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return ingested_home(tmp_path_factory.mktemp("sql-cli"), 3, seed=4)


@pytest.fixture
def sql(capsys, home):
    def run(q: str, *options: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--home", str(home), "sql", q, *options)

    return run


def test_csv_is_a_header_then_the_rows(sql, home):
    code, out, err = sql(PAPERS, "--format", "csv")
    assert code == 0 and err == ""
    header, *body = list(csv.reader(io.StringIO(out)))
    assert header == ["arxiv_id", "title", "n_listings"]
    assert body == [[str(v) for v in row] for row in query(home, PAPERS)] and len(body) == 5


def test_json_is_a_list_of_objects_keeping_numbers(sql, home):
    code, out, err = sql(PAPERS, "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(out) == [{"arxiv_id": a, "title": t, "n_listings": n} for a, t, n in query(home, PAPERS)]


def test_json_keeps_every_column_and_stays_valid_json(sql):
    q = ("select p.arxiv_id, l.arxiv_id, 1 as arxiv_id_1, 'nan'::double as n, 1/0 as inf, [1, 2] as xs "
         "from papers p join listings l using (arxiv_id) limit 1")
    code, out, _ = sql(q, "--format", "json")
    assert code == 0
    (row,) = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert list(row) == ["arxiv_id", "arxiv_id_2", "arxiv_id_1", "n", "inf", "xs"]  # none silently overwritten
    assert row["arxiv_id"] == row["arxiv_id_2"] and (row["n"], row["inf"], row["xs"]) == (None, None, [1, 2])


def test_csv_writes_lists_as_json_not_python(sql):
    code, out, _ = sql("select [1, 2] as xs, {'k': 'v'} as s", "--format", "csv")
    assert code == 0 and list(csv.reader(io.StringIO(out))) == [["xs", "s"], ["[1, 2]", '{"k": "v"}']]


@pytest.mark.parametrize("q", ["select 1 as n; select 2 as n", "select 1 as n;\nselect 2 as n;",
                               "select count(*) from papers; drop table papers"])
def test_more_than_one_statement_is_refused_in_one_line(sql, q):
    code, out, err = sql(q, "--format", "json")
    assert code == 2 and out == "", (code, out, err)
    assert err.startswith("error: refused: ") and "one statement" in err and err.count("\n") == 1, err


@pytest.mark.parametrize("q, expected", [
    ("select ';' as x", ";"),
    ("select 'a; b' as x;", "a; b"),
    ("select 1 as x;  \n", 1),
    ("select 1 as x /* ; select 2 */", 1),
    ("select 1 as x; -- and a comment", 1),
])
def test_one_statement_with_semicolons_in_text_or_at_the_end_runs(sql, q, expected):
    code, out, err = sql(q, "--format", "json")
    assert (code, err) == (0, ""), err
    assert json.loads(out) == [{"x": expected}]
