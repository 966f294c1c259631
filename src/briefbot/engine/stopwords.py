"""Words that carry no topic: function words and chat filler, French and English.

Question words that do tell topics apart (who/when/where and their French
forms) are concepts in ``knowledge/concepts.yaml``, not stop words.
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """
    a à ai aie aies ait as au aux avec avoir avait avez avons c ca ce ceci cela celle celui ces
    cet cette chaque comme comment d dans de des donc du elle elles en encore est es et etc
    etaient etait ete etre eu eux fait faire fais faut il ils j je jusqu l la le les leur leurs
    lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont par pas peu peut peux plus
    pour pourrais pourriez pouvez qu que quel quelle quelles quels qui quoi s sa sans se ses si
    son sont suis sur t ta te tes toi ton tous tout toute toutes tu un une vos votre vous y svp
    stp merci bonjour salut coucou hello hey hi svp please pls plz plait thanks thank thx ok okay
    alors bah ben bon euh hein genre voila bref juste vraiment tres trop aussi deja ya
    cest sait sais vrai saurais sauriez savoir savez dites dis veux voudrais aimerais souhaite
    connaitre
    the an and or but if of in on at to for from by with about as into over is are was were be
    been being am do does did doing done have has had having it its this that these those
    there here they them their theirs he him his she her hers we us our you your yours i me my
    mine what whats which how can could would should will shall may might must just really very
    so too also any some much many more most such than then tell know want wanna gonna
    like let lets teh u ur r pls quick question anyone someone somebody bot briefbot guys
    mean means exactly actually wat wut wht koi kwa va vont vais aller ca ils sa whats
    whos got get gets getting going go goes concretement precisement exactement franchement
    serieusement honnetement basically concretely precisely specifically seriously honestly
    literally other others autre autres exact exacte exacts exactes explain expliquer
    explique expliquez help aider confirm confirme confirmer confirmez verify verifier verifie
    verifiez
    lol lmao omg wtf btw fyi idk tbh imo asap urgent urgente spoiler spoilers mdr ptdr bro
    dude yo wow oh hmm yeah yep ouais whatever anyway anyways ppl doin hm hmmm ah haha hahaha
    xd uh um umm quelqu
    jsp px pk pq tkt dsl bcp slt jpp frr wsh chui chuis jveux jvoudrais kesk keske kske
    """.split()
)
