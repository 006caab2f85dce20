"""A synthetic demo corpus: several feeds of daily digests with known, planted facts.

`build_corpus(days, seed)` returns every file (relative path + text) and a `Planted` record of
what was put there on purpose: a rising and a fading topic, a frequent co-author pair, a paper
relisted across days and feeds, one gap and one empty day per feed, and a few bad files. It is
pure and deterministic: the same arguments give the same bytes. Writing files is the caller's job.

Modules: feeds (specs, files, planted record), schedule (special days, relisting, trends),
paper and writer (inventing papers), listing (entries and summaries), corpus (the day loop).
"""

from transforms.generate.corpus import build_corpus, generate_corpus, iter_corpus, planted_facts
from transforms.generate.feeds import (ALL_CATEGORIES, COAUTHOR_PAIR, DEFAULT_FEEDS, FADING_TERM, NOT_A_DIGEST,
                                       PEAK_TERM, PLACEHOLDER, RISING_TERM, BadFile, Corpus, FeedSpec,
                                       GeneratedFile, Planted, resolve_feeds)

__all__ = ["ALL_CATEGORIES", "COAUTHOR_PAIR", "DEFAULT_FEEDS", "FADING_TERM", "NOT_A_DIGEST", "PEAK_TERM",
           "PLACEHOLDER", "RISING_TERM", "BadFile", "Corpus", "FeedSpec", "GeneratedFile", "Planted",
           "build_corpus", "generate_corpus", "iter_corpus", "planted_facts", "resolve_feeds"]
