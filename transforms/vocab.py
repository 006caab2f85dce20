"""Invented word lists and name pools the demo-corpus generator draws from.

Everything here was written for this project: no text comes from real digests. Names mix
ASCII, accented Latin, Polish, Chinese in Latin script and a few in CJK, because real author
lists do and the parser and author tables must cope with all of them.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Anna", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Kavya", "Lars",
    "Maya", "Nikhil", "Olga", "Pedro", "Qing", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena",
    "Yusuf", "Zara", "Zoë", "José", "Łukasz", "Søren", "Ağca", "Renée", "Björn", "Małgorzata", "Ólafur",
    "Chloé", "Matías", "Ngozi", "Aditya", "Mei", "Jun", "Hao", "Xin", "Yuki", "Seo-yeon", "Minh", "Amara",
    "Tomás", "Fatima", "Gabriel", "Helga", "Ivan", "Jiří", "Katarzyna", "Leila", "Mateo", "Noor", "Oskar",
    "Priya", "Rahul", "Sofía", "Thành", "Ulrike", "Valentina", "William", "Xiaoyu", "Yannick", "Zhiyuan",
)

LAST_NAMES = (
    "Müller", "Álvarez", "Nowak", "Zhang", "Wang", "Li", "Chen", "Liu", "Kim", "Park", "Nguyen", "Singh",
    "Patel", "Okafor", "Rossi", "Schmidt", "García", "Fernández", "Kowalski", "Ivanova", "Johansson",
    "Dubois", "Lefèvre", "O'Brien", "Tanaka", "Suzuki", "Yamamoto", "Haddad", "Khan", "Ahmed", "Smith",
    "Brown", "Novák", "Horváth", "Popescu", "Papadopoulos", "Yılmaz", "Kaur", "Mendes", "Silva", "Costa",
    "Larsen", "Virtanen", "Hansen", "Ødegaard", "van der Berg", "de la Cruz", "Zhou", "Huang", "Xu",
    "Sun", "Ma", "Gao", "Lin", "Ho", "Tran", "Le", "Bianchi", "Weiß", "Jäger", "Çelik", "Şahin",
)

CJK_NAMES = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "黄婷", "赵强", "周杰", "吴芳", "佐藤健", "김민준")

# Topic terms the corpus is about; the generator makes some rise and fade over the weeks.
TERMS = (
    "diffusion models", "LLM agents", "3D reconstruction", "k-NN", "vision transformers",
    "reinforcement learning", "graph neural networks", "federated learning", "prompt injection",
    "retrieval-augmented generation", "state space models", "contrastive learning", "neural radiance fields",
    "differential privacy", "spiking neural networks", "mixture of experts", "code generation",
    "speech recognition", "chain-of-thought reasoning", "anomaly detection", "knowledge distillation",
    "Gaussian splatting", "protein language models", "causal inference", "eye tracking",
    "malware detection", "neural decoding", "Bayesian optimization", "video generation", "tabular learning",
)

TASKS = (
    "medical image segmentation", "open-domain question answering", "autonomous driving", "code review",
    "low-resource translation", "intrusion detection", "single-cell analysis", "robot manipulation",
    "time-series forecasting", "document understanding", "accessibility research", "fraud detection",
    "weather nowcasting", "EEG classification", "scene understanding", "fact verification",
)

ADJECTIVES = ("Scalable", "Robust", "Efficient", "Adaptive", "Sparse", "Unified", "Lightweight",
              "Hierarchical", "Calibrated", "Interpretable", "Self-Supervised", "Multimodal")

ACRONYM_PARTS = ("Flex", "Sparse", "Mem", "Graph", "Vis", "Lum", "Quant", "Echo", "Atlas", "Prism", "Nova", "Tide")

# Rare title decorations that trip naive Markdown parsing: brackets, LaTeX, backticks, stars, underscores.
TITLE_ODDITIES = ("with $\\mathcal{O}(n \\log n)$ Memory", "for [${}^{11}$C] Tracer Kinetics",
                  "using `torch.compile`", "beyond Top-*k* Routing", "via snake_case_tokens",
                  "at $10^{6}\\times$ Scale", "[Extended Version]")

ABSTRACT_OPENERS = (
    "Recent progress in {t} has changed how practitioners approach {task}, yet several questions remain open.",
    "{T} are increasingly used for {task}, but their behaviour under distribution shift is poorly understood.",
    "Despite rapid advances, applying {t} to {task} remains costly and difficult to reproduce.",
    "We study {t} in the context of {task}, a setting where labelled data is scarce and noisy.",
)
ABSTRACT_BODY = (
    "Existing approaches rely on hand-tuned heuristics that do not transfer across domains or datasets.",
    "We propose a {adj_l} framework that combines {t} with {u} to exploit structure shared across tasks.",
    "Our method introduces a simple objective that can be optimised with standard stochastic gradient descent.",
    "We further analyse the sample complexity of the approach and derive bounds that hold with high probability.",
    "A lightweight calibration step keeps the cost of inference close to that of the base model.",
    "To support fair comparison we release a benchmark of {n} curated instances spanning {k} domains.",
    "Ablations show that each component contributes, and that the gains are largest when data is limited.",
    "We also discuss failure cases, including inputs where {u} produces overconfident predictions.",
    "The design is modular, so individual parts can be replaced without retraining the whole system.",
    "Our contributions are threefold: a formal problem statement, an efficient algorithm, and an open benchmark.",
    "Background: prior studies of {t} were limited to small cohorts and a single site.",
    "Human evaluation with {k} annotators confirms that outputs are preferred in most pairwise comparisons.",
)
ABSTRACT_CLOSERS = (
    "Experiments on {k} public datasets show improvements of up to {p}% over strong baselines.",
    "Across {k} benchmarks our approach matches the state of the art while using {p}% less compute.",
    "Code and data are available at https://example.org/{slug}.",
    "These results suggest that {t} are a practical foundation for {task}.",
)

TLDR = ("This paper proposes a {adj_l} approach to {task} built on {t}, reporting consistent gains on {k} benchmarks.",
        "The authors show that {t} can be combined with {u} to make {task} cheaper and more reliable.",
        "A study of {t} for {task} that identifies when simple baselines are enough and when they fail.")
MOTIVATION = ("Current methods for {task} struggle when data is scarce, and {t} have not been evaluated carefully there.",
              "Practitioners need {adj_l} tools for {task}; existing {u} pipelines are brittle and hard to audit.",
              "The cost of applying {t} to {task} limits adoption outside large labs with abundant compute.")
METHOD = ("The authors design a {adj_l} pipeline that couples {t} with {u} and trains it end to end with a joint loss.",
          "They introduce a two-stage procedure: pre-training with {u}, then task-specific fine-tuning on {task} data.",
          "A new benchmark of {n} examples is built, and several {t} variants are compared under matched budgets.")
RESULT = ("The approach improves accuracy by {p}% on average across {k} datasets while reducing latency.",
          "Experiments show gains of up to {p}% over the strongest baseline, with the largest margins in low-data regimes.",
          "Results are mixed: {t} help on {k} of the tasks but underperform simple baselines on the rest.")
CONCLUSION = ("The study concludes that {t} are a promising direction for {task} if their costs are managed.",
              "The findings suggest that combining {t} with {u} is a simple and effective recipe for {task}.",
              "The work provides evidence and tooling that should make future research on {task} easier to compare.")
CONTRIBUTIONS = ("A {adj_l} formulation of {task} using {t}", "An open benchmark with {n} annotated examples",
                 "An empirical comparison of {k} {u} baselines", "Guidelines for deploying {t} in practice")
LIMITATIONS = ("", "", "Evaluation is limited to English-language data.", "The method assumes access to labelled validation data.")
COMMENTS = (None, None, None, "12 pages, 5 figures", "Accepted at an upcoming workshop", "Code will be released",
            "Preprint, under review", "8 pages; extended version with appendix")
KEYWORDS_EXTRA = ("benchmark", "evaluation", "user study", "efficiency", "robustness", "privacy", "accessibility")
