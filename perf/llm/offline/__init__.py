"""A summary without AI: an evidence brief of the period's facts, nothing invented.

How the draft is made, module by module:
1. Each fact is read once (`points.read_fact`, with `words`): its #tags come out of the
   text, its content words are stemmed (Russian or English) and spelt one way: ё as е,
   Cyrillic stems transliterated so that "кафке" meets "Kafka", a rare misspelling joined
   to the word it misspells, a stem joined to the longer stems it starts ("платеж",
   "платежн").
2. Facts that say the same thing (the same content words, or nearly) become one point
   citing them all, with the count and the dates (`points.collapse`); one said three times
   or more, linked to no goal and stating no measured result, is routine.
3. The other points are grouped (`grouping`): a goal's or a #tag's points start their
   group, then points join by the content words they share (average linkage over cosine
   similarity of rarity-weighted words). A point left alone goes to "Other work".
4. A group is titled after its goal, its #tag or its most telling phrase (`titles`),
   never after a verb or a filler. Points stating a measured result (`measured`) are its
   outcomes, the others its outputs: each fact is cited by exactly one point.
5. The context and the narrative (`draft`, worded by `text`) say only what the journal
   says: counts of its facts, the span of their dates, and measured results copied from
   the facts.

A manager's draft leads with the groups about people and the team (hiring, 1:1s,
mentoring); an engineer's with what was built.

A review form's answers (`answers.answer_form`) pick these points per question by its words.
"""

from .answers import answer_form
from .draft import summarize, summarize_week
from .polish import polish

__all__ = ["answer_form", "polish", "summarize", "summarize_week"]
