"""Keep a draft honest: every point cites entries that were sent, achievements rest on
facts, and what a claim states is stated by the entries it cites.

`unsupported_claims` reads a claim the way a sceptical reader would: each figure with its
unit ("40 ms" is not "40%"), each date (as a date: "March 4" is 2026-03-04, and an entry's
own date is evidence for a date, never for a count), each label (p95, PG16, v4.2) and each
name (people, teams, systems, #tags, @handles) must be found in its sources, or in the
user's own goal titles and tags. A team counts as a name even in lower case ("the platform
team", "командой поддержки"), a system under another of its names ("Postgres" for
"PostgreSQL"), a ratio ("halved", "×3") may rest on the two figures it comes from ("from 10
to 5 min"), and a change in percent on the claim's own figures ("by 40%, from 500 to 300
ms"). What is not found comes back exactly as the claim writes it, so that the page can mark
it in the text.

The modules, each importing only those above it:
- `amounts`: numbers, scales, units, rates, number words, bounds;
- `dates`: date and month forms, English and Russian;
- `words`: names and labels, stemming, transliteration, the common-word lists;
- `reading`: a text read into the items it states;
- `claims`: the evidence of the sources, and `unsupported_claims`;
- `polish`: `polish_problems`, a rewrite against its original;
- `draft`: `ground` and `ground_bullets`, a model's draft checked point by point.
"""

from .claims import Source, unsupported_claims
from .draft import ground, ground_bullets
from .polish import figures, polish_problems
from .words import names

__all__ = [
    "Source",
    "figures",
    "ground",
    "ground_bullets",
    "names",
    "polish_problems",
    "unsupported_claims",
]
