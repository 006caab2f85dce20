"""The declarations of every table in the lake and the warehouse."""

from __future__ import annotations

from transforms.schema.base import Column as C
from transforms.schema.base import Table

_DIGEST = C("digest_id", "VARCHAR", "`<feed>/<YYYY-MM-DD>`: one feed's digest of one day.", nullable=False)
_FEED = C("feed", "VARCHAR", "Feed name: the repository folder's name (generic folders such as `data/` climbed out of), "
          "or `--feed`; see Feeds and days.", nullable=False)
_DATE = C("digest_date", "DATE", "The day the digest covers (file name, else its `# date` header).")
_POS = C("position", "INTEGER", "1-based position of the entry in the digest, in file order.", nullable=False)
_ARXIV = C("arxiv_id", "VARCHAR", "Canonical arXiv id without version (`2506.02013`, `hep-th/9901001`).", nullable=False)
_GIT = (
    C("git_commit", "VARCHAR", "Read from a git repository: the commit whose tree held this version (null otherwise)."),
    C("git_blob", "VARCHAR", "Read from a git repository: the blob id of this version (null otherwise)."),
)
_SUMMARY = [
    C("tldr", "VARCHAR", "One-line LLM summary (`TL;DR`, `TLDR`, `Task`, `一句话结论`); null when absent or a placeholder."),
    C("motivation", "VARCHAR", "LLM-written motivation."),
    C("method", "VARCHAR", "LLM-written method."),
    C("result", "VARCHAR", "LLM-written result."),
    C("conclusion", "VARCHAR", "LLM-written conclusion."),
]

FILES = Table(
    "files", "raw", "Every source file the pipeline has read, with its hash: the extract stage's memory.",
    (
        C("path", "VARCHAR", "Source path or URL as discovered; from git, `<repository>@<branch>:<path in the tree>`.",
          nullable=False),
        C("sha256", "VARCHAR", "sha256 of the file's bytes; for a file read from git, its blob id (also a content hash).",
          nullable=False),
        C("bytes", "BIGINT", "File size in bytes.", nullable=False),
        _FEED, _DIGEST,
        C("role", "VARCHAR", "`digest` (the .md) or `twin` (the .jsonl).", nullable=False, accepted=("digest", "twin")),
        C("status", "VARCHAR", "`loaded`, or `rejected` when nothing in it could be read.", nullable=False,
          accepted=("loaded", "rejected")),
        C("mtime_ns", "BIGINT", "Modification time at extract (local files); unchanged size and mtime skip re-reading.",
          volatile=True),
        *_GIT,
        C("git_versions", "INTEGER", "Read from git with `--history`: how many distinct versions of this path the "
          "branch ever held (above 1: a rewritten day; the last one is loaded)."),
    ),
    key=("path",),
)

DIGESTS = Table(
    "digests", "raw", "One row per feed per day.",
    (
        _DIGEST, _FEED, _DATE,
        C("path", "VARCHAR", "The digest file (.md); the twin when the day has only a .jsonl.", nullable=False),
        C("sha256", "VARCHAR", "sha256 of that file.", nullable=False),
        C("bytes", "BIGINT", "Its size in bytes.", nullable=False),
        C("twin_path", "VARCHAR", "The .jsonl twin of the same day, when read."),
        C("twin_sha256", "VARCHAR", "sha256 of the twin (its blob id when read from git)."),
        C("template", "VARCHAR", "Detected layout (`standard`, `bold`, `category_bar`, `jsonl`, `empty`, ...).", nullable=False),
        C("language", "VARCHAR", "Summary language (`en`, `zh`), null without summaries."),
        C("n_entries", "INTEGER", "Entries loaded from this digest.", nullable=False),
        C("n_sections", "INTEGER", "Category sections the digest declares.", nullable=False),
        C("n_diagnostics", "INTEGER", "Diagnostics the parser raised on this day.", nullable=False),
        C("loaded_at", "TIMESTAMP", "When this version of the day was loaded.", volatile=True),
        *_GIT,
    ),
    key=("digest_id",),
)

