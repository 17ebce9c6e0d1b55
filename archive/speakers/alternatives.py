"""Names that stand before a speech verb without being its speaker.

After "or" a name is one of several that might have spoken, none said to:
"leaders who would rather campaign for Hale or Moss said ..." (the leaders
speak), "Hale or Moss will say" (neither is known to have spoken).
"""

from __future__ import annotations


def one_of_several(words: list[str], start: int) -> bool:
    """True if the name at word `start` follows "or": "for Hale or Moss said"."""
    return start > 0 and words[start - 1].lower() == "or"
