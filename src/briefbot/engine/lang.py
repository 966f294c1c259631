"""Guessing whether a question is French or English from the question alone.

Function words and accents decide; names and shared words ("Cavoli ?",
"agenda", "date") do not, so such questions return None and the caller's
preference (Discord locale, server default) applies.
"""

from __future__ import annotations

from briefbot.engine.normalize import fold
from briefbot.engine.types import Lang

_FR = frozenset(
    """
    le la les des du de un une est sont qui quoi quand ou comment pourquoi quel quelle quels
    quelles ce cette ces ca qu c l d j n il elle ils elles on nous vous et pour sur dans avec au
    aux par pas ne que dit parle reunion presse ordre jour etat major comite militaire soutien
    guerre otan amiral bruxelles ete fait sera aura lieu rencontre parler intervenants
    conference combien avez peux pouvez dire svp merci bonjour salut tu moi mon ma mes ses leur
    leurs chefs defense depenses annonce decide resultats deja demain aujourd hui suivre
    regarder direct tient ont qu partenaires point points prevu prevue apres avant ils sont y
    son sa vers chez ete etait ta tes ton votre vos notre nos koi odj planif cest ya stp svp
    """.split()
)
_EN = frozenset(
    """
    the an is are was were who what when where which how why did does do of in at to for with
    and about said say speak spoke speakers meeting press agenda admiral brussels chiefs defence
    committee war it whats whos can will be been has have had this that there they their them
    his her say says tell me my please thanks hello hi watch live held take place time items
    talk talked spending decided outcome results link anything something today tomorrow you your
    i re ll ve don doesn didn isn
    """.split()
)
_ACCENTED_FR = frozenset("éèêëàâîïôûùüçœ")


def detect(
    text: str, fr_words: frozenset[str] = frozenset(), en_words: frozenset[str] = frozenset()
) -> Lang | None:
    """'fr', 'en', or None when the text gives no clear sign.

    Elisions survive folding as one-letter words ("l", "qu", "d"), so they count
    for French; "re", "ll", "don" (you're, we'll, don't) count for English.
    ``fr_words``/``en_words`` add vocabulary known to be one language's only
    (the knowledge base's paraphrases), for questions without function words.
    """
    words = fold(text).split()
    # Function words weigh double: the knowledge base's words include names
    # and acronyms that one language happens to use ("NDPP").
    fr = sum(2 if w in _FR else 1 for w in words if w in _FR or w in fr_words)
    en = sum(2 if w in _EN else 1 for w in words if w in _EN or w in en_words)
    lowered = text.lower()
    fr += 4 * sum(1 for ch in lowered if ch in _ACCENTED_FR)
    if fr == en:
        return None
    return "fr" if fr > en else "en"
