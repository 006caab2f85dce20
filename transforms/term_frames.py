"""Terms of many papers at once: `transforms.terms.paper_terms` as polars expressions (Rust regex, all cores).

Same rules and same result as the Python tokeniser, which stays the reference (and normalises what users
type). The text is scanned once with the same pattern; each distinct token is judged once (a vocabulary of
tens of thousands against ~20M tokens a year), and words, bigrams and keywords are deduplicated as integer
keys, turned back into strings once per distinct term at the end.

Rust regex and Python `re` disagree on Unicode classes (Unicode versions; Python's `\\w` has no combining
marks, its `\\s` has U+001C-U+001F), so the letter-or-digit, whitespace and capital classes here are
Python's own (`str.isalnum`, `str.isspace`, `str.isupper`) written out as code point ranges: the tokens are
the same by construction. Lowercasing is Rust's; it agrees with `str.lower` on every letter and digit
Python knows (tests/transforms/test_term_frames.py checks each one).
"""

from __future__ import annotations

import re
import sys
from array import array
from functools import cache

import polars as pl

from transforms.terms import _CLAUSE_BREAK, _LATEX, _NUMBER, _TOKEN, STOPWORDS

_KEY_LIMIT = 1 << 63  # paper x term keys packed into one integer below this; bigger batches fall back to two columns


@cache
def _every_character() -> str:
    """Every code point once, in order (surrogates included: they are in no class below)."""
    order = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    return array("I", range(sys.maxunicode + 1)).tobytes().decode(order, "surrogatepass")


def _class(python_class: str, pred=None) -> str:
    """A Rust regex class for the characters Python's `re` puts in `python_class` (and `pred` accepts), as ranges."""
    text = _every_character()
    spans = [m.span() for m in re.finditer(python_class + "+", text)]
    if pred:
        hits = [cp for a, b in spans for cp in range(a, b) if pred(text[cp])]
        spans = []
        for cp in hits:
            if spans and spans[-1][1] == cp:
                spans[-1] = (spans[-1][0], cp + 1)
            else:
                spans.append((cp, cp + 1))
    return "[" + "".join(f"\\x{{{a:X}}}-\\x{{{b - 1:X}}}" for a, b in spans) + "]"


@cache
def patterns() -> dict[str, str]:
    """The patterns of transforms.terms for Rust regex, with Python's Unicode classes spelled out."""
    word = _class(r"[^\W_]")  # Python's [^\W_]: letters and digits, no underscore, no combining marks
    space = _class(r"\s")  # Python's \s
    latex = _LATEX.pattern.replace(r"\S", "[^" + space[1:])
    token = _TOKEN.pattern.replace(r"[^\W_]", word)
    return {
        "latex": latex,
        "token": token,
        "scan": token + "|" + _CLAUSE_BREAK.pattern.replace(r"\s", space),
        "starts_token": r"\A" + word,
        "upper": _class(r"[^\W_]", str.isupper),
        "number": rf"\A(?:{_NUMBER.pattern})\z",
    }


def normalise(token: pl.Expr) -> pl.Expr:
    """transforms.terms.normalise: kept as written with a capital after the first letter, else lowercased."""
    return pl.when(token.str.slice(1).str.contains(patterns()["upper"])).then(token).otherwise(token.str.to_lowercase())


def is_kept(term: pl.Expr) -> pl.Expr:
    """transforms.terms.is_kept: False for one-character terms, numbers and stopwords."""
    return ((term.str.len_chars() > 1) & ~term.str.contains(patterns()["number"])
            & ~term.str.to_lowercase().is_in(sorted(STOPWORDS)))


