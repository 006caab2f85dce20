"""Terms of many papers at once: `transforms.terms.paper_terms` as polars expressions (Rust regex, all cores).

Same rules and same result as the Python tokeniser, which stays the reference (and normalises what users
type). Text is split at spaces into chunks (`model,`, `(LLM)`); the token pattern runs once per distinct
chunk (a vocabulary of tens of thousands against ~18M chunks a year), which gives each chunk's term ids and
the words and bigrams inside it; only bigrams across two neighbouring chunks are found in the stream. Words,
bigrams and keywords are deduplicated as integer keys, turned back into strings once per distinct term at
the end.

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

from transforms.terms import CLAUSE_BREAK, LABEL_WORDS, LATEX, NOT_TOPIC_STRIP, NOT_TOPICS, NUMBER, STOPWORDS, TOKEN

_NOT_TOPIC_CHARS = max(map(len, NOT_TOPICS))  # a lowercased key is no shorter than the key
_HEAD = 4 * _NOT_TOPIC_CHARS  # characters of a value looked at to rule it out as a placeholder
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
    latex = LATEX.pattern.replace(r"\S", "[^" + space[1:])
    token = TOKEN.pattern.replace(r"[^\W_]", word)
    return {
        "latex": latex,
        "token": token,
        "scan": token + "|" + CLAUSE_BREAK.pattern.replace(r"\s", space),
        "starts_token": r"\A" + word,
        "upper": _class(r"[^\W_]", str.isupper),
        "number": rf"\A(?:{NUMBER.pattern})\z",
        "space": space,
    }


def normalise(token: pl.Expr) -> pl.Expr:
    """transforms.terms.normalise: kept as written with a capital after the first letter, else lowercased."""
    return pl.when(token.str.slice(1).str.contains(patterns()["upper"])).then(token).otherwise(token.str.to_lowercase())


def is_kept(term: pl.Expr) -> pl.Expr:
    """transforms.terms.is_kept: False for one-character terms, numbers and stopwords."""
    return ((term.str.len_chars() > 1) & ~term.str.contains(patterns()["number"])
            & ~term.str.to_lowercase().is_in(sorted(STOPWORDS)))


@cache
def _spaces() -> str:
    """The characters of Python's `\\s`, as one string (for `strip_chars`)."""
    return "".join(re.findall(r"\s", _every_character()))


def not_a_topic(value: pl.Expr) -> pl.Expr:
    """transforms.terms.not_a_topic: True for a value that is empty, a placeholder, a label word or N/A.

    The key (spaces collapsed, ends stripped) is built only for values that can be one: a key in NOT_TOPICS
    has at most `_NOT_TOPIC_CHARS` non-space characters, and the key keeps every non-space character of the
    value between its stripped ends, so a value whose stripped first `_HEAD` characters hold more is a topic.
    Collapsing the spaces of every abstract cost more than tokenising it.
    """
    head = value.str.slice(0, _HEAD).str.strip_chars(_spaces() + NOT_TOPIC_STRIP)
    maybe = head.str.len_chars() - head.str.count_matches(patterns()["space"]) <= _NOT_TOPIC_CHARS
    key = pl.when(maybe).then(value).str.replace_all(patterns()["space"] + "+", " ").str.strip_chars(NOT_TOPIC_STRIP)
    return value.is_null() | (maybe & ((key == "") | key.str.to_lowercase().is_in(sorted(NOT_TOPICS))))


