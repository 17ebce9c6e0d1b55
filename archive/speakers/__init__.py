"""Who said it: attribution in the text, then people in the registry.

Enters: Documents as a format reader made them, passages carrying the
printed text (and, for formats that state their speakers, who spoke).
Attribution (archive.speakers.attribution) reads who speaks in prose news
(quotes, cue verbs, the story's cast of names: quotes, names, cast,
phrases) and the turns of a scraped Hansard page (turns). The registry
(archive.speakers.registry, with member lists in members and offices in
offices) turns names, ids and offices on a date into one person.
Leaves: Documents whose passages name their speakers, and person ids.
Uses archive.model and the query language's word folding; never the store.
"""
