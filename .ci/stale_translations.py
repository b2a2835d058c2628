#!/usr/bin/env python3
"""The Chinese edition's stale pages: those whose English original changed since
they were translated (see overrides/bookengine/translation.py).

    .ci/stale_translations.py               # list stale pages (exit 0: a report)
    .ci/stale_translations.py --hash PAGE   # the translation_of value for PAGE,
                                            # e.g. --hash index.md, after updating it
    .ci/stale_translations.py --untranslated  # also list English pages with no
                                              # Chinese page yet

Translating a page (the code and display equations are copied, never retyped):

    .ci/stale_translations.py --skeleton PAGE > draft.md
        # docs/PAGE with each code fence and $$ display replaced by a
        # <<<BLOCK n>>> line: translate the prose of draft.md, keep those lines
    .ci/stale_translations.py --fill PAGE draft.md
        # writes docs-zh/PAGE: the draft with the English blocks put back byte
        # for byte, and translation_of set to the English page's hash
    .ci/stale_translations.py --sync PAGE
        # after the English code or equations changed: copies them into
        # docs-zh/PAGE block for block (then translate the changed prose and
        # update the hash with --fill or by hand)

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
    parser.add_argument("--skeleton", metavar="PAGE",
                        help="print docs/PAGE with its code and displays as <<<BLOCK n>>> lines")
    parser.add_argument("--fill", nargs=2, metavar=("PAGE", "DRAFT"),
                        help="write docs-zh/PAGE from a translated skeleton DRAFT")
    parser.add_argument("--sync", metavar="PAGE",
                        help="copy docs/PAGE's code and displays into docs-zh/PAGE")
    args = parser.parse_args(argv)
    en, zh = args.root / "docs", args.root / "docs-zh"
    if args.skeleton:
        print(translation.skeleton((en / args.skeleton).read_text(encoding="utf-8")), end="")
        return 0
    if args.fill or args.sync:
        page = args.fill[0] if args.fill else args.sync
        english = (en / page).read_text(encoding="utf-8")
        if args.fill:
            draft = Path(args.fill[1]).read_text(encoding="utf-8")
            text = translation.with_hash(translation.fill(draft, english), english)
        else:
            text = translation.sync((zh / page).read_text(encoding="utf-8"), english)
        (zh / page).parent.mkdir(parents=True, exist_ok=True)
        (zh / page).write_text(text, encoding="utf-8")
        print(f"wrote docs-zh/{page}")
        return 0
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