LISTINGS = Table(
    "listings", "raw", "One row per appearance of a paper in a digest.",
    (
        _DIGEST, _FEED, _DATE,
        C("section", "VARCHAR", "Category section the entry sits under (null when the digest has none)."),
        _POS, _ARXIV,
        C("version", "VARCHAR", "arXiv version the link names (`2`), null when unversioned."),
        C("main_category", "VARCHAR", "Main category as this digest shows it."),
        C("line", "INTEGER", "1-based line of the entry's heading in the file."),
    ),
    key=("digest_id", "position"),
    references=(("digest_id", "digests.digest_id"), ("arxiv_id", "papers.arxiv_id")),
)

PAPER_OBSERVATIONS = Table(
    "paper_observations", "raw", "A paper's metadata as one listing shows it; `papers` takes the latest.",
    (
        _DIGEST, _POS, _ARXIV,
        C("version", "VARCHAR", "arXiv version, when the link names one."),
        C("url", "VARCHAR", "The link as written."),
        C("title", "VARCHAR", "Title, exactly as listed (LaTeX and Markdown kept)."),
        C("abstract", "VARCHAR", "The arXiv abstract."),
        C("comment", "VARCHAR", "arXiv comment (from the .jsonl twin)."),
        C("categories", "VARCHAR[]", "All categories named, primary first."),
    ),
    key=("digest_id", "position"),
    references=(("digest_id", "digests.digest_id"),),
)

AUTHORSHIPS = Table(
    "authorships", "raw", "Ordered author list of each listing, with the normalised author key.",
    (
        _DIGEST, _POS,
        C("author_position", "INTEGER", "1-based place in the author list.", nullable=False),
        C("name", "VARCHAR", "Name as listed.", nullable=False),
        C("name_key", "VARCHAR", "NFKC, casefolded, diacritics stripped, whitespace collapsed.", nullable=False),
        C("author_id", "VARCHAR", "Stable id derived from name_key.", nullable=False),
    ),
    key=("digest_id", "position", "author_position"),
    references=(("digest_id", "digests.digest_id"),),
)

SUMMARIES = Table(
    "summaries", "raw", "The LLM-written fields of one listing.",
    (
        _ARXIV, _DIGEST, _POS,
        C("language", "VARCHAR", "Language of the summary text (`en`, `zh`)."),
        *_SUMMARY,
        C("keywords", "VARCHAR[]", "Keywords, where the feed writes them."),
        C("title_translation", "VARCHAR", "Translated title, where given."),
        C("abstract_translation", "VARCHAR", "Translated or AI-rewritten abstract, where given."),
        C("extras", "VARCHAR", "JSON object of every other labelled field (relevance_score, read_time, ...; "
          "other_classes: the twin's ACM/MSC classes, which are no arXiv categories)."),
        C("failed_fields", "VARCHAR[]", "Fields whose text was a placeholder such as 'Summary generation failed'."),
    ),
    key=("digest_id", "position"),
    references=(("digest_id", "digests.digest_id"),),
)

DIAGNOSTICS = Table(
    "diagnostics", "raw", "Everything the parser or loader noticed, per file and line.",
    (
        _FEED, _DIGEST,
        C("path", "VARCHAR", "File the diagnostic is about.", nullable=False),
        C("sha256", "VARCHAR", "Hash of that file's version.", nullable=False),
        C("seq", "INTEGER", "Order within the file.", nullable=False),
        C("line", "INTEGER", "1-based line, when known."),
        C("severity", "VARCHAR", "`error` rejects the entry or file; `warning` and `info` load.", nullable=False,
          accepted=("error", "warning", "info")),
        C("code", "VARCHAR", "Stable code (`not_a_digest`, `missing_arxiv_id`, `truncated`, ...).", nullable=False),
        C("message", "VARCHAR", "One-line explanation.", nullable=False),
        C("excerpt", "VARCHAR", "The offending text, shortened."),
    ),
    key=("path", "seq"),
)

