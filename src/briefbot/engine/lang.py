"""Which language a question is written in: the language of its grammar.

Function words decide (question words, pronouns, auxiliaries weigh double;
articles and prepositions once), with letters only some languages use.
Borrowed names do not: the caller masks the words of names ("la conf de
presse" in "when does la conf de presse start?" is a French name in an English
sentence). French or English when either leads; Spanish, Italian, German,
Dutch, Portuguese, Polish, Romanian, Turkish, Swedish, Danish, Catalan, Czech,
Finnish or Hungarian when one of them clearly does (the bot answers
those in English when it understands them); None when nothing tells
("Silva ?"), so the caller's preference applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefbot.engine.types import Lang

# Grammar words, folded. Strong ones (weight 2) rarely appear inside a name.
_STRONG: Mapping[str, frozenset[str]] = {
    "fr": frozenset(
        """qui quoi quand comment pourquoi quel quelle quels quelles est sont etait etaient ont
        c qu j je tu il elle ils elles on nous vous ce cette ces y ya cest dit fait peut peux
        pouvez sais savez suis va vont sera seront aura etre avoir moi toi lui leur mon ma mes
        ton ta tes son ses notre votre nos vos ne pas aussi deja encore combien ou parle parlent
        svp stp merci bonjour salut koi kwa qd ki chu ai avez voudrais veux dis que se veut
        kes kel kil ke keske jsuis mdr ptdr jpp cqui ckoi cki cquoi
        font faut doit""".split()
    ),
    "en": frozenset(
        """who what when where which how why whose is are was were be been being am do does did
        have has had can could will would should may might must i you he she it we they me him
        her us them my your his its our their this that these those there here not whats whos
        wheres hows lets pls please tell thanks hi hello re ll ve dont doesnt didnt isnt wasnt
        im u ur wen gonna wanna know give any wats teh""".split()
    ),
    "es": frozenset(
        """el los las del quien quienes donde cuando como cual cuales esta estan hay muy
        pero tambien dijo es son fue una por para celebra sobre hora decidio que se al hablo
        hablaron habla preside estuvo asistio participo quienes quien dan conjunta
        cuanto dura oye era eran enero verdad hacer manana tiempo hoy ayer pasa paso con""".split()
    ),
    "it": frozenset(
        """il lo gli della delle dei degli che chi cosa come dove quando perche sono e ha hanno
        una uno per nel nella alla al questo questa si detto posso vedere quali quale qual dell
        sul sulla ci terra sara saranno quanti quante riunione stampa conferenza
        congiunta ora inizia iniziata inizio finita finisce parlato aperto parlano oggi domani
        ieri""".split()
    ),
    "de": frozenset(
        """der die das den dem und ist sind wer was wann wo wie warum welche ein eine einen zu
        mit von auf fur im nicht hat haben wird werden uber bei auch oder ich sie er es statt
        findet welcher welches welchen worum geht woruber sprechen besprechen wofur steht
        abkurzung""".split()
    ),
    "nl": frozenset(
        """het een van wat wie waar wanneer hoe waarom zijn op voor met bij niet er ik je hij
        zij om naar over ook deze waren staat begint laat hoeveel zei heeft welke geven geeft
        wordt worden gaat komt moet zal zullen vindt plaats spreekt sprak zegt geopend
        opende dagen duurt dag bijeenkomst vergadering waarover praten bespreken""".split()
    ),
    "pt": frozenset(
        """o os as do da dos das em no na nos nas um uma quem onde quando como porque foi sao
        ser ao aos pelo pela com para disse qual quais ate quer estar esta voce nao horas
        imprensa reuniao abriu que conferencia falam""".split()
    ),
    "pl": frozenset(
        """kto co gdzie kiedy jak dlaczego jest sa czy sie nie ten przez od przewodniczy
        odbywa ktory ktora ktore ktorej jaki jaka jakie godzinie konferencja prasowa
        powiedzial spotkanie""".split()
    ),
    "tr": frozenset("ne nerede zaman kim kac kacta saat mi mu toplantisi toplanti".split()),
    "ro": frozenset(
        """unde cand cine cum este sunt era fost si din pe cu pentru despre loc
        spus vorbit deschis""".split()
    ),
    "sv": frozenset(
        """vem vad nar hur varfor var ar och det ett som med av till om har hade blir halls
        motet mote talar talade sa sade borjar""".split()
    ),
    "da": frozenset(
        """hvem hvad hvornar hvordan hvorfor hvor og det et som med af til om har havde bliver
        holdes modet mode taler talte sagde begynder hva apnet""".split()
    ),
    "ca": frozenset(
        """quan qui com on per que es fa fan els dels amb aquesta aquest reunio parla va caps
        defensa parlar obertura dir ens hem evitar""".split()
    ),
    "cs": frozenset(
        """kdy kde kdo co je jak proc byl byla bude jsou mluvil rekl tiskova konference schuzka
        setkani""".split()
    ),
    "fi": frozenset(
        """milloin missa kuka mika mita oli ja kokous puhui sanoi lehdistotilaisuus
        tiedotustilaisuus""".split()
    ),
    "hu": frozenset(
        """mikor hol ki mi mit lesz van volt es az sajtotajekoztato ulese mondott""".split()
    ),
}
# Grammar words of the other languages only: kept even inside a name ("ha aperto",
# "opende" name the opening), since French or English sentences rarely borrow them.
FOREIGN = frozenset().union(*(w for k, w in _STRONG.items() if k not in ("fr", "en"))) - (
    _STRONG["fr"] | _STRONG["en"]
)
_WEAK: Mapping[str, frozenset[str]] = {
    "fr": frozenset("le la les l de du des d un une au aux en et pour sur dans avec par".split()),
    "en": frozenset("the an of in on at to for from by with about and".split()),
}
# Letters that mark one language (checked on the raw text, before folding).
_LETTERS: Mapping[str, str] = {
    "fr": "èêëàâîïôûùçœ",
    "es": "ñ¿¡áíóú",
    "pt": "ãõç",
    "de": "ßäö",
    "pl": "łąęśżźćń",
    "it": "ìò",
    "ro": "ășțâî",
    "tr": "ığşı",
    "sv": "åäö",
    "da": "æøå",
    "ca": "ŀ",
    "cs": "ěřůťď",
    "hu": "őű",
}
# Letters neither French nor English uses: a name typed with them ("conferința de
# presă") still tells its language, though names are left out of the grammar.
_FOREIGN_MARKS = frozenset("".join(_LETTERS.values())) - frozenset(_LETTERS["fr"])


def foreign_marks(token: str) -> str:
    """The letters of ``token`` that neither French nor English uses."""
    return "" if token.isascii() else "".join(ch for ch in token.lower() if ch in _FOREIGN_MARKS)


# A language other than French and English must lead by this much, and score at
# least OTHER_MIN, to be called: cognates and names ("agenda", "Moreau") leak in.
OTHER_MARGIN = 2
HEAD_BONUS = 1  # the head's weight over the rest of a French or English question
OTHER_MIN = 3
# The last letter of the Latin script's extended blocks; a text mostly past it is in
# another script, and gets this code.
LATIN_END = "\u024f"
_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
OTHER_SCRIPT = "other-script"
# A marked letter counts once; the inverted marks of Spanish, used by no other
# language, twice.
_DOUBLE = frozenset("¿¡")


# Each marked letter's languages, with its weight in each: a message's letters are
# counted once, only those it holds.
_MARKS: dict[str, tuple[tuple[str, int], ...]] = {}
for _lang, _chars in _LETTERS.items():
    for _ch in _chars:
        _MARKS[_ch] = (*_MARKS.get(_ch, ()), (_lang, 2 if _ch in _DOUBLE else 1))


def _letters(raw: str) -> dict[str, int]:
    if raw.isascii():
        return {}
    lowered = raw.lower()
    out = dict.fromkeys(_LETTERS, 0)
    for ch in _MARKS.keys() & set(lowered):
        count = lowered.count(ch)
        for lang, weight in _MARKS[ch]:
            out[lang] += count * weight
    return out


# Each grammar word's weight in each language, looked up once per word.
_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {}
for _lang, _words in _STRONG.items():
    for _word in _words:
        _WEIGHTS[_word] = (*_WEIGHTS.get(_word, ()), (_lang, 2))
for _lang, _words in _WEAK.items():
    for _word in _words:
        _WEIGHTS[_word] = (*_WEIGHTS.get(_word, ()), (_lang, 1))


def scores(
    words: Iterable[str],
    raw: str,
    vocabulary: Mapping[Lang, frozenset[str]] | None = None,
) -> dict[str, int]:
    """Each language's score: grammar words (strong 2, weak 1), marked letters, and
    words only one language's paraphrases use (``vocabulary``, 1 each)."""
    out = dict.fromkeys(_STRONG, 0)
    vocab = vocabulary or {}
    for word in words:
        weights = _WEIGHTS.get(word)
        if weights is not None:
            for lang, weight in weights:
                out[lang] += weight
            continue
        for lang, known in vocab.items():
            if word in known:
                out[lang] += 1
    for lang, count in _letters(raw).items():
        out[lang] += count
    return out


