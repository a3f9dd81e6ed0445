"""No auto-scored exercise of the built site can be answered from what the page shows above it.

For every objective exercise (choice, multi, tagging, span, matching, ordering) the key is read from
the exercise's own spec on the page, and the text above it is searched for a statement of that key.
"Above" is what a student has read on the way down: prose, table rows, list items, captions, code
and its printed output (line by line; an indented line belongs to the line above it, as the
toolkit's report prints a sentence's relations under it), figures by their alt text, and what the
browser draws of earlier exercises before they are answered (prompt, options, items, sentences).

Folded text: a ``<details class="dl-reveal">`` ("Show the toolkit's reading", built by
``discourse_lab.render.reveal_html``) is not shown — the page asks the student to answer first and
open it after. Any other ``<details>`` above an exercise counts as shown: the student may open it
while reading. Text after the exercise is never "above" it.

The source's own sentences are the material an exercise asks about, not a statement of its key, so
every sentence the page renders (and every sentence an exercise shows) is taken out of a block
before it is searched; a block that shows another text's sentence of the same id is not read as
being about this one, and a question states no key. What states a key, per type (``tests/site_checks.key_stated``):

- choice, multi: the printed label of a correct option. A label of four words or more, or with a
  digit ("19 April 2024"), counts wherever it appears; a shorter one ("conflict", "Two") is ordinary
  vocabulary and counts only in a line or sentence that names one of the exercise's passage sentences.
- span: a keyed phrase in a line, row or sentence that names the exercise's sentence id.
- tagging: a sentence id with its keyed label (the label's text, its head, or its id word) in what
  the line says about that sentence.
- matching: an item with its keyed target (text, the head before the colon, or all the head's word
  stems) in one line; or, for a one-to-one matching, the items shown above in the order of their targets.
- ordering: each item found where a dated part of a line (a year, or a day and month) shares most of
  its word stems; all items but one (but two, of five or more) so found in the key's order.

The rules find what the page states in so many words; a paraphrase that gives a key away is for a
reader to catch. They fail on the book as it was before issue 17 (16 of 48 items).
"""

from __future__ import annotations

from site_checks import items_answered_above, pages


def test_no_objective_item_is_answered_by_the_text_above_it(built_book):
    problems = []
    checked = 0
    for page in pages(built_book):
        html = page.read_text(encoding="utf-8")
        if "dl-exercise-spec" not in html:
            continue
        checked += html.count('"kind":"objective"')
        for exercise_id, found in items_answered_above(html):
            shown = "\n      ".join(f[:220] for f in found[:3])
            problems.append(f"{page.relative_to(built_book)} {exercise_id}:\n      {shown}")
    assert checked > 40, "the built site shows fewer objective exercises than the book has"
    assert not problems, f"{len(problems)} exercise(s) answered by the text above them:\n" + "\n".join(problems)