# The fields the twin cross-check compares (transforms/fidelity.py), in the order reports list them.
FIDELITY_FIELDS = ("title", "authors", "main_category", "tldr", "motivation", "method", "result", "conclusion",
                   "abstract")
FIDELITY = Table(
    "fidelity", "raw", "Per digest and field: how complete the loaded entries are, and how often the digest's parse "
    "agrees with its .jsonl twin (the file it was rendered from). `arxiv-digest check` computes the same rows "
    "without loading.",
    (
        _FEED, _DIGEST, _DATE,
        C("path", "VARCHAR", "The digest file the examples' lines are in.", nullable=False),
        C("field", "VARCHAR", "The field.", nullable=False,
          accepted=FIDELITY_FIELDS),
        C("n_entries", "INTEGER", "Entries loaded from this digest.", nullable=False),
        C("n_present", "INTEGER", "Loaded entries with a value (main_category: a primary category; a placeholder "
          "summary counts as present, it is a failed summary).", nullable=False),
        C("n_compared", "INTEGER", "Entries with a twin record that has a value (a value only the digest shows "
          "cannot be judged); 0 without a twin.", nullable=False),
        C("n_agreed", "INTEGER", "Of those, digest and twin equal after whitespace normalisation.", nullable=False),
        C("n_missing", "INTEGER", "Entries whose digest had no value where the twin had one: among those compared, "
          "and, for a field the day's digest shows for no entry (its template has none), every entry, filled from "
          "the twin and not compared.", nullable=False),
        C("example_id", "VARCHAR", "arXiv id of the first entry whose digest value differs from the twin's."),
        C("example_line", "INTEGER", "Its line in the digest."),
        C("example", "VARCHAR", "Both values, shortened."),
        C("absent_id", "VARCHAR", "arXiv id of the first loaded entry without the field."),
        C("absent_line", "INTEGER", "Its line in the digest."),
    ),
    key=("digest_id", "field"),
    references=(("digest_id", "digests.digest_id"),),
)

PAPERS = Table(
    "papers", "conformed", "One row per arXiv paper, from its latest listing.",
    (
        _ARXIV,
        C("version", "VARCHAR", "Highest version seen."),
        C("title", "VARCHAR", "Title from the latest listing."),
        C("abstract", "VARCHAR", "Abstract from the latest listing that has one."),
        C("primary_category", "VARCHAR", "Primary category: the twin's first category, else the digest's main "
          "category, else the section it is listed under; null (with a `missing_field` warning) when none."),
        C("comment", "VARCHAR", "arXiv comment, latest non-null."),
        C("first_seen", "DATE", "First digest day listing it.", nullable=False),
        C("last_seen", "DATE", "Last digest day listing it.", nullable=False),
        C("n_listings", "INTEGER", "Appearances across digests and feeds.", nullable=False),
        C("n_feeds", "INTEGER", "Distinct feeds listing it.", nullable=False),
    ),
    key=("arxiv_id",),
)

AUTHORS = Table(
    "authors", "conformed", "One row per normalised author name. Homonyms merge: two people with one name are one row.",
    (
        C("author_id", "VARCHAR", "Stable id: a hash of name_key.", nullable=False),
        C("name", "VARCHAR", "Display name: the most used spelling.", nullable=False),
        C("name_key", "VARCHAR", "Normalised key: NFKC, casefolded, diacritics stripped, whitespace collapsed.", nullable=False),
        C("n_papers", "INTEGER", "Papers credited.", nullable=False),
    ),
    key=("author_id",),
)

PAPER_AUTHORS = Table(
    "paper_authors", "conformed", "Ordered authors of each paper, from its latest listing.",
    (
        _ARXIV,
        C("author_id", "VARCHAR", "The author.", nullable=False),
        C("position", "INTEGER", "1-based place in the author list.", nullable=False),
        C("name", "VARCHAR", "Name as listed there.", nullable=False),
    ),
    key=("arxiv_id", "position"),
    references=(("arxiv_id", "papers.arxiv_id"), ("author_id", "authors.author_id")),
)

