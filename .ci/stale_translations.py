#!/usr/bin/env python3
"""The Chinese edition's stale pages: those whose English original changed since
they were translated (see overrides/bookengine/translation.py).

    .ci/stale_translations.py               # list stale pages (exit 0: a report)
    .ci/stale_translations.py --hash PAGE   # the translation_of value for PAGE,
                                            # e.g. --hash index.md, after updating it
    .ci/stale_translations.py --untranslated  # also list English pages with no
                                              # Chinese page yet

It reports and never fails: a stale page is built with a visible notice
(本页译文落后于英文版) and a link to the English page, so a reader is never
misled, and translating is scheduled separately (issue 24).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "overrides"))
from bookengine import translation  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=Path(__file__).resolve().parents[1], type=Path,
                        help="the repository (holding docs/ and docs-zh/)")
    parser.add_argument("--hash", metavar="PAGE",
                        help="print the hash of docs/PAGE to record as translation_of")
    parser.add_argument("--untranslated", action="store_true",
                        help="also list the English pages that have no Chinese page")
    args = parser.parse_args(argv)
    en, zh = args.root / "docs", args.root / "docs-zh"
    if args.hash:
        print(translation.source_hash((en / args.hash).read_text(encoding="utf-8")))
        return 0
    stale = translation.stale_pages(en, zh)
    translated = len(list(translation.pairs(en, zh)))
    print(f"Chinese pages behind their English original: {len(stale)} of {translated}")
    for page in stale:
        print(f"  docs-zh/{page} (English: docs/{page}; new hash: "
              f"{translation.source_hash((en / page).read_text(encoding='utf-8'))})")
    if args.untranslated:
        missing = translation.untranslated_pages(en, zh)
        print(f"English pages with no Chinese page yet: {len(missing)}")
        for page in missing:
            print(f"  docs/{page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