def _other_script(raw: str) -> bool:
    """Whether most letters are of a script other than the Latin one (Cyrillic, Greek,
    Arabic, Chinese…): a language the bot does not answer in, whatever its words."""
    if raw.isascii():
        return False
    # No more characters past ASCII than ASCII letters: never mostly another script (the
    # common case, checked without going through the characters one by one).
    ascii_part = raw.encode("ascii", "ignore")
    if len(raw) - len(ascii_part) <= len(ascii_part.translate(None, _NOT_LETTERS)):
        return False
    letters = [ch for ch in raw if ch.isalpha()]
    return sum(ch > LATIN_END for ch in letters) * 2 > len(letters)


def detect(
    words: Iterable[str], raw: str, vocabulary: Mapping[Lang, frozenset[str]] | None = None
) -> str | None:
    """'fr', 'en', another language's code, or None when the text gives no clear sign."""
    if _other_script(raw):
        return OTHER_SCRIPT
    found = scores(words, raw, vocabulary)
    fr, en = found.pop("fr"), found.pop("en")
    other = max(found, key=found.__getitem__)  # the first of the best, as listed
    best = found[other]
    if best >= OTHER_MIN and best >= max(fr, en) + OTHER_MARGIN:
        return other
    # between French and English, the question's head weighs more: its first grammar
    # word of one of them alone ("is there a livestream sur le site du port ?")
    head = next((w for w in words if len(_WEIGHTS.get(w, ())) == 1), "")
    lead = _WEIGHTS[head][0][0] if head else ""
    fr, en = fr + HEAD_BONUS * (lead == "fr"), en + HEAD_BONUS * (lead == "en")
    if fr == en:
        return None
    return "fr" if fr > en else "en"