CATEGORIES = Table(
    "categories", "conformed", "arXiv taxonomy, plus any unknown code seen (flagged `known = false`).",
    (
        C("code", "VARCHAR", "Category code (`cs.CV`).", nullable=False),
        C("archive", "VARCHAR", "Archive (`cs`, `math`, `q-bio`, `astro-ph`).", nullable=False),
        C("group_name", "VARCHAR", "Group (`Computer Science`, `Physics`, ...).", nullable=False),
        C("name", "VARCHAR", "Human name (`Computer Vision and Pattern Recognition`)."),
        C("known", "BOOLEAN", "False for codes not in the taxonomy.", nullable=False),
    ),
    key=("code",),
)

PAPER_CATEGORIES = Table(
    "paper_categories", "conformed", "Every category of each paper, primary flagged.",
    (
        _ARXIV,
        C("category", "VARCHAR", "Category code.", nullable=False),
        C("is_primary", "BOOLEAN", "True for the paper's primary category.", nullable=False),
    ),
    key=("arxiv_id", "category"),
    references=(("arxiv_id", "papers.arxiv_id"), ("category", "categories.code")),
)

REJECTS = Table(
    "rejects", "view", "What was not loaded: whole files and single entries, with the reason (errors in `diagnostics`).",
    (
        _FEED,
        C("path", "VARCHAR", "The file."),
        C("line", "INTEGER", "1-based line, when known."),
        C("code", "VARCHAR", "Stable code."),
        C("message", "VARCHAR", "One-line reason."),
        C("excerpt", "VARCHAR", "The offending text, shortened."),
        _DIGEST,
        C("sha256", "VARCHAR", "The file version rejected."),
    ),
)

RUNS = Table(
    "runs", "ops", "One row per pipeline run.",
    (
        C("run_id", "VARCHAR", "Unique run id.", nullable=False, volatile=True),
        C("flow", "VARCHAR", "What ran: `ingest` (`ingest` and `run`), `backfill`, `daily` (a served run), "
          "`ingest-plain` (without Prefect).", nullable=False),
        C("started_at", "TIMESTAMP", "Start.", volatile=True),
        C("finished_at", "TIMESTAMP", "End.", volatile=True),
        C("status", "VARCHAR", "`ok`, `partial` (some files rejected) or `failed`.", nullable=False,
          accepted=("ok", "partial", "failed")),
        C("files_new", "INTEGER", "Files seen for the first time.", nullable=False),
        C("files_changed", "INTEGER", "Files whose hash changed; their rows were replaced.", nullable=False),
        C("files_skipped", "INTEGER", "Files already loaded with the same hash.", nullable=False),
        C("files_rejected", "INTEGER", "Files rejected whole.", nullable=False),
        C("rows", "VARCHAR", "JSON: rows written per raw table."),
        C("diagnostics", "VARCHAR", "JSON: diagnostics per severity."),
        C("message", "VARCHAR", "Summary or failure reason."),
    ),
    key=("run_id",),
)

LAKE_FILES = Table(
    "lake_files", "ops", "Parquet files the warehouse has committed; anything else in the lake is garbage.",
    (
        C("table_name", "VARCHAR", "Raw table.", nullable=False),
        _DIGEST,
        C("path", "VARCHAR", "Path or URL of the Parquet file.", nullable=False),
    ),
    key=("path",),
)

