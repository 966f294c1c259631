"""Common English and French words (folded): unknown to the knowledge base, they weigh
little, since they rarely say what a question is about. Derived from the stopwords-iso
lists (MIT licence, https://github.com/stopwords-iso) minus time and quantity words,
which do change what a question asks ("before", "next", "billion").
"""

from __future__ import annotations

COMMON_WORDS = frozenset(
    """
    able ableabout abord about above abroad absolument abst accordance according accordingly
    across act actually ad added adj adopted ae af affected affecting affects afin afterwards ag
    again against ah ahead ai aie aient aies ailleurs ain ainsi aint ait al all allaient allo
    allons allow allows almost alone along alongside alors already also although always am amid
    amidst among amongst amoungst amount an and announce another anterieur anterieure
    anterieures any anybody anyhow anymore anyone anything anyway anyways anywhere ao apart
    apparently appear appreciate appropriate approximately apres aq ar are area areas aren arent
    arise around arpa as aside ask asked asking asks assez associated at attendu au aucun aucune
    aucuns aujourd aupres auquel aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aussi autant auth autre autrefois autrement autres autrui aux auxquelles
    auxquels avaient available avais avait avant avec avez aviez avions avoir avons aw away
    awfully ayant ayez ayons az ba back backed backing backs backward backwards bah bas basee
    bat bb bd be beau beaucoup became because become becomes becoming been beforehand began
    begin beginning beginnings begins behind being beings believe below beside besides best
    better between beyond bf bg bh bi bien big bigre bill biol bj bm bn bo bon both bottom boum
    br bravo brief briefly brrr bs bt but buy bv bw by bz ca call came can cannot cant caption
    car case cases cause causes cc cd ce ceci cela celle celles celui cent cependant certain
    certaine certaines certainly certains certes ces cet cette ceux cf cg ch chacun chacune
    changes chaque cher chere cheres chers chez chiche chut ci cinq cinquantaine cinquante
    cinquantieme cinquieme ck cl clac clear clearly clic click cm cmon cn co com combien come
    comes comme comment comparable comparables compris computer con concernant concerning
    consequently consider considering contain containing contains contre copy corresponding
    couic could couldn couldnt course cr crac cry cs cu currently cv cx cy cz da dans dare daren
    darent date de dear debout debut dedans definitely dehors deja dela depuis dernier derniere
    derriere des describe described desormais despite desquelles desquels dessous dessus detail
    deux deuxieme deuxiemement devant devers devra devrait did didn didnt differ different
    differente differentes differently differents dire directe directement directly dit dite
    dits divers diverse diverses dix dixieme dj dk dm do does doesn doesnt doing doit doivent
    don donc done dont dos doubtful douze douzieme down downed downing downs downwards dring
    droite du due duquel durant during dz each early ec ed edu ee effect effet eg egale
    egalement egales eh eight eighty either eleven elle elles else elsewhere empty en encore end
    ended ending ends enfin enough entirely entre envers environ er es especially essai est et
    etaient etais etait etant etat etc ete etee etees etes etiez etions etre eu eue eues euh
    eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux even evenly ever
    evermore every everybody everyone everything everywhere ex exactement exactly example except
    excepte extenso exterieur face faces facon fact facts fairly fais faisaient faisant fait
    faites far farther felt feront few fewer ff fi fifteen fifth fifty fify fill find finds fire
    first five fix fj fk flac floc fm fo fois followed following follows font for force forever
    forth forty forward found four fr free from front full fully fumes furent further furthered
    furthering furthermore furthers fus fusse fussent fusses fussiez fussions fut futes fx ga
    gave gb gd ge general generally gens get gets getting gf gg gh gi give given gives giving gl
    gm gmt gn go goes going gone good goods got gotten gov gp gq gr great greater greatest
    greetings group grouped grouping groups gs gt gu gw gy ha had hadn hadnt half happens hardly
    has hasn hasnt haut have haven havent having he hed hein helas hell hello help hem hence hep
    her here hereafter hereby herein heres hereupon hers herse herself hes hi hid high higher
    highest him himse himself his hither hk hm hn ho hola home homepage hop hopefully hormis
    hors hou houp how howbeit however hr ht htm html http hu hue hui huit huitieme hum hurrah
    ici id ie if ignored ii il ill ils im immediate immediately importance important importe in
    inasmuch inc indeed index indicate indicated indicates information inner inside insofar
    instead int interest interested interesting interests into invention inward io iq ir is isn
    isnt it itd itll its itse itself ive je jm jo join jp jusqu jusque just juste ke keep keeps
    kept keys kg kh ki kind km kn knew know known knows kp kr kw ky kz la laisser laquelle large
    largely las lately latest latter latterly lb lc le least length lequel les lesquelles
    lesquels less lest let lets leur leurs li like liked likely likewise line little lk ll long
    longer longest longtemps look looking looks lors lorsque low lower lr ls lt ltd lu lui lv ly
    ma made mainly maint maintenant mais make makes making malgre man many maximale may maybe
    mayn maynt mc md me mean means meantime meanwhile member members meme memes men merci merely
    mes mg mh microsoft mien mienne miennes miens might mightn mightnt mil mill mille mince mine
    minimale minus miss mk ml mm mn mo moi moindres moins mon more moreover most mostly mot move
    moyennant mp mq mr mrs ms msie mt mu much mug multiple multiples must mustn mustnt mv mw mx
    my myse myself mz na name namely naturel naturelle naturelles nay nc nd ne neanmoins near
    nearly necessaire necessairement necessarily necessary need needed needing needn neednt
    needs neither net netscape neuf neuvieme never neverf neverless nevertheless new newer
    newest nf ng ni nine ninety nl no nobody nombreuses nombreux nommes non none nonetheless
    noone nor normally nos not notamment noted nothing notre notres notwithstanding nous nouveau
    nouveaux novel now nowhere np nr nu nul null number numbers nz obtain obtained obviously of
    off often oh ohe ok okay old older oldest ole olle om omitted on once one ones only ont onto
    onze onzieme open opened opening opens opposite or ord order ordered ordering orders ore org
    other others otherwise ou ouf ought oughtn oughtnt ouias our ours ourselves oust ouste out
    outre outside ouvert ouverte ouverts over overall owing own pa paf page pages pan par parce
    parfois parle parlent parler parmi parole parseme part partant parted particular
    particularly particulier particuliere particulierement parting parts pas passe past pe
    pendant pense per perhaps permet personne personnes peu peut peuvent peux pf pff pfft pfut
    pg ph piece pif pire pk pl place placed places please plein plouf plupart plus plusieurs
    plutot pm pmid pn point pointed pointing points poorly possessif possessifs possible
    possibles possibly potentially pouah pour pourquoi pourrais pourrait pouvait pp pr prealable
    precisement predominantly premier premiere premierement pres present presented presenting
    presents presumably previously primarily probable probably probante problem problems
    procedant proche promptly proud provided provides psitt pt pu puis puisque pur pure put puts
    pw py qa qu quand quant quanta quarante quatorze quatre quatrieme quatriemement que quel
    quelconque quelle quelles quelqu quelque quelques quels qui quickly quiconque quinze quite
    quoi quoique qv ran rare rarement rares rather rd re readily really reasonably recent
    recently ref refs regarding regardless regards related relative relatively relativement
    remarquable rend rendre research reserved respectively restant reste restent restrictif
    resulted resulting results retour revoici revoila rien right ring ro room rooms round ru run
    rw sa sacrebleu said sait same sans sapristi sauf saw say saying says sb sc sd se sec second
    secondly seconds section see seeing seem seemed seeming seems seen sees sein seize self
    selon selves semblable semblaient semble semblent sensible sent sept septieme sera serai
    seraient serais serait seras serez seriez serions serious seriously serons seront ses seul
    seule seulement seven seventy several sg sh shall shan shant she shed shell shes should
    shouldn shouldnt show showed showing shown showns shows si side sides sien sienne siennes
    siens significant significantly similar similarly since sincere sinon site six sixieme sixty
    sj sk sl slightly sm small smaller smallest sn so soi soient sois soit soixante some
    somebody someday somehow someone somethan something sometime sometimes somewhat somewhere
    sommes son sont soon sorry sous souvent soyez soyons specifically specified specifique
    specifiques specify specifying speculatif sr st state states still stop strictement strongly
    su sub substantially subtiles successfully such sufficiently suffisant suffisante suffit
    suggest suis suit suivant suivante suivantes suivants suivre sujet sup superpose sur sure
    surtout sv sy system sz ta tac take taken taking tandis tant tardive tc td te tel tell telle
    tellement telles tels ten tenant tend tends tenir tente tes test text tf tg th than thank
    thanks thanx that thatll thats thatve the their theirs them themselves then thence there
    thereafter thereby thered therefore therein therell thereof therere theres thereto thereupon
    thereve these they theyd theyll theyre theyve thick thin thing things think thinks third
    thirty this thorough thoroughly those thou though thoughh thought thoughts three throug
    through throughout thru thus tic tien tienne tiennes tiens til till tip tis tj tk tm tn to
    toc today together toi ton too took top touchant toujours tous tout toute toutefois toutes
    toward towards tp tr treize trente tres tried tries trillion trois troisieme troisiemement
    trop truly try trying ts tsoin tsouin tt tu turn turned turning turns tv tw twas twelve
    twenty twice two tz ua ug uk um un under underneath undoing une unes unfortunately
    uniformement unique uniques unless unlike unlikely uns until unto up upon ups upwards us use
    used useful usefully usefulness uses using usually uucp uy uz va vais valeur value various
    vas vc ve vers versus very vg vi via vif vifs vingt vivat vive vives viz vlan vn voici voie
    voient voila voire vol vols vont vos votre votres vous vs vu want wanted wanting wants was
    wasn wasnt way ways we web webpage website wed welcome well wells went were weren werent
    weve wf what whatever whatll whats whatve when whence whenever where whereafter whereas
    whereby wherein wheres whereupon wherever whether which whichever while whilst whim whither
    who whod whoever whole wholl whom whomever whos whose why widely width will willing wish
    with within without won wonder wont words work worked working works world would wouldn
    wouldnt ws www ye yes yet you youd youll young younger youngest your youre yours yourself
    yourselves youve yt yu za zero zm zr zut
    """.split()
)