def _scan(papers: pl.DataFrame, column: str, tokens: pl.Categorical) -> list[pl.LazyFrame]:
    """(paper, token) for every token and clause break of one text column, in text order, in slices
    (one per thread) so the regex runs on every core."""
    p, n, k = patterns(), papers.height, max(1, pl.thread_pool_size())
    text = pl.col(column).fill_null("").str.replace_all(p["latex"], " ").str.extract_all(p["scan"])
    return [papers.lazy().slice(i * n // k, (i + 1) * n // k - i * n // k)
            .select("paper", text.alias("token")).explode("token").drop_nulls("token")
            .with_columns(pl.col("token").cast(tokens)) for i in range(k)]


def _text_slots(scanned: pl.DataFrame, term_of: pl.Series, n_terms: int) -> pl.DataFrame:
    """(paper, slot) of kept words (slot = term id) and bigrams (n_terms + a * n_terms + b) of one slice."""
    ids = scanned.select("paper", term_of.gather(scanned["token"].to_physical()).cast(pl.UInt64).alias("term"))
    prev = pl.col("term").shift(1)
    # a clause break or a dropped token has no term id, so only neighbours in the scan make a bigram
    bigram = pl.when(pl.col("paper") == pl.col("paper").shift(1)).then(n_terms + prev * n_terms + pl.col("term"))
    return pl.concat([ids.select("paper", pl.col("term").alias("slot")), ids.select("paper", bigram.alias("slot"))]
                     ).drop_nulls("slot")


def _keywords(papers: pl.DataFrame, terms: pl.Categorical) -> pl.DataFrame:
    """(paper, term ids, phrase) per keyword that makes a term (transforms.terms.keyword_term)."""
    p = patterns()
    tokens = (papers.lazy().select("paper", "keywords").explode("keywords").with_row_index("keyword")
              .select("keyword", "paper", pl.col("keywords").str.replace_all(p["latex"], " ")
                      .str.extract_all(p["token"]).alias("token"))
              .explode("token").drop_nulls("token")
              .with_columns(normalise(pl.col("token")).alias("term")))
    return (tokens.group_by("keyword", maintain_order=True)
            .agg(pl.first("paper"), pl.col("term").cast(terms).to_physical().cast(pl.UInt64).alias("ids"),
                 pl.col("term").str.join(" ").alias("phrase"), is_kept(pl.col("term").first()).alias("kept"))
            .filter((pl.col("ids").list.len() > 1) | pl.col("kept"))
            .collect())


def paper_terms_frame(papers: pl.DataFrame) -> pl.DataFrame:
    """Papers (arxiv_id, title, abstract, keywords: list of str) -> their distinct terms (arxiv_id, term, n_words).

    The same (paper, term) pairs as `transforms.terms.paper_terms` gives for each paper, in no particular order.
    """
    terms, pairs = paper_term_keys(papers)
    return pairs.select("arxiv_id", pl.lit(terms["term"]).gather("term").alias("term"),
                        pl.lit(terms["n_words"]).gather("term").alias("n_words"))


def paper_term_keys(papers: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Papers (arxiv_id, title, abstract, keywords: list of str) -> (terms, pairs): `terms` (term, n_words) is
    each distinct term once, `pairs` (arxiv_id, term: u32 row of `terms`) each paper's distinct terms.

    Strings are built once per distinct term, not once per (paper, term) pair.
    """
    papers = papers.select("arxiv_id", "title", "abstract", "keywords").with_row_index("paper")
    tokens, terms, phrases = (pl.Categorical(pl.Categories.random()) for _ in range(3))
    # polars frees a Categories' strings with the last Series using it: these hold them until the end
    holders = [pl.Series("holder", [], dtype) for dtype in (tokens, terms, phrases)]  # noqa: F841
    scanned = pl.collect_all(_scan(papers, "title", tokens) + _scan(papers, "abstract", tokens))
    vocab = tokens.categories.to_series().to_frame("token")  # every distinct token and clause break, by code
    token = pl.col("token")
    judged = vocab.select(pl.when(token.str.contains(patterns()["starts_token"]) & is_kept(normalise(token)))
                          .then(normalise(token)).cast(terms).to_physical().alias("term"))
    keywords = _keywords(papers, terms)
    n_terms = terms.categories.to_series().len()  # text terms and keyword tokens, one id each
    keyword_slots = keywords.select(
        "paper", pl.when(pl.col("ids").list.len() == 1).then(pl.col("ids").list.first())
        .when(pl.col("ids").list.len() == 2)
        .then(n_terms + pl.col("ids").list.first() * n_terms + pl.col("ids").list.last())
        .otherwise(n_terms + n_terms * n_terms + pl.col("phrase").cast(phrases).to_physical().cast(pl.UInt64))
        .alias("slot"))
    slots = pl.concat([_text_slots(s, judged["term"], n_terms) for s in scanned] + [keyword_slots])
    n_phrases = phrases.categories.to_series().len()
    width = n_terms + n_terms * n_terms + n_phrases
    if papers.height * width < _KEY_LIMIT:  # one integer per (paper, term): the fastest distinct
        keys = slots.select(pl.col("paper").cast(pl.UInt64) * width + pl.col("slot")).to_series().unique()
        slots = keys.to_frame("key").select((pl.col("key") // width).cast(pl.UInt32).alias("paper"),
                                            (pl.col("key") % width).alias("slot"))
    else:
        slots = slots.unique()
    distinct = slots["slot"].unique().sort()  # a term's row in `terms` is its slot's rank
    pairs = slots.select(pl.lit(papers["arxiv_id"]).gather(pl.col("paper")).alias("arxiv_id"),
                         pl.lit(distinct).search_sorted(pl.col("slot")).cast(pl.UInt32).alias("term"))
    return _decode(distinct, terms, phrases, n_terms), pairs


def _decode(slots: pl.Series, terms: pl.Categorical, phrases: pl.Categorical, n_terms: int) -> pl.DataFrame:
    """Sorted distinct slots -> (term, n_words), one row per slot, in slot order."""
    words, names = terms.categories.to_series(), phrases.categories.to_series()
    slot = pl.col("slot")
    pair = slot - n_terms
    frame = slots.to_frame("slot")
    kinds = [
        frame.filter(slot < n_terms).select(pl.lit(words).gather(slot).alias("term"),
                                            pl.lit(1, pl.Int32).alias("n_words")),
        frame.filter(slot.is_between(n_terms, n_terms + n_terms * n_terms, closed="left")).select(
            (pl.lit(words).gather(pair // n_terms) + " " + pl.lit(words).gather(pair % n_terms)).alias("term"),
            pl.lit(2, pl.Int32).alias("n_words")),
        frame.filter(slot >= n_terms + n_terms * n_terms).select(
            (term := pl.lit(names).gather(pair - n_terms * n_terms)).alias("term"),
            (term.str.count_matches(" ", literal=True) + 1).cast(pl.Int32).alias("n_words")),
    ]
    return pl.concat(kinds)