# The term tables of the marts (built by warehouse/terms.py, not by ingest; documented with the marts).
TERMS = Table(
    "terms", "mart", "Every term any paper has had, once: the dictionary behind `paper_terms`.",
    (
        C("term_id", "INTEGER", "The term's key; never renumbered.", nullable=False),
        C("term", "VARCHAR", "A word, a bigram or a keyword phrase (see transforms/terms.py).", nullable=False),
        C("n_words", "INTEGER", "Words in the term: 1, 2, or more for keyword phrases.", nullable=False),
    ),
    key=("term_id",),
)
PAPER_TERMS = Table(
    "paper_terms", "mart", "Distinct terms of each paper: words and bigrams of title and abstract, and keywords.",
    (
        C("arxiv_id", "VARCHAR", "The paper.", nullable=False),
        C("term_id", "INTEGER", "The term (`terms.term_id`).", nullable=False),
    ),
    key=("arxiv_id", "term_id"),
)
TERM_SOURCES = Table(
    "paper_term_sources", "mart", "Hash of the text each paper's terms were computed from.",
    (
        C("arxiv_id", "VARCHAR", "The paper.", nullable=False),
        C("text_hash", "VARCHAR", "DuckDB hash() of title, abstract and sorted keywords.", nullable=False),
    ),
    key=("arxiv_id",),
)
AUTHOR_CLUSTERS = Table(
    "author_clusters", "mart",
    "Each author's papers grouped by shared co-authors (transforms/homonyms.py): one row per author per paper, "
    "with the name as that paper lists it. An author whose papers form two or more groups of at least two "
    "papers is ambiguous: likely several people sharing one name.",
    (
        C("author_id", "VARCHAR", "The author (`authors.author_id`): one name key.", nullable=False),
        C("arxiv_id", "VARCHAR", "The paper.", nullable=False),
        C("raw_name", "VARCHAR", "The name exactly as this paper lists it.", nullable=False),
        C("name_key", "VARCHAR", "Normalised key of the name (`authors.name_key`).", nullable=False),
        C("cluster", "INTEGER", "The paper's group within the author: 1 has the most papers.", nullable=False),
        C("cluster_id", "VARCHAR", "`<author_id>#<cluster>`: one group, likely one person.", nullable=False),
        C("cluster_papers", "INTEGER", "Papers in that group.", nullable=False),
        C("ambiguous", "BOOLEAN", "The author has two or more groups of at least two papers.", nullable=False),
    ),
    key=("author_id", "arxiv_id"),
)

# What the marts were last built from (warehouse/marts_state.py): the next build redoes only what changed since.
MART_BUILDS = Table(
    "mart_builds", "mart", "The last marts build: the version of the marts' SQL and code it ran (one row).",
    (
        C("version", "VARCHAR", "sha256 of every mart model's SQL and the code that builds them.", nullable=False),
        C("build_id", "VARCHAR", "A new id each build: a snapshot published from the build before links what "
          "this one did not change.", nullable=False, volatile=True),
        C("built_at", "TIMESTAMP", "When the build committed.", nullable=False, volatile=True),
    ),
)
MART_DIGESTS = Table(
    "mart_digests", "mart", "Each digest as the last marts build read it: a digest new, gone or loaded again since "
    "marks its papers changed.",
    (
        _DIGEST,
        C("loaded_at", "VARCHAR", "`digests.loaded_at` then, as text.", nullable=False),
        C("arxiv_id", "VARCHAR", "A paper the digest listed then (null for a digest of no papers)."),
    ),
)
MART_AUTHORS = Table(
    "mart_authors", "mart", "Each author's name as the last marts build read it: a name changed since is "
    "written again into the author's co-author edges and clusters.",
    (
        C("author_id", "VARCHAR", "The author.", nullable=False),
        C("name", "VARCHAR", "`authors.name` then.", nullable=False),
        C("name_key", "VARCHAR", "`authors.name_key` then.", nullable=False),
    ),
    key=("author_id",),
)

TABLES = (FILES, DIGESTS, LISTINGS, PAPER_OBSERVATIONS, AUTHORSHIPS, SUMMARIES, DIAGNOSTICS, FIDELITY,
          PAPERS, AUTHORS, PAPER_AUTHORS, CATEGORIES, PAPER_CATEGORIES, REJECTS, RUNS, LAKE_FILES)