def _chunks(papers: pl.DataFrame, column: str, chunks: pl.Categorical) -> list[pl.LazyFrame]:
    """(paper, chunk) for every space-separated chunk of one text column, in text order, in slices (one per
    thread). Splitting on one character is far cheaper than extracting every token with the regex; the regex
    then runs once per distinct chunk (`_chunk_terms`)."""
    p, n, k = patterns(), papers.height, max(1, pl.thread_pool_size())
    text = (pl.when(not_a_topic(pl.col(column))).then(pl.lit("")).otherwise(pl.col(column))
            .str.replace_all(p["latex"], " ").str.split(" "))
    return [papers.lazy().slice(i * n // k, (i + 1) * n // k - i * n // k)
            .select("paper", text.alias("chunk")).explode("chunk").filter(pl.col("chunk") != "")
            .with_columns(pl.col("chunk").cast(chunks)) for i in range(k)]


def _chunk_tokens(chunks: pl.Categorical, terms: pl.Categorical) -> pl.DataFrame:
    """(code, id) for each token and clause break of every distinct chunk, in order; `id` is its term id, null
    for a break or a dropped token. A chunk with neither (such as `&`) has no rows.

    A chunk is scanned between two spaces, as it stood in the text: a clause break such as ` - ` needs the
    spaces on both sides. At the start or end of a text that adds a break before the first or after the last
    token, which changes no bigram; so the chunks' token streams, joined, are the text's.
    """
    p = patterns()
    token = pl.col("token")
    term = pl.when(token.str.contains(p["starts_token"]) & is_kept(normalise(token))).then(normalise(token))
    return (chunks.categories.to_series().to_frame("chunk").with_row_index("code").lazy()
            .select("code", (" " + pl.col("chunk") + " ").str.extract_all(p["scan"]).alias("token"))
            .explode("token", empty_as_null=False)
            .select("code", term.cast(terms).to_physical().cast(pl.UInt64).alias("id"))
            .collect())


def _chunk_table(tokens: pl.DataFrame, n_chunks: int, n_terms: int) -> pl.DataFrame:
    """One row per chunk code: `n` tokens and breaks, the `first` and `last` one's term id (null for a break or
    dropped token), and `slots`, the words and bigrams inside the chunk."""
    same_chunk = pl.col("code") == pl.col("code").shift(1)
    bigram = pl.when(same_chunk).then(n_terms + pl.col("id").shift(1) * n_terms + pl.col("id"))
    per_chunk = (tokens.lazy().with_columns(bigram.alias("bigram"))
                 .group_by("code", maintain_order=True)
                 .agg(pl.len().cast(pl.UInt32).alias("n"), pl.col("id").first().alias("first"),
                      pl.col("id").last().alias("last"),
                      pl.col("id").append(pl.col("bigram")).drop_nulls().alias("slots")))
    return (pl.LazyFrame({"code": pl.int_range(n_chunks, dtype=pl.UInt32, eager=True)})
            .join(per_chunk, on="code", how="left", maintain_order="left")
            .with_columns(pl.col("n").fill_null(0)).collect())


def _text_slots(scanned: pl.DataFrame, chunks: pl.DataFrame, n_terms: int) -> pl.DataFrame:
    """(paper, slot) of kept words (slot = term id) and bigrams (n_terms + a * n_terms + b) of one slice.

    Words and bigrams inside a chunk come from the chunk's table row; the only bigrams left are across two
    neighbouring chunks: the last token of one and the first of the next."""
    code = pl.col("chunk").to_physical()
    stream = (scanned.lazy()
              .select("paper", code.alias("code"),
                      *(pl.lit(chunks[c]).gather(code).alias(c) for c in ("n", "first", "last")))
              .filter(pl.col("n") > 0))  # chunks without tokens or breaks do not part their neighbours
    across = pl.when(pl.col("paper") == pl.col("paper").shift(1)).then(
        n_terms + pl.col("last").shift(1) * n_terms + pl.col("first"))
    inside = stream.filter(pl.col("n") > 1).select("paper", pl.lit(chunks["slots"]).gather("code").alias("slot")
                                                   ).explode("slot", empty_as_null=False)
    return pl.concat([stream.filter(pl.col("n") == 1).select("paper", pl.col("first").alias("slot")),
                      stream.select("paper", across.alias("slot")), inside]).drop_nulls("slot").collect()


def _keywords(papers: pl.DataFrame, terms: pl.Categorical) -> pl.DataFrame:
    """(paper, term ids, phrase) per keyword that makes a term (transforms.terms.keyword_term)."""
    p = patterns()
    tokens = (papers.lazy().select("paper", "keywords").explode("keywords")
              .filter(~not_a_topic(pl.col("keywords"))).with_row_index("keyword")
              .select("keyword", "paper", pl.col("keywords").str.replace_all(p["latex"], " ")
                      .str.extract_all(p["token"]).alias("token"))
              .explode("token").drop_nulls("token")
              .with_columns(normalise(pl.col("token")).alias("term")))
    return (tokens.group_by("keyword", maintain_order=True)
            .agg(pl.first("paper"), pl.col("term").cast(terms).to_physical().cast(pl.UInt64).alias("ids"),
                 pl.col("term").str.join(" ").alias("phrase"), is_kept(pl.col("term").first()).alias("kept"),
                 (pl.col("term").str.len_chars().max() > 1).alias("long"))
            .filter(((pl.col("ids").list.len() > 1) | pl.col("kept")) & pl.col("long"))
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
    each distinct term once, sorted by term, `pairs` (arxiv_id, term: u32 row of `terms`) each paper's
    distinct terms.

    Strings are built once per distinct term, not once per (paper, term) pair.
    """
    papers = papers.select("arxiv_id", "title", "abstract", "keywords").with_row_index("paper")
    chunks, terms, phrases = (pl.Categorical(pl.Categories.random()) for _ in range(3))
    # polars frees a Categories' strings with the last Series using it: these hold them until the end
    holders = [pl.Series("holder", [], dtype) for dtype in (chunks, terms, phrases)]  # noqa: F841
    scanned = pl.collect_all(_chunks(papers, "title", chunks) + _chunks(papers, "abstract", chunks))
    chunk_tokens = _chunk_tokens(chunks, terms)
    keywords = _keywords(papers, terms)
    n_terms = terms.categories.to_series().len()  # text terms and keyword tokens, one id each
    keyword_slots = keywords.select(
        "paper", pl.when(pl.col("ids").list.len() == 1).then(pl.col("ids").list.first())
        .when(pl.col("ids").list.len() == 2)
        .then(n_terms + pl.col("ids").list.first() * n_terms + pl.col("ids").list.last())
        .otherwise(n_terms + n_terms * n_terms + pl.col("phrase").cast(phrases).to_physical().cast(pl.UInt64))
        .alias("slot"))
    table = _chunk_table(chunk_tokens, chunks.categories.to_series().len(), n_terms)
    slots = pl.concat([_text_slots(s, table, n_terms) for s in scanned] + [keyword_slots])
    n_phrases = phrases.categories.to_series().len()
    width = n_terms + n_terms * n_terms + n_phrases
    if papers.height * width < _KEY_LIMIT:  # one integer per (paper, term): the fastest distinct
        keys = slots.select(pl.col("paper").cast(pl.UInt64) * width + pl.col("slot")).to_series().unique()
        slots = keys.to_frame("key").select((pl.col("key") // width).cast(pl.UInt32).alias("paper"),
                                            (pl.col("key") % width).alias("slot"))
    else:
        slots = slots.unique()
    distinct = slots["slot"].unique().sort()
    # terms in string order, so the result does not depend on the order threads met them in
    decoded = _decode(distinct, terms, phrases, n_terms).with_row_index("slot_rank")
    # a label word is never a term of one word (transforms.terms); its slots are dropped before ranking
    label = (pl.col("n_words") == 1) & pl.col("term").str.to_lowercase().is_in(sorted(LABEL_WORDS))
    if decoded.select(label.any()).item():
        gone = decoded.filter(label)["slot_rank"]
        slots = slots.filter(~pl.col("slot").is_in(distinct.gather(gone).implode()))
        distinct = slots["slot"].unique().sort()
        decoded = _decode(distinct, terms, phrases, n_terms).with_row_index("slot_rank")
    decoded = decoded.sort("term")
    row_of_rank = decoded["slot_rank"].arg_sort().cast(pl.UInt32)  # slot rank -> row in `terms`
    pairs = slots.select(pl.lit(papers["arxiv_id"]).gather(pl.col("paper")).alias("arxiv_id"),
                         pl.lit(row_of_rank).gather(pl.lit(distinct).search_sorted(pl.col("slot"))).alias("term"))
    return decoded.drop("slot_rank"), pairs


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
