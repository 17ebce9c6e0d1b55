"""The people of one news story as it is read: their names, offices and who has spoken.

`quotes` finds each paragraph's speech verb and reads its subject; a `Cast`
remembers what the story has told so far, so that "Mr Hammond" is the
"Philip Hammond" named earlier, "the US President" is the person the story
titled President, and "he" is the latest speaker who fits. Before reading,
it looks over the whole story once for signs of who is a person at all
("Mr Warner", "Warner said", "Warner, who ...").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from archive.model import Passage, Quote
from archive.speakers.given_names import gender_of_given_name
from archive.speakers.names import WITH_GIVEN_NAME, Named, Reading, surname
from archive.speakers.offices import same_office


@dataclass(frozen=True)
class Attribution:
    """Who speaks in one paragraph, as far as the story itself says.

    A named speaker has `name` (the full name as resolved in the story),
    `printed` ("Mr Hammond") and maybe `role`; an office alone has `role`
    and `printed` ("Foreign Secretary", "the foreign secretary"); an unnamed
    source has only `printed` ("a Downing Street spokesman"). All None:
    nobody speaks.
    """

    name: str | None = None
    printed: str | None = None
    role: str | None = None
    # Every attribution of the paragraph, this speaker's among them (see Quote).
    quotes: tuple[Quote, ...] = field(default=(), compare=False, repr=False)

    def passage(self, text: str, heading: str | None = None) -> Passage:
        """The passage `text` with this speaker."""
        return Passage(
            text=text,
            speaker=self.name,
            speaker_as_printed=self.printed,
            heading=heading,
            speaker_role=self.role,
            quotes=self.quotes,
        )


NOBODY = Attribution()


@dataclass(frozen=True)
class Source:
    """A speaker with no name: an office, an anonymous person or a body."""

    printed: str
    role: str | None
    gender: str | None
    person: bool  # one person, whom a later "he" or "she" may mean


@dataclass(frozen=True)
class _Cues:
    """What the whole story tells about names, read before attributing."""

    titled: frozenset[str]  # surnames written with Mr, Dr, an office ...
    lone: frozenset[str]  # surnames written alone ("Moualem said")
    who: frozenset[str]  # names followed by "who"
    full: dict[str, frozenset[str]]  # surname -> full names written in the story
    repeated: dict[str, int]  # full name -> how often the story writes it


# How many paragraphs back the latest speaker may have spoken for "he" or "she" to mean them.
FARTHEST_SPEAKER = 4
# How many paragraphs back a person named, speaking or not, may be for "he" or "she"
# to mean them when no speaker is near enough.
FARTHEST_NAMED = 1

# Words of a story whose reading is kept between the two passes over it.
KEPT_WORDS = 100_000


class Cast:
    """The names, offices and speakers of one story, oldest first."""

    def __init__(self, paragraphs: list[str]) -> None:
        # Each paragraph as read for the cues, kept for `quotes` to read again;
        # None past a story's first KEPT_WORDS words (read again then), so a
        # huge story does not hold every word it has at once.
        self.readings: list[Reading | None] = []
        self.cues = _read_cues(self._keep(paragraphs))
        self.known: dict[str, str] = {}  # surname -> the full name it stands for
        self.mentions: dict[str, dict[str, int]] = {}  # surname -> full name -> mentions
        self.given: dict[str, str] = {}  # given name -> latest full name
        self.genders: dict[str, str] = {}
        self.printed: dict[str, str] = {}
        self.roles: dict[str, tuple[str, str]] = {}  # surname -> (full name, latest role)
        self.titled: list[tuple[str, str]] = []  # (role, full name)
        self.history: list[tuple[Attribution, str | None]] = []  # (speaker, gender)
        self.spoke_at: list[int] = []  # the paragraph of each entry of `history`
        # Each person named so far, speaking or not, and where: (paragraph, word, full
        # name, printed, gender); not one named "in passing" (see `remember`).
        self.named: list[tuple[int, int, str, str, str | None]] = []
        self.paragraph = 0  # the paragraph being read

    def _keep(self, paragraphs: list[str]) -> Iterator[Reading]:
        kept = 0
        for paragraph in paragraphs:
            reading = Reading(paragraph)
            kept += len(reading.words)
            self.readings.append(reading if kept <= KEPT_WORDS else None)
            yield reading

    def is_person(self, name: Named) -> bool:
        """True if the story shows that `name` is a person, not a place or a company."""
        if name.titled:
            return True
        key = surname(name.tokens[-1])
        if len(name.tokens) == 1:
            # "Moscow said": a lone word is a name only if we know it is: the story
            # gave a full name ending with it, before or after, or a title with it.
            return key in self.known or key in self.cues.full or key in self.cues.titled
        full = " ".join(name.tokens)
        cues = self.cues
        if key in cues.titled or key in cues.lone or full in cues.who or full in self.printed:
            return True
        # Stories shorten a person to "Mr Warner" or "Warner" but repeat a
        # company's name whole: "Time Warner said", "Ask Jeeves said"; a given
        # name that tells a gender is a person's ("Dean Baker").
        return cues.repeated.get(full, 0) < 2 or gender_of_given_name(name.tokens[0]) is not None

    def is_full_name(self, tokens: tuple[str, ...]) -> bool:
        """True if the story writes these words as a whole name somewhere."""
        return " ".join(tokens) in self.cues.full.get(surname(tokens[-1]), ())

    def remember(self, name: Named, word: int = 0, aside: bool = False) -> None:
        """A name mentioned, not speaking: "talks with Foreign Secretary Philip Hammond".

        `word`: where in the paragraph it is; `aside`: named in passing ("with Ann
        Lee", "Lee's", "Lee spokesman Joe Ng"), so no one a later "he" goes back to.
        """
        full = None
        if len(name.tokens) >= 2 or name.role:  # "President Obama" has an office
            full = self.resolve(name)
            if name.role:
                self._give_role(full, name.role)
        if not aside and self._surely_person(name):
            full = full or self.resolve(name)
            gender = name.gender or self._gender_of(full)
            self.named.append((self.paragraph, word, full, name.printed, gender))

    def _surely_person(self, name: Named) -> bool:
        """True if the story shows `name` is a person beyond doubt: a title ("Mr Lee"),
        a given name that tells a gender, "Ann Lee, who" or "Ms Lee" elsewhere in the
        story; a lone "Lee" after the story gave "Kim Lee". Not "Asian Indian"."""
        if name.titled:
            return True
        key = surname(name.tokens[-1])
        if len(name.tokens) < 2:
            return key in self.known
        cues = self.cues
        return (
            key in cues.titled
            or " ".join(name.tokens) in cues.who
            or gender_of_given_name(name.tokens[0]) is not None
        )

    def resolve(self, name: Named) -> str:
        """The full name that `name` stands for, as far as the story has told."""
        if len(name.tokens) >= 2:
            full = " ".join(name.tokens)
            key = surname(name.tokens[-1])
            # A lone surname means the person of that name the story names most ("Mr
            # Trump" after Donald Trump six times and his brother once), else the latest.
            counted = self.mentions.setdefault(key, {})
            counted[full] = counted.get(full, 0) + 1
            if counted[full] >= counted.get(self.known.get(key, ""), 0):
                self.known[key] = full
            self.given[name.tokens[0]] = full
            return full
        (word,) = name.tokens
        if name.honorific in WITH_GIVEN_NAME and word in self.given:
            return self.given[word]
        key = surname(word)
        full = self.known.get(key, word)
        if name.gender and self._gender_of(full) not in (None, name.gender):
            # "Mr. Bush" after Laura Bush was named most: the Bush who is a man.
            fits = [
                (count, other)
                for other, count in self.mentions.get(key, {}).items()
                if self._gender_of(other) == name.gender
            ]
            if fits:
                return max(fits)[1]
        return full

    def _gender_of(self, full: str) -> str | None:
        """The gender the story gives `full` (Mr, Mrs ...), else the one its given name
        tells; for a lone surname, that of the one full name the story gives it, maybe
        later ("Murphy said ... Patrick Murphy" is a man)."""
        told = self.genders.get(full)
        if told is not None:
            return told
        if " " not in full:
            whole = self.cues.full.get(surname(full), ())
            if len(whole) != 1:
                return None
            (full,) = whole
        return gender_of_given_name(full.split(" ", 1)[0])

    def gender(self, name: Named) -> str | None:
        """The gender of the person `name` stands for: Mr, Ms ..., else the given name's."""
        return name.gender or self._gender_of(self.resolve(name))

    def speaks(self, name: Named) -> Attribution:
        full = self.resolve(name)
        if name.role:
            self._give_role(full, name.role)
        if name.gender:
            self.genders[full] = name.gender
        self.printed[full] = name.printed
        speaker = Attribution(full, name.printed, self._role_for(full))
        self._spoke((speaker, None))
        return speaker

    def source_speaks(self, source: Source) -> Attribution:
        if source.role:
            holder = self._holder(source.role)
            if holder:
                # "the US President" after "President Obama": Mr Obama speaks.
                self.printed[holder] = source.printed
                speaker = Attribution(holder, source.printed, source.role)
                self._spoke((speaker, None))
                return speaker
        speaker = Attribution(None, source.printed, source.role)
        if source.person:
            self._spoke((speaker, source.gender))
        return speaker

    def _spoke(self, entry: tuple[Attribution, str | None]) -> None:
        self.history.append(entry)
        self.spoke_at.append(self.paragraph)

    def pronoun(self, wrong_gender: str, word: int) -> Attribution:
        """Who "he" or "she" is, when its sentence does not say, speaking again.

        The latest speaker that fits, up to FARTHEST_SPEAKER paragraphs back;
        failing one, the person that fits named first in this paragraph or the
        one before, speaking or not: "Ann Lee arrived late. 'It was cold,' she said."
        `word` is where the pronoun is in this paragraph: "He met Joe Ng, saying ..." is
        not Mr Ng speaking.
        """
        found = self._latest(wrong_gender)
        if found is None:
            return self._named_since(wrong_gender, word)
        speaker, gender = self.history[found]
        if speaker.name:
            gender = self.genders.get(speaker.name, gender)
            role = self._role_for(speaker.name) or speaker.role
            speaker = Attribution(speaker.name, self.printed[speaker.name], role)
        self._spoke((speaker, gender))
        return speaker

    def _latest(self, wrong_gender: str) -> int | None:
        """Where in `history` the latest speaker that "he" or "she" can mean is."""
        for i in range(len(self.history) - 1, -1, -1):
            if self.paragraph - self.spoke_at[i] > FARTHEST_SPEAKER:
                return None  # "he", many paragraphs after anyone spoke: too far to tell
            speaker, gender = self.history[i]
            if speaker.name:
                # Mr, Ms ... told; else the given name's: "he" is not Ann Lee.
                gender = self.genders.get(speaker.name) or gender or self._gender_of(speaker.name)
            if gender != wrong_gender:
                return i
        return None

    def _named_since(self, wrong_gender: str, word: int) -> Attribution:
        """The person named first, in the latest paragraph that names one that fits
        (this one or up to FARTHEST_NAMED before), speaking: in "Ann Lee met Joe Ng.
        He said ..." Mr Ng, the one man; in "Ann Lee met Kim Park. She said ..." Ms
        Lee, whom the paragraph is about."""
        first = None
        for at, where, full, printed, gender in reversed(self.named):
            if self.paragraph - at > FARTHEST_NAMED or (first and at != first[0]):
                break
            if at == self.paragraph and where > word:
                continue  # named after the pronoun
            if gender != wrong_gender and self.genders.get(full) != wrong_gender:
                first = (at, full, printed, gender)
        if first is None:
            return NOBODY
        _, full, printed, gender = first
        self.printed[full] = printed
        speaker = Attribution(full, printed, self._role_for(full))
        # The gender its given name tells goes with it: the next "she" is not Joe Ng.
        self._spoke((speaker, gender))
        return speaker

    def complete(self, speaker: Attribution) -> Attribution:
        """The speaker with the full name the whole story gives, once read to the end.

        "President Obama" before the story first writes "Barack Obama" is
        Barack Obama, if the story gives no other full name with that surname.
        """
        if speaker.quotes:
            completed = [self._completed(q.speaker) for q in speaker.quotes]
            if any(c != q.speaker for c, q in zip(completed, speaker.quotes, strict=True)):
                quotes = tuple(
                    q if c == q.speaker else replace(q, speaker=c)
                    for c, q in zip(completed, speaker.quotes, strict=True)
                )
                speaker = replace(speaker, quotes=quotes)
        name = self._completed(speaker.name)
        return speaker if name == speaker.name else replace(speaker, name=name)

    def _completed(self, name: str | None) -> str | None:
        if name is None or " " in name:
            return name
        full = self.cues.full.get(surname(name), frozenset())
        if len(full) != 1:
            return name
        (whole,) = full
        genders = {self.genders.get(name), self.genders.get(whole)} - {None}
        return whole if len(genders) < 2 else name  # not Mr to Mrs

    def _give_role(self, full: str, role: str) -> None:
        self.roles[surname(full.split()[-1])] = (full, role)
        self.titled.append((role, full))

    def _role_for(self, full: str) -> str | None:
        entry = self.roles.get(surname(full.split()[-1]))
        if entry is None:
            return None
        holder, role = entry
        # "Obama" and "Barack Obama" are one person; Boris and Diana Johnson are two.
        same = holder == full or " " not in holder or " " not in full
        return role if same else None

    def _holder(self, role: str) -> str | None:
        """The person the story last gave the office `role`, if any."""
        for exact in (True, False):
            for given, full in reversed(self.titled):
                if same_office(role, given, exact):
                    return full if " " in full else self.known.get(surname(full), full)
        return None


def _read_cues(readings: Iterable[Reading]) -> _Cues:
    titled: set[str] = set()
    lone: set[str] = set()
    who: set[str] = set()
    full: dict[str, set[str]] = {}
    repeated: Counter[str] = Counter()
    for reading in readings:
        words = reading.words
        for run in reading.runs:
            name = reading.name(run)
            if name is None:
                continue
            key = surname(name.tokens[-1])
            if name.titled:
                titled.add(key)
            if len(name.tokens) == 1:
                lone.add(key)
            else:
                full.setdefault(key, set()).add(" ".join(name.tokens))
                repeated[" ".join(name.tokens)] += 1
            following = [w.lower() for w in words[run[1] : run[1] + 2]]
            if following[:1] == ["who"] or following == [",", "who"]:
                who.add(" ".join(name.tokens))
    return _Cues(
        frozenset(titled),
        frozenset(lone),
        frozenset(who),
        {key: frozenset(names) for key, names in full.items()},
        dict(repeated),
    )
